using System.Collections.Immutable;
using System.Globalization;

namespace Menshen.Core.Config;

/// Formatting for the config summary and start-up lines: sizes, durations, status lists, URLs.
public static class SummaryFormat
{
    /// `5 MiB` when exact, else the byte count; 0 reads as "no limit".
    public static string Bytes(long bytes) =>
        bytes == 0 ? "no limit"
        : bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB"
        : bytes % (1 << 10) == 0 ? $"{bytes >> 10} KiB"
        : $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes";

    /// `30s`, or `zero` for a zero duration.
    public static string Seconds(TimeSpan span, string zero) =>
        span == TimeSpan.Zero ? zero
        : $"{((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s";

    /// `401, 403, 500..599`: runs of three or more written as ranges, as in the config file.
    public static string Statuses(ImmutableArray<int> statuses)
    {
        if (statuses.IsEmpty)
        {
            return "none";
        }

        var parts = new List<string>();
        var sorted = statuses.Distinct().Order().ToList();
        for (var start = 0; start < sorted.Count;)
        {
            var end = start;
            while (end + 1 < sorted.Count && sorted[end + 1] == sorted[end] + 1)
            {
                end++;
            }

            parts.AddRange(end - start >= 2
                ? [$"{sorted[start]}..{sorted[end]}"]
                : sorted[start..(end + 1)].Select(s => s.ToString(CultureInfo.InvariantCulture)));
            start = end + 1;
        }

        return string.Join(", ", parts);
    }

    /// One provider as start-up and every reload log it: what decides where its requests go
    /// (`api`, `priority`, `weight`, `models`, a forced `model`, `proxy`), secrets masked.
    public static string ProviderLine(ProviderConfig p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var api = p.Api == ProviderApi.Anthropic ? "anthropic" : "openai";
        var models = p.Models.IsEmpty ? "*" : string.Join(",", p.Models);
        var proxy = p.Proxy is null ? "" : $" proxy={Url(p.Proxy)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{p.Name} {Url(p.BaseUrl)} api={api} priority={p.Priority} weight={p.Weight} "
            + $"models={models} model={p.Model ?? "-"}{proxy} key={Secret(p.ApiKey)}");
    }

    /// A masked secret: `sk-…abcd` (see `SecretMask`).
    public static string Secret(string value) => value.Length == 0 ? "(empty)"
        : SecretMask.Mask(value);

    /// The URL with any user:password masked and the values of credential-like query parameters
    /// (key, token, secret, password, sig, auth, credential, session, and Azure Functions'
    /// `code`) masked; `api-version` and the like stay readable.
    public static string Url(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var user = url.UserInfo.Length > 0 ? "…@" : "";
        var port = url.IsDefaultPort ? "" : $":{url.Port}";
        var path = url.AbsolutePath == "/" ? "" : url.AbsolutePath;
        var query = url.Query.Length > 1
            ? "?" + string.Join("&", url.Query[1..].Split('&').Select(MaskParameter)) : "";
        return $"{url.Scheme}://{user}{url.Host}{port}{path}{query}";
    }

    private static string MaskParameter(string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        var name = eq < 0 ? pair : pair[..eq];
        string[] secretish =
            ["key", "token", "secret", "password", "sig", "auth", "credential", "session"];
        return eq >= 0 && (secretish.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase))
                || name.Equals("code", StringComparison.OrdinalIgnoreCase))
            ? $"{name}={SecretMask.Mask(Uri.UnescapeDataString(pair[(eq + 1)..]))}"
            : pair;
    }
}
