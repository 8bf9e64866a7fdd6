namespace Menshen.Shell.Proxy;

/// How forwarding a response body ended.
public enum RelayOutcome
{
    Completed,
    UpstreamFailed,
    UpstreamTimedOut,
    ClientClosed,
}
