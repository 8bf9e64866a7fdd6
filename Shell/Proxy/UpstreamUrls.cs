using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Shell.Proxy;

/// The upstream URL of each provider and path, built once (Core's UpstreamUrl.Build): a request
/// without a query of its own, nearly every one, goes to the same URL each time, and building
/// it cost every request some 0.5 KB of strings and a `Uri`. Kept per provider object, so a
/// reloaded config starts afresh, and bounded: a passthrough path is whatever the client sent.
internal static class UpstreamUrls
{
    private const int PathsPerProvider = 64;

    private static readonly ConditionalWeakTable<ProviderConfig, Paths> Built = new();

    // The count beside the table: ConcurrentDictionary.Count takes every lock, and once a
    // provider's table is full every new passthrough path (`files/{id}`) asks it (helper-100).
    private sealed class Paths
    {
        public readonly ConcurrentDictionary<string, Uri> Urls = new(StringComparer.Ordinal);
        public int Count;
    }

    public static Uri For(ProviderConfig provider, CanonicalPath path, string clientQuery)
    {
        if (clientQuery.Length > 0) return UpstreamUrl.Build(provider.BaseUrl, path, clientQuery);
        var paths = Built.GetValue(provider, static _ => new Paths());
        if (paths.Urls.TryGetValue(path.Escaped, out var url)) return url;
        url = UpstreamUrl.Build(provider.BaseUrl, path, "");
        if (Volatile.Read(ref paths.Count) < PathsPerProvider
            && paths.Urls.TryAdd(path.Escaped, url))
            Interlocked.Increment(ref paths.Count);
        return url;
    }
}
