using Menshen.Shell.Taps;

namespace Menshen.Shell.Runtime;

/// Affinity's memory (SPEC §13): response id → the provider that produced it. Filled by the
/// relay the moment an answer's id passes (before the client can send a follow-up, and before
/// the audit writer's queue has stored the row); a miss asks the audit, so a restart loses
/// nothing. A least-recently-used map bounded by count: ids are upstream-chosen, one per answer.
public sealed class ResponseOrigins(IResponseOriginStore store, int capacity = 20_000)
    : IResponseIdSink
{
    private readonly Dictionary<string, LinkedListNode<(string Id, string Provider)>> _byId =
        new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, string Provider)> _order = new(); // oldest first
    private readonly Lock _lock = new();

    /// How many ids are kept in memory.
    public int Count
    {
        get { lock (_lock) return _byId.Count; }
    }

    /// The ids kept with their providers, least recently used first (for tests).
    public (string Id, string Provider)[] Contents()
    {
        lock (_lock) return [.. _order];
    }

    /// Keeps `provider` as the origin of `responseId` (the newest entry).
    public void Remember(string responseId, string provider)
    {
        ArgumentNullException.ThrowIfNull(responseId);
        ArgumentNullException.ThrowIfNull(provider);
        if (capacity <= 0) return;
        lock (_lock)
        {
            if (_byId.Remove(responseId, out var old)) _order.Remove(old);
            _byId[responseId] = _order.AddLast((responseId, provider));
            while (_byId.Count > capacity)
            {
                _byId.Remove(_order.First!.Value.Id);
                _order.RemoveFirst();
            }
        }
    }

    /// The provider in memory (a read makes it the newest), or null.
    public string? Recall(string responseId)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(responseId, out var node)) return null;
            _order.Remove(node);
            _order.AddLast(node);
            return node.Value.Provider;
        }
    }

    /// The provider that produced `responseId`: memory first, then the audit (kept in memory
    /// when found there); null when neither knows it (the request routes as if it had no id).
    public async ValueTask<string?> ProviderOfAsync(
        string responseId, CancellationToken cancellationToken)
    {
        if (Recall(responseId) is { } known) return known;
        var stored = await store.FindProviderAsync(responseId, cancellationToken);
        if (stored is not null) Remember(responseId, stored);
        return stored;
    }
}
