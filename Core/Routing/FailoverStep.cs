namespace Menshen.Core.Routing;

/// What the failover loop does after one attempt (FailoverDecision.AfterAttempt). "Keep" puts
/// this attempt's answer in place of the one kept so far (which is dropped); "Drop" lets this
/// attempt go and leaves a kept answer as it is.
public enum FailoverStep
{
    /// Relay this attempt's answer: it is final.
    Relay,

    /// Keep this answer (not final) and try the next provider.
    KeepAndTryNext,

    /// Drop this attempt (no answer) and try the next provider.
    DropAndTryNext,

    /// Keep this answer (not final) and end: FailoverDecision.AtEnd says what goes out.
    KeepAndEnd,

    /// Drop this attempt and end: FailoverDecision.AtEnd says what goes out.
    DropAndEnd,
}
