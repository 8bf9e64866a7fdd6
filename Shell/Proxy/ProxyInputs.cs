namespace Menshen.Shell.Proxy;

/// The impure inputs of the request path's decisions: the clock and the random ticket draw
/// (a draw of [0, n); tests pin both). `Clock` stamps exchanges; `Steady` (a SteadyClock over
/// it) times cool-downs, sticky routes and the refusal budget.
public sealed record ProxyInputs(TimeProvider Clock, Func<int, int> DrawTicket)
{
    public TimeProvider Steady { get; } = new Runtime.SteadyClock(Clock);
}
