namespace Menshen.Core.Audit;

/// How long the SQLite audit writer, idle with its transaction open, waits before it looks again
/// (whether the transaction is due, or another writer wants the lock). It looks at fixed points,
/// every `poll` from the transaction's start, and at the window's end; never sooner than
/// <see cref="Floor"/>: the runtime's timers run on a millisecond clock and may fire a little
/// early, so a shorter wait ended at once and the idle writer span until the window was due.
public static class OpenTransactionWait
{
    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(1);

    /// The wait for a transaction open for <paramref name="openFor"/>, committed at
    /// <paramref name="window"/>, polled every <paramref name="poll"/> (positive).
    public static TimeSpan Next(TimeSpan openFor, TimeSpan window, TimeSpan poll)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(poll, TimeSpan.Zero);
        var open = Math.Max(0, openFor.Ticks);
        var next = Math.Min(window.Ticks, (open / poll.Ticks + 1) * poll.Ticks);
        return TimeSpan.FromTicks(Math.Max(Floor.Ticks, next - open));
    }
}
