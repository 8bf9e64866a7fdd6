using Menshen.Core.Audit;

namespace Menshen.Shell.Storage;

/// Purges requests older than the retention cutoff (their bodies go with them, by cascade)
/// shortly after start and then every interval, in small batches, through the backend's
/// purge. The retention days are read at each run, so a reload applies.
public sealed partial class RetentionService(
    IRetentionPurge purge,
    Func<int> retentionDays,
    RetentionOptions options,
    TimeProvider clock,
    ILogger<RetentionService> logger) : BackgroundService
{
    /// On the SQLite file.
    public RetentionService(AuditDatabase database, Func<int> retentionDays,
        RetentionOptions options, TimeProvider clock, ILogger<RetentionService> logger)
        : this(new SqliteRetentionPurge(database), retentionDays, options, clock, logger)
    {
    }

    /// One purge now: returns how many requests were deleted (0 when retention is off).
    public async Task<long> PurgeOnceAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retentionDays);
        if (Retention.Cutoff(clock.GetUtcNow(), retentionDays()) is not { } cutoff) return 0;
        var deleted = await purge.PurgeAsync(cutoff.ToUnixTimeMilliseconds(), options, clock,
            cancellationToken);
        if (deleted > 0) LogPurged(logger, deleted, cutoff);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.FirstRun, clock, stoppingToken);
            using var timer = new PeriodicTimer(options.Interval, clock);
            do
            {
                await PurgeSafelyAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PurgeSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PurgeOnceAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "retention: purged {Count} requests older than {Cutoff:u}")]
    private static partial void LogPurged(ILogger logger, long count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "retention: purge failed; retrying at the next run")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
