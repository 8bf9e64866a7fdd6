using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Http;

/// A provider's own `headers`, as every dialect's key injection applies them.
public static class ProviderHeaders
{
    /// True when the provider's headers hold its key to the model API (Azure's `api-key`, a
    /// proxy's `Authorization`, Gemini's `x-goog-api-key`: CredentialHeaders.IsProviderKey):
    /// the provider has a key of its own, so the client's is never forwarded.
    public static bool CarryCredential(ProviderConfig provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.Headers.Any(h => h.Value.Length > 0
            && CredentialHeaders.IsProviderKey(h.Name));
    }

    /// Whether the provider's headers set `name` (to a value, or to "" to remove it).
    public static bool Names(ProviderConfig provider, string name)
    {
        ArgumentNullException.ThrowIfNull(provider);
        foreach (var header in provider.Headers)
        {
            if (header.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// `injected` with the provider's headers last: each replaces an earlier header of its name,
    /// and one set to "" removes the name (as nginx's `proxy_set_header X ""`), the way to send
    /// no `Authorization` at all.
    public static ImmutableArray<HeaderValue> Apply(List<HeaderValue> injected,
        ProviderConfig provider)
    {
        ArgumentNullException.ThrowIfNull(injected);
        ArgumentNullException.ThrowIfNull(provider);
        foreach (var header in provider.Headers)
        {
            injected.RemoveAll(h => h.Name.Equals(header.Name, StringComparison.OrdinalIgnoreCase));
            if (header.Value.Length > 0) injected.Add(header);
        }
        return [.. injected];
    }
}
