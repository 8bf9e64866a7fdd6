using System.Buffers;
using Menshen.Core.Audit;
using Menshen.Core.Errors;
using Npgsql;

namespace Menshen.Shell.Storage.Postgres;

/// Commits the writer's batches to PostgreSQL. While the database cannot be reached, batches go
/// to the local spool instead, and later batches follow them there until the spool is empty
/// again, so rows reach PostgreSQL in the order they were written (unless the spool's disk is
/// full too: then a held batch goes to PostgreSQL as soon as it is back). The spool is replayed
/// before each batch and whenever the writer is idle. A row PostgreSQL refuses (not an outage)
/// is retried alone and, failing again, logged as lost: it would otherwise block the replay.
/// A new row whose id is already stored is another request's (ids are unique per instance: two
/// instances with one number, PgInstanceSlot), and the insert that skips stored ids for replays
/// would drop it without a word: it is stored under a spare id instead (InstanceIds.Spare), as is
/// a replayed row whose id another request holds.
/// Its Npgsql calls are synchronous and it awaits none: it runs on the pool, and one await of
/// Npgsql would leave the synchronous rest on a socket thread (Hosting/InlineScheduling).
internal sealed partial class PgBatchCommitter(PgDatabase database, PgSpool spool,
    AuditWriterOptions options, ILogger logger) : IBatchCommitter
{
    private const int ReplayChunk = 256;

    // Spare ids tried for a row whose id is taken: four milliseconds' worth.
    private const int SpareAttempts = 4 * InstanceIds.SparePerMillisecond;

    // After a write that timed out, the next replay waits this long: each try of a hung database
    // holds the writer for PgDatabase.WriteTimeout, while rows queue behind it.
    private const long HangPauseMs = 10_000;
    private readonly ArrayBufferWriter<byte> _scratch = new(4096);
    private long _written;
    private long _failed;
    private long _batches;
    private volatile string? _outage;
    private long _nextReplayAt;
    private volatile bool _stalled;
    private volatile bool _stopping;
    // Spooled rows up to this id are in PostgreSQL but still in the spool, which could not
    // delete them (its disk full): the replay goes on after them and forgets them later.
    private long _replayedThrough = long.MinValue;
    private DateTime _stalledSince;
    private static readonly TimeSpan MaxStallRetry = TimeSpan.FromSeconds(2);

    public long Written => Interlocked.Read(ref _written);

    public long Failed => Interlocked.Read(ref _failed);

    public long Batches => Interlocked.Read(ref _batches);

    public TimeSpan? IdlePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// Rows waiting in the spool.
    public long SpoolDepth => spool.Depth;

    /// Why rows are not reaching the database right now (null when they are).
    public string? Outage => _outage;

    /// True while neither PostgreSQL nor the spool takes the rows (the spool's disk is full):
    /// the batch is held and retried, the queue fills and requests wait for room, as SQLite's
    /// writer does; /healthz answers 503 (helper-77: rows were logged as lost instead).
    public bool Stalled => _stalled;

    public void Stopping() => _stopping = true;

    public async Task CommitAsync(IReadOnlyList<Exchange> batch)
    {
        if (batch.Count == 0) return;
        var rows = batch.Select(e => PgRow.Of(e, _scratch)).ToList();
        try
        {
            await WriteOrSpoolAsync(batch, rows);
        }
        catch (SpoolRefusedException refused)
        {
            await WaitForRoomAsync(batch, rows, refused.InnerException!);
        }
    }

    // Holds the batch until PostgreSQL or the spool takes it; either skips the ids it already
    // has, so rows written before the spool refused land once. Only a stop ends the wait.
    private async Task WaitForRoomAsync(IReadOnlyList<Exchange> batch, List<PgRow> rows,
        Exception refusal)
    {
        (_stalledSince, _stalled) = (DateTime.UtcNow, true);
        LogStalled(logger, batch.Count, refusal.Message, spool.Path);
        for (var waited = 1; ; waited++)
        {
            if (_stopping)
            {
                _stalled = false;
                foreach (var exchange in batch) Lose(exchange, refusal);
                return;
            }
            await Task.Delay(Backoff.Delay(options.RetryDelay, waited, MaxStallRetry));
            // A full spool cannot even forget what it replayed (a delete writes too), so once
            // PostgreSQL is back the batch goes there directly, ahead of the spooled rows.
            if (spool.Depth > 0 && Environment.TickCount64 >= _nextReplayAt) await ReplayAsync();
            if (TryWrite(rows, null) is null || TrySpool(batch) is not { } error)
            {
                _stalled = false;
                LogResumed(logger, DateTime.UtcNow - _stalledSince);
                return;
            }
            if (!WaitsForRoom(error))
            {
                _stalled = false;
                foreach (var exchange in batch) Lose(exchange, error);
                return;
            }
            refusal = error;
        }
    }

    private async Task WriteOrSpoolAsync(IReadOnlyList<Exchange> batch, List<PgRow> rows)
    {        // While the database is away, a batch goes straight to the spool; a replay is tried at
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
                if (taken is { Count: > 0 }) StoreTakenAside(batch, rows, taken);
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
        ForgetReplayed();
        while (spool.Depth > 0)
        {
            var rows = spool.Oldest(ReplayChunk, _replayedThrough);
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
            var (kept, stopped) = taken.Count > 0
                ? StoreSpooledTakenAside(rows, taken) : ([], null);
            // Rows PostgreSQL took but the spool cannot forget (its disk is full) stay spooled,
            // and the replay goes on after them (helper-77: this threw and ended the writer;
            // helper-80: then the same first rows were sent again and again, the rest never).
            if (TryRemoveReplayed([.. rows.Select(r => r.Id).Where(id => !kept.Contains(id))])
                is { } removeError)
            {
                if (kept.Count > 0)
                {
                    // Rows still to store lie among them: this chunk is tried again later.
                    _nextReplayAt = Environment.TickCount64 + 1000;
                    LogSpoolNotShrunk(logger, removeError.Message);
                    return Task.FromResult(false);
                }
                if (_replayedThrough == long.MinValue)
                    LogSpoolNotShrunk(logger, removeError.Message);
                _replayedThrough = rows[^1].Id;
            }
            LogReplayed(logger, rows.Count - kept.Count, spool.Depth);
            if (stopped is not null)
            {
                _nextReplayAt = Environment.TickCount64 + (Hung(stopped) ? HangPauseMs : 1000);
                NoteOutage(stopped);
                return Task.FromResult(false);
            }
        }
        if (_outage is not null)
        {
            LogRecovered(logger);
            database.ClearPools();
        }
        _outage = null;
        return Task.FromResult(true);
    }

    // Once the spool takes writes again, the rows replayed while it could not are forgotten.
    private void ForgetReplayed()
    {
        if (_replayedThrough == long.MinValue) return;
        // Still full: the replay goes on after them.
        if (SpoolFault(() => spool.RemoveThrough(_replayedThrough)) is null)
            _replayedThrough = long.MinValue;
    }

    private Exception? TryRemoveReplayed(IReadOnlyCollection<long> ids) =>
        SpoolFault(() => spool.Remove(ids));

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
    // anything is sent): trying it again would not help. A refusal for the database's own
    // state (a login, a missing table or right, resources: Core's PostgresRefusal) is an
    // outage instead, the rows waiting in the spool (helper-59 lost every row to a rotated
    // password); any other is the rows', found one at a time (helper-60: a trigger's
    // exception on one row stalled the whole spool).
    private static bool Refused(Exception error) =>
        error is InvalidCastException
        || error is PostgresException refusal
            && !PostgresRefusal.IsAboutTheDatabase(refusal.SqlState);

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
                if (taken.Count > 0) StoreTakenAside([batch[i]], [rows[i]], taken);
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

    // A spool whose storage is full (or read-only, or failing) may recover: the batch waits
    // (SpoolRefusedException, caught by CommitAsync); any other failure loses the rows.
    private void SpoolOrLose(IReadOnlyList<Exchange> batch)
    {
        if (TrySpool(batch) is not { } error) return;
        if (WaitsForRoom(error) && !_stopping) throw new SpoolRefusedException(error);
        foreach (var exchange in batch) Lose(exchange, error);
    }

    private Exception? TrySpool(IReadOnlyList<Exchange> batch) =>
        SpoolFault(() => spool.Add(batch));

    // What the spool file refused, or null: its storage may recover, so it is not thrown.
    private static Exception? SpoolFault(Action work)
    {
        try
        {
            work();
            return null;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            return e;
        }
    }

    private static bool WaitsForRoom(Exception error) =>
        error is IOException
        || error is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: var code }
            && Menshen.Core.Audit.StorageFaults.WaitsForStorage(code);

    private sealed class SpoolRefusedException(Exception error)
        : Exception("the spool refuses writes", error);

    private void NoteOutage(Exception error)
    {
        if (Hung(error)) _nextReplayAt = Environment.TickCount64 + HangPauseMs;
        // One line an outage that says why (the innermost cause: Npgsql's outer message is often
        // "Exception while reading from stream"); /healthz names it too.
        var reason = error.GetBaseException().Message;
        if (_outage is null) LogOutage(logger, reason, spool.Path);
        // /healthz names it: a database that takes the login but refuses the rows (a right
        // revoked, a table dropped) read as "replaying" there (helper-60).
        _outage = error is PostgresException
            ? $"PostgreSQL refuses the audit rows ({reason}); they wait in the local spool"
            : "the PostgreSQL database cannot be reached; audit rows wait in the local spool";
    }

    // New rows whose ids another request holds (a new row's first write cannot be itself). One
    // the database cannot take now goes to the spool, and its replay stores it aside.
    private void StoreTakenAside(IReadOnlyList<Exchange> batch, List<PgRow> rows, List<long> taken)
    {
        var ids = taken.ToHashSet();
        // An id given twice in the batch is stored once; only the first of each counts here.
        var seen = new HashSet<long>();
        var spooled = new List<Exchange>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (!ids.Contains(rows[i].Id) || !seen.Add(rows[i].Id)) continue;
            // Once the database is away, the rest follow to the spool without a try each.
            if (spooled.Count == 0)
            {
                if (StoreAside(rows[i], mayBeStored: false) is not { } outage) continue;
                NoteOutage(outage);
            }
            spooled.Add(batch[i]);
        }
        if (spooled.Count > 0) SpoolOrLose(spooled);
    }

    // A replayed row already stored is usually itself (a commit whose answer was lost); one whose
    // stored row is another request was made while another instance had this one's number, and
    // is stored aside. Returns the ids to keep spooled (unchecked or not stored for an outage)
    // and the outage, if one stopped it.
    private (HashSet<long> Kept, Exception? Outage) StoreSpooledTakenAside(List<PgRow> rows,
        List<long> taken)
    {
        var ids = taken.ToHashSet();
        var clashing = rows.Where(r => ids.Contains(r.Id)).DistinctBy(r => r.Id).ToList();
        HashSet<long> others;
        try
        {
            using var connection = database.OpenWriteConnection();
            others = PgRowWriter.OthersStored(connection, clashing);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException
            or InvalidOperationException)
        {
            return (ids, e);
        }
        var aside = clashing.Where(r => others.Contains(r.Id)).ToList();
        for (var i = 0; i < aside.Count; i++)
        {
            if (StoreAside(aside[i], mayBeStored: true) is { } outage)
                return ([.. aside.Skip(i).Select(r => r.Id)], outage);
        }
        return ([], null);
    }

    // Stores a row whose id another request holds under the first spare id free (or holding
    // this very row, when `mayBeStored`: a replay whose earlier commit went through unanswered).
    // Returns the outage that stopped it, or null (stored, or logged as lost).
    private Exception? StoreAside(PgRow row, bool mayBeStored)
    {
        for (var attempt = 0; attempt < SpareAttempts; attempt++)
        {
            var moved = row.WithId(InstanceIds.Spare(row.Id, attempt));
            var taken = new List<long>();
            var error = TryWrite([moved], taken);
            if (error is not null)
            {
                if (!Refused(error)) return error;
                Interlocked.Increment(ref _failed);
                LogAsideRowLost(logger, row.Id, error);
                return null;
            }
            if (taken.Count > 0)
            {
                if (!mayBeStored) continue;
                var (another, checkError) = AnotherStored(moved);
                if (checkError is not null) return checkError;
                if (another) continue;
            }
            LogStoredAside(logger, row.Id, moved.Id);
            return null;
        }
        Interlocked.Increment(ref _failed);
        LogNoSpareId(logger, row.Id, SpareAttempts);
        return null;
    }

    // Whether the row stored under `row`'s id is another request, or the error that kept it
    // from being checked.
    private (bool Another, Exception? Error) AnotherStored(PgRow row)
    {
        try
        {
            using var connection = database.OpenWriteConnection();
            return (PgRowWriter.OthersStored(connection, [row]).Count > 0, null);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException
            or InvalidOperationException)
        {
            return (false, e);
        }
    }

    private void Lose(Exchange exchange, Exception error)
    {
        Interlocked.Increment(ref _failed);
        // The reason, not the stack: a stop on a full disk writes one line per queued row, and
        // thousands of stacks outlasted systemd's stop timeout (helper-77: 51 s).
        LogRowLost(logger, exchange.Id, exchange.Method, exchange.Path, exchange.Status,
            error.GetBaseException().Message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "audit writer: PostgreSQL unreachable " +
        "({Reason}); spooling audit rows to {Path} until it is back")]
    private static partial void LogOutage(ILogger logger, string reason, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "audit writer: {Count} rows wait: " +
        "PostgreSQL cannot be reached and the spool {Path} refuses them ({Reason}); requests " +
        "wait for room until one of them takes writes")]
    private static partial void LogStalled(ILogger logger, int count, string reason,
        string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "audit writer: rows are stored again " +
        "after {Stalled}; nothing lost")]
    private static partial void LogResumed(ILogger logger, TimeSpan stalled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "audit writer: replayed rows stay in " +
        "the spool ({Reason}); they are sent again later and PostgreSQL skips them")]
    private static partial void LogSpoolNotShrunk(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "audit writer: PostgreSQL is back; spool replayed")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "audit writer: replayed {Count} spooled rows ({Left} left)")]
    private static partial void LogReplayed(ILogger logger, int count, long left);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "audit writer: PostgreSQL refused a batch of {Count}; writing rows one by one")]
    private static partial void LogBatchRefused(ILogger logger, int count, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "audit writer: id {Id} is another " +
        "request's (two instances had one instance number); the row is stored as id {NewId}")]
    private static partial void LogStoredAside(ILogger logger, long id, long newId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "audit writer: AUDIT RECORD LOST " +
        "id={Id}: another request has its id, and PostgreSQL refused it under a spare id")]
    private static partial void LogAsideRowLost(ILogger logger, long id, Exception error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "audit writer: AUDIT RECORD LOST " +
        "id={Id}: another request has its id, and the {Attempts} spare ids near it too")]
    private static partial void LogNoSpareId(ILogger logger, long id, int attempts);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "audit writer: AUDIT RECORD LOST id={Id} (spooled; PostgreSQL refused it)")]
    private static partial void LogSpooledRowLost(ILogger logger, long id, Exception error);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "audit writer: AUDIT RECORD LOST id={Id} {Method} {Path} status={Status}: " +
        "{Reason}")]
    private static partial void LogRowLost(ILogger logger, long id, string method, string path,
        int status, string reason);
}
