namespace Menshen.StreamBench;

/// One stream: whether it ended properly (200 and a final [DONE]), its first body byte, its end,
/// the gaps between the reads that brought its chunks (ms), and the longest of them.
public readonly record struct StreamOutcome(
    bool Ok, TimeSpan FirstByte, TimeSpan Total, IReadOnlyList<double> GapsMs)
{
    public double MaxGapMs => GapsMs.Count == 0 ? 0 : GapsMs.Max();
}
