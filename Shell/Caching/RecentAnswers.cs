using Menshen.Core.Caching;
using System.Collections.Concurrent;

namespace Menshen.Shell.Caching;

/// Answers stored in the last moments, kept in memory so a hit never waits for the audit writer
/// to commit them. Bounded by count and bytes; the oldest go first.
public sealed class RecentAnswers(int maxEntries = 1024, long maxBytes = 64L * 1024 * 1024)
{
    private readonly ConcurrentDictionary<string, CacheEntry> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private long _bytes;

    public bool TryGet(string key, out CacheEntry entry) => _byKey.TryGetValue(key, out entry!);

    public void Remember(string key, CacheEntry entry)
    {
        if (entry.Body.Length > maxBytes) return;
        if (_byKey.TryGetValue(key, out var old)) Interlocked.Add(ref _bytes, -old.Body.Length);
        _byKey[key] = entry;
        _order.Enqueue(key);
        Interlocked.Add(ref _bytes, entry.Body.Length);
        while ((_byKey.Count > maxEntries || Interlocked.Read(ref _bytes) > maxBytes) && _order.TryDequeue(out var oldest))
        {
            if (oldest != key && _byKey.TryRemove(oldest, out var gone)) Interlocked.Add(ref _bytes, -gone.Body.Length);
        }
    }
}
