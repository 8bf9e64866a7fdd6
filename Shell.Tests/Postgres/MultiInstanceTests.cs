using System.Collections.Concurrent;
using System.Net;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Postgres;

/// Three gateway processes on one PostgreSQL database (SPEC §15), end to end.
[Collection("postgres")]
public class MultiInstanceTests(PgCluster cluster)
{
    [Fact]
    public async Task Three_instances_share_audit_reports_ids_and_cache()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(), sim.BaseUrl, 3);
        var clients = fleet.Gateways.Select(g => new HttpClient { BaseAddress = g.BaseAddress }).ToArray();

        var answers = new ConcurrentBag<(HttpStatusCode Status, long Id)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 3000), new ParallelOptions { MaxDegreeOfParallelism = 24 },
            async (i, _) =>
            {
                var (status, id, _) = await GatewayFleet.PostAsync(clients[i % 3], $"request {i}");
                answers.Add((status, id));
            });
        var ids = answers.Select(a => a.Id).ToArray();
        await fleet.WaitForRowsAsync(ids, TimeSpan.FromSeconds(60));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(3000, ids.Distinct().Count());
        Assert.Equal(3000, await fleet.CountAllAsync());
        var summaries = await Task.WhenAll(clients.Select(c => c.GetStringAsync("/__report/summary")));
        Assert.Contains("\"total_requests\":3000,", summaries[0], StringComparison.Ordinal);
        Assert.All(summaries, s => Assert.Equal(summaries[0], s));
        var models = await Task.WhenAll(clients.Select(c => c.GetStringAsync("/__report/models")));
        Assert.All(models, m => Assert.Equal(models[0], m));
        // The ids carry three different instance numbers.
        Assert.Equal(3, ids.Select(Instance).Distinct().Count());

        // A response stored by one instance is a hit on another.
        var (_, stored, miss) = await GatewayFleet.PostAsync(clients[0], "cache me");
        await fleet.WaitForRowsAsync([stored], TimeSpan.FromSeconds(10));
        var (status, _, hit) = await GatewayFleet.PostAsync(clients[1], "cache me");

        Assert.Equal(("MISS", HttpStatusCode.OK, "HIT"), (miss, status, hit));
        // The id handed out by the first instance is found by the third.
        using (var found = await clients[2].GetAsync($"/__report/log?id={stored}"))
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        foreach (var client in clients) client.Dispose();
    }

    [Fact]
    public async Task Sigterm_of_one_instance_under_load_loses_nothing()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { HeaderDelayMs = 10 });
        using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(), sim.BaseUrl, 3);
        var clients = fleet.Gateways.Select(g => new HttpClient { BaseAddress = g.BaseAddress }).ToArray();
        var answered = new ConcurrentBag<long>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, 12).Select(i => Task.Run(() => GatewayFleet.LoadAsync(
            clients[i % 3], $"w{i}", answered, failures, stop.Token, stopOnRefused: i % 3 == 1))).ToArray();
        string Why() => $"{answered.Count} answered; failures: {string.Join("; ", failures.Take(5))}";
        await GatewayFleet.WaitUntilAsync(() => answered.Count >= 600, Why);
        fleet.Gateways[1].Signal("TERM");
        var exit = await fleet.Gateways[1].WaitForExitAsync(TimeSpan.FromSeconds(30));
        await GatewayFleet.WaitUntilAsync(() => answered.Count >= 1200, Why);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var ids = answered.ToArray();
        await fleet.WaitForRowsAsync(ids, TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, fleet.Gateways[1].Output);
        // Only the clients of the stopped instance may see refused connections.
        Assert.DoesNotContain(failures, f => !f.StartsWith("w1-", StringComparison.Ordinal)
            && !f.StartsWith("w4-", StringComparison.Ordinal) && !f.StartsWith("w7-", StringComparison.Ordinal)
            && !f.StartsWith("w10-", StringComparison.Ordinal));
        Assert.Equal(ids.Length, await fleet.CountStoredAsync(ids));
        foreach (var client in clients) client.Dispose();
    }

    private static int Instance(long id) => (int)(id % 1000 % 32);
}
