using Menshen.Shell.Audit;
using Menshen.Shell.Cli;
using Menshen.Shell.Storage;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Hosting;

/// `ai-menshen` serving: opens the audit database, starts the gateway, reloads on SIGHUP, and on
/// SIGINT/SIGTERM stops accepting, lets in-flight requests finish, drains the audit queue, exits 0.
public static partial class GatewayServer
{
    public static async Task<int> ServeAsync(ServeRequest request,
        CancellationToken cancellationToken)
    {
        var config = request.Config;
        using var loggers = ServerLogging.CreateFactory(request.LogFormat, config.Verbose);
        var log = loggers.CreateLogger("ai-menshen");
        AuditDatabase database;
        try
        {
            database = AuditDatabase.Open(config.Storage.SqlitePath, log);
        }
        catch (Exception ex) when (
            ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            LogDatabaseFailed(log, config.Storage.SqlitePath, ex.Message);
            return 1;
        }
        using (database) return await RunAsync(request, database, loggers, log, cancellationToken);
    }

    private static async Task<int> RunAsync(
        ServeRequest request, AuditDatabase database, ILoggerFactory loggers, ILogger log,
        CancellationToken ct)
    {
        var writer = new AuditWriter(database, new AuditWriterOptions(),
            loggers.CreateLogger<AuditWriter>());
        await using var _ = writer;
        using var reader = new AuditReader(database);
        var options = new GatewayHostOptions
        {
            Sink = new RequestLogSink(writer, loggers.CreateLogger<RequestLogSink>()),
            CacheStore = new AuditCacheStore(reader),
            ResponseOrigins = new AuditResponseOrigins(reader),
            Reports = new Reports.ReportApi(database, TimeProvider.System,
            loggers.CreateLogger<Reports.ReportApi>()),
            IdFloor = await reader.LatestIdAsync(ct),
            LogFormat = request.LogFormat,
            AuditWriter = writer,
            DatabaseWritable = DatabaseProbe.Writable(database),
        };
        GatewayHost host;
        try
        {
            host = await GatewayHost.StartAsync(request.Config, options);
        }
        catch (IOException ex)
        {
            LogBindFailed(log, request.Config.Listen.ToString(), ex.Message);
            return 1;
        }
        await using (host)
        {
            StartupReport.Print(log, host, request.Config);
            var retention = new RetentionService(database,
                () => host.Runtime.Current.Config.Storage.RetentionDays,
                new RetentionOptions(), TimeProvider.System,
                loggers.CreateLogger<RetentionService>());
            await retention.StartAsync(ct);
            using var reload = ConfigReload.OnSighup(host.Runtime, request.ConfigPath, log);
            await host.WaitForShutdownAsync();
            await retention.StopAsync(CancellationToken.None);
            await writer.DrainAsync(CancellationToken.None);
            LogStopped(log, writer.Written, writer.Failed, writer.Batches, writer.PeakQueueDepth,
                writer.SubmitWaits);
        }
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "cannot open the audit database {Path}: {Reason}")]
    private static partial void LogDatabaseFailed(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "cannot listen on {Listen}: {Reason}")]
    private static partial void LogBindFailed(ILogger logger, string listen, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "stopped: {Written} audit records written, {Failed} failed ({Batches} transactions, " +
            "queue peak {PeakQueue}, {Waits} waits for room)")]
    private static partial void LogStopped(ILogger logger, long written, long failed, long batches,
        long peakQueue, long waits);
}
