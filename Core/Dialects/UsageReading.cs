using Menshen.Core.Usage;

namespace Menshen.Core.Dialects;

/// The usage read from one response, where it came from, whether a stream reached its end
/// marker (true for a body that was not a stream), the response id it carried (affinity), and an
/// error reported inside the stream.
public sealed record UsageReading(
    TokenUsage? Usage, UsageSource Source, bool StreamCompleted, string? ResponseId = null,
    string? StreamError = null)
{
    public static readonly UsageReading Nothing = new(null, UsageSource.None, true);
}
