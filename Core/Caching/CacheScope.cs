using Menshen.Core.Config;
using Menshen.Core.Http;

namespace Menshen.Core.Caching;

/// Whose answers a cache entry may serve. When gateway auth is off and a provider has no key,
/// the client's own credential goes upstream (client-key passthrough): an entry stored for one
/// key must not answer a client with another key, or with none, who would otherwise read it
/// without the upstream ever checking their key. Then every credential header the client sent
/// (CredentialHeaders: whatever name its upstream reads, helper-62) is part of the cache key
/// (hashed with it; never stored); not `Cookie`, which never goes upstream. With gateway auth
/// and `[cache] shared = false`, each client key's name is the scope: a team member cannot read,
/// or learn by a hit, what another asked. `[server] passthrough = "models"` (members keep out
/// of each other's stored data) scopes it by key as well: a shared hit served Alice's answer,
/// and her response id, to Bob, and Bob's id to Alice, who then could not continue it
/// (helper-53). Otherwise everyone shares the cache.
public static class CacheScope
{
    /// The scope for a request's client key name (gateway auth) and its headers, or null when
    /// the cache is shared.
    public static string? Of(GatewayConfig config, string? clientKey,
        IEnumerable<(string Name, string Value)> headers)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(headers);
        if (config.Auth.Enabled)
            return config.CachesPerClientKey ? "client key\n" + (clientKey ?? "") : null;
        // Shared unless some provider takes the client's own key (helper-64: a key set in a
        // provider's `headers` split the cache by keys that never went upstream).
        if (!config.Providers.Any(p => RequestHeaderPolicy.ForwardsClientCredential(p, false)))
            return null;
        var credentials = headers
            .Where(h => CredentialHeaders.IsCredential(h.Name)
                && !h.Name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ThenBy(h => h.Value, StringComparer.Ordinal);
        return string.Concat(credentials.Select(h => $"{h.Name}: {h.Value}\n"));
    }
}
