using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

public class RetentionTests
{
    private static readonly Gen<DateTimeOffset> Now = Gen.Select(
        Gen.Long[1_600_000_000_000, 1_900_000_000_000],
        Gen.Int[-12, 14],
        (ms, hours) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(hours)));

    [Fact]
    public void Cutoff_is_null_when_retention_is_not_positive() =>
        Gen.Select(Now, Gen.Int[int.MinValue, 0]).Sample((now, days) => Retention.Cutoff(now, days) is null);

    [Fact]
    public void Cutoff_is_now_minus_the_retention_days() =>
        Gen.Select(Now, Gen.Int[1, 36_500]).Sample((now, days) =>
            Retention.Cutoff(now, days) == now - TimeSpan.FromDays(days));

    [Fact]
    public void Cutoff_is_earlier_for_longer_retention() =>
        Gen.Select(Now, Gen.Int[1, 1_000_000], Gen.Int[1, 1_000_000]).Sample((now, a, b) =>
            a > b
                ? Retention.Cutoff(now, a) <= Retention.Cutoff(now, b)
                : Retention.Cutoff(now, a) >= Retention.Cutoff(now, b));

    [Fact]
    public void Cutoff_unix_milliseconds_matches_cutoff() =>
        Gen.Select(Now, Gen.Int[1, 36_500]).Sample((now, days) =>
            Retention.CutoffUnixMilliseconds(now, days)
                == Retention.Cutoff(now, days)!.Value.ToUnixTimeMilliseconds());

    [Fact]
    public void Cutoff_retention_beyond_year_one_keeps_everything()
    {
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(-8));

        var actual = Retention.Cutoff(now, int.MaxValue);

        Assert.Equal(DateTimeOffset.MinValue, actual);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(Retention.PurgeBatchSize - 1, false)]
    [InlineData(Retention.PurgeBatchSize, true)]
    public void MoreToPurge_only_after_a_full_batch(int deleted, bool expected)
    {
        var actual = Retention.MoreToPurge(deleted);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void MoreToPurge_exactly_when_the_batch_was_full() =>
        Gen.Select(Gen.Int[1, 10_000], Gen.Int[0, 10_000]).Sample((size, deleted) =>
            Retention.MoreToPurge(deleted, size) == (deleted >= size)
            && Retention.MoreToPurge(deleted)
                == Retention.MoreToPurge(deleted, Retention.PurgeBatchSize));
}
