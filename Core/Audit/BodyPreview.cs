using System.Globalization;

namespace Menshen.Core.Audit;

/// The audit list's preview of a body (and so the CSV export's): "[binary, N bytes]" for a body
/// that is no text (`BodyText.IsBinary`), else what the endpoint's dialect reads from it.
public static class BodyPreview
{
    /// The preview of a binary body of `totalBytes` (its whole size, as sent).
    public static string BinaryMarker(long totalBytes) =>
        "[binary, " + totalBytes.ToString(CultureInfo.InvariantCulture) + " bytes]";

    /// The marker for a binary `body`, else `read(body.Bytes)`; `read` never sees binary bytes.
    public static string? Of(CapturedBody body, string? contentType,
        Func<ReadOnlyMemory<byte>, string?> read)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(read);
        return BodyText.IsBinary(body.Bytes.Span, contentType, body.Truncated)
            ? BinaryMarker(body.TotalBytes)
            : read(body.Bytes);
    }
}
