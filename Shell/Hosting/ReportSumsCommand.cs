using System.Diagnostics;
using Menshen.Core.Config;
using Menshen.Shell.Storage;
using Menshen.Shell.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Menshen.Shell.Hosting;

/// `ai-menshen -rebuild-report-sums`: the report API's running sums recomputed from the stored
/// rows, for when rows were changed behind the writer's back (deleted or edited by hand, or
/// loaded by another tool), then exit. SQLite: the gateway using the file must be stopped
/// first (its instance lock says so). PostgreSQL: other instances' writes wait meanwhile.
internal static partial class ReportSumsCommand
{
    public static async Task<int> RunAsync(GatewayConfig config, ILogger log,
        CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        long summed;
        if (config.Storage.Postgres is { } postgres)
        {
            try
            {
                await using var database = await PgDatabase.OpenAsync(postgres, log, ct);
                summed = database.RebuildReportSums();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException
                or InvalidOperationException)
            {
                LogFailed(log, "the PostgreSQL database", ex.Message);
                return 1;
            }
        }
        else
        {
            var path = config.Storage.SqlitePath;
            // Opening a missing file would create an empty database: the path is wrong instead.
            if (!File.Exists(path))
            {
                LogFailed(log, path, "no such file (see [storage.sqlite] path)");
                return 1;
            }
            try
            {
                using var instance = SqliteInstanceLock.Acquire(path, "stop the gateway "
                    + "that uses it first");
                using var database = AuditDatabase.Open(path, log);
                summed = database.RebuildReportSums();
            }
            catch (Exception ex) when (ex is SqliteException or IOException
                or UnauthorizedAccessException or SchemaTooNewException)
            {
                LogFailed(log, path, ex.Message);
                return 1;
            }
        }
        LogRebuilt(log, summed, watch.Elapsed.TotalSeconds);
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "cannot rebuild the report sums of {Database}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string database, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "report sums rebuilt from {Rows} stored requests in {Seconds:F1} s")]
    private static partial void LogRebuilt(ILogger logger, long rows, double seconds);
}
