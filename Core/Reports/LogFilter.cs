namespace Menshen.Core.Reports;

/// The audit-log filters of `/__report/logs`; a null member does not filter.
/// `StatusClass` is the first digit (5 for `5xx`), or AnyError; `Text` is already lower-cased.
/// `Provider` is the provider that answered; `Tried`, any provider a try went to (one that
/// failed over too).
public sealed record LogFilter(
    string? Model = null,
    string? Provider = null,
    string? Key = null,
    int? StatusClass = null,
    string? Endpoint = null,
    bool? Cached = null,
    bool? Stream = null,
    string? Text = null,
    string? Tried = null)
{
    public static readonly LogFilter None = new();

    /// `status=error`: the rows the reports count as errors (ReportRow.IsError), a 200 stream
    /// cut mid-way included.
    public const int AnyError = 0;
}
