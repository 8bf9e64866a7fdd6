using Menshen.Core.Dialects;

namespace Menshen.Core.Exchanges;

/// How forwarding a response body ended.
public enum RelayEnd
{
    Completed,
    UpstreamFailed,
    UpstreamTimedOut,
    ClientClosed,

    /// The gateway's shutdown grace ran out while the body was being relayed.
    GatewayStopped,
}

public static class RelayEnds
{
    /// True when the upstream gave out, or the gateway stopped, after part of the body reached
    /// the client: the client's connection is then cut, not its body ended. A clean end (the
    /// chunked body's last chunk) would read as a whole answer to an SDK or an agent that does
    /// not wait for the dialect's last event; a cut connection is an error every HTTP client
    /// reports, as nginx does.
    public static bool CutsClient(RelayEnd end) =>
        end is RelayEnd.UpstreamFailed or RelayEnd.UpstreamTimedOut
            or RelayEnd.GatewayStopped;

    /// How a relay that read to the end of the upstream body really ended. A body framed by
    /// the upstream closing its connection (no length, not chunked, not HTTP/2) ends alike
    /// whole or cut short, and the gateway re-frames it with a clean end; so a successful
    /// answer that the gateway could judge (`judged`: JSON or an event stream of an understood
    /// endpoint) and that did not itself end there is the upstream failing mid-body
    /// (helper-54). An answer that ended with an error event did end (helper-56: it was cut, its
    /// error lost); a 204 or 205 has no body to end.
    public static RelayEnd Settle(RelayEnd end, int status, bool closeDelimited, bool judged,
        UsageReading usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return end == RelayEnd.Completed && closeDelimited && judged && !usage.AnswerEnded
            && usage.StreamError is null && status is >= 200 and < 300 and not (204 or 205)
            ? RelayEnd.UpstreamFailed
            : end;
    }
}
