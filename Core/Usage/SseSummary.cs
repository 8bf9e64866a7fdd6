using LanguageExt;

namespace Menshen.Core.Usage;

/// What a finished SSE stream told us: the last usage seen (None when there was none) and whether
/// the stream reached its end marker (`data: [DONE]`, or `response.completed` for responses).
public sealed record SseSummary(Option<TokenUsage> Usage, bool Completed);
