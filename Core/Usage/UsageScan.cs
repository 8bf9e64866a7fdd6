using LanguageExt;

namespace Menshen.Core.Usage;

/// One JSON document read for usage: whether it parsed, the usage it carried, whether its root
/// `type` was `response.completed` (the end marker of a responses stream), and the `response.id`
/// of a responses event.
internal readonly record struct UsageScan(
    bool Valid, Option<TokenUsage> Usage, bool IsResponseCompleted, string? ResponseId = null)
{
    public static readonly UsageScan Invalid = new(false, Option<TokenUsage>.None, false);
}
