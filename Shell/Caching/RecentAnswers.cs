using Menshen.Core.Caching;

namespace Menshen.Shell.Caching;

/// Answers stored in the last moments, kept in memory so a hit never waits for the audit writer
/// to commit them. A least-recently-used set bounded by count and bytes: storing a key again
/// replaces its answer (one entry per key, however often it is re-stored), a read makes it the
/// most recent, and the least recent go first when a bound is passed. One lock keeps the map,
/// the order and the byte count in step under concurrent stores.
public sealed class RecentAnswers(int maxEntries = 1024, long maxBytes = 64L * 1024 * 1024)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, CacheEntry Entry)>> _byKey =
        new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, CacheEntry Entry)> _order = new(); // oldest first
    private readonly Lock _lock = new();
    private long _bytes;

    public bool TryGet(string key, out CacheEntry entry)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(key, out var node))
            {
                entry = null!;
                return false;
            }
            _order.Remove(node);
            _order.AddLast(node);
            entry = node.Value.Entry;
            return true;
        }
    }

    /// Keeps `entry` as the newest answer for `key`. An answer larger than the byte bound is not
    /// kept, and the older answer it replaces goes too (it is no longer the latest).
    public void Remember(string key, CacheEntry entry)
    {
        lock (_lock)
        {
            Forget(key);
            if (entry.Body.Length > maxBytes || maxEntries <= 0) return;
            _byKey[key] = _order.AddLast((key, entry));
            _bytes += entry.Body.Length;
            while (_byKey.Count > maxEntries || _bytes > maxBytes) Forget(_order.First!.Value.Key);
        }
    }

    /// How many answers are kept, and their bytes (for tests and metrics).
    public (int Count, long Bytes) Size
    {
        get { lock (_lock) return (_byKey.Count, _bytes); }
    }

    /// The keys kept with their body sizes, least recently used first.
    public (string Key, int Bytes)[] Contents()
    {
        lock (_lock) return [.. _order.Select(n => (n.Key, n.Entry.Body.Length))];
    }

    private void Forget(string key)
    {
        if (!_byKey.Remove(key, out var node)) return;
        _order.Remove(node);
        _bytes -= node.Value.Entry.Body.Length;
    }
}
