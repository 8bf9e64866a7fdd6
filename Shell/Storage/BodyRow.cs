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
        if (e.RequestBody is null && e.ResponseBody is null) return null;
        return [e.Id, .. Part(e.RequestBody), .. Part(e.ResponseBody)];
    }

    private static object?[] Part(CapturedBody? body)
    {
        if (body is null) return [null, (int)BodyEncoding.Identity, null, false];
        var (stored, encoding) = BodyCodec.Encode(body.Bytes.Span);
        return [stored, (int)encoding, body.TotalBytes, body.Truncated];
    }
}
