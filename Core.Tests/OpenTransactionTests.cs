using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

public class OpenTransactionTests
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
            OpenTransaction.NextWait(c.Open, c.Window, c.Poll) >= OpenTransaction.Floor);

    [Fact]
    public void The_wait_ends_at_a_poll_point_or_the_window_unless_that_is_under_the_floor() =>
        Cases.Sample(c =>
        {
            var end = c.Open + OpenTransaction.NextWait(c.Open, c.Window, c.Poll);
            var onPoint = end.Ticks % c.Poll.Ticks == 0 || end == c.Window;
            return onPoint || end == c.Open + OpenTransaction.Floor;
        });

    [Fact]
    public void The_wait_never_passes_the_next_poll_point_or_the_window_by_more_than_the_floor() =>
        Cases.Sample(c =>
        {
            var wait = OpenTransaction.NextWait(c.Open, c.Window, c.Poll);
            var limit = c.Window > c.Open
                ? TimeSpan.FromTicks(Math.Min(c.Poll.Ticks, (c.Window - c.Open).Ticks))
                : TimeSpan.Zero;
            return wait <= limit || wait == OpenTransaction.Floor;
        });

    [Fact]
    public void Waits_from_anywhere_in_one_poll_interval_end_together()
    {
        var window = TimeSpan.FromMilliseconds(20);
        var poll = TimeSpan.FromMilliseconds(10);

        var ends = new[] { 0.5, 3.25, 7.9 }.Select(ms => TimeSpan.FromMilliseconds(ms))
            .Select(open => open + OpenTransaction.NextWait(open, window, poll)).Distinct();

        Assert.Equal([poll], ends);
    }

    // The writer's loop hands over at most a batch at a time, into a transaction of at most one.
    [Fact]
    public void A_transaction_never_grows_past_the_batch_size() =>
        Gen.Int[1, 300].SelectMany(batch => Gen.Select(Gen.Int[0, batch], Gen.Int[1, batch],
            (rows, incoming) => (batch, rows, incoming))).Sample(c =>
        {
            var held = OpenTransaction.Full(c.rows, c.incoming, c.batch)
                ? c.incoming : c.rows + c.incoming;
            return held <= c.batch;
        });

    [Fact]
    public void An_empty_transaction_is_never_full() =>
        Gen.Select(Gen.Int[0, 300], Gen.Int[1, 300]).Sample((incoming, batch) =>
            !OpenTransaction.Full(0, incoming, batch));

    [Fact]
    public void Each_reason_alone_makes_it_due_and_none_does_not()
    {
        var window = TimeSpan.FromMilliseconds(20);
        var young = TimeSpan.FromMilliseconds(3);

        Assert.Equal(
            [false, true, true, true, true],
            [
                OpenTransaction.Due(5, young, window, 256, wanted: false, stopping: false),
                OpenTransaction.Due(256, young, window, 256, wanted: false, stopping: false),
                OpenTransaction.Due(5, window, window, 256, wanted: false, stopping: false),
                OpenTransaction.Due(5, young, window, 256, wanted: true, stopping: false),
                OpenTransaction.Due(5, young, window, 256, wanted: false, stopping: true),
            ]);
    }
}
