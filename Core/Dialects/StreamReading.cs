using Menshen.Core.Usage;

namespace Menshen.Core.Dialects;

/// What a finished stream said: its usage (null when none came), whether it reached the
/// dialect's end marker (only a complete stream may be cached), the response id it carried
/// (affinity), and the error an event inside the stream reported after the answer had started
/// (null: none), as the audit's note. `Ended` says the answer itself ended (a JSON body whole;
/// a stream whose choices finished, even without `[DONE]`): one that did not is no answer.
public sealed record StreamReading(
    TokenUsage? Usage, bool Completed, string? ResponseId = null, string? Error = null,
    bool? Ended = null)
{
    public bool AnswerEnded => Ended ?? Completed;
}
