namespace Menshen.Core.Routing;

/// How a failover loop that relayed no final answer ends (FailoverDecision.AtEnd).
public enum FailoverEnd
{
    /// Relay the kept answer, marked a last resort (Answer.Relayed.LastResort).
    RelayKeptAsLastResort,

    /// Drop the kept answer, if any: Core's error goes out (FailedAnswer), or nothing when the
    /// client left.
    Unanswered,
}
