using CsCheck;
using Menshen.Shell.Runtime;

namespace Menshen.Shell.Tests.Routing;

/// Affinity's memory is a bounded least-recently-used map, checked against a list model; a miss
/// asks the store (the audit) and keeps what it found; a hit never asks it.
public class ResponseOriginsTests
{
    private static readonly string[] Ids = ["resp_a", "resp_b", "resp_c", "resp_d", "resp_e"];

    private static readonly Gen<(string Id, string Provider)> Remember = Gen.Select(
        Gen.Int[0, Ids.Length - 1], Gen.Int[0, 2], (i, p) => (Ids[i], $"p{p}"));

    private static readonly Gen<string> Id = Gen.Int[0, Ids.Length - 1].Select(i => Ids[i]);

    [Fact]
    public void Behaves_as_a_bounded_map_with_a_recency_order() =>
        Gen.Int[1, 4].Select(capacity => (new Observed(new ResponseOrigins(
                new NoResponseOriginStore(), capacity)), new Model(capacity)))
            .SampleModelBased(
                Remember.Operation<Observed, Model>(r => $"Remember({r.Id}, {r.Provider})",
                    (actual, r) => actual.Origins.Remember(r.Id, r.Provider),
                    (model, r) => model.Remember(r.Id, r.Provider)),
                Id.Operation<Observed, Model>(id => $"Recall({id})",
                    (actual, id) => actual.Reads.Add(actual.Origins.Recall(id)),
                    (model, id) => model.Recall(id)),
                equal: (actual, model) => actual.Origins.Contents().SequenceEqual(model.Order)
                    && actual.Reads.SequenceEqual(model.Reads));

    [Fact]
    public async Task A_miss_asks_the_store_and_keeps_what_it_found()
    {
        var store = new CountingStore(new Dictionary<string, string> { ["resp_old"] = "p1" });
        var origins = new ResponseOrigins(store);
        origins.Remember("resp_new", "p0");

        var fresh = await origins.ProviderOfAsync("resp_new", CancellationToken.None);
        var old = await origins.ProviderOfAsync("resp_old", CancellationToken.None);
        var again = await origins.ProviderOfAsync("resp_old", CancellationToken.None);
        var unknown = await origins.ProviderOfAsync("resp_unknown", CancellationToken.None);

        Assert.Equal(("p0", "p1", "p1", (string?)null), (fresh, old, again, unknown));
        Assert.Equal(["resp_old", "resp_unknown"], store.Asked);
    }

    private sealed class Observed(ResponseOrigins origins)
    {
        public ResponseOrigins Origins => origins;
        public List<string?> Reads { get; } = [];
    }

    private sealed class Model(int capacity)
    {
        public List<(string Id, string Provider)> Order { get; } = [];
        public List<string?> Reads { get; } = [];

        public void Remember(string id, string provider)
        {
            Order.RemoveAll(e => e.Id == id);
            Order.Add((id, provider));
            if (Order.Count > capacity) Order.RemoveAt(0);
        }

        public void Recall(string id)
        {
            var at = Order.FindIndex(e => e.Id == id);
            if (at < 0)
            {
                Reads.Add(null);
                return;
            }
            var entry = Order[at];
            Order.RemoveAt(at);
            Order.Add(entry);
            Reads.Add(entry.Provider);
        }
    }

    private sealed class CountingStore(Dictionary<string, string> rows) : IResponseOriginStore
    {
        public List<string> Asked { get; } = [];

        public Task<string?> FindProviderAsync(string responseId, CancellationToken cancellationToken)
        {
            Asked.Add(responseId);
            return Task.FromResult(rows.GetValueOrDefault(responseId));
        }
    }
}
