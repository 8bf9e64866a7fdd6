namespace Menshen.Core.Routing;

/// The failover loop's decisions, one for both proxies (understood endpoints and passthrough):
/// the Shell gathers what an attempt gave and does what these say.
public static class FailoverDecision
{
    /// What to do after an attempt classified as `outcome` (RetryClassification), with or
    /// without a response (`hasAnswer`), at the plan's last provider or not (`lastPlanned`).
    public static FailoverStep AfterAttempt(AttemptOutcome outcome, bool hasAnswer,
        bool lastPlanned, bool clientLeft, bool stopping)
    {
        // Once the shutdown grace ran out every timer of the request is cancelled: a relay
        // would be cut after its first bytes, where Core's 503 says to retry.
        if (stopping) return FailoverStep.DropAndEnd;
        // A final answer goes out even to a client that left: the relay notices, and the audit
        // keeps what the provider said.
        if (outcome == AttemptOutcome.Final && hasAnswer) return FailoverStep.Relay;
        // A client gone wants no other provider asked, and no last resort relayed.
        if (clientLeft) return FailoverStep.DropAndEnd;
        if (!hasAnswer) return lastPlanned ? FailoverStep.DropAndEnd : FailoverStep.DropAndTryNext;
        // The newest answer is kept: the one the last provider that answered at all gave.
        return lastPlanned ? FailoverStep.KeepAndEnd : FailoverStep.KeepAndTryNext;
    }

    /// How the loop ends when no final answer was relayed: the kept answer (`hasKept`) as the
    /// last resort, unless the client left (nobody to tell) or the gateway stops (see above).
    public static FailoverEnd AtEnd(bool hasKept, bool clientLeft, bool stopping) =>
        hasKept && !clientLeft && !stopping
            ? FailoverEnd.RelayKeptAsLastResort : FailoverEnd.Unanswered;

    /// Whether `step` keeps the attempt's answer (in place of the one kept before).
    public static bool Keeps(FailoverStep step) =>
        step is FailoverStep.KeepAndTryNext or FailoverStep.KeepAndEnd;

    /// Whether `step` ends the loop without relaying (AtEnd decides what goes out).
    public static bool Ends(FailoverStep step) =>
        step is FailoverStep.KeepAndEnd or FailoverStep.DropAndEnd;
}
