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
}
