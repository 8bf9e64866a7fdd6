namespace Menshen.Shell.Proxy;

/// The impure inputs of the request path's decisions: the clock and the random ticket draw
/// (a draw of [0, n); tests pin both).
public sealed record ProxyInputs(TimeProvider Clock, Func<int, int> DrawTicket);
