using System.Diagnostics;
using System.Globalization;
using Menshen.Core.Config;
using Menshen.Shell.Storage;
using Menshen.Shell.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Menshen.Shell.Hosting;

/// `ai-menshen -rebuild-report-sums`: the report API's running sums recomputed from the stored
/// rows, for when rows were changed behind the writer's back (deleted or edited by hand, or
/// loaded by another tool), then exit. SQLite: the gateway using the file must be stopped
/// first (its instance lock says so). PostgreSQL: other instances' writes wait meanwhile. A
/// database of another schema version is refused, never upgraded by this command.
internal static partial class ReportSumsCommand
{
    public static async Task<int> RunAsync(GatewayConfig config, ILogger log,
        CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var (summed, failure) = config.Storage.Postgres is { } postgres
            ? await RebuildAsync(postgres, log, ct)
            : Rebuild(config.Storage.SqlitePath, log);
        if (failure is not null)
        {
            LogFailed(log, config.Storage.Postgres is null
                ? config.Storage.SqlitePath : "the PostgreSQL database", failure);
            return 1;
        }
        LogRebuilt(log, summed, watch.Elapsed.TotalSeconds);
        return 0;
    }

    private static async Task<(long Summed, string? Failure)> RebuildAsync(
        PostgresConfig postgres, ILogger log, CancellationToken ct)
    {
        try
        {
            await using (var source = PgDatabase.Build(postgres))
            await using (var connection = await source.OpenConnectionAsync(ct))
            {
                var found = await PgVersionAsync(connection, ct);
                if (found != PgSchema.Version) return (0, VersionFailure(found, PgSchema.Version));
            }
            await using var database = await PgDatabase.OpenAsync(postgres, log, ct);
            // Synchronous Npgsql calls: on the pool, never on the socket thread that finished
            // the awaited open (Hosting/InlineScheduling; helper-84: the command hung for good
            // holding its lock, and every instance's rows went to its spool).
            return (await Task.Run(database.RebuildReportSums, ct), null);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException
            or InvalidOperationException)
        {
            return (0, ex.Message);
        }
    }

    private static async Task<int> PgVersionAsync(NpgsqlConnection connection,
        CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT CASE WHEN to_regclass('menshen_schema') IS NULL THEN 0 ELSE "
            + "(SELECT COALESCE(MAX(version), 0) FROM menshen_schema) END", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct),
            CultureInfo.InvariantCulture);
    }

    private static (long Summed, string? Failure) Rebuild(string path, ILogger log)
    {
        // Opening a missing file would create an empty database: the path is wrong instead.
        if (!File.Exists(path)) return (0, "no such file (see [storage.sqlite] path)");
        try
        {
            using var instance = SqliteInstanceLock.Acquire(path, "stop the gateway "
                + "that uses it first");
            var found = SqliteVersion(path);
            if (found != AuditDatabase.SchemaVersion)
                return (0, VersionFailure(found, AuditDatabase.SchemaVersion));
            using var database = AuditDatabase.Open(path, log);
            return (database.RebuildReportSums(), null);
        }
        catch (Exception ex) when (ex is SqliteException or IOException
            or UnauthorizedAccessException or SchemaTooNewException)
        {
            return (0, ex.Message);
        }
    }

    private static int SqliteVersion(string path)
    {
        using var connection = new SqliteConnection(
            $"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return Migrations.UserVersion(connection, null);
    }

    // helper-84: an older file was upgraded (migrations cannot be undone) and an empty file
    // became a new database, both by a command that says it only recomputes.
    private static string VersionFailure(int found, int wanted) => found == 0
        ? "it holds no audit database of this gateway (an empty file, or another program's)"
        : $"its schema is version {found}, this ai-menshen's is {wanted}: rebuild with the "
            + "ai-menshen that uses it, or start this one on it first (which upgrades it)";

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "cannot rebuild the report sums of {Database}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string database, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "report sums rebuilt from {Rows} stored requests in {Seconds:F1} s")]
    private static partial void LogRebuilt(ILogger logger, long rows, double seconds);
}
