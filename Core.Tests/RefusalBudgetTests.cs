using CsCheck;
using Menshen.Core.Gate;

namespace Menshen.Core.Tests;

public class RefusalBudgetTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    // Refusals at increasing offsets (ms) from a full budget.
    private static readonly Gen<int[]> Offsets =
        Gen.Int[0, 5_000].Array[1, 200].Select(gaps =>
            gaps.Select((_, i) => gaps.Take(i + 1).Sum()).ToArray());

    private static bool[] Run(IEnumerable<DateTimeOffset> times)
    {
        var budget = RefusalBudget.Full(Epoch);
        var recorded = new List<bool>();
        foreach (var now in times)
        {
            (var taken, budget) = budget.Take(now);
            recorded.Add(taken);
        }
        return [.. recorded];
    }

    [Fact]
    public void A_burst_records_the_first_thirty_and_no_more()
    {
        var actual = Run(Enumerable.Repeat(Epoch, 100));

        Assert.Equal(30, actual.Count(r => r));
        Assert.All(actual.Take(30), Assert.True);
    }

    [Fact]
    public void Recorded_refusals_never_exceed_burst_plus_the_refill_of_the_elapsed_time() =>
        Offsets.Sample(offsets =>
        {
            var actual = Run(offsets.Select(ms => Epoch.AddMilliseconds(ms)));
            var seconds = offsets[^1] / 1000.0;

            return actual.Count(r => r) <= RefusalBudget.Burst + (seconds * RefusalBudget.PerSecond);
        });

    [Fact]
    public void Refusals_a_second_or_more_apart_are_all_recorded() =>
        Gen.Int[1_000, 60_000].Array[1, 100].Sample(gaps =>
        {
            var offsets = gaps.Select((_, i) => gaps.Take(i + 1).Sum());

            return Run(offsets.Select(ms => Epoch.AddMilliseconds(ms))).All(r => r);
        });

    [Fact]
    public void A_clock_that_goes_back_refills_nothing()
    {
        var budget = RefusalBudget.Full(Epoch);
        for (var i = 0; i < RefusalBudget.Burst; i++) budget = budget.Take(Epoch).Next;

        var (recorded, _) = budget.Take(Epoch.AddHours(-1));

        Assert.False(recorded);
    }

    // Mutation testing (helper-93): a spent budget refills one refusal a second, no sooner,
    // and never beyond the burst.
    [Fact]
    public void A_spent_budget_records_one_refusal_after_a_second_and_no_more()
    {
        var budget = Drained();

        var (early, _) = budget.Take(Epoch.AddMilliseconds(999));
        var (first, after) = budget.Take(Epoch.AddSeconds(1));
        var (second, _) = after.Take(Epoch.AddSeconds(1));

        Assert.Equal((false, true, false), (early, first, second));
    }

    [Fact]
    public void A_long_quiet_refills_the_burst_and_no_more()
    {
        var budget = Drained();
        var later = Epoch.AddHours(1);
        var recorded = 0;
        for (var i = 0; i < 2 * RefusalBudget.Burst; i++)
        {
            (var taken, budget) = budget.Take(later);
            if (taken) recorded++;
        }

        Assert.Equal(RefusalBudget.Burst, recorded);
    }

    // The time before a clock stepped back is not refilled a second time once it steps forward.
    [Fact]
    public void A_clock_that_goes_back_keeps_the_later_time()
    {
        var (_, back) = Drained().Take(Epoch.AddHours(-1));

        var (recorded, _) = back.Take(Epoch.AddMilliseconds(500));

        Assert.False(recorded);
    }

    private static RefusalBudget Drained()
    {
        var budget = RefusalBudget.Full(Epoch);
        for (var i = 0; i < RefusalBudget.Burst; i++) budget = budget.Take(Epoch).Next;
        return budget;
    }
}
