using Menshen.Core.Audit;

namespace Menshen.Shell.Storage;

/// The `bodies` row of an exchange (absent when neither body was captured).
internal static class BodyRow
{
    public static readonly string[] Columns =
    [
        "request_id", "request_body", "request_encoding", "request_size", "request_truncated",
        "response_body", "response_encoding", "response_size", "response_truncated",
    ];

    public static object?[]? Values(Exchange e)
    {
        // With log_response_body off, a response body is kept only as a cache entry.
        var response = e.ResponseBodyForLog || ReplayEligibility.Of(e) ? e.ResponseBody : null;
        if (e.RequestBody is null && response is null) return null;
        return [e.Id, .. Part(e.RequestBody), .. Part(response)];
    }

    private static object?[] Part(CapturedBody? body)
    {
        if (body is null) return [null, (int)BodyEncoding.Identity, null, false];
        var (stored, encoding) = BodyCodec.Encode(body.Bytes.Span);
        return [stored, (int)encoding, body.TotalBytes, body.Truncated];
    }
}
