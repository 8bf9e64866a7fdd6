namespace Menshen.Core.Reports;

/// The width of a time-series bucket, aligned to the local clock of the requested time zone.
public enum TimeBucket
{
    Hour,
    Day,
}
