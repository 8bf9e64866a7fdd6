using Menshen.Shell.Storage;
using Menshen.Shell.Storage.Postgres;
using Npgsql;
using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Postgres;

/// Retention on the shared database runs on one instance at a time (SPEC §15).
[Collection("postgres")]
public class PgRetentionLockTests(PgCluster cluster)
{
    private static readonly RetentionOptions Quick = new() { PauseBetweenBatches = TimeSpan.Zero };

    [Fact]
    public async Task Purge_skips_the_run_while_another_instance_holds_the_lock()
    {
        await using var store = await PgStore.CreateAsync(cluster);
        await store.WriteAllAsync([.. Enumerable.Range(0, 5).Select(i => Small(IdAt(At.AddDays(-10), i)))]);
        var purge = new PgRetentionPurge(store.Database);
        var cutoff = At.AddDays(-1).ToUnixTimeMilliseconds();
        await using var other = new NpgsqlConnection(PgDatabase.ConnectionString(store.Config));
        await other.OpenAsync();
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(x'4D454E530002'::bigint)", other))
            await hold.ExecuteNonQueryAsync();

        var whileHeld = await purge.PurgeAsync(cutoff, Quick, TimeProvider.System, CancellationToken.None);
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(x'4D454E530002'::bigint)", other))
            await release.ExecuteNonQueryAsync();
        var afterwards = await purge.PurgeAsync(cutoff, Quick, TimeProvider.System, CancellationToken.None);

        Assert.Equal((0, 5), (whileHeld, afterwards));
        Assert.Equal(0, await store.CountAsync("SELECT COUNT(*) FROM requests"));
        Assert.Equal(0, await store.CountAsync("SELECT COALESCE(SUM(requests), 0) FROM report_quarters"));
    }
}
