using Menshen.Core.Config;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// Everything one instance keeps for the shared database: the pool, its instance number, the
/// local spool and the committer that uses it, and the health probes of /healthz.
public sealed class PgBackend : IAsyncDisposable
{
    private readonly SqliteInstanceLock _spoolLock;
    private readonly PgSpool _spool;
    private readonly PgBatchCommitter _committer;
    private readonly PgInstanceSlot _slot;
    private volatile Task<bool>? _ping;
    private long _pingAt;

    private PgBackend(PgDatabase database, SqliteInstanceLock spoolLock, PgSpool spool,
        PgInstanceSlot slot, AuditWriterOptions options, ILogger logger)
    {
        Database = database;
        _spoolLock = spoolLock;
        _spool = spool;
        _slot = slot;
        _committer = new PgBatchCommitter(database, spool, options, logger);
    }

    public PgDatabase Database { get; }

    public IBatchCommitter Committer => _committer;

    public int Instance => _slot.Slot;

    public long SpoolDepth => _spool.Depth;

    /// The spool's file, so a test can make it refuse writes as a full disk would.
    public AuditDatabase SpoolFileForTests => _spool.File;

    /// Connects and migrates (the database must be reachable at start: the instance needs its
    /// number), opens the spool, then claims an instance number. A database that is not there
    /// yet (starting beside the gateways, or slow to answer) is tried again for `StartWait`.
    public static async Task<PgBackend> OpenAsync(PostgresConfig config,
        AuditWriterOptions options, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var database = await OpenDatabaseAsync(config, logger, ct);
        SqliteInstanceLock? spoolLock = null;
        PgSpool? spool = null;
        try
        {
            // The spool before the number: a start that fails holds no number (each would be
            // held for the lease, and a restart loop used them all up). It opens synchronously
            // (SQLite): on the pool, not on a socket thread. Its identity file, beside it, is the
            // name under which a restart takes back its number.
            await Task.Yield();
            spoolLock = LockSpool(config.SpoolPath);
            spool = OpenSpool(config.SpoolPath, logger);
            var slot = await PgInstanceSlot.ClaimAsync(database, logger,
                identity: IdentityOf(spool.Path + "-instance"), ct: ct);
            return new PgBackend(database, spoolLock, spool, slot, options, logger);
        }
        catch
        {
            spool?.Dispose();
            spoolLock?.Dispose();
            await database.DisposeAsync();
            throw;
        }
    }

    private static string IdentityOf(string file)
    {
        try
        {
            return PgInstanceSlot.IdentityIn(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"cannot use the instance identity file {file} (beside spool_path): "
                + e.Message, e);
        }
    }

    // One live process per spool file: its identity file (IdentityOf) is then this one's alone.
    private static SqliteInstanceLock LockSpool(string path)
    {
        try
        {
            SecureFile.Prepare(path);
            return SqliteInstanceLock.Acquire(path,
                "give each instance on one host its own [storage.postgres] spool_path");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open the local spool {path} (spool_path): {e.Message}",
                e);
        }
    }

    // The database is fine when only the spool cannot be opened: the error says which file.
    private static PgSpool OpenSpool(string path, ILogger logger)
    {
        try
        {
            return PgSpool.Open(path, logger);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException
            or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open the local spool {path} (spool_path): {e.Message}",
                e);
        }
    }

    /// How long start-up keeps trying to reach the database.
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(30);

    private static async Task<PgDatabase> OpenDatabaseAsync(PostgresConfig config, ILogger logger,
        CancellationToken ct)
    {
        var until = DateTime.UtcNow + StartWait;
        var target = new NpgsqlConnectionStringBuilder(PgDatabase.ConnectionString(config));
        while (true)
        {
            try
            {
                return await PgDatabase.OpenAsync(config, logger, ct);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException
                && e is not PostgresException && DateTime.UtcNow < until)
            {
                logger.LogWarning("audit database (postgres at {Host}:{Port}) not reachable "
                    + "yet ({Reason}); trying again for up to {Wait} s", Shown(target.Host),
                    target.Port,
                    e.Message, (int)StartWait.TotalSeconds);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    // A host name as one: anything else (a value that ran settings together) is not shown, as
    // it may hold the password.
    internal static string Shown(string? host) =>
        host is not null && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or
            ':' or '[' or ']' or ',' or '_' or '/')
            ? host : "(a host not shown)";

    /// The largest id stored by any instance (ids of this one continue above it).
    public async Task<long> LatestIdAsync(CancellationToken ct)
    {
        await using var connection = await Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT COALESCE(MAX(id), 0) FROM requests", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// Whether the instance can record at all: the database, or else the spool, takes writes.
    public async Task<bool> WritableAsync(CancellationToken ct) =>
        await ReachableAsync(ct) || await _spool.WritableAsync(ct);

    /// Why the instance is degraded (the database away, or rows still to replay), or null.
    public async Task<string?> DegradedAsync(CancellationToken ct)
    {
        var reachable = await ReachableAsync(ct);
        if (reachable && _spool.Depth == 0) return null;
        // The writer's reason first: it names a refusal (a login, a right revoked) that the
        // probe cannot tell from the database being away, or that it does not see at all
        // (helper-60: "replaying N spooled audit rows" while every write was refused).
        if (_committer.Outage is { } why) return $"{why} ({_spool.Depth} so far)";
        return reachable ? $"replaying {_spool.Depth} spooled audit rows"
            : $"the PostgreSQL database cannot be reached; audit rows wait in the local " +
                $"spool ({_spool.Depth} so far)";
    }

    public async ValueTask DisposeAsync()
    {
        await _slot.DisposeAsync();
        await Database.DisposeAsync();
        _spoolLock.Dispose();
    }

    /// The longest the health probe waits for the database: a load balancer's probe has a
    /// timeout of its own, and a database that hangs (rather than refuses) must read as away.
    public static readonly TimeSpan ProbeDeadline = TimeSpan.FromSeconds(1);

    // /healthz asks twice per probe (WritableAsync, then DegradedAsync): one ping answers both.
    private Task<bool> ReachableAsync(CancellationToken ct)
    {
        var now = Environment.TickCount64;
        var ping = _ping;
        if (ping is null || now - Interlocked.Read(ref _pingAt) >= 1000)
        {
            ping = BoundedPingAsync();
            _ping = ping;
            Interlocked.Exchange(ref _pingAt, now);
        }
        return ping.WaitAsync(ct);
    }

    private async Task<bool> BoundedPingAsync()
    {
        try
        {
            return await PingAsync(Database).WaitAsync(ProbeDeadline);
        }
        catch (TimeoutException)
        {
            return false; // the ping finishes on its own, bounded by its timeouts
        }
    }

    private static async Task<bool> PingAsync(PgDatabase database)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(default);
            await using var command = new NpgsqlCommand("SELECT 1", connection)
            {
                CommandTimeout = 2,
            };
            await command.ExecuteScalarAsync();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException
            or InvalidOperationException)
        {
            return false;
        }
    }
}
