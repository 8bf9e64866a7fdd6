namespace Menshen.Core.Reports;

/// One validated report request. The window is `[Since, ∞)` with `Since = Now - Days`: rows
/// stamped after `Now` (a clock that stepped back) are still shown. Members a route does not
/// read keep their defaults.
public sealed record ReportQuery
{
    public required ReportRoute Route { get; init; }
    public required DateTimeOffset Now { get; init; }
    public int Days { get; init; } = ReportQueryParser.DefaultDays;
    public DateTimeOffset Since => Now.AddDays(-Days);
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;
    public TimeBucket Bucket { get; init; } = TimeBucket.Day;
    public int Limit { get; init; } = ReportQueryParser.DefaultLimit;

    /// Logs: only ids below this cursor (the previous page's `X-Next-Cursor`).
    public long? Before { get; init; }
    public LogFilter Filter { get; init; } = LogFilter.None;
    public ReportFormat Format { get; init; } = ReportFormat.Json;

    /// True when `format` was given: the answer is an export (`Content-Disposition: attachment`).
    public bool Download { get; init; }

    /// `/__report/log?id=`.
    public long Id { get; init; }

    /// `/__report/log?id=req-…`: the id of a row imported from ai-menshen (Id is then 0).
    public string? LegacyId { get; init; }
}
