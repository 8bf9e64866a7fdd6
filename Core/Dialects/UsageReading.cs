using Menshen.Core.Usage;

namespace Menshen.Core.Dialects;

/// The usage read from one response, where it came from, and whether a stream reached its end
/// marker (true for a body that was not a stream).
public sealed record UsageReading(TokenUsage? Usage, UsageSource Source, bool StreamCompleted)
{
    public static readonly UsageReading Nothing = new(null, UsageSource.None, true);
}
