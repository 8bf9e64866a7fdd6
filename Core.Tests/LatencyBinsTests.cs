using CsCheck;
using Menshen.Core.Reports;

namespace Menshen.Core.Tests;

public class LatencyBinsTests
{
    private static readonly Gen<double> Ms = Gen.Double[0.01, 100_000_000];

    [Fact]
    public void Value_is_within_1_1_percent_of_every_duration_in_its_bin() =>
        Ms.Sample(ms => Math.Abs(LatencyBins.Value(LatencyBins.Of(ms)) - ms) <= ms * 0.011 + 0.005);

    [Fact]
    public void Of_is_monotone() =>
        Gen.Select(Ms, Ms).Sample((a, b) => LatencyBins.Of(Math.Min(a, b)) <= LatencyBins.Of(Math.Max(a, b)));

    [Fact]
    public void Percentile_of_a_histogram_is_the_value_of_the_nearest_rank_duration() =>
        Gen.Select(ReportGens.Durations, ReportGens.Percent).Sample((durations, percent) =>
        {
            var counts = new long[LatencyBins.Count];
            foreach (var d in durations) counts[LatencyBins.Of(d)]++;

            var actual = LatencyBins.Percentile(counts, percent);

            var sorted = durations.Order().ToArray();
            return actual == LatencyBins.Value(LatencyBins.Of(sorted[Percentile.Rank(sorted.Length, percent) - 1]));
        });

    [Fact]
    public void Add_of_encodings_is_the_encoding_of_the_sum() =>
        Gen.Select(Counts, Counts).Sample((a, b) =>
        {
            var actual = LatencyBins.Add(LatencyBins.Encode(a) ?? [], LatencyBins.Encode(b) ?? []);

            var sum = a.Zip(b, (x, y) => x + y).ToArray();
            return (actual ?? []).AsSpan().SequenceEqual(LatencyBins.Encode(sum) ?? []);
        });

    [Fact]
    public void Add_of_a_histogram_and_its_negation_is_empty() =>
        Counts.Sample(a =>
        {
            var sparse = a.Select((c, bin) => (c, bin)).Where(p => p.c != 0).ToDictionary(p => p.bin, p => p.c);

            var actual = LatencyBins.Add(LatencyBins.Encode(sparse) ?? [], LatencyBins.Encode(sparse, -1) ?? []);

            return actual is null;
        });

    [Fact]
    public void AddTo_decodes_what_Encode_wrote() =>
        Counts.Sample(a =>
        {
            var actual = new long[LatencyBins.Count];

            LatencyBins.AddTo(actual, LatencyBins.Encode(a) ?? []);

            return actual.SequenceEqual(a);
        });

    [Theory]
    [InlineData(100, 99.78)]
    [InlineData(1200, 1204.63)]
    [InlineData(1, 1.01)]
    [InlineData(0, 0.01)]
    [InlineData(1e12, 132_771_936.4)]
    public void Value_of_bin_examples(double ms, double expected)
    {
        var actual = LatencyBins.Value(LatencyBins.Of(ms));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Percentile_of_an_empty_histogram_is_0()
    {
        var actual = LatencyBins.Percentile(new long[LatencyBins.Count], 95);

        Assert.Equal(0, actual);
    }

    private static readonly Gen<long[]> Counts =
        Gen.Select(Gen.Int[0, LatencyBins.Count - 1], Gen.Long[0, 1000]).Array[0, 40].Select(pairs =>
        {
            var counts = new long[LatencyBins.Count];
            foreach (var (bin, count) in pairs) counts[bin] += count;
            return counts;
        });
}
