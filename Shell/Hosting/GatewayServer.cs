using Menshen.Core.Config;
using Menshen.Core.Network;
using Menshen.Shell.Audit;
using Menshen.Shell.Cli;
using Menshen.Shell.Storage;
using Menshen.Shell.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Menshen.Shell.Hosting;

/// `ai-menshen` serving: opens the audit database (SQLite, or the shared PostgreSQL database),
/// starts the gateway, reloads on SIGHUP, and on SIGINT/SIGTERM stops accepting, lets in-flight
/// requests finish, drains the audit queue, exits 0.
public static partial class GatewayServer
{
    public static async Task<int> ServeAsync(ServeRequest request,
        CancellationToken cancellationToken)
    {
        var config = request.Config;
        InlineScheduling.Apply();
        using var loggers = ServerLogging.CreateFactory(request.LogFormat, config.Verbose);
        var log = loggers.CreateLogger("ai-menshen");
        if (OpenFilesLimit.Raise() is { } files && OpenFilesTarget.IsLow(files.Soft))
            LogFewFiles(log, files.Soft, files.Hard, OpenFilesTarget.Comfortable);
        if (request.ImportSqlite is { } source)
        {
            // CliApp refuses an import without PostgreSQL before anything starts.
            var target = config.Storage.Postgres ?? throw new InvalidOperationException(
                "-import-sqlite needs [storage.postgres]");
            return await ImportAsync(source, target, log, cancellationToken);
        }
        if (request.RebuildReportSums)
            return await ReportSumsCommand.RunAsync(config, log, cancellationToken);
        if (config.Storage.Postgres is { } postgres)
            return await ServePostgresAsync(request, postgres, loggers, log, cancellationToken);
        AuditDatabase database;
        SqliteInstanceLock instance;
        try
        {
            // The lock first: a second gateway must not migrate or vacuum the first one's file.
            SecureFile.Prepare(config.Storage.SqlitePath);
            instance = SqliteInstanceLock.Acquire(config.Storage.SqlitePath);
            try
            {
                database = AuditDatabase.Open(config.Storage.SqlitePath, log);
                // A relative path follows the working directory: name the file it became.
                LogSqlite(log, Path.GetFullPath(config.Storage.SqlitePath));
            }
            catch
            {
                instance.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException
            or UnauthorizedAccessException or SchemaTooNewException)
        {
            LogDatabaseFailed(log, config.Storage.SqlitePath, ex.Message);
            return 1;
        }
        using (instance)
        using (database)
        {
            var writer = new AuditWriter(database, new AuditWriterOptions(),
                loggers.CreateLogger<AuditWriter>());
            await using var _ = writer;
            using var reader = new AuditReader(database);
            var storage = new ServedStorage(writer, new AuditCacheStore(reader),
                new SqliteReportStore(database), new SqliteRetentionPurge(database))
            {
                IdFloor = await reader.LatestIdAsync(cancellationToken),
                Origins = new AuditResponseOrigins(reader),
                // A writer holding rows for a full disk is not writable, whatever the lock says.
                Writable = WritableUnlessStalled(writer, DatabaseProbe.Writable(database)),
            };
            return await RunAsync(request, storage, loggers, log, cancellationToken);
        }
    }

    private static async Task<int> ServePostgresAsync(ServeRequest request,
        PostgresConfig postgres, ILoggerFactory loggers, ILogger log, CancellationToken ct)
    {
        PgBackend backend;
        long idFloor;
        var options = new AuditWriterOptions();
        try
        {
            backend = await PgBackend.OpenAsync(postgres, options,
                loggers.CreateLogger<AuditWriter>(), ct);
            try
            {
                idFloor = await backend.LatestIdAsync(ct);
            }
            catch
            {
                await backend.DisposeAsync();
                throw;
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or SqliteException or IOException
            or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            // Npgsql's own word on a connection string it cannot read quotes part of it.
            LogDatabaseFailed(log, PostgresUrl.Masked(postgres.Url), ex is ArgumentException
                ? "the connection string could not be read (not shown: it may hold the password)"
                : ex.Message);
            return 1;
        }
        await using (backend)
        {
            var writer = new AuditWriter(backend.Committer, options,
                loggers.CreateLogger<AuditWriter>());
            await using var _ = writer;
            var storage = new ServedStorage(writer, new PgCacheStore(backend.Database),
                new PgReportStore(backend.Database), new PgRetentionPurge(backend.Database))
            {
                // A table dropped behind its back (42P01) was an unhandled crash at start
                // (helper-60): read with the open, its failure is one line like the open's.
                IdFloor = idFloor,
                IdInstance = () => backend.Instance,
                Origins = new PgResponseOrigins(backend.Database),
                // A writer holding its batch (neither the database nor the spool takes it)
                // is not writable, though the spool still takes a lock (helper-80).
                Writable = WritableUnlessStalled(writer, backend.WritableAsync),
                Degraded = backend.DegradedAsync,
                SpoolDepth = () => backend.SpoolDepth,
            };
            LogInstance(log, backend.Instance, postgres.PoolSize, postgres.SpoolPath);
            return await RunAsync(request, storage, loggers, log, ct);
        }
    }

    /// `-import-sqlite PATH`: into the configured PostgreSQL database, then exit.
    private static async Task<int> ImportAsync(string source, PostgresConfig postgres,
        ILogger log, CancellationToken ct)
    {
        PgDatabase database;
        try
        {
            database = await PgDatabase.OpenAsync(postgres, log, ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException
            or InvalidOperationException)
        {
            // Not the SQLite file's fault: say which database it was (helper-65). Unreachable,
            // a refused login or a schema too new: the reason says which.
            var target = new NpgsqlConnectionStringBuilder(PgDatabase.ConnectionString(postgres));
            LogImportUnreachable(log, source, PgBackend.Shown(target.Host), target.Port,
                ex.Message);
            return 1;
        }
        try
        {
            await using var opened = database;
            // Synchronous Npgsql calls: on the pool, never on the socket thread that finished
            // the awaited open (Hosting/InlineScheduling).
            var (read, added, clashed) = await Task.Run(
                () => SqliteImport.Run(source, database, log, ct), ct);
            if (clashed > 0) LogImportClashed(log, read, added, clashed, source);
            else LogImported(log, read, added, read - added, source);
            return 0;
        }
        catch (Exception ex) when (ex is NpgsqlException or SqliteException or IOException
            or UnauthorizedAccessException or InvalidOperationException)
        {
            LogImportFailed(log, source, ex.Message);
            return 1;
        }
    }

    private static async Task<int> RunAsync(ServeRequest request, ServedStorage storage,
        ILoggerFactory loggers, ILogger log, CancellationToken ct)
    {
        var writer = storage.Writer;
        var options = new GatewayHostOptions
        {
            Sink = new RequestLogSink(writer, loggers.CreateLogger<RequestLogSink>()),
            CacheStore = storage.Cache,
            ResponseOrigins = storage.Origins,
            Reports = new Reports.ReportApi(storage.Reports, TimeProvider.System,
                loggers.CreateLogger<Reports.ReportApi>()),
            IdFloor = storage.IdFloor,
            IdInstance = storage.IdInstance,
            LogFormat = request.LogFormat,
            AuditWriter = writer,
            DatabaseWritable = storage.Writable,
            StorageDegraded = storage.Degraded,
            SpoolDepth = storage.SpoolDepth,
        };
        GatewayHost host;
        try
        {
            host = await GatewayHost.StartAsync(request.Config, options);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            LogBindFailed(log, request.Config.Listen.ToString(), ex.Message);
            return 1;
        }
        await using (host)
        {
            StartupReport.Print(log, host, request.Config);
            if (Config.ConfigLoader.AccessWarning(request.ConfigPath) is { } open)
                LogConfigOpen(log, open);
            var retention = new RetentionService(storage.Purge,
                () => host.Runtime.Current.Config.Storage.RetentionDays,
                new RetentionOptions(), TimeProvider.System,
                loggers.CreateLogger<RetentionService>());
            await retention.StartAsync(ct);
            using var reload = ConfigReload.OnSighup(host.Runtime, request.ConfigPath, log);
            using var stop = StopNotice.Watch(host, request.Config.Server.ShutdownGrace, log);
            using var giveUp = host.Stopping.Register(writer.StopWaitingForStorage);
            StartupMemory.Release();
            await host.WaitForShutdownAsync();
            await retention.StopAsync(CancellationToken.None);
            await writer.DrainAsync(CancellationToken.None);
            LogStopped(log, writer.Written, writer.Failed, writer.Batches, writer.PeakQueueDepth,
                writer.SubmitWaits);
            // Rows the database did not get before the exit: kept, not lost, and the operator
            // must know the spool file holds them.
            if (storage.SpoolDepth?.Invoke() is > 0 and var left) LogSpoolLeft(log, left);
        }
        return 0;
    }

    private static Func<CancellationToken, Task<bool>> WritableUnlessStalled(
        AuditWriter writer, Func<CancellationToken, Task<bool>> probe) =>
        ct => writer.Stalled ? Task.FromResult(false) : probe(ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "open files limit is {Soft} (hard "
        + "{Hard}), below {Comfortable}: each stream holds two, so concurrent requests may fail "
        + "as \"upstream connection failed\"; raise LimitNOFILE or ulimit -n (docs/deploy.md)")]
    private static partial void LogFewFiles(ILogger logger, ulong soft, ulong hard,
        ulong comfortable);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "cannot open the audit database {Path}: {Reason}")]
    private static partial void LogDatabaseFailed(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "imported {Read} audit records from {Source}: {Added} new, {Present} already "
            + "there")]
    private static partial void LogImported(ILogger logger, long read, long added, long present,
        string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "audit database: SQLite {Path}")]
    private static partial void LogSqlite(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "imported {Read} audit records from " +
        "{Source}: {Added} new, {Clashed} not imported (their ids belong to other requests " +
        "stored), the others already there")]
    private static partial void LogImportClashed(ILogger logger, long read, long added,
        long clashed, string source);

    [LoggerMessage(Level = LogLevel.Critical, Message = "import of {Source} not started: "
        + "cannot open the PostgreSQL database at {Host}:{Port} ({Reason})")]
    private static partial void LogImportUnreachable(ILogger logger, string source, string host,
        int port, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogConfigOpen(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Critical, Message = "import of {Source} failed: {Reason}")]
    private static partial void LogImportFailed(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "cannot listen on {Listen}: {Reason}")]
    private static partial void LogBindFailed(ILogger logger, string listen, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "audit database: PostgreSQL, instance {Instance}, {Pool} connections, spool {Spool}")]
    private static partial void LogInstance(ILogger logger, int instance, int pool, string spool);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "stopped: {Written} audit records written, {Failed} failed ({Batches} transactions, " +
            "queue peak {PeakQueue}, {Waits} waits for room)")]
    private static partial void LogStopped(ILogger logger, long written, long failed, long batches,
        long peakQueue, long waits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Left} audit records wait in the local " +
        "spool for the database; the next start replays them (keep the spool file)")]
    private static partial void LogSpoolLeft(ILogger logger, long left);
}
