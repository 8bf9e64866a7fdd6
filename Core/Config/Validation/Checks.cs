using System.Globalization;
using LanguageExt;
using LanguageExt.Common;

namespace Menshen.Core.Config.Validation;

/// Small named validators shared by the sections. Each names its key and says what it found.
internal static class Checks
{
    /// A whole number in [min, max], or `fallback` when not given.
    public static Validation<Error,
        int> Int(string key, long? value, int fallback, long min, long max = int.MaxValue) =>
        InRange(key, value ?? fallback, min, max).Map(v => (int)v);

    /// A byte count ≥ 0, or `fallback` when not given.
    public static Validation<Error, long> Bytes(string key, long? value, long fallback) =>
        InRange(key, value ?? fallback, 0, long.MaxValue);

    /// Whole seconds in [min, max], or `fallback` seconds when not given.
    public static Validation<Error, TimeSpan> Seconds(
        string key, long? value, long fallback, long min, long max = int.MaxValue) =>
        InRange(key, value ?? fallback, min, max).Map(v => TimeSpan.FromSeconds(v));

    /// The most seconds a key that sets a timer takes: timers run at most ~49 days (a
    /// CancelAfter over it threw on every request), and no wait is sensibly over a month.
    public const long MaxTimerSeconds = 30L * 24 * 3600;

    /// A path with a leading `~` or `~/` taken from the home folder, as a shell would: the
    /// gateway made a folder literally named `~` in its working directory. Any other path as is.
    public static Validation<Error, string> HomePath(
        string key, string path, IReadOnlyDictionary<string, string> env)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(env);
        if (path != "~" && !path.StartsWith("~/", StringComparison.Ordinal))
            return Prelude.Success<Error, string>(path);
        return env.TryGetValue("HOME", out var home) && home.Length > 0
            ? Prelude.Success<Error, string>(home.TrimEnd('/') + path[1..])
            : ConfigError.At(key, "starts with ~ but HOME is not set; give the full path");
    }

    /// A value a person types that the gateway compares, never sends (the dashboard password:
    /// browsers send Basic credentials as UTF-8, so any letter works): no control characters.
    public static Validation<Error, string> NoControlCharacters(string key, string value) =>
        value.Any(char.IsControl)
            ? ConfigError.At(key, "must not contain a line break or another control character "
                + "(a CRLF-edited env file?)")
            : Prelude.Success<Error, string>(value);

    /// A name the logs, the audit and the dashboard show (a provider's, a client key's): no
    /// control or text-direction characters, which would hide or reorder what is around it.
    public static Validation<Error, string> ShownName(string key, string value) =>
        value.Any(c => char.IsControl(c) || Http.TextDirection.Is(c))
            ? ConfigError.At(key, "must not contain control or text-direction characters; "
                + "use letters, digits and punctuation")
            : Prelude.Success<Error, string>(value);

    /// A value sent in an HTTP header (a key, a token, a password): printable ASCII only. A line
    /// break would end the header early or add one (header injection); the value is never quoted.
    public static Validation<Error, string> HeaderSafe(string key, string value) =>
        Http.HeaderValueCheck.CanForward(value)
            ? Prelude.Success<Error, string>(value)
            : ConfigError.At(key, "must be printable ASCII, without a line break or another "
                + "control character: it is sent in an HTTP header (a CRLF-edited env file?)");

    /// A token a client presents in a header: HTTP drops the blanks around a header value, so a
    /// token that starts or ends with one could never match (an env file's trailing space?).
    public static Validation<Error, string> NoSurroundingBlanks(string key, string value) =>
        value.Length == value.Trim(' ', '\t').Length
            ? Prelude.Success<Error, string>(value)
            : ConfigError.At(key, "starts or ends with a blank, which no client can send: HTTP "
                + "drops the blanks around a header value (a trailing space in an env file?)");

    /// The text with env variables expanded (`fallback` when not given). The text is never quoted.
    public static Validation<Error, string> Expanded(
        string key, string? text, string fallback, IReadOnlyDictionary<string, string> env) =>
        EnvExpansion.Expand(text ?? fallback, env).Match(
            Succ: Prelude.Success<Error, string>,
            Fail: e => Prelude.Fail<Error, string>(ConfigError.At(key, e.Message)));

    /// Fails with `key: required; expected ...` when the (expanded) value is empty.
    public static Validation<Error, string> NonEmpty(string key, string value, string expected) =>
        value.Trim().Length > 0
            // explicit: a bare string would convert to Error
            ? Prelude.Success<Error, string>(value)
            : ConfigError.At(key, $"required; expected {expected}");

    /// An absolute http(s) URL. `reveal = false` keeps the value out of the message (proxy URLs
    /// may carry credentials); otherwise only scheme, host and path are quoted, never the query.
    public static Validation<Error,
        Uri> HttpUrl(string key, string text, string example, bool reveal) =>
        AbsoluteUrl(key, text, example, reveal, HttpSchemes, "http(s)");

    /// A provider's proxy: http(s), or SOCKS as Go's `http.ProxyURL` takes it (socks5, and
    /// socks5h, socks4, socks4a as curl spells them). Never quoted: it may hold credentials.
    public static Validation<Error, Uri> ProxyUrl(string key, string text) =>
        AbsoluteUrl(key, text, "http://127.0.0.1:3128 or socks5://127.0.0.1:1080",
            reveal: false, ProxySchemes, "http(s) or socks")
        .Bind(uri => Network.ProxyLogin.Unsendable(uri) is { } why
            ? ConfigError.At(key, why)
            : Prelude.Success<Error, Uri>(uri));

    private static readonly string[] HttpSchemes = ["http", "https"];

    private static readonly string[] ProxySchemes =
        ["http", "https", "socks5", "socks5h", "socks4", "socks4a"];

    private static Validation<Error, Uri> AbsoluteUrl(string key, string text, string example,
        bool reveal, string[] schemes, string schemeText)
    {
        var trimmed = text.Trim();
        var shown = reveal ? $"'{WithoutSecrets(trimmed)}'"
            : "a value that is not one (not shown: it may hold credentials)";
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || !schemes.Contains(uri.Scheme)
            || uri.Host.Length == 0)
        {
            return ConfigError.At(key,
                $"expected an absolute {schemeText} URL such as {example}, got {shown}");
        }

        // The quoted URL leaves out the fragment's text, not its '#' (helper-65: the message
        // quoted a URL without one and so contradicted itself).
        var withFragment = reveal ? $"'{WithoutSecrets(trimmed)}#…'" : shown;
        return uri.Fragment.Length == 0
            ? uri
            : ConfigError.At(key, $"expected a URL without a #fragment, got {withFragment}");
    }

    private static Validation<Error, long> InRange(string key, long value, long min, long max) =>
        value < min ? ConfigError.At(key, BelowMessage(value, min))
        : value > max ? ConfigError.At(key, $"must be at most {Show(max)}, got {Show(value)}")
        : value;

    private static string BelowMessage(long value, long min) =>
        min == 0
            ? $"must not be negative, got {Show(value)}"
            : $"must be at least {Show(min)}, got {Show(value)}";

    private static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Drops user:password@ and ?query, the parts of a URL that may carry credentials.
    private static string WithoutSecrets(string url)
    {
        var query = url.IndexOfAny(['?', '#']);
        var main = query < 0 ? url : url[..query];
        var at = main.LastIndexOf('@');
        var scheme = main.IndexOf("://", StringComparison.Ordinal);
        return at > scheme && scheme >= 0 ? main[..(scheme + 3)] + main[(at + 1)..] : main;
    }
}
