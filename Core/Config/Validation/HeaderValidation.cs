using System.Collections.Immutable;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Document;

namespace Menshen.Core.Config.Validation;

/// `[[providers]] headers`: valid header names, env-expanded values of visible ASCII.
internal static class HeaderValidation
{
    public static Validation<Error, ImmutableArray<HeaderValue>> Validate(
        string path, ImmutableArray<HeaderValue> headers, IReadOnlyDictionary<string,
        string> env) =>
        headers.Select((h, i) => One(path, h, IsRepeated(headers, i), env))
            .ToSeq()
            .Sequence()
            .Map(hs => hs.ToImmutableArray());

    private static Validation<Error, HeaderValue> One(
        string path, HeaderValue header, bool repeated, IReadOnlyDictionary<string, string> env)
    {
        var key = KeyPath.Child(path, header.Name);
        if (!IsToken(header.Name))
        {
            return ConfigError.At(key,
                "not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)");
        }

        if (repeated)
        {
            return ConfigError.At(key, "the same header is given twice (header names ignore case)");
        }

        if (GatewayOwned.Contains(header.Name, StringComparer.OrdinalIgnoreCase))
        {
            return ConfigError.At(key, "set by the gateway for each request (the body's framing " +
                "and the connection to the provider); remove it");
        }

        // Values may be credentials: describe a bad one, never quote it. HttpClient sends
        // visible ASCII only: any other letter failed every request at send time, blamed on the
        // connection (helper-92: `"X-Team" = "上海团队"` passed the check, then 502 for all).
        return Checks.Expanded(key, header.Value, "", env).Bind(value =>
            value.Any(c => c is '\r' or '\n' or '\0')
                ? Prelude.Fail<Error,
                    HeaderValue>(ConfigError.At(key,
                    "the value must not contain a line break or NUL"))
                : !Http.HeaderValueCheck.CanForward(value)
                    ? Prelude.Fail<Error, HeaderValue>(ConfigError.At(key,
                        "the value must be visible ASCII, spaces and tabs (HTTP sends no other "
                        + "letters); percent-encode it or use an ASCII spelling"))
                    : new HeaderValue(header.Name, value));
    }

    private static bool IsRepeated(ImmutableArray<HeaderValue> headers, int index) =>
        headers.Take(index).Any(h =>
        string.Equals(h.Name, headers[index].Name, StringComparison.OrdinalIgnoreCase));

    private static bool IsToken(string name) =>
        name.Length > 0
        && name.All(c => char.IsAsciiLetterOrDigit(c)
        || TokenSymbols.Contains(c, StringComparison.Ordinal));

    // The body's framing and the hop-by-hop headers (RFC 9110 §7.6.1): the gateway's HTTP client
    // writes them per request, and a fixed value would break every request (helper-59: a 500).
    private static readonly string[] GatewayOwned =
    [
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection",
        "TE", "Trailer", "Upgrade",
    ];

    // RFC 9110 tchar: the symbols allowed in a header name besides letters and digits.
    private const string TokenSymbols = "!#$%&'*+-.^_`|~";
}
