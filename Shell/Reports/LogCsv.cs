using System.Globalization;
using System.Text;
using Menshen.Core.Reports;
using Menshen.Shell.Reports.Json;

namespace Menshen.Shell.Reports;

/// `/__report/logs?format=csv`: the page's rows with the JSON field names as a header line.
/// Text that came from clients or upstreams is written with Csv.Text (no spreadsheet formulas).
internal static class LogCsv
{
    private static readonly string[] Header =
    [
        "id", "created_at", "model", "path", "status_code", "duration_ms", "total_tokens",
            "request_preview",
        "response_preview", "provider", "key", "stream", "cached", "method", "endpoint", "cost_usd",
        "error",
    ];

    public static string Write(IEnumerable<LogJson> rows)
    {
        var text = new StringBuilder(Csv.Line(Header));
        foreach (var r in rows) text.Append(Csv.Line(Fields(r)));
        return text.ToString();
    }

    private static string[] Fields(LogJson r) =>
    [
        Number(r.Id), Number(r.CreatedAt), Csv.Text(r.Model), Csv.Text(r.Path),
            Number(r.StatusCode),
        r.DurationMs.ToString("R", CultureInfo.InvariantCulture),
        r.TotalTokens is { } t ? Number(t) : "",
        Csv.Text(r.RequestPreview), Csv.Text(r.ResponsePreview), Csv.Text(r.Provider),
        Csv.Text(r.Key),
        Flag(r.Stream), Flag(r.Cached), Csv.Text(r.Method), Csv.Text(r.Endpoint),
        r.CostUsd?.ToString(CultureInfo.InvariantCulture) ?? "",
        Csv.Text(r.Error),
    ];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}
