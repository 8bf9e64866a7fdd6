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
    /// How a relay ended that saw the client leave only after every chunk so far had been
    /// delivered (the last flush succeeded; the abort came with the next upstream read or the
    /// final flush). One successful answer in ~5,000 under load was recorded client_closed
    /// although the client had it whole (helper-66, helper-68): curl reads the promised
    /// length and closes at once. The client got the answer when it got every byte promised
    /// (`promisedBytes`, the Content-Length it was sent), or, without a length, when the
    /// judged answer had ended cleanly in what was delivered.
    public static RelayEnd AfterClientLeft(RelayEnd end, bool deliveredAll, long? promisedBytes,
        long sentBytes, bool judged, UsageReading usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (end != RelayEnd.ClientClosed || !deliveredAll) return end;
        var whole = promisedBytes is { } promised
            ? sentBytes >= promised
            : judged && usage.AnswerEnded && usage.StreamCompleted && usage.StreamError is null;
        return whole ? RelayEnd.Completed : end;
    }
}
