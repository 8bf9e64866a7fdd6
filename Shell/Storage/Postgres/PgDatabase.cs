using Menshen.Core.Config;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// The shared PostgreSQL audit database (SPEC §15): a pool of `pool_size` connections, the
/// schema brought up to date under an advisory lock (instances may start together).
public sealed class PgDatabase : IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;

    private PgDatabase(NpgsqlDataSource source) => _source = source;

    /// Connects, migrates, and returns the database; throws when it cannot be reached.
    public static async Task<PgDatabase> OpenAsync(PostgresConfig config, ILogger logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var database = new PgDatabase(Build(config));
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
        if (!HasKey(config.Url, "timeout")) builder.Timeout = 5;
        return builder.ConnectionString;
    }

    public NpgsqlConnection OpenConnection() => _source.OpenConnection();

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        _source.OpenConnectionAsync(cancellationToken);

    /// Recomputes the report sums from the rows (after a bulk load that bypassed them).
    public void RebuildReportSums()
    {
        using var connection = OpenConnection();
        using var tx = connection.BeginTransaction();
        ReportSums.Rebuild(tx);
        tx.Commit();
    }

    public void Dispose() => _source.Dispose();

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private static bool HasKey(string url, string key) =>
        url.Contains(key, StringComparison.OrdinalIgnoreCase);
}
