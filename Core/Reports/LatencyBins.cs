using System.Buffers.Binary;

namespace Menshen.Core.Reports;

/// Latency histograms for the p50/p95 of the reports. A duration falls in a bin 1/32 of a
/// doubling wide (bin = ⌊32·log2(ms)⌋ + 224, from 1/128 ms to about 37 hours, clamped), and a
/// percentile is the middle of the bin holding its nearest rank: within 1.1 % of the exact
/// nearest-rank value. Histograms are kept sparse: (bin, count) pairs in bin order, stored as
/// 6 bytes each (u16 bin, i32 count, little-endian). Counts are of requests that were neither
/// cache hits nor the gateway's own refusals (ReportRow.CountsForLatency).
public static class LatencyBins
{
    public const int PerDoubling = 32;
    public const int Count = 34 * PerDoubling;
    private const int Offset = 7 * PerDoubling;

    /// The bin of a duration in ms.
    public static int Of(double ms) =>
        ms > 0 ? Math.Clamp((int)Math.Floor(Math.Log2(ms) * PerDoubling) + Offset, 0, Count - 1)
        : 0;

    /// The value a percentile in `bin` is reported as: the bin's geometric middle, in ms to 0.01.
    public static double Value(int bin) =>
        Math.Round(Math.Pow(2, (bin - Offset + 0.5) / PerDoubling), 2,
        MidpointRounding.AwayFromZero);

    /// The `percent`-th nearest-rank percentile of a dense histogram (`counts[bin]`); 0 when empty.
    public static double Percentile(ReadOnlySpan<long> counts, int percent)
    {
        long total = 0;
        foreach (var c in counts) total += c;
        if (total <= 0) return 0;
        var rank = Reports.Percentile.Rank(total, percent);
        long seen = 0;
        for (var bin = 0; bin < counts.Length; bin++)
        {
            seen += counts[bin];
            if (seen >= rank) return Value(bin);
        }
        return Value(counts.Length - 1);
    }

    /// The non-zero bins of a dense histogram, encoded; null when there are none.
    public static byte[]? Encode(ReadOnlySpan<long> counts)
    {
        var used = 0;
        foreach (var c in counts) if (c != 0) used++;
        if (used == 0) return null;
        var bytes = new byte[used * 6];
        var at = 0;
        for (var bin = 0; bin < counts.Length; bin++)
        {
            if (counts[bin] == 0) continue;
            Write(bytes.AsSpan(at), bin, counts[bin]);
            at += 6;
        }
        return bytes;
    }

    /// Encodes sparse counts (bin → count, any order), times `sign`; null when all are zero.
    public static byte[]? Encode(IReadOnlyDictionary<int, long> counts, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var used = 0;
        foreach (var (_, count) in counts) if (count != 0) used++;
        if (used == 0) return null;
        // Bins in ascending order, sorted in place (a batch's deltas hold a few bins each).
        Span<int> bins = used <= 64 ? stackalloc int[used] : new int[used];
        var at = 0;
        foreach (var (bin, count) in counts) if (count != 0) bins[at++] = bin;
        bins.Sort();
        var bytes = new byte[used * 6];
        for (var i = 0; i < used; i++) Write(bytes.AsSpan(i * 6), bins[i], sign * counts[bins[i]]);
        return bytes;
    }

    /// The bin-wise sum of two encoded histograms (either may be empty); null when all are zero.
    public static byte[]? Add(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var sum = new byte[a.Length + b.Length];
        var (i, j, at) = (0, 0, 0);
        while (i + 6 <= a.Length || j + 6 <= b.Length)
        {
            var binA = i + 6 <= a.Length ? Bin(a[i..]) : int.MaxValue;
            var binB = j + 6 <= b.Length ? Bin(b[j..]) : int.MaxValue;
            var bin = Math.Min(binA, binB);
            long count = 0;
            if (binA == bin) (count, i) = (count + CountOf(a[i..]), i + 6);
            if (binB == bin) (count, j) = (count + CountOf(b[j..]), j + 6);
            if (count == 0) continue;
            Write(sum.AsSpan(at), bin, count);
            at += 6;
        }
        return at == 0 ? null : sum[..at];
    }

    /// Adds an encoded histogram, times `sign`, into a dense one.
    public static void AddTo(Span<long> counts, ReadOnlySpan<byte> encoded, int sign = 1)
    {
        for (var at = 0; at +
            6 <= encoded.Length; at += 6) counts[Bin(encoded[at..])] += sign * CountOf(
            encoded[at..]);
    }

    private static int Bin(ReadOnlySpan<byte> pair) =>
        BinaryPrimitives.ReadUInt16LittleEndian(pair);

    private static long CountOf(ReadOnlySpan<byte> pair) =>
        BinaryPrimitives.ReadInt32LittleEndian(pair[2..]);

    private static void Write(Span<byte> pair, int bin, long count)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(pair, (ushort)bin);
        BinaryPrimitives.WriteInt32LittleEndian(pair[2..], checked((int)count));
    }
}
