using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

public class OpenTransactionWaitTests
{
    private const long Ms = TimeSpan.TicksPerMillisecond;

    private static readonly Gen<(TimeSpan Open, TimeSpan Window, TimeSpan Poll)> Cases =
        Gen.Select(Gen.Long[0, 200 * Ms], Gen.Long[0, 100 * Ms], Gen.Long[1, 50 * Ms],
            (open, window, poll) =>
                (TimeSpan.FromTicks(open), TimeSpan.FromTicks(window), TimeSpan.FromTicks(poll)));

    // The spin a review's fix brought in: waits under a millisecond became Task.Delay(0).
    [Fact]
    public void The_wait_is_never_under_a_millisecond() =>
        Cases.Sample(c =>
            OpenTransactionWait.Next(c.Open, c.Window, c.Poll) >= OpenTransactionWait.Floor);

    [Fact]
    public void The_wait_ends_at_a_poll_point_or_the_window_unless_that_is_under_the_floor() =>
        Cases.Sample(c =>
        {
            var end = c.Open + OpenTransactionWait.Next(c.Open, c.Window, c.Poll);
            var onPoint = end.Ticks % c.Poll.Ticks == 0 || end == c.Window;
            return onPoint || end == c.Open + OpenTransactionWait.Floor;
        });

    [Fact]
    public void The_wait_never_passes_the_next_poll_point_or_the_window_by_more_than_the_floor() =>
        Cases.Sample(c =>
        {
            var wait = OpenTransactionWait.Next(c.Open, c.Window, c.Poll);
            var limit = c.Window > c.Open
                ? TimeSpan.FromTicks(Math.Min(c.Poll.Ticks, (c.Window - c.Open).Ticks))
                : TimeSpan.Zero;
            return wait <= limit || wait == OpenTransactionWait.Floor;
        });

    [Fact]
    public void Waits_from_anywhere_in_one_poll_interval_end_together()
    {
        var window = TimeSpan.FromMilliseconds(20);
        var poll = TimeSpan.FromMilliseconds(10);

        var ends = new[] { 0.5, 3.25, 7.9 }.Select(ms => TimeSpan.FromMilliseconds(ms))
            .Select(open => open + OpenTransactionWait.Next(open, window, poll)).Distinct();

        Assert.Equal([poll], ends);
    }
}
