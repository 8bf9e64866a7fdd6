namespace Menshen.Core.Caching;

/// What besides the body changes the answer an upstream gives, and so belongs in the cache key:
/// the client's query string (Claude Code's `?beta=true`, a client's `api-version`) and the
/// dialects' feature headers (`anthropic-version`, `anthropic-beta`, `OpenAI-Beta`): a request
/// with a beta feature on must not be answered with an entry stored without it. Hashed into the
/// key with the scope; never stored.
public static class CacheVariant
{
    /// The variant of a request whose headers `header` reads (a missing one: null or empty),
    /// or null when it has none of these. The names are the dialects' business, so Core's:
    /// the Shell's cache passes its headers in (helper-96).
    public static string? Of<THeaders>(string? query, THeaders headers,
        Func<THeaders, string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Of(query, header(headers, "anthropic-version"), header(headers, "anthropic-beta"),
            header(headers, "openai-beta"));
    }

    /// The variant of a request, or null when it has none of these (its key stays as before).
    public static string? Of(string? query, string? anthropicVersion, string? anthropicBeta,
        string? openAiBeta)
    {
        query = query?.TrimStart('?');
        if (string.IsNullOrEmpty(query) && string.IsNullOrEmpty(anthropicVersion)
            && string.IsNullOrEmpty(anthropicBeta) && string.IsNullOrEmpty(openAiBeta))
            return null;
        // Labelled lines: header values and a query hold no line break (the server refuses one).
        return $"query\n{query}\nanthropic-version\n{anthropicVersion}\nanthropic-beta\n" +
            $"{anthropicBeta}\nopenai-beta\n{openAiBeta}";
    }

    /// The scope (CacheScope) and the variant as the one part of the key beside the body: the
    /// scope alone when there is no variant, so that keys without one are unchanged.
    public static string? Join(string? scope, string? variant) =>
        variant is null ? scope : $"{scope}\nvariant\n{variant}";
}
