using System.Diagnostics;
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
}
