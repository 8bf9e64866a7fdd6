using System.Collections.Immutable;
using Menshen.Core.Errors;

namespace Menshen.Core.Http;

/// How the gateway reads an understood request body sent with `Content-Encoding` (RFC 9110
/// §8.4): the codings to undo, the last one applied first, or the coding it cannot undo. It
/// reads that JSON to route on its model and record usage, so it decodes it, and sends it on
/// plain. Codex compresses its Responses bodies with zstd when signed in with ChatGPT.
public sealed record RequestDecoding(ImmutableArray<ContentCoding> Undo, GatewayError? Refusal)
{
    /// Layers undone at most: each is bounded by the body limit, so more would only cost time.
    public const int MaxLayers = 4;

    /// What a 415 lists in its `Accept-Encoding` (RFC 9110 §12.5.3).
    public const string Supported = "gzip, deflate, br, zstd";

    public static readonly RequestDecoding None = new([], null);

    private const StringSplitOptions Parts =
        StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries;

    /// The decoding the `Content-Encoding` values ask for (none or `identity`: None).
    public static RequestDecoding Of(IReadOnlyList<string> contentEncoding)
    {
        ArgumentNullException.ThrowIfNull(contentEncoding);
        if (contentEncoding.Count == 0) return None;
        var codings = new List<ContentCoding>();
        foreach (var value in contentEncoding)
        {
            foreach (var name in (value ?? "").Split(',', Parts))
            {
                if (name.Equals("identity", StringComparison.OrdinalIgnoreCase)) continue;
                var coding = ContentCodings.Of([name]);
                if (coding == ContentCoding.Unsupported) return Refused(Unknown(name));
                codings.Add(coding);
            }
        }
        if (codings.Count > MaxLayers) return Refused(TooManyLayers(codings.Count));
        codings.Reverse();
        return codings.Count == 0 ? None : new([.. codings], null);
    }

    /// The 400 for a body that does not decode as its header says.
    public static GatewayError Undecodable(IReadOnlyList<string> contentEncoding) =>
        new(GatewayErrorKind.BadRequest,
            $"The request body does not decode as its Content-Encoding '{Named(contentEncoding)}'"
            + " says; send it uncompressed or compressed whole.");

    /// The 413 for a body that decodes to more than the limit (a small body may unpack to
    /// gigabytes: decoding stops at the limit).
    public static GatewayError TooLarge(long limit) => new(GatewayErrorKind.BodyTooLarge,
        $"The request body decodes to more than this gateway accepts ({limit} bytes; "
        + "see [server] max_request_body_bytes).");

    private static RequestDecoding Refused(GatewayError error) => new([], error);

    private static GatewayError Unknown(string name) => new(GatewayErrorKind.UnsupportedEncoding,
        $"The request body was sent with Content-Encoding '{Escaped(name)}', which the gateway "
        + $"cannot decode (it reads the JSON to route and record usage); send it uncompressed "
        + $"or as one of: {Supported}.");

    private static GatewayError TooManyLayers(int count) => new(
        GatewayErrorKind.UnsupportedEncoding,
        $"The request body was sent with {count} content codings; the gateway undoes at most "
        + $"{MaxLayers}.");

    private static string Named(IReadOnlyList<string> contentEncoding) =>
        Escaped(string.Join(", ", contentEncoding));

    private static string Escaped(string value) => GatewayError.Quoted(LogValue.Escape(value));
}
