using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Menshen.Core.Reports;
using Menshen.Shell.Reports.Json;

namespace Menshen.Shell.Reports;

/// Writes report answers: JSON (never cached by the browser), and the logs page as JSON or CSV,
/// with `X-Next-Cursor` when older rows may match.
internal static class ReportResponse
{
    public static async Task JsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        var response = context.Response;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(response.Body, value, type, context.RequestAborted);
    }

    public static async Task LogsAsync(HttpContext context, ReportQuery query, LogPage page)
    {
        var response = context.Response;
        if (page.NextCursor is { } cursor) response.Headers["X-Next-Cursor"] =
            cursor.ToString(CultureInfo.InvariantCulture);
        if (query.Download) response.Headers.ContentDisposition =
            $"attachment; filename=\"ai-menshen-logs.{query.Format.Extension()}\"";
        if (query.Format == ReportFormat.Json)
        {
            await JsonAsync(context, page.Rows, ReportJsonContext.Readable.LogJsonArray);
            return;
        }
        var preamble = query.Format.Preamble().ToArray();
        var body = Encoding.UTF8.GetBytes(LogCsv.Write(page.Rows));
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.ContentLength = preamble.Length + body.Length;
        await response.Body.WriteAsync(preamble, context.RequestAborted);
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
