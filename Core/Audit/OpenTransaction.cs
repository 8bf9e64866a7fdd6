namespace Menshen.Core.Audit;

/// The rules of the transaction the SQLite audit writer keeps open while rows arrive: when it
/// commits, and how long an idle writer waits before it looks again.
public static class OpenTransaction
{
    /// The shortest idle wait: the runtime's timers run on a millisecond clock and may fire a
    /// little early, so a shorter wait ended at once and the idle writer span until it was due.
    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(1);

    /// True when the transaction commits now: it holds <paramref name="batchSize"/> rows, is
    /// <paramref name="window"/> old, another writer wants the lock, or the gateway stops.
    public static bool Due(int rows, TimeSpan openFor, TimeSpan window, int batchSize,
        bool wanted, bool stopping) =>
        rows >= batchSize || openFor >= window || wanted || stopping;

    /// True when <paramref name="incoming"/> more rows would take a transaction holding
    /// <paramref name="rows"/> past <paramref name="batchSize"/>: it commits what it holds first.
    public static bool Full(int rows, int incoming, int batchSize) =>
        rows > 0 && rows + incoming > batchSize;

    /// How long an idle writer waits, its transaction open for <paramref name="openFor"/>: until
    /// the next fixed point (every <paramref name="poll"/> from the start, so that another
    /// writer waiting for the lock gets it soon) or the <paramref name="window"/>'s end, and at
    /// least <see cref="Floor"/>. Fixed points make the waits started after each row end, and
    /// their timers fire, together.
    public static TimeSpan NextWait(TimeSpan openFor, TimeSpan window, TimeSpan poll)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(poll, TimeSpan.Zero);
        var open = Math.Max(0, openFor.Ticks);
        var next = Math.Min(window.Ticks, (open / poll.Ticks + 1) * poll.Ticks);
        return TimeSpan.FromTicks(Math.Max(Floor.Ticks, next - open));
    }
}
