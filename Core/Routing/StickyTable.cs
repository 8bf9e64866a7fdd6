using System.Collections.Immutable;

namespace Menshen.Core.Routing;

/// Which provider served a client key's last request for a model, and until when that holds.
public sealed record StickyEntry(string Provider, DateTimeOffset Expires);

/// `[routing] sticky = "key"` memory: (client key, model) → provider, each entry living `ttl`
/// after the request that set it. Immutable; the Shell swaps it atomically. At most `capacity`
/// entries: models are client-chosen strings, so the table must not grow without bound.
public sealed record StickyTable(
    ImmutableDictionary<(string Key, string Model), StickyEntry> Entries, int Capacity)
{
    public const int DefaultCapacity = 10_000;

    public static StickyTable Empty { get; } = new(
        ImmutableDictionary<(string Key, string Model), StickyEntry>.Empty, DefaultCapacity);

    /// The provider `key` stuck to for `model`, or null when there is none or it has expired.
    public string? Lookup(string key, string model, DateTimeOffset now) =>
        Entries.TryGetValue((key, model), out var entry) && entry.Expires > now
            ? entry.Provider
            : null;

    /// The table after `provider` served `key`'s request for `model` at `now`. When full, expired
    /// entries go first, then the entry closest to expiry.
    public StickyTable Record(
        string key, string model, string provider, DateTimeOffset now, TimeSpan ttl)
    {
        var entries = Entries;
        if (!entries.ContainsKey((key, model)) && entries.Count >= Capacity)
        {
            entries = WithoutExpired(entries, now);
            if (entries.Count >= Capacity && !entries.IsEmpty)
            {
                entries = entries.Remove(ClosestToExpiry(entries));
            }
        }

        var entry = new StickyEntry(provider, now + ttl);
        return Capacity <= 0 ? this : this with { Entries = entries.SetItem((key, model), entry) };
    }

    /// The table without entries that have expired by `now` (the Shell prunes now and then).
    public StickyTable Prune(DateTimeOffset now) =>
        this with { Entries = WithoutExpired(Entries, now) };

    // Ties broken by key and model, so eviction does not depend on the dictionary's hash order.
    private static (string Key, string Model) ClosestToExpiry(
        ImmutableDictionary<(string Key, string Model), StickyEntry> entries) =>
        entries.OrderBy(e => e.Value.Expires)
            .ThenBy(e => e.Key.Key, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Model, StringComparer.Ordinal)
            .First().Key;

    private static ImmutableDictionary<(string Key, string Model), StickyEntry> WithoutExpired(
        ImmutableDictionary<(string Key, string Model), StickyEntry> entries, DateTimeOffset now) =>
        entries.RemoveRange(entries.Where(e => e.Value.Expires <= now).Select(e => e.Key));
}
