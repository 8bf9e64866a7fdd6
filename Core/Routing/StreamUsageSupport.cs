using System.Globalization;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

/// Whether the gateway may add `stream_options.include_usage` to a stream it sends a provider.
/// Azure OpenAI refuses the member on every `api-version` dated before 2024-08-01 (a 400,
/// "Unrecognized request argument supplied: stream_options"): asking for usage there failed
/// every stream that the client, calling Azure directly, would have had. Without it such a
/// stream is relayed as it comes and its row has no tokens (those versions send none).
public static class StreamUsageSupport
{
    private static readonly DateOnly FirstAccepting = new(2024, 8, 1);

    /// The version that decides is base_url's `api-version` when it names one (the client's is
    /// then dropped from the upstream URL, UpstreamUrl), else the client's; a URL with neither,
    /// or a version that is not a date (`preview`, `v1`, `latest`), accepts.
    public static bool Accepts(ProviderConfig provider, string clientQuery)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var version = ApiVersion(provider.BaseUrl.Query) ?? ApiVersion(clientQuery ?? "");
        return version is not { } date || date >= FirstAccepting;
    }

    // The date an `api-version` parameter starts with (`2024-06-01`, `2024-05-01-preview`),
    // or null. Read without allocating unless a name is percent-encoded.
    private static DateOnly? ApiVersion(string query)
    {
        var rest = query.AsSpan().TrimStart('?');
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf('&');
            var pair = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            var equals = pair.IndexOf('=');
            if (equals < 0 || !IsApiVersion(pair[..equals])) continue;
            var value = pair[(equals + 1)..];
            // An encoded value (`2024%2D06%2D01`) is the upstream's decoded one.
            if (value.Contains('%')) value = Uri.UnescapeDataString(value.ToString());
            value = value.Trim();
            return value.Length >= 10 && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date : null;
        }
        return null;
    }

    // As UpstreamUrl reads names (`api%2Dversion`, `+api-version`, blanks and controls around
    // it), with no string made for a plain name.
    private static bool IsApiVersion(ReadOnlySpan<char> name) =>
        name.Equals("api-version", StringComparison.OrdinalIgnoreCase)
        || (name.ContainsAnyInRange('\0', ' ') || name.ContainsAny('%', '+', '\x7f'))
            && UpstreamUrl.NameOf(name.ToString())
                .Equals("api-version", StringComparison.OrdinalIgnoreCase);
}
