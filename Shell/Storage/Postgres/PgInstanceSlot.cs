using Menshen.Core.Audit;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// This instance's number among the gateways sharing the database (the instance part of its
/// ids, InstanceIds): the lowest free slot of `instances`, claimed under an advisory lock so
/// instances starting together get different ones. The claim is renewed while the instance
/// runs and given back at shutdown; a slot not renewed for `Lease` (a crashed instance) may be
/// taken again. Times are the database's clock, shared by every instance.
///
/// An instance that did not stop cleanly (killed, crashed, stopped while the database was away)
/// leaves its claim for the lease, so a crash loop once used up all the numbers and no instance
/// could start (helper-55: the 33rd start in 10 minutes). Each claim's holder therefore begins
/// with the instance's identity (a random token kept beside its spool), and a start takes back
/// a number of its identity that has not been renewed for `ReclaimAfter`: a live holder renews
/// every 10 s, so it is never one that runs. No process or boot check is asked to prove a run
/// over: a copied spool folder in another container (the same token, pid 1 both) took the number
/// of the live original that way and lost rows, and macOS has neither (helper-57).
///
/// A live instance cut off from the database for longer than the lease may find its slot taken
/// when it is back: the renewal notices (no row renewed) and claims a free number at once (it
/// is tried every second while the database is away). Until then both made ids with that
/// number (helper-57: a cut of over 10 minutes and a new start during it), so a row whose id the
/// other instance used is stored under a spare id (PgBatchCommitter, InstanceIds.Spare).
public sealed partial class PgInstanceSlot : IAsyncDisposable
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    /// How long a claim of this instance's own identity must have gone unrenewed before a start
    /// takes it back: two and a half renewals, so a live holder's claim never qualifies.
    public static readonly TimeSpan ReclaimAfter = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    private const string Now = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    private readonly PgDatabase _database;
    private readonly string _identity;
    private readonly string _holder;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private readonly TimeSpan _renewEvery;
    private Task _renewal = Task.CompletedTask;
    private volatile int _slot;

    private PgInstanceSlot(PgDatabase database, ILogger logger, TimeSpan renewEvery,
        string identity)
    {
        _database = database;
        _identity = identity;
        _holder = identity + ":" + Guid.NewGuid().ToString("N");
        _logger = logger;
        _renewEvery = renewEvery;
    }

    /// The instance number now held (it changes only when the claim was lost, see above).
    public int Slot => _slot;

    /// The identity kept in `file` (beside the spool: `spool.db-instance`), made on first use:
    /// 32 random hex digits, a fixed length, so no identity begins another's holder. A copy of
    /// the spool's folder copies it; a clone must delete it.
    public static string IdentityIn(string file)
    {
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: 32 } kept
            && kept.All(char.IsAsciiHexDigit)) return kept.ToLowerInvariant();
        var made = Guid.NewGuid().ToString("N");
        SecureFile.Prepare(file);
        File.WriteAllText(file, made + "\n");
        return made;
    }

    /// Claims a number and keeps it renewed every `renewEvery` (default 10 s; tests shorten it).
    /// `identity` (IdentityIn) lets a restart take back what an unclean exit left; without one,
    /// every claim is new.
    public static async Task<PgInstanceSlot> ClaimAsync(PgDatabase database, ILogger logger,
        TimeSpan? renewEvery = null, string? identity = null, CancellationToken ct = default)
    {
        var claim = new PgInstanceSlot(database, logger, renewEvery ?? RenewEvery,
            identity ?? Guid.NewGuid().ToString("N"));
        claim._slot = await claim.TryTakeAsync(preferred: -1, reclaim: true, ct)
            ?? throw new InvalidOperationException($"all {InstanceIds.Instances} instance " +
                "numbers of the audit database are in use");
        claim._renewal = Task.Run(() => claim.RenewLoopAsync(claim._stop.Token),
            CancellationToken.None);
        return claim;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        try
        {
            await using var connection = await _database.OpenConnectionAsync(default);
            await using var release = Command(connection,
                "DELETE FROM instances WHERE slot = $slot AND holder = $holder");
            await release.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The database is away: the slot frees itself when its lease runs out.
        }
        _stop.Dispose();
    }

    // At a start (`reclaim`), a slot of this identity unrenewed for ReclaimAfter; else
    // `preferred` when it is free (a renewal keeps its number when nobody took it); else the
    // lowest free one; null when every slot is held by others. A renewal never takes back.
    private async Task<int?> TryTakeAsync(int preferred, bool reclaim, CancellationToken ct)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock({PgLocks.Instances})", connection, tx))
            await lockCommand.ExecuteNonQueryAsync(ct);
        await using var take = new NpgsqlCommand(Sql.ForPostgres($"""
            INSERT INTO instances (slot, holder, renewed_at)
            SELECT s, $holder, {Now} FROM generate_series(0, {InstanceIds.Instances - 1}) AS s
            WHERE s = $ended OR NOT EXISTS (SELECT 1 FROM instances i WHERE i.slot = s
                              AND i.renewed_at > {Now} - {(long)Lease.TotalMilliseconds})
            ORDER BY s <> $ended, s <> $preferred, s
            LIMIT 1
            ON CONFLICT (slot) DO UPDATE SET holder = excluded.holder,
                renewed_at = excluded.renewed_at
            RETURNING slot
            """), connection, tx);
        take.Parameters.AddWithValue("holder", _holder);
        take.Parameters.AddWithValue("ended", reclaim ? await UnrenewedSlotAsync(connection, tx, ct)
            : -1);
        take.Parameters.AddWithValue("preferred", preferred);
        var slot = await take.ExecuteScalarAsync(ct);
        await tx.CommitAsync(ct);
        return slot is null ? null
            : Convert.ToInt32(slot, System.Globalization.CultureInfo.InvariantCulture);
    }

    // The lowest slot of this identity not renewed for ReclaimAfter (an earlier run that did
    // not stop cleanly), or -1.
    private async Task<int> UnrenewedSlotAsync(NpgsqlConnection connection,
        NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var mine = new NpgsqlCommand(Sql.ForPostgres(
            "SELECT min(slot) FROM instances WHERE left(holder, length($mine)) = $mine " +
            $"AND renewed_at < {Now} - {(long)ReclaimAfter.TotalMilliseconds}"), connection, tx);
        mine.Parameters.AddWithValue("mine", _identity + ":");
        return await mine.ExecuteScalarAsync(ct) is int slot ? slot : -1;
    }

    private async Task RenewLoopAsync(CancellationToken ct)
    {
        var renewing = true;
        try
        {
            while (true)
            {
                await Task.Delay(renewing ? _renewEvery : RetryEvery, ct);
                var renewed = await RenewAsync(logFailure: renewing, ct);
                if (renewed && !renewing) LogRenewedAgain(_logger, _slot);
                renewing = renewed;
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    // True when the claim is renewed (or claimed again); false when the database is away (the
    // first failure of a run is logged, not each retry).
    private async Task<bool> RenewAsync(bool logFailure, CancellationToken ct)
    {
        try
        {
            int renewed;
            await using (var connection = await _database.OpenConnectionAsync(ct))
            await using (var renew = Command(connection,
                $"UPDATE instances SET renewed_at = {Now} WHERE slot = $slot " +
                "AND holder = $holder"))
                renewed = await renew.ExecuteNonQueryAsync(ct);
            if (renewed == 1) return true;
            var lost = _slot;
            if (await TryTakeAsync(preferred: lost, reclaim: false, ct) is not { } slot)
            {
                // Another instance holds this number and none is free: say so loudly, and keep
                // trying (a number frees itself when its holder stops or its lease runs out).
                if (logFailure) LogNoNumberFree(_logger, lost, InstanceIds.Instances);
                return false;
            }
            _slot = slot;
            if (slot == lost) LogClaimTakenAgain(_logger, lost);
            else LogClaimLost(_logger, lost, slot);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException
            or InvalidOperationException)
        {
            // An outage is expected here: its reason in one line, not the driver's stack.
            if (logFailure) LogRenewFailed(_logger, _slot, e.Message);
            return false;
        }
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(Sql.ForPostgres(sql), connection);
        command.Parameters.AddWithValue("slot", _slot);
        command.Parameters.AddWithValue("holder", _holder);
        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "instance {Slot}: could not renew its claim on the audit database " +
        "({Reason}); trying every second")]
    private static partial void LogRenewFailed(ILogger logger, int slot, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "instance {Slot}: claim on the audit database renewed again")]
    private static partial void LogRenewedAgain(ILogger logger, int slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "instance {Lost}: its claim on the audit " +
        "database had run out (unreachable longer than the lease); claimed instance {Slot}")]
    private static partial void LogClaimLost(ILogger logger, int lost, int slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "instance {Slot}: its claim on the audit " +
        "database had run out or was removed; nobody else took the number, so it is claimed again")]
    private static partial void LogClaimTakenAgain(ILogger logger, int slot);

    [LoggerMessage(Level = LogLevel.Critical, Message = "instance {Slot}: another instance now " +
        "holds this number and all {Count} are in use, so audit ids of the two may collide " +
        "(rows lost); stop an instance")]
    private static partial void LogNoNumberFree(ILogger logger, int slot, int count);
}
