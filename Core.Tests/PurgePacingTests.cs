using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

public class PurgePacingTests
{
    private static readonly Gen<PurgePacing> Pacing = Gen.Select(
        Gen.Int[1, 100], Gen.Int[1, 5_000], Gen.Int[1, 200], Gen.Double[0.01, 1.0],
        Gen.Int[0, 50],
        (min, max, targetMs, share, pauseMs) => new PurgePacing(min, max,
            TimeSpan.FromMilliseconds(targetMs), share, TimeSpan.FromMilliseconds(pauseMs)));

    private static readonly Gen<TimeSpan> Took =
        Gen.Long[0, 10_000_000].Select(ticks => TimeSpan.FromTicks(ticks));

    private static int Low(PurgePacing p) => Math.Min(p.MinStep, p.MaxStep);

    [Fact]
    public void A_step_stays_within_its_bounds_and_at_most_doubles() =>
        Gen.Select(Pacing, Gen.Int[-10, 10_000], Took).Sample((pacing, last, took) =>
        {
            var next = pacing.Next(last, took).Size;
            var clamped = Math.Clamp(last, Low(pacing), pacing.MaxStep);
            return next >= Low(pacing) && next <= pacing.MaxStep && next <= 2 * clamped;
        });

    [Fact]
    public void A_step_slower_than_the_target_never_grows_and_a_quicker_one_never_shrinks() =>
        Gen.Select(Pacing, Gen.Int[1, 10_000], Took).Sample((pacing, last, took) =>
        {
            var next = pacing.Next(last, took).Size;
            var clamped = Math.Clamp(last, Low(pacing), pacing.MaxStep);
            return took > pacing.StepTarget ? next <= clamped : next >= clamped;
        });

    [Fact]
    public void The_purge_works_at_most_its_share_of_the_time() =>
        Gen.Select(Pacing, Gen.Int[1, 10_000], Took).Sample((pacing, last, took) =>
        {
            var pause = pacing.Next(last, took).Pause;
            var share = took <= TimeSpan.Zero ? 0 : took / (took + pause);
            return pause >= pacing.MinPause && share <= pacing.Share + 1e-6;
        });

    // Model: a step's work grows with its size (a cost per row, plus a fixed part). Whatever the
    // cost, a few steps bring the step's time near the target, or the step to a bound.
    [Fact]
    public void Steps_settle_near_the_target_whatever_a_row_costs() =>
        Gen.Select(Pacing, Gen.Double[0.001, 50], Gen.Double[0, 2], Gen.Int[1, 10_000])
            .Sample((pacing, msPerRow, fixedMs, first) =>
            {
                TimeSpan Work(int rows) => TimeSpan.FromMilliseconds(fixedMs + rows * msPerRow);
                var size = first;
                for (var step = 0; step < 40; step++) size = pacing.Next(size, Work(size)).Size;
                var took = Work(size);
                var atBound = size == Low(pacing) || size == pacing.MaxStep;
                // Within a factor of two of the target, the rounding of one row aside.
                var near = took <= pacing.StepTarget * 2 + TimeSpan.FromMilliseconds(msPerRow)
                    && took >= pacing.StepTarget / 2 - TimeSpan.FromMilliseconds(msPerRow);
                return atBound || near;
            });

    [Fact]
    public void Rows_take_the_retention_batch_at_most_and_a_quarter_of_the_time()
    {
        var actual = PurgePacing.Rows.Next(Retention.PurgeBatchSize, TimeSpan.FromMilliseconds(40));

        Assert.Equal((Retention.PurgeBatchSize / 4, TimeSpan.FromMilliseconds(120)),
            (actual.Size, actual.Pause));
    }

    [Fact]
    public void A_step_that_took_no_measurable_time_goes_on_at_the_least_pause()
    {
        var actual = PurgePacing.Pages.Next(100, TimeSpan.Zero);

        Assert.Equal((200, PurgePacing.Pages.MinPause), (actual.Size, actual.Pause));
    }
}
