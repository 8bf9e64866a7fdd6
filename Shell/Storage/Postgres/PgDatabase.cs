using Menshen.Core.Config;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// The shared PostgreSQL audit database (SPEC §15): a pool of `pool_size` connections, the
/// schema brought up to date under an advisory lock (instances may start together).
public sealed class PgDatabase : IDisposable, IAsyncDisposable
{
    /// How long one write of the audit writer may wait for the database. A database that hangs
    /// (a partition, a stopped host) answers nothing, and Npgsql's default of 30 s a command, a
    /// few tries a batch, left every row in the writer's queue until it filled and stalled the
    /// gateway; past this the rows go to the local spool.
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    /// The schema version this build brings a database to (PgSchema.Version).
    public static int SchemaVersion => PgSchema.Version;

    private readonly NpgsqlDataSource _source;
    private readonly NpgsqlDataSource _writes;

    private PgDatabase(NpgsqlDataSource source, NpgsqlDataSource writes)
    {
        _source = source;
        _writes = writes;
    }

    /// Connects, migrates, and returns the database; throws when it cannot be reached.
    public static async Task<PgDatabase> OpenAsync(PostgresConfig config, ILogger logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var database = new PgDatabase(Build(config), BuildWrites(config));
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await PgMigrations.RunAsync(connection, logger, cancellationToken);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// The data source without touching the server (the migration runs in OpenAsync).
    public static NpgsqlDataSource Build(PostgresConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = new NpgsqlSlimDataSourceBuilder(ConnectionString(config));
        // Arrays: the writer sends a batch as typed arrays (PgRequestInsert, PgSums).
        builder.EnableArrays();
        return builder.Build();
    }

    // The audit writer's own small pool (it writes one batch at a time), whose commands, the
    // COMMIT and the COPY of bodies included, give up after WriteTimeout unless the connection
    // string says otherwise.
    private static NpgsqlDataSource BuildWrites(PostgresConfig config)
    {
        var connection = new NpgsqlConnectionStringBuilder(ConnectionString(config));
        connection.MinPoolSize = Math.Min(connection.MinPoolSize, 2); // Npgsql: min <= max
        connection.MaxPoolSize = 2;
        if (!PostgresUrl.Sets(config.Url, "Command Timeout"))
            connection.CommandTimeout = (int)WriteTimeout.TotalSeconds;
        var builder = new NpgsqlSlimDataSourceBuilder(connection.ConnectionString);
        builder.EnableArrays();
        return builder.Build();
    }

    /// The connection string of `config`: a URL's settings, or the string as written, with the
    /// pool size and (unless given) a connect timeout short enough to notice an outage.
    public static string ConnectionString(PostgresConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = new NpgsqlConnectionStringBuilder();
        if (PostgresUrl.IsUrl(config.Url))
        {
            foreach (var (key, value) in PostgresUrl.Parse(config.Url).Settings)
                builder[key] = value;
        }
        else
        {
            builder.ConnectionString = config.Url;
        }
        builder.MaxPoolSize = config.PoolSize;
        if (!PostgresUrl.Sets(config.Url, "Timeout")) builder.Timeout = 5;
        return builder.ConnectionString;
    }

    public NpgsqlConnection OpenConnection() => _source.OpenConnection();

    /// Drops every pooled connection: after an outage they are dead (a restarted server), and
    /// each would fail the first report or cache lookup that took it.
    public void ClearPools()
    {
        _source.Clear();
        _writes.Clear();
    }

    /// A connection of the audit writer's pool (see WriteTimeout).
    public NpgsqlConnection OpenWriteConnection() => _writes.OpenConnection();

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        _source.OpenConnectionAsync(cancellationToken);

    /// Recomputes the report sums from the rows (after a bulk load that bypassed them); returns
    /// the rows summed. Other instances' writes to `requests` (and so to the sums, which change
    /// in the same transactions) wait for it: a row committed midway would be counted twice or
    /// not at all.
    public long RebuildReportSums()
    {
        using var connection = OpenConnection();
        using var tx = connection.BeginTransaction();
        using (var command = new NpgsqlCommand("LOCK TABLE requests IN SHARE MODE", connection, tx))
        {
            command.CommandTimeout = 0;
            command.ExecuteNonQuery();
        }
        var summed = ReportSums.Rebuild(tx);
        tx.Commit();
        return summed;
    }

    public void Dispose()
    {
        _source.Dispose();
        _writes.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        await _writes.DisposeAsync();
    }
}
