using CsCheck;
using Menshen.Core.Routing;
using Menshen.Shell.Runtime;

namespace Menshen.Shell.Tests.Routing;

/// Affinity's memory is a bounded least-recently-used map, checked against a list model; a miss
/// asks the store (the audit) and keeps what it found; a hit never asks it.
public class ResponseOriginsTests
{
    private static readonly string[] Ids = ["resp_a", "resp_b", "resp_c", "resp_d", "resp_e"];

    private static readonly Gen<(string Id, ResponseOrigin Origin)> Remember = Gen.Select(
        Gen.Int[0, Ids.Length - 1], Gen.Int[0, 2], Gen.OneOf<string?>(null, "alice", "bob"),
        (i, p, key) => (Ids[i], new ResponseOrigin($"p{p}", key)));

    private static readonly Gen<string> Id = Gen.Int[0, Ids.Length - 1].Select(i => Ids[i]);

    [Fact]
    public void Behaves_as_a_bounded_map_with_a_recency_order() =>
        Gen.Int[1, 4].Select(capacity => (new Observed(new ResponseOrigins(
                new NoResponseOriginStore(), capacity)), new Model(capacity)))
            .SampleModelBased(
                Remember.Operation<Observed, Model>(r => $"Remember({r.Id}, {r.Origin})",
                    (actual, r) => actual.Origins.Remember(r.Id, r.Origin.Provider,
                        r.Origin.ClientKey),
                    (model, r) => model.Remember(r.Id, r.Origin)),
                Id.Operation<Observed, Model>(id => $"Recall({id})",
                    (actual, id) => actual.Reads.Add(actual.Origins.Recall(id)),
                    (model, id) => model.Recall(id)),
                equal: (actual, model) => actual.Origins.Contents().SequenceEqual(model.Order)
                    && actual.Reads.SequenceEqual(model.Reads));

    [Fact]
    public async Task A_miss_asks_the_store_and_keeps_what_it_found()
    {
        var store = new CountingStore(new Dictionary<string, ResponseOrigin>
        {
            ["resp_old"] = new("p1", "bob"),
        });
        var origins = new ResponseOrigins(store);
        origins.Remember("resp_new", "p0", "alice");

        var fresh = await origins.OriginOfAsync("resp_new", true, CancellationToken.None);
        var old = await origins.OriginOfAsync("resp_old", true, CancellationToken.None);
        var again = await origins.OriginOfAsync("resp_old", true, CancellationToken.None);
        var unknown = await origins.OriginOfAsync("resp_unknown", true, CancellationToken.None);

        Assert.Equal((new ResponseOrigin("p0", "alice"), new ResponseOrigin("p1", "bob"),
            new ResponseOrigin("p1", "bob"), (ResponseOrigin?)null), (fresh, old, again, unknown));
        Assert.Equal(["resp_old", "resp_unknown"], store.Asked);
    }

    private sealed class Observed(ResponseOrigins origins)
    {
        public ResponseOrigins Origins => origins;
        public List<ResponseOrigin?> Reads { get; } = [];
    }

    private sealed class Model(int capacity)
    {
        public List<(string Id, ResponseOrigin Origin)> Order { get; } = [];
        public List<ResponseOrigin?> Reads { get; } = [];

        public void Remember(string id, ResponseOrigin origin)
        {
            Order.RemoveAll(e => e.Id == id);
            Order.Add((id, origin));
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
            Reads.Add(entry.Origin);
        }
    }

    private sealed class CountingStore(Dictionary<string, ResponseOrigin> rows)
        : IResponseOriginStore
    {
        public List<string> Asked { get; } = [];

        public Task<ResponseOrigin?> FindOriginAsync(string responseId, bool mayWait,
            CancellationToken cancellationToken)
        {
            Asked.Add(responseId);
            return Task.FromResult(rows.GetValueOrDefault(responseId));
        }
    }
}
