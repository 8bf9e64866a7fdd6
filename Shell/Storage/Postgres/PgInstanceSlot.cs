using Menshen.Core.Audit;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// This instance's number among the gateways sharing the database (the instance part of its
/// ids, InstanceIds): the lowest free slot of `instances`, claimed under an advisory lock so
/// instances starting together get different ones. The claim is renewed while the instance
/// runs and given back at shutdown; a slot not renewed for `Lease` (a crashed instance) may be
/// taken again. Times are the database's clock, shared by every instance.
public sealed partial class PgInstanceSlot : IAsyncDisposable
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);
    private const string Now = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    private readonly PgDatabase _database;
    private readonly string _holder = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private Task _renewal = Task.CompletedTask;

    private PgInstanceSlot(PgDatabase database, ILogger logger)
    {
        _database = database;
        _logger = logger;
    }

    public int Slot { get; private set; }

    public static async Task<PgInstanceSlot> ClaimAsync(PgDatabase database, ILogger logger,
        CancellationToken ct = default)
    {
        var claim = new PgInstanceSlot(database, logger);
        claim.Slot = await claim.TakeAsync(ct);
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

    private async Task<int> TakeAsync(CancellationToken ct)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock({PgLocks.Instances})", connection, tx))
            await lockCommand.ExecuteNonQueryAsync(ct);
        await using var take = Command(connection, $"""
            INSERT INTO instances (slot, holder, renewed_at)
            SELECT s, $holder, {Now} FROM generate_series(0, {InstanceIds.Instances - 1}) AS s
            WHERE NOT EXISTS (SELECT 1 FROM instances i WHERE i.slot = s
                              AND i.renewed_at > {Now} - {(long)Lease.TotalMilliseconds})
            ORDER BY s LIMIT 1
            ON CONFLICT (slot) DO UPDATE SET holder = excluded.holder,
                renewed_at = excluded.renewed_at
            RETURNING slot
            """);
        take.Transaction = tx;
        var slot = await take.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException(
            $"all {InstanceIds.Instances} instance numbers of the audit database are in use");
        await tx.CommitAsync(ct);
        return Convert.ToInt32(slot, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task RenewLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await using var connection = await _database.OpenConnectionAsync(ct);
                    await using var renew = Command(connection,
                        $"UPDATE instances SET renewed_at = {Now} WHERE slot = $slot " +
                        "AND holder = $holder");
                    await renew.ExecuteNonQueryAsync(ct);
                }
                catch (NpgsqlException e)
                {
                    LogRenewFailed(_logger, Slot, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(Sql.ForPostgres(sql), connection);
        command.Parameters.AddWithValue("slot", Slot);
        command.Parameters.AddWithValue("holder", _holder);
        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "instance {Slot}: could not renew its claim on the audit database")]
    private static partial void LogRenewFailed(ILogger logger, int slot, Exception error);
}
