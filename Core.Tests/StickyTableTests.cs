using CsCheck;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

/// Model-based: the immutable table against a plain list of (key, model, provider, expiry).
public class StickyTableTests
{
    private static readonly DateTimeOffset Start = RoutingGens.Epoch;

    private sealed record Op(int Kind, string Key, string Model, string Provider, int Advance, int TtlSeconds);

    private static readonly Gen<Op> Operation = Gen.Select(
        Gen.Int[0, 2], Gen.OneOf("", "alice", "bob"), Gen.OneOf("gpt-4o", "o3", "llama3"), Gen.OneOf("p0", "p1", "p2"),
        Gen.Int[0, 40], Gen.Int[1, 60],
        (kind, key, model, provider, advance, ttl) => new Op(kind, key, model, provider, advance, ttl));

    [Fact]
    public void StickyTable_agrees_with_a_list_model_under_any_operations() =>
        Gen.Select(Operation.Array[0, 40], Gen.Int[1, 4]).Sample((ops, capacity) =>
        {
            var actual = StickyTable.Empty with { Capacity = capacity };
            var model = new List<(string Key, string Model, string Provider, DateTimeOffset Expires)>();
            var now = Start;
            foreach (var op in ops)
            {
                now = now.AddSeconds(op.Advance);
                switch (op.Kind)
                {
                    case 0:
                        actual = actual.Record(op.Key, op.Model, op.Provider, now, TimeSpan.FromSeconds(op.TtlSeconds));
                        ModelRecord(model, op, now, capacity);
                        break;
                    case 1:
                        actual = actual.Prune(now);
                        model.RemoveAll(e => e.Expires <= now);
                        break;
                }

                var expected = model.FirstOrDefault(e => e.Key == op.Key && e.Model == op.Model && e.Expires > now).Provider;
                if (actual.Lookup(op.Key, op.Model, now) != expected || actual.Entries.Count != model.Count)
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void Lookup_after_the_ttl_is_gone()
    {
        var table = StickyTable.Empty.Record("alice", "o3", "p1", Start, TimeSpan.FromSeconds(60));

        var actual = (table.Lookup("alice", "o3", Start.AddSeconds(59)), table.Lookup("alice", "o3", Start.AddSeconds(60)));

        Assert.Equal(("p1", null), actual);
    }

    [Fact]
    public void Record_in_a_table_of_no_capacity_keeps_nothing()
    {
        var table = StickyTable.Empty with { Capacity = 0 };

        var actual = table.Record("alice", "o3", "p1", Start, TimeSpan.FromSeconds(60));

        Assert.Empty(actual.Entries);
        Assert.Null(actual.Lookup("alice", "o3", Start));
    }

    [Fact]
    public void Record_in_a_full_table_evicts_the_entry_closest_to_expiry()
    {
        var table = (StickyTable.Empty with { Capacity = 2 })
            .Record("alice", "o3", "p1", Start, TimeSpan.FromSeconds(30))
            .Record("bob", "o3", "p1", Start, TimeSpan.FromSeconds(10))
            .Record("carol", "o3", "p1", Start, TimeSpan.FromSeconds(60));

        Assert.Equal(new[] { "alice", "carol" }, table.Entries.Keys.Select(k => k.Key).Order());
    }

    // Entries that expire together are evicted by key, then by model, in ordinal order.
    [Fact]
    public void Record_in_a_full_table_evicts_the_first_key_then_model_of_a_tie()
    {
        var ttl = TimeSpan.FromSeconds(60);
        var byKey = (StickyTable.Empty with { Capacity = 2 })
            .Record("bob", "o3", "p1", Start, ttl).Record("alice", "o3", "p1", Start, ttl)
            .Record("carol", "o3", "p1", Start, ttl);
        var byModel = (StickyTable.Empty with { Capacity = 2 })
            .Record("bob", "o3", "p1", Start, ttl).Record("bob", "gpt-4o", "p1", Start, ttl)
            .Record("carol", "o3", "p1", Start, ttl);

        Assert.Equal(new[] { ("bob", "o3"), ("carol", "o3") },
            byKey.Entries.Keys.Order().Select(k => (k.Key, k.Model)));
        Assert.Equal(new[] { ("bob", "o3"), ("carol", "o3") },
            byModel.Entries.Keys.Order().Select(k => (k.Key, k.Model)));
    }

    private static void ModelRecord(
        List<(string Key, string Model, string Provider, DateTimeOffset Expires)> model, Op op, DateTimeOffset now, int capacity)
    {
        var at = model.FindIndex(e => e.Key == op.Key && e.Model == op.Model);
        if (at < 0 && model.Count >= capacity)
        {
            model.RemoveAll(e => e.Expires <= now);
            if (model.Count >= capacity)
            {
                var victim = model.OrderBy(e => e.Expires)
                    .ThenBy(e => e.Key, StringComparer.Ordinal)
                    .ThenBy(e => e.Model, StringComparer.Ordinal)
                    .First();
                model.Remove(victim);
            }
        }

        var entry = (op.Key, op.Model, op.Provider, now + TimeSpan.FromSeconds(op.TtlSeconds));
        if (at >= 0) model[at] = entry;
        else model.Add(entry);
    }
}
