using System.Collections.Concurrent;
using System.Diagnostics;
using Menshen.Shell.Tests.Reports;
using Menshen.Simulator;
using Menshen.Shell.Storage.Postgres;

namespace Menshen.Shell.Tests.Postgres;

/// A database that hangs instead of refusing (its host gone, a network partition): the shared
/// cache and the health probe give up on it within about a second, so requests keep their
/// latency and a load balancer's health check (2-5 s timeouts) gets its answer in time.
[Collection("postgres")]
public class HungDatabaseTests(PgCluster cluster)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Cache_lookups_and_the_health_probe_give_up_on_a_hung_database_in_time()
    {
        await using var store = await PgStore.CreateAsync(cluster);
        var cache = new PgCacheStore(store.Database);
        // The pool now holds a live connection: the hang meets a command, not a connect.
        Assert.Null(await cache.FindAsync("warm", null, CancellationToken.None));
        var lookups = new List<TimeSpan>();
        TimeSpan probe;
        bool writable;
        string? degraded;
        await using (await cluster.HangAsync())
        {
            for (var i = 0; i < 3; i++)
            {
                var started = Stopwatch.GetTimestamp();
                Assert.Null(await cache.FindAsync($"key {i}", null, CancellationToken.None));
                lookups.Add(Stopwatch.GetElapsedTime(started));
            }
            await Task.Delay(TimeSpan.FromSeconds(1.1)); // past the last ping's reuse
            var probing = Stopwatch.GetTimestamp();
            writable = await store.Backend.WritableAsync(CancellationToken.None);
            degraded = await store.Backend.DegradedAsync(CancellationToken.None);
            probe = Stopwatch.GetElapsedTime(probing);
        }

        Assert.All(lookups, t => Assert.True(t < Bound, $"a lookup took {t.TotalSeconds:F1} s"));
        Assert.True(probe < Bound, $"the health probe took {probe.TotalSeconds:F1} s");
        Assert.True(writable); // the spool takes the rows
        Assert.Contains("cannot be reached", degraded, StringComparison.Ordinal);
    }

    // The probe's SIGSTOP of PostgreSQL for 240 s: every write waited for Npgsql's 30 s command
    // timeout, three tries a batch, so no row reached the spool, the writer's queue filled and
    // every proxied request stalled while /healthz said 200. A hang must cost the writer
    // seconds, not the gateway its traffic.
    [Fact]
    public async Task A_hung_database_sends_rows_to_the_spool_and_requests_keep_flowing()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(),
            sim.BaseUrl, 1, cache: false);
        using var client = new HttpClient { BaseAddress = fleet.Gateways[0].BaseAddress };
        var answered = new ConcurrentBag<long>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        string Why() => $"{answered.Count} answered; failures: "
            + $"{string.Join("; ", failures.Take(5))}; " + fleet.Gateways[0].Output[
                ^Math.Min(2000, fleet.Gateways[0].Output.Length)..];
        var load = Enumerable.Range(0, 4).Select(i => Task.Run(() => GatewayFleet.LoadAsync(
            client, $"h{i}", answered, failures, stop.Token))).ToArray();
        await GatewayFleet.WaitUntilAsync(() => answered.Count >= 200, Why);
        int duringLastSeconds;
        string metrics;
        await using (await cluster.HangAsync())
        {
            await Task.Delay(TimeSpan.FromSeconds(20));
            var before = answered.Count;
            await Task.Delay(TimeSpan.FromSeconds(5));
            duringLastSeconds = answered.Count - before;
            metrics = await client.GetStringAsync("/metrics");
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var ids = answered.ToArray();
        await fleet.WaitForRowsAsync(ids, TimeSpan.FromSeconds(90));

        Assert.True(duringLastSeconds >= 100,
            $"{duringLastSeconds} answered in the hang's last 5 s: " + Why());
        Assert.Matches(@"menshen_audit_spool_depth [1-9]", metrics);
        Assert.Empty(failures);
        Assert.Equal(ids.Length, await fleet.CountStoredAsync(ids));
        Assert.Equal(ids.Length, await fleet.CountAllAsync());
    }

    // The writer's pool of 2 must not refuse a connection string that asks for more idle
    // connections (Npgsql: "Max Pool Size 2 under Min Pool Size 5" stopped the start).
    [Fact]
    public async Task A_minimum_pool_size_above_the_writers_pool_still_starts()
    {
        var url = new Uri(await cluster.CreateDatabaseAsync());
        var text = $"Host=127.0.0.1;Port={url.Port};Username=postgres;"
            + $"Database={url.AbsolutePath.TrimStart('/')};Minimum Pool Size=5";

        await using var store = await PgStore.CreateAsync(cluster, url: text);
        await store.Backend.Committer.CommitAsync([ReportRows.Row(ReportRows.Now, n: 1)]);

        Assert.Equal(1, await store.CountAsync("SELECT COUNT(*) FROM requests"));
    }
}
