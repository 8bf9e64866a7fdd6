using Menshen.Core.Audit;
using Menshen.Core.Config;
using Menshen.Shell.Http;
using Menshen.Shell.Storage;
using Menshen.Shell.Storage.Postgres;
using Menshen.Shell.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Menshen.Shell.Tests.Postgres;

/// Instance numbers (the instance part of every audit id) stay unique among live gateways, also
/// after one was cut off from the database for longer than its claim's lease: two instances with
/// one number make the same ids, and the second row of an id is never stored.
[Collection("postgres")]
public class InstanceSlotTests(PgCluster cluster)
{
    private static readonly TimeSpan Renewal = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task An_instance_whose_number_was_taken_while_it_was_away_claims_another()
    {
        await using var database = await OpenAsync();
        await using var away = await ClaimAsync(database);
        var number = away.Slot;
        // Cut off longer than the lease (a partition, a long outage), it finds its number given
        // to a gateway started meanwhile (in one statement, so no renewal comes in between).
        await ExecuteAsync(database, "UPDATE instances SET holder = 'started meanwhile', " +
            $"renewed_at = (extract(epoch from clock_timestamp()) * 1000)::bigint " +
            $"WHERE slot = {number}");

        await WaitForAsync(() => away.Slot != number, () => $"still instance {number}");

        Assert.Equal(2, await CountAsync(database,
            "SELECT count(DISTINCT slot) FROM instances"));
        Assert.Equal(1, await CountAsync(database,
            $"SELECT count(*) FROM instances WHERE slot = {number} AND holder = 'started meanwhile'"));
    }

    [Fact]
    public async Task A_number_whose_row_is_gone_is_claimed_again_and_kept()
    {
        await using var database = await OpenAsync();
        await using var claim = await ClaimAsync(database);
        var slot = claim.Slot;
        await ExecuteAsync(database, "DELETE FROM instances");

        await WaitForAsync(async () => await CountAsync(database,
            $"SELECT count(*) FROM instances WHERE slot = {slot}") == 1, () => "no row again");

        Assert.Equal(slot, claim.Slot);
    }

    // helper-47: a start that failed after claiming its number (a spool_path it cannot write,
    // e.g. under systemd's ProtectSystem=strict) kept the number for the lease's 10 minutes;
    // Restart=on-failure made 32 such starts in seconds, and every new instance was refused.
    // The error also blamed the database.
    [Fact]
    public async Task A_start_that_cannot_open_its_spool_claims_no_number_and_names_the_spool()
    {
        var url = await cluster.CreateDatabaseAsync();
        var spool = "/proc/no-such-folder/spool.db";

        var error = await Assert.ThrowsAnyAsync<IOException>(() => PgBackend.OpenAsync(
            new PostgresConfig(url, 4, spool), new AuditWriterOptions(), NullLogger.Instance));

        Assert.Contains($"the local spool {spool} (spool_path)", error.Message,
            StringComparison.Ordinal);
        await using var database = await PgDatabase.OpenAsync(new PostgresConfig(url, 4, "unused"),
            NullLogger.Instance);
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM instances"));
    }

    // helper-55: every unclean exit (kill -9, a crash, a stop while the database was away)
    // left its number for the 10-minute lease, under a new random holder at each start, so a
    // crash loop's 33rd start in 10 minutes found all 32 in use and no instance could start.
    // helper-56 and -57: taking back a number on a host name, or on a process or boot check,
    // took a live twin's (two hosts named alike; a copied spool in two containers, pid 1 both)
    // and lost rows. A number of one's own identity is taken back once it has gone unrenewed
    // for ReclaimAfter; a live holder renews every 10 s.
    [Theory]
    [InlineData("mine, unrenewed for 30 s", 30, true)]
    [InlineData("mine, renewed 5 s ago (a live twin)", 5, false)]
    [InlineData("another identity's, unrenewed for 30 s", 30, false)]
    public async Task A_start_takes_back_only_an_unrenewed_number_of_its_own_identity(
        string earlierRun, int secondsAgo, bool takenBack)
    {
        await using var database = await OpenAsync();
        const string Mine = "0123456789abcdef0123456789abcdef";
        var holder = (earlierRun.StartsWith("mine", StringComparison.Ordinal) ? Mine
            : "fedcba9876543210fedcba9876543210") + ":earlier-run";
        await ExecuteAsync(database, "INSERT INTO instances (slot, holder, renewed_at) " +
            $"SELECT s, CASE WHEN s = 17 THEN '{holder}' ELSE 'other-' || s END, " +
            "(extract(epoch from clock_timestamp()) * 1000)::bigint " +
            $"- CASE WHEN s = 17 THEN {secondsAgo * 1000} ELSE 0 END " +
            $"FROM generate_series(0, {InstanceIds.Instances - 1}) AS s");

        var start = PgInstanceSlot.ClaimAsync(database, NullLogger.Instance, identity: Mine);

        if (takenBack)
        {
            await using var restarted = await start;
            Assert.Equal(17, restarted.Slot);
            Assert.Equal(0, await CountAsync(database,
                $"SELECT count(*) FROM instances WHERE holder = '{holder}'"));
        }
        else
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => start);
            Assert.Contains("instance numbers of the audit database are in use", refused.Message,
                StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_identity_is_kept_beside_the_spool_and_made_once()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("menshen-identity-").FullName,
            "spool.db-instance");

        var (made, kept) = (PgInstanceSlot.IdentityIn(file), PgInstanceSlot.IdentityIn(file));

        Assert.Matches("^[0-9a-f]{32}$", made);
        Assert.Equal(made, kept);
        Assert.NotEqual(made, PgInstanceSlot.IdentityIn(file + "-other"));
    }

    [Fact]
    public async Task Two_instances_cannot_share_one_spool()
    {
        var url = await cluster.CreateDatabaseAsync();
        var spool = Path.Combine(Directory.CreateTempSubdirectory("menshen-spool-").FullName,
            "spool.db");
        await using var first = await PgBackend.OpenAsync(new PostgresConfig(url, 4, spool),
            new AuditWriterOptions(), NullLogger.Instance);

        var error = await Assert.ThrowsAnyAsync<IOException>(() => PgBackend.OpenAsync(
            new PostgresConfig(url, 4, spool), new AuditWriterOptions(), NullLogger.Instance));

        Assert.Contains($"the local spool {spool} (spool_path): another ai-menshen uses it",
            error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(first.Database, "SELECT count(*) FROM instances"));
    }

    [Fact]
    public void Request_ids_follow_a_new_instance_number()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        var instance = 3;
        var ids = new RequestIds(clock, instance: () => instance);

        var before = ids.Next();
        instance = 7;
        var after = ids.Next();

        Assert.Equal(3, InstanceIds.Split(before).Instance);
        Assert.Equal(7, InstanceIds.Split(after).Instance);
        Assert.True(after > before);
    }

    // Renewed every 200 ms, so a lost claim is noticed within the test's patience.
    private static Task<PgInstanceSlot> ClaimAsync(PgDatabase database) =>
        PgInstanceSlot.ClaimAsync(database, NullLogger.Instance, renewEvery: Renewal);

    private async Task<PgDatabase> OpenAsync() => await PgDatabase.OpenAsync(
        new PostgresConfig(await cluster.CreateDatabaseAsync(), 4, "unused"), NullLogger.Instance);

    private static async Task ExecuteAsync(PgDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(PgDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task WaitForAsync(Func<bool> condition, Func<string> why) =>
        WaitForAsync(() => Task.FromResult(condition()), why);

    private static async Task WaitForAsync(Func<Task<bool>> condition, Func<string> why)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, why());
            await Task.Delay(50);
        }
    }
}
