using Menshen.Core.Usage;

namespace Menshen.Core.Dialects;

/// The usage read from one response, where it came from, whether a stream reached its end
/// marker (true for a body that was not a stream), the response id it carried (affinity), an
/// error reported inside the stream (or a 2xx body's root `error`), and whether the answer
/// itself ended (StreamReading.AnswerEnded; an answer not read counts as ended).
public sealed record UsageReading(
    TokenUsage? Usage, UsageSource Source, bool StreamCompleted, string? ResponseId = null,
    string? StreamError = null, bool AnswerEnded = true)
{
    public static readonly UsageReading Nothing = new(null, UsageSource.None, true);

    /// A body the gateway could not read (a coding it does not know, or one that failed to
    /// decode): no usage, never replayed, and no judgement on whether it was an answer.
    public static readonly UsageReading Unread = new(null, UsageSource.None, false);
}
