using Menshen.Core.Routing;
using Menshen.Shell.Taps;

namespace Menshen.Shell.Runtime;

/// Affinity's memory (SPEC §13): response id → who produced it (the provider, and the client
/// key it answered). Filled by the relay the moment an answer's id passes (before the client can
/// send a follow-up, and before the audit writer's queue has stored the row); a miss asks the
/// audit, so a restart loses nothing. A least-recently-used map bounded by count: ids are
/// upstream-chosen, one per answer.
public sealed class ResponseOrigins(IResponseOriginStore store, int capacity = 20_000)
    : IResponseIdSink
{
    private readonly Dictionary<string, LinkedListNode<(string Id, ResponseOrigin Origin)>> _byId =
        new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, ResponseOrigin Origin)> _order = new(); // oldest first
    private readonly Lock _lock = new();

    /// How many ids are kept in memory.
    public int Count
    {
        get { lock (_lock) return _byId.Count; }
    }

    /// The ids kept with their origins, least recently used first (for tests).
    public (string Id, ResponseOrigin Origin)[] Contents()
    {
        lock (_lock) return [.. _order];
    }

    /// Keeps `provider` (answering `clientKey`) as the origin of `responseId` (the newest entry).
    public void Remember(string responseId, string provider, string? clientKey)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Remember(responseId, new ResponseOrigin(provider, clientKey));
    }

    // One origin object per id, whether the relay or the audit found it.
    private void Remember(string responseId, ResponseOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(responseId);
        if (capacity <= 0) return;
        lock (_lock)
        {
            if (_byId.Remove(responseId, out var old)) _order.Remove(old);
            _byId[responseId] = _order.AddLast((responseId, origin));
            while (_byId.Count > capacity)
            {
                _byId.Remove(_order.First!.Value.Id);
                _order.RemoveFirst();
            }
        }
    }

    /// The origin in memory (a read makes it the newest), or null.
    public ResponseOrigin? Recall(string responseId)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(responseId, out var node)) return null;
            _order.Remove(node);
            _order.AddLast(node);
            return node.Value.Origin;
        }
    }

    /// Who produced `responseId`: memory first, then the audit (kept in memory when found
    /// there; `mayWait` as IResponseOriginStore's); null when neither knows it (the request
    /// routes as if it had no id).
    public async ValueTask<ResponseOrigin?> OriginOfAsync(
        string responseId, bool mayWait, CancellationToken cancellationToken)
    {
        if (Recall(responseId) is { } known) return known;
        var stored = await store.FindOriginAsync(responseId, mayWait, cancellationToken);
        if (stored is not null) Remember(responseId, stored);
        return stored;
    }
}
