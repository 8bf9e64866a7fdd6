namespace Menshen.Core.Reports;

/// The audit-log filters of `/__report/logs`; a null member does not filter.
/// `StatusClass` is the first digit (5 for `5xx`); `Text` is already lower-cased.
public sealed record LogFilter(
    string? Model = null,
    string? Provider = null,
    string? Key = null,
    int? StatusClass = null,
    string? Endpoint = null,
    bool? Cached = null,
    bool? Stream = null,
    string? Text = null)
{
    public static readonly LogFilter None = new();
}
