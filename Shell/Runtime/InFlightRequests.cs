namespace Menshen.Shell.Runtime;

/// How many proxied requests are running now: what a stop waits for, said to the operator.
public sealed class InFlightRequests
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Enter() => Interlocked.Increment(ref _count);

    public void Leave() => Interlocked.Decrement(ref _count);
}
