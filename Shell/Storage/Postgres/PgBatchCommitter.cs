using System.Buffers;
using Menshen.Core.Audit;
using Menshen.Core.Errors;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// Commits the writer's batches to PostgreSQL. While the database cannot be reached, batches go
/// to the local spool instead, and later batches follow them there until the spool is empty
/// again, so rows reach PostgreSQL in the order they were written. The spool is replayed
/// before each batch and whenever the writer is idle. A row PostgreSQL refuses (not an outage)
/// is retried alone and, failing again, logged as lost: it would otherwise block the replay.
/// A new row whose id is already stored is logged as lost too: ids are unique per instance, so
/// another row has it (two instances with one number, PgInstanceSlot), and the insert that
/// skips stored ids for replays would otherwise drop it without a word.
/// Its Npgsql calls are synchronous and it awaits none: it runs on the pool, and one await of
/// Npgsql would leave the synchronous rest on a socket thread (Hosting/InlineScheduling).
internal sealed partial class PgBatchCommitter(PgDatabase database, PgSpool spool,
    AuditWriterOptions options, ILogger logger) : IBatchCommitter
{
    private const int ReplayChunk = 256;

    // After a write that timed out, the next replay waits this long: each try of a hung database
    // holds the writer for PgDatabase.WriteTimeout, while rows queue behind it.
    private const long HangPauseMs = 10_000;
    private readonly ArrayBufferWriter<byte> _scratch = new(4096);
    private long _written;
    private long _failed;
    private long _batches;
    private volatile string? _outage;
    private long _nextReplayAt;

    public long Written => Interlocked.Read(ref _written);

    public long Failed => Interlocked.Read(ref _failed);

    public long Batches => Interlocked.Read(ref _batches);

    public TimeSpan? IdlePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// Rows waiting in the spool.
    public long SpoolDepth => spool.Depth;

    /// Why rows are not reaching the database right now (null when they are).
    public string? Outage => _outage;

    public async Task CommitAsync(IReadOnlyList<Exchange> batch)
    {
        if (batch.Count == 0) return;
        var rows = batch.Select(e => PgRow.Of(e, _scratch)).ToList();
        // While the database is away, a batch goes straight to the spool; a replay is tried at
        // most once a second (each try may wait for a connect timeout).
        if (spool.Depth > 0 && (Environment.TickCount64 < _nextReplayAt || !await ReplayAsync()))
        {
            SpoolOrLose(batch);
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            // Only a first try is sure to be new: a retry may find its own earlier commit.
            var taken = attempt == 1 ? new List<long>() : null;
            var error = TryWrite(rows, taken);
            if (error is null)
            {
                if (taken is { Count: > 0 }) LoseTaken(batch, taken);
                return;
            }
            if (Refused(error))
            {
                LogBatchRefused(logger, batch.Count, error);
                WriteOneByOne(batch, rows);
                return;
            }
            // A hang is not a blip: another try would hold the writer as long again.
            if (attempt >= Math.Min(options.MaxAttempts, 3) || Hung(error))
            {
                NoteOutage(error);
                SpoolOrLose(batch);
                return;
            }
            await Task.Delay(Backoff.Delay(options.RetryDelay, attempt, TimeSpan.MaxValue));
        }
    }

    public async Task IdleAsync()
    {
        if (spool.Depth > 0 && Environment.TickCount64 >= _nextReplayAt) await ReplayAsync();
    }

    // At shutdown one last try, so a database that came back is caught up before the exit.
    public async Task DrainedAsync()
    {
        if (spool.Depth > 0) await ReplayAsync();
    }

    public void Dispose() => spool.Dispose();

    /// Moves spooled rows to the database, oldest first; true when the spool is empty.
    private Task<bool> ReplayAsync()
    {
        while (spool.Depth > 0)
        {
            var rows = spool.Oldest(ReplayChunk);
            if (rows.Count == 0) break;
            var taken = new List<long>();
            if (TryWrite(rows, taken) is { } error)
            {
                var outage = Refused(error)
                    ? ReplayOneByOne(rows) : error;
                if (outage is not null)
                {
                    _nextReplayAt = Environment.TickCount64 + (Hung(outage) ? HangPauseMs : 1000);
                    NoteOutage(outage);
                    return Task.FromResult(false);
                }
            }
            if (taken.Count > 0) LoseSpooledTaken(rows, taken);
            spool.Remove([.. rows.Select(r => r.Id)]);
            LogReplayed(logger, rows.Count, spool.Depth);
        }
        if (_outage is not null)
        {
            LogRecovered(logger);
            database.ClearPools();
        }
        _outage = null;
        return Task.FromResult(true);
    }

    // A spooled row the database refuses would stop every replay: it is logged as lost (with
    // its id; it stays readable in no other place) and leaves the spool with the rest.
    // Returns the outage that stopped it (the rows stay spooled), or null.
    private Exception? ReplayOneByOne(List<PgRow> rows)
    {
        foreach (var row in rows)
        {
            var error = TryWrite([row]);
            if (error is null) continue;
            if (!Refused(error)) return error;
            Interlocked.Increment(ref _failed);
            LogSpooledRowLost(logger, row.Id, error);
        }
        return null;
    }

    private Exception? TryWrite(List<PgRow> rows, List<long>? taken = null)
    {
        try
        {
            using var connection = database.OpenWriteConnection();
            var added = PgRowWriter.Write(connection, rows, taken);
            Interlocked.Add(ref _written, added);
            Interlocked.Increment(ref _batches);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException
            or TimeoutException or System.Net.Sockets.SocketException or InvalidCastException)
        {
            return e;
        }
    }

    // A row the database refuses, or one with a value its column cannot take (a cast, before
    // anything is sent): trying again would not help, unlike an outage.
    private static bool Refused(Exception error) =>
        error is PostgresException { IsTransient: false } or InvalidCastException;

    // A command or connect that timed out: the database answers nothing (see WriteTimeout).
    private static bool Hung(Exception error) =>
        error is TimeoutException || error.InnerException is TimeoutException;

    private void WriteOneByOne(IReadOnlyList<Exchange> batch, List<PgRow> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            // The refused batch was rolled back: each row's first write is new.
            var taken = new List<long>();
            var error = TryWrite([rows[i]], taken);
            if (error is null)
            {
                if (taken.Count > 0) LoseTaken([batch[i]], taken);
                continue;
            }
            if (Refused(error))
            {
                Lose(batch[i], error);
                continue;
            }
            // The database went away part-way: this row and the rest go to the spool together,
            // in order, instead of each waiting out a timeout.
            NoteOutage(error);
            SpoolOrLose([.. batch.Skip(i)]);
            return;
        }
    }

    private void SpoolOrLose(IReadOnlyList<Exchange> batch)
    {
        try
        {
            spool.Add(batch);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            foreach (var exchange in batch) Lose(exchange, e);
        }
    }

    private void NoteOutage(Exception error)
    {
        if (Hung(error)) _nextReplayAt = Environment.TickCount64 + HangPauseMs;
        // One line an outage that says why (the innermost cause: Npgsql's outer message is often
        // "Exception while reading from stream"); /healthz names it too.
        if (_outage is null) LogOutage(logger, error.GetBaseException().Message, spool.Path);
        _outage = "the PostgreSQL database cannot be reached: audit rows wait in the local spool";
    }

    // A replayed row already stored is usually itself (a commit whose answer was lost); one whose
    // stored row is another request was made while another instance had this one's number.
    private void LoseSpooledTaken(List<PgRow> rows, List<long> taken)
    {
        var ids = taken.ToHashSet();
        try
        {
            using var connection = database.OpenWriteConnection();
            foreach (var id in PgRowWriter.OthersStored(connection,
                [.. rows.Where(r => ids.Contains(r.Id)).DistinctBy(r => r.Id)]))
            {
                Interlocked.Increment(ref _failed);
                LogSpooledIdTaken(logger, id);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException
            or InvalidOperationException)
        {
            LogTakenUnchecked(logger, ids.Count, e);
        }
    }

    private void LoseTaken(IReadOnlyList<Exchange> batch, List<long> taken)
    {
        var ids = taken.ToHashSet();
        // An id given twice in the batch is stored once; only the first of each counts here.
        foreach (var exchange in batch.DistinctBy(e => e.Id).Where(e => ids.Contains(e.Id)))
        {
            Interlocked.Increment(ref _failed);
            LogIdTaken(logger, exchange.Id, exchange.Method, exchange.Path, exchange.Status);
        }
    }

    private void Lose(Exchange exchange, Exception error)
    {
        Interlocked.Increment(ref _failed);
        LogRowLost(logger, exchange.Id, exchange.Method, exchange.Path, exchange.Status, error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "audit writer: PostgreSQL unreachable " +
        "({Reason}); spooling audit rows to {Path} until it is back")]
    private static partial void LogOutage(ILogger logger, string reason, string path);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "audit writer: PostgreSQL is back; spool replayed")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "audit writer: replayed {Count} spooled rows ({Left} left)")]
    private static partial void LogReplayed(ILogger logger, int count, long left);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "audit writer: PostgreSQL refused a batch of {Count}; writing rows one by one")]
    private static partial void LogBatchRefused(ILogger logger, int count, Exception error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "audit writer: AUDIT RECORD LOST " +
        "id={Id} {Method} {Path} status={Status}: another row already has its id (two " +
        "instances with one instance number?)")]
    private static partial void LogIdTaken(ILogger logger, long id, string method, string path,
        int status);

    [LoggerMessage(Level = LogLevel.Critical, Message = "audit writer: AUDIT RECORD LOST " +
        "id={Id} (spooled): another row already has its id (made while another instance had " +
        "this one's number)")]
    private static partial void LogSpooledIdTaken(ILogger logger, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "audit writer: {Count} replayed rows " +
        "were stored already; whether each is itself or another request could not be checked")]
    private static partial void LogTakenUnchecked(ILogger logger, int count, Exception error);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "audit writer: AUDIT RECORD LOST id={Id} (spooled; PostgreSQL refused it)")]
    private static partial void LogSpooledRowLost(ILogger logger, long id, Exception error);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "audit writer: AUDIT RECORD LOST id={Id} {Method} {Path} status={Status}")]
    private static partial void LogRowLost(ILogger logger, long id, string method, string path,
        int status, Exception error);
}
