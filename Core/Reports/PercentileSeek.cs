namespace Menshen.Core.Reports;

/// Skip `Offset` values of an ordered scan (descending when `Descending`) and read the next one.
public readonly record struct PercentileSeek(bool Descending, long Offset);
