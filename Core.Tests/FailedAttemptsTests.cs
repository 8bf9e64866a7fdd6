using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Audit;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

/// A provider rescued by failover every time had no row of its own, so `/__report/providers`
/// did not show it at all (helper-54, helper-58): its tries are counted apart.
public class FailedAttemptsTests
{
    private static readonly Gen<ImmutableArray<AttemptRecord>> Attempts =
        Gen.OneOf("a", "b", "c").Select(p => new AttemptRecord(p, 503, null, 1)).Array[0, 5]
            .Select(a => a.ToImmutableArray());

    private static readonly Gen<string?> AnsweredBy = Gen.OneOf<string?>(null, "a", "b", "c");

    [Fact]
    public void Of_counts_every_try_but_the_answer() =>
        Gen.Select(Attempts, AnsweredBy).Sample((attempts, answeredBy) =>
        {
            var actual = FailedAttempts.Of(attempts, answeredBy).ToList();

            var answered = attempts.Any(a => a.Provider == answeredBy) ? 1 : 0;
            return actual.Count == attempts.Length - answered;
        });

    [Fact]
    public void Of_leaves_out_one_try_of_the_answering_provider_and_no_other() =>
        Gen.Select(Attempts, AnsweredBy).Sample((attempts, answeredBy) =>
        {
            var actual = FailedAttempts.Of(attempts, answeredBy).ToList();

            return attempts.GroupBy(a => a.Provider).All(g =>
                actual.Count(p => p == g.Key) == g.Count() - (g.Key == answeredBy ? 1 : 0));
        });

    [Fact]
    public void A_row_of_one_try_by_its_own_provider_has_none() =>
        Assert.Empty(FailedAttempts.Of([new AttemptRecord("a", 200, null, 1)], "a"));

    [Fact]
    public void Add_sums_rows_per_provider()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);

        FailedAttempts.Add(counts, [new("f", 503, null, 1), new("a", 200, null, 1)], "a");
        FailedAttempts.Add(counts, [new("f", null, "connect", 1), new("f", 503, null, 1),
            new("b", 200, null, 1)], "b");
        FailedAttempts.Add(counts, [new("b", 429, null, 1), new("a", null, "timeout", 1)], "b");

        Assert.Equal(new Dictionary<string, long> { ["f"] = 3, ["a"] = 1 }, counts);
    }

    // Mutation testing (helper-93): a row stored without its tries has none.
    [Fact]
    public void A_row_without_attempts_has_none()
    {
        var counts = new Dictionary<string, long>();

        FailedAttempts.Add(counts, default, "p");

        Assert.Empty(FailedAttempts.Of(default, "p"));
        Assert.Empty(counts);
    }
}
