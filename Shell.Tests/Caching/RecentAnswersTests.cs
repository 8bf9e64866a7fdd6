using CsCheck;
using Menshen.Core.Caching;
using Menshen.Shell.Caching;

namespace Menshen.Shell.Tests.Caching;

/// RecentAnswers is a bounded least-recently-used map, checked against a dictionary-plus-order
/// model, sequentially and under concurrent stores (issue 14: re-stored keys queued again,
/// a stale queue entry evicted the key's live answer, the byte count raced).
public class RecentAnswersTests
{
    private static readonly string[] Keys = ["a", "b", "c", "d", "e"];

    private static readonly Gen<(int MaxEntries, int MaxBytes)> Bounds =
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 40]);

    private static readonly Gen<(string Key, int Size)> Store =
        Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.Int[0, 50], (k, size) => (Keys[k], size));

    private static readonly Gen<string> Key = Gen.Int[0, Keys.Length - 1].Select(k => Keys[k]);

    [Fact]
    public void Re_storing_a_key_never_evicts_its_live_answer()
    {
        var recent = new RecentAnswers(maxEntries: 2);

        recent.Remember("a", Entry(1));
        recent.Remember("b", Entry(1));
        recent.Remember("a", Entry(2));
        recent.Remember("c", Entry(1));

        Assert.True(recent.TryGet("a", out var a));
        Assert.Equal(2, a.Body.Length);
        Assert.False(recent.TryGet("b", out _));
    }

    [Fact]
    public void Behaves_as_a_dictionary_with_a_recency_order() =>
        Bounds.Select(b => (new Observed(new RecentAnswers(b.MaxEntries, b.MaxBytes)),
                new LruModel(b.MaxEntries, b.MaxBytes)))
            .SampleModelBased(
                Store.Operation<Observed, LruModel>(s => $"Remember({s.Key}, {s.Size})",
                    (actual, s) => actual.Cache.Remember(s.Key, Entry(s.Size)),
                    (model, s) => model.Remember(s.Key, s.Size)),
                Key.Operation<Observed, LruModel>(k => $"TryGet({k})",
                    (actual, k) => actual.TryGet(k),
                    (model, k) => model.TryGet(k)),
                equal: Same);

    [Fact]
    public void Concurrent_stores_and_reads_are_linearizable() =>
        Gen.Const(() => new RecentAnswers(maxEntries: 3, maxBytes: 60)).SampleParallel(
            Store.Operation<RecentAnswers>(
                s => $"Remember({s.Key}, {s.Size})", (r, s) => r.Remember(s.Key, Entry(s.Size))),
            Key.Operation<RecentAnswers>(k => $"TryGet({k})", (r, k) => r.TryGet(k, out _)),
            equal: (x, y) => x.Contents().SequenceEqual(y.Contents()) && x.Size == y.Size
                && Consistent(x));

    private static bool Same(Observed actual, LruModel model) =>
        actual.Cache.Contents().SequenceEqual(model.Order.Select(k => (k, model.Sizes[k])))
        && actual.Cache.Size == (model.Order.Count, model.Bytes)
        && actual.Reads.SequenceEqual(model.Reads);

    // The byte count is the sum of the bodies kept.
    private static bool Consistent(RecentAnswers recent) =>
        recent.Size.Bytes == recent.Contents().Sum(c => (long)c.Bytes);

    private static CacheEntry Entry(int size) =>
        new(1, 200, "application/json", new byte[size], null, null, DateTimeOffset.UnixEpoch);

    /// The cache with what each read found (the body size, or null for a miss).
    private sealed class Observed(RecentAnswers cache)
    {
        public RecentAnswers Cache => cache;
        public List<int?> Reads { get; } = [];

        public void TryGet(string key) =>
            Reads.Add(cache.TryGet(key, out var entry) ? entry.Body.Length : null);
    }

    /// The model: sizes by key and the keys from least to most recently used.
    private sealed class LruModel(int maxEntries, int maxBytes)
    {
        public Dictionary<string, int> Sizes { get; } = [];
        public List<string> Order { get; } = [];
        public long Bytes => Sizes.Values.Sum(v => (long)v);

        public void Remember(string key, int size)
        {
            if (Sizes.Remove(key)) Order.Remove(key);
            if (size > maxBytes) return;
            Sizes[key] = size;
            Order.Add(key);
            while (Order.Count > maxEntries || Bytes > maxBytes)
            {
                Sizes.Remove(Order[0]);
                Order.RemoveAt(0);
            }
        }

        public List<int?> Reads { get; } = [];

        public void TryGet(string key)
        {
            if (!Sizes.TryGetValue(key, out var size))
            {
                Reads.Add(null);
                return;
            }
            Order.Remove(key);
            Order.Add(key);
            Reads.Add(size);
        }
    }
}
