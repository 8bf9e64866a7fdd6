using static Menshen.Shell.Tests.Storage.SampleExchanges;

namespace Menshen.Shell.Tests.Postgres;

/// A database another build made at an older schema version is brought up to date in place:
/// its rows stay, the new columns appear, and rows written after are stored as now.
[Collection("postgres")]
public class PgUpgradeTests(PgCluster cluster)
{
    [Fact]
    public async Task A_version_6_database_is_upgraded_and_keeps_its_rows()
    {
        var url = await cluster.CreateDatabaseAsync();
        var before = Full(IdAt(At));
        await using (var first = await PgStore.CreateAsync(cluster, url: url))
        {
            await first.WriteAllAsync(before);
            // What version 6 had: no response_logged.
            await first.CountAsync("ALTER TABLE bodies DROP COLUMN response_logged; " +
                "DELETE FROM menshen_schema; INSERT INTO menshen_schema VALUES (6); SELECT 0");
        }

        await using var upgraded = await PgStore.CreateAsync(cluster, url: url);
        var after = Cacheable(IdAt(At, 1), new string('f', 64), "{}") with
        {
            ResponseBodyForLog = false,
        };
        await upgraded.WriteAllAsync(after);

        Assert.Equal(7,
            await upgraded.CountAsync("SELECT MAX(version) FROM menshen_schema"));
        Assert.Equal(1, await upgraded.CountAsync(
            $"SELECT response_logged FROM bodies WHERE request_id = {before.Id}"));
        Assert.Equal(0, await upgraded.CountAsync(
            $"SELECT response_logged FROM bodies WHERE request_id = {after.Id}"));
        Assert.Contains(upgraded.Logger.Lines, l => l.Message.Contains("migration 7",
            StringComparison.Ordinal));
    }
}
