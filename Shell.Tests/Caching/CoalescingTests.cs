using System.Collections.Concurrent;
using CsCheck;
using Menshen.Core.Caching;
using Menshen.Shell.Caching;
using JoinsByKey = System.Collections.Generic.Dictionary<string, int>;

namespace Menshen.Shell.Tests.Caching;

/// Identical concurrent misses make one upstream call: the first caller for a key leads, later
/// callers wait for its answer, and a release hands that answer to every one of them.
public class CoalescingTests
{
    private static readonly string[] Keys = ["a", "b", "c"];
    private static readonly Gen<string> Key = Gen.Int[0, Keys.Length - 1].Select(k => Keys[k]);

    [Fact]
    public void Joins_and_releases_match_a_leader_per_key_model() =>
        Gen.Const(() => (new Coalescer(), new JoinsByKey()))
            .SampleModelBased(
                Key.Operation<Coalescer, JoinsByKey>(k => $"Join({k})",
                    (actual, k) => actual.Join(k),
                    (model, k) => model[k] = model.GetValueOrDefault(k) + 1),
                Key.Operation<Coalescer, JoinsByKey>(k => $"Release({k})",
                    (actual, k) => actual.Release(k),
                    (model, k) => model.Remove(k)),
                equal: (actual, model) => actual.Matches(model));

    [Fact]
    public void Concurrent_joins_elect_exactly_one_leader_per_key() =>
        Gen.Const(() => new Coalescer()).SampleParallel(
            Key.Operation<Coalescer>(k => $"Join({k})", (c, k) => c.Join(k)),
            equal: (x, y) => x.Leaders() == y.Leaders() && x.Leaders() == x.KeysInFlight());

    /// The cache's coalescing with what each caller was told: lead (go upstream) or wait.
    private sealed class Coalescer
    {
        private readonly ResponseCache _cache = new(new NoCacheStore(), TimeProvider.System);
        private readonly ConcurrentDictionary<string, int> _leads = new();
        private readonly ConcurrentDictionary<string, ConcurrentBag<Task<LeaderOutcome>>> _waiting =
            new();
        private readonly ConcurrentBag<Task<LeaderOutcome>> _released = [];
        private int _releases;

        public void Join(string key)
        {
            var pending = _cache.JoinOrLead(key);
            if (pending is null) _leads.AddOrUpdate(key, 1, (_, n) => n + 1);
            else _waiting.GetOrAdd(key, _ => []).Add(pending);
        }

        public void Release(string key)
        {
            if (!_leads.ContainsKey(key) && !_waiting.ContainsKey(key)) return;
            var answer = new CacheEntry(++_releases, 200, null, new byte[1], null, null, default);
            _cache.Release(key, answer);
            _leads.TryRemove(key, out _);
            if (!_waiting.TryRemove(key, out var followers)) return;
            foreach (var follower in followers) _released.Add(follower);
        }

        public int Leaders() => _leads.Values.Sum();

        public int KeysInFlight() => _leads.Count;

        /// One leader per key in flight, its followers still waiting, every released one answered.
        public bool Matches(JoinsByKey joins) =>
            joins.All(j => _leads.GetValueOrDefault(j.Key) == 1
                && (_waiting.TryGetValue(j.Key, out var w) ? w.Count : 0) == j.Value - 1
                && _waiting.GetValueOrDefault(j.Key)?.All(t => !t.IsCompleted) != false)
            && _leads.Count == joins.Count
            && _released.All(t => t.IsCompletedSuccessfully && t.Result.Entry is not null);
    }
}
