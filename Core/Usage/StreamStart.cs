using System.Buffers;
using Menshen.Core.Http;

namespace Menshen.Core.Usage;

/// An error a 200 event stream reported before any of it reached the client, and the status it
/// stands for (StreamErrorStatus). `Note` is the audit's words for it (StreamErrorText).
public sealed record StreamStartError(int Status, string Note);

/// The gateway holds an answer's first chunk until it has chosen to relay that answer
/// (Shell: UpstreamAttempt). A stream that reports an error in that chunk (Anthropic's
/// `overloaded_error` right after the headers, an OpenAI-compatible server's `{"error": …}`) has
/// given the client nothing yet, so the error can be judged like a status: failed over when
/// `[failover] on_status` names its status, and counted against the provider's health.
public static class StreamStart
{
    /// Whether an answer of this status and media type is one <see cref="ErrorIn"/> judges: a
    /// 2xx event stream. Asked first, so that a plain answer costs no reading of its codings.
    public static bool MayReport(int status, string? contentType) =>
        status is >= 200 and <= 299 && SseContent.Is(contentType);

    /// The first error a complete event of `held` reports, for a 2xx event stream the gateway
    /// can read (no content coding); null otherwise. An event cut off by the chunk's end is not
    /// judged: only what the upstream finished saying is.
    public static StreamStartError? ErrorIn(
        int status, string? contentType, ContentCoding coding, ReadOnlySpan<byte> held)
    {
        if (!MayReport(status, contentType) || coding != ContentCoding.Identity) return null;
        // The common case, a first chunk with no error in it (a Responses stream's `"error":null`
        // included), costs a few scans and no allocation.
        var mayReport = held.IndexOf("event: error"u8) >= 0 || held.IndexOf("event:error"u8) >= 0
            || SseErrorReader.MightReport(held);
        return mayReport ? FirstError(held) : null;
    }

    private static StreamStartError? FirstError(ReadOnlySpan<byte> held)
    {
        var data = new ArrayBufferWriter<byte>();
        var hasData = false;
        var namedError = false;
        while (true)
        {
            var end = held.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0) return null;
            var line = held[..end];
            var crlf = held[end] == (byte)'\r' && end + 1 < held.Length
                && held[end + 1] == (byte)'\n';
            held = held[(end + (crlf ? 2 : 1))..];
            if (line.IsEmpty)
            {
                if (hasData && Judge(data.WrittenSpan, namedError) is { } error) return error;
                (hasData, namedError) = (false, false);
                data.Clear();
                continue;
            }
            if (line[0] == (byte)':') continue;
            var colon = line.IndexOf((byte)':');
            var name = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? [] : line[(colon + 1)..];
            value = value is [(byte)' ', ..] ? value[1..] : value;
            if (name.SequenceEqual("data"u8))
            {
                if (hasData) data.Write("\n"u8);
                data.Write(value);
                hasData = true;
            }
            else if (name.SequenceEqual("event"u8))
            {
                namedError = value.SequenceEqual("error"u8);
            }
        }
    }

    private static StreamStartError? Judge(ReadOnlySpan<byte> data, bool namedError)
    {
        if (!namedError && !SseErrorReader.MightReport(data)) return null;
        return SseErrorReader.ReadParts(data, namedError) is { } parts
            ? new StreamStartError(StreamErrorStatus.Of(parts.Type),
                StreamErrorText.AtStart(parts.Type, parts.Message))
            : null;
    }
}
