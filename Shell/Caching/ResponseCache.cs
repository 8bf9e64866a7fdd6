using System.Collections.Concurrent;
using Menshen.Core.Caching;
using Menshen.Core.Config;

namespace Menshen.Shell.Caching;

/// Looks answers up (memory first, then the store), remembers new ones, and lets identical
/// concurrent non-streaming misses wait for one upstream call instead of making their own.
public sealed class ResponseCache(ICacheStore store, TimeProvider clock)
{
    private readonly RecentAnswers _recent = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<LeaderOutcome>> _inFlight =
        new(StringComparer.Ordinal);

    public async Task<CacheEntry?> LookupAsync(string key, CacheConfig config, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_recent.TryGet(key, out var recent)
            && CacheFreshness.IsFresh(recent.StoredAt, now, config.MaxAge))
            return recent;
        var found = await store.FindAsync(key, CacheFreshness.StaleAtOrBefore(now, config.MaxAge),
            ct);
        return found is not null && CacheFreshness.IsFresh(found.StoredAt, now, config.MaxAge)
            ? found : null;
    }

    public void Remember(string key, CacheEntry entry) => _recent.Remember(key, entry);

    /// The first caller for a key leads (null: go upstream, then call <see cref="Release"/>); later
    /// callers get the leader's pending outcome to wait for.
    public Task<LeaderOutcome>? JoinOrLead(string key)
    {
        var mine = new TaskCompletionSource<LeaderOutcome>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var current = _inFlight.GetOrAdd(key, mine);
        return current == mine ? null : current.Task;
    }

    /// The leader is done: followers get its answer when it was storable, else none (they go
    /// upstream, as a storable answer was not to be had). `leaderLeft`: its client left before
    /// any answer, so the followers elect a new leader instead of all going upstream at once.
    public void Release(string key, CacheEntry? entry, bool leaderLeft = false)
    {
        if (_inFlight.TryRemove(key, out var pending))
            pending.TrySetResult(new LeaderOutcome(entry, leaderLeft && entry is null));
    }
}

/// What a follower learns from its leader: the answer to replay (null: none could be stored),
/// and whether the leader's client left before any answer.
public readonly record struct LeaderOutcome(CacheEntry? Entry, bool LeaderLeft);
