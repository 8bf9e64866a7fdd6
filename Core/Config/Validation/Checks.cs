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

    /// Whole seconds ≥ min, or `fallback` seconds when not given.
    public static Validation<Error,
        TimeSpan> Seconds(string key, long? value, long fallback, long min) =>
        InRange(key, value ?? fallback, min, int.MaxValue).Map(v => TimeSpan.FromSeconds(v));

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
        Uri> HttpUrl(string key, string text, string example, bool reveal)
    {
        var trimmed = text.Trim();
        var shown = reveal ? $"'{WithoutSecrets(trimmed)}'"
            : "a value that is not one (not shown: it may hold credentials)";
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.Host.Length == 0)
        {
            return ConfigError.At(key,
                $"expected an absolute http(s) URL such as {example}, got {shown}");
        }

        return uri.Fragment.Length == 0
            ? uri
            : ConfigError.At(key, $"expected a URL without a #fragment, got {shown}");
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
