namespace Menshen.Core.Exchanges;

/// How forwarding a response body ended.
public enum RelayEnd
{
    Completed,
    UpstreamFailed,
    UpstreamTimedOut,
    ClientClosed,
}
