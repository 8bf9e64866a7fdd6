using System.Buffers;
using Menshen.Core.Audit;

namespace Menshen.Shell.Storage;

/// The `bodies` row of an exchange (absent when neither body was captured).
internal static class BodyRow
{
    public static readonly string[] Columns =
    [
        "request_id", "request_body", "request_encoding", "request_size", "request_truncated",
        "response_body", "response_encoding", "response_size", "response_truncated",
        "response_logged",
    ];

    /// The columns before version 7 (the ai-menshen import of version 2 writes these).
    public static string[] V1Columns => Columns[..9];

    /// Binds parameters 1..10 in <see cref="Columns"/> order (1..9 for an older schema); false
    /// (nothing bound) when the exchange has no body to keep. `scratch` holds a compressed body
    /// until it is bound.
    public static bool Bind<TRow>(TRow row, Exchange e, ArrayBufferWriter<byte> scratch,
        bool compress = true) where TRow : IRowBinder
    {
        // With log_response_body off, a response body is kept only as a cache entry.
        var response = e.ResponseBodyForLog || ReplayEligibility.Of(e) ? e.ResponseBody : null;
        if (e.RequestBody is null && response is null) return false;
        row.Integer(1, e.Id);
        Part(row, 2, e.RequestBody, scratch, compress);
        Part(row, 6, response, scratch, compress);
        if (row.Count >= 10) row.Integer(10, ResponseLogged(e));
        return true;
    }

    /// `response_logged`: 0 for a response kept only as a cache entry (the audit's readers must
    /// not show or search it), 1 for one logged whole, -N for one logged up to its first N bytes
    /// (kept whole for the cache: Exchange.ResponseLogLimit).
    public static long ResponseLogged(Exchange e) =>
        !e.ResponseBodyForLog ? 0 : e.ResponseLogLimit is { } limit ? -limit : 1;

    /// The response body the log shows of a stored one, by its `response_logged`.
    public static CapturedBody? Logged(CapturedBody? stored, long responseLogged) =>
        responseLogged == 0 || stored is null ? null
        : responseLogged < 0 && stored.Bytes.Length > -responseLogged
            ? stored with { Bytes = stored.Bytes[..(int)-responseLogged] }
            : stored;

    // PostgreSQL keeps bodies as they came (`compress` false): its TOAST compresses them, and
    // the report's text search (`body_contains`) runs in SQL there.
    private static void Part<TRow>(TRow row, int first, CapturedBody? body,
        ArrayBufferWriter<byte> scratch, bool compress) where TRow : IRowBinder
    {
        if (body is null)
        {
            row.Null(first);
            row.Integer(first + 1, (int)BodyEncoding.Identity);
            row.Null(first + 2);
            row.Bool(first + 3, false);
            return;
        }
        // Bound (and so copied by SQLite) before the scratch buffer is used again.
        var encoding = BodyEncoding.Identity;
        row.Blob(first, compress ? BodyCodec.Encode(body.Bytes.Span, scratch, out encoding)
            : body.Bytes.Span);
        row.Integer(first + 1, (int)encoding);
        row.Integer(first + 2, body.TotalBytes);
        row.Bool(first + 3, body.Truncated);
    }
}
