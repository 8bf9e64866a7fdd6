using Menshen.Core.Audit;
using Menshen.Core.Config;
using Menshen.Shell.Storage;
using Menshen.Shell.Storage.Postgres;
using Menshen.Shell.Tests.Storage;
using Npgsql;

namespace Menshen.Shell.Tests.Postgres;

/// A fresh database on the test cluster with one instance's backend and writer over it, like
/// StoreFixture for SQLite.
public sealed class PgStore : IAsyncDisposable
{
    private PgStore(PostgresConfig config, PgBackend backend, AuditWriter writer, string folder,
        ListLogger logger)
    {
        Logger = logger;
        Config = config;
        Backend = backend;
        Writer = writer;
        Folder = folder;
    }

    public PostgresConfig Config { get; }
    public PgBackend Backend { get; }
    public AuditWriter Writer { get; }
    public string Folder { get; }
    /// What the backend and its committer logged.
    public ListLogger Logger { get; }
    public PgDatabase Database => Backend.Database;

    public static async Task<PgStore> CreateAsync(PgCluster cluster, AuditWriterOptions? options = null,
        string? url = null)
    {
        var folder = Directory.CreateTempSubdirectory("menshen-pgstore-").FullName;
        var config = new PostgresConfig(url ?? await cluster.CreateDatabaseAsync(), 16,
            Path.Combine(folder, "spool.db"));
        options ??= new AuditWriterOptions();
        var logger = new ListLogger();
        var backend = await PgBackend.OpenAsync(config, options, logger);
        return new PgStore(config, backend, new AuditWriter(backend.Committer, options, logger),
            folder,
            logger);
    }

    /// A new login role with the rights a gateway needs on this store's database (its tables
    /// made already), and the URL of the database as that role: a role the tests can refuse
    /// the login to, or leave without owning what the schema made.
    public async Task<(string Role, string Url)> GatewayRoleAsync()
    {
        var role = "app_" + Guid.NewGuid().ToString("N")[..8];
        await CountAsync($"""
            CREATE ROLE {role} LOGIN;
            GRANT USAGE, CREATE ON SCHEMA public TO {role};
            GRANT ALL ON ALL TABLES IN SCHEMA public TO {role};
            GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role};
            SELECT 0
            """);
        return (role, Config.Url.Replace("postgres://postgres@", $"postgres://{role}@",
            StringComparison.Ordinal));
    }

    public async Task WriteAllAsync(params Exchange[] exchanges)
    {
        foreach (var exchange in exchanges) await Writer.SubmitAsync(exchange, CancellationToken.None);
        await Writer.DrainAsync();
    }

    public async Task<long> CountAsync(string sql)
    {
        try
        {
            return await ScalarAsync(sql);
        }
        catch (NpgsqlException e) when (e.InnerException is IOException)
        {
            // A test that restarted the cluster can leave a connection from before in the pool,
            // and Npgsql does not test one before it hands it out (it failed a full run once):
            // the inspection itself is not what such a test checks, so once more on a fresh one.
            Database.ClearPools();
            return await ScalarAsync(sql);
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        await Backend.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
