using Menshen.Core.Routing;
using Menshen.Core.Caching;
using Microsoft.Data.Sqlite;

namespace Menshen.Shell.Storage;

/// Reads for the cache and the report API. Each call takes its own pooled connection, apart
/// from the writer's: WAL lets readers run while the writer commits. The cache lookup, which
/// runs on the request path, keeps its connections open with the query prepared.
public sealed class AuditReader(AuditDatabase database) : IDisposable
{
    internal static readonly string LogById = StoredLogReader.Select + " WHERE r.id = $id";
    internal static readonly string LogByLegacyId =
        StoredLogReader.Select + " WHERE r.legacy_id = $legacy ORDER BY r.id LIMIT 1";

    // Served by ix_requests_cache_lookup: (cache_key, rowid) over replayable rows, newest first.
    // An entry is stored when its answer ended, as in the memory cache (helper-91: a 9 s stream
    // under `max_age = 7` was a hit from memory and a miss after a restart): `created_at` is the
    // request's start.
    internal const string CachedByKey = """
        SELECT r.id, r.status, r.content_type,
               r.created_at + CAST(r.duration_ms AS BIGINT) AS stored_at,
               r.prompt_tokens, r.completion_tokens,
               r.total_tokens, r.cached_tokens, r.reasoning_tokens, r.cost_usd,
               r.cache_write_5m_tokens, r.cache_write_1h_tokens,
               b.response_body, b.response_encoding
        FROM requests r JOIN bodies b ON b.request_id = r.id
        WHERE r.cache_key = $key AND r.cache_eligible = 1
          AND r.created_at + CAST(r.duration_ms AS BIGINT) >= $since
          AND b.response_body IS NOT NULL
        ORDER BY r.id DESC
        LIMIT 1
        """;

    // Served by ix_requests_response_id (partial: non-null ids), newest first by the rowid.
    // `$since` is always the smallest value: the query runner binds both parameters.
    internal const string OriginByResponseId = """
        SELECT provider, client_key FROM requests
        WHERE response_id = $key AND provider IS NOT NULL AND created_at >= $since
        ORDER BY id DESC
        LIMIT 1
        """;

    private readonly CachedResponseQuery _cached = new(database, CachedByKey);
    private readonly CachedResponseQuery _origins = new(database, OriginByResponseId);

    /// The row with its bodies decompressed, or null when no row has that id.
    public async Task<StoredLog?> GetLogAsync(long id,
        CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var command = Command(connection, LogById, ("$id", id));
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? StoredLogReader.Read(reader) : null;
    }

    /// The row imported from ai-menshen with that `req-…` id, or null.
    public async Task<StoredLog?> GetLogByLegacyIdAsync(
        string legacyId, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var command = Command(connection, LogByLegacyId, ("$legacy", legacyId));
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? StoredLogReader.Read(reader) : null;
    }

    /// The newest replayable response stored under `cacheKey`, created at or after
    /// `notOlderThan` (null: any age); null when there is none.
    public Task<CacheEntry?> FindCachedResponseAsync(
        string cacheKey, DateTimeOffset? notOlderThan,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var since = notOlderThan?.ToUnixTimeMilliseconds() ?? long.MinValue;
        // A synchronous read (it may wait for a busy database): on the pool, never on the socket
        // thread a request runs on (Hosting/InlineScheduling).
        return Task.Run(() => _cached.Find(cacheKey, since, ReadCached), cancellationToken);
    }

    /// The provider whose answer had the response id `responseId` (affinity), or null.
    public Task<ResponseOrigin?> FindResponseOriginAsync(
        string responseId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => _origins.Find(responseId, long.MinValue, ReadOrigin),
            cancellationToken);
    }

    /// A row of OriginByResponseId (provider, client_key).
    internal static ResponseOrigin ReadOrigin(System.Data.Common.DbDataReader row) =>
        new(row.GetString(0), row.IsDBNull(1) ? null : row.GetString(1));

    /// The largest id stored (0 for an empty store): lets the id source start above it.
    public async Task<long> LatestIdAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var command = Command(connection, "SELECT COALESCE(MAX(id), 0) FROM requests");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// Closes the connections kept for cache and affinity lookups.
    public void Dispose()
    {
        _cached.Dispose();
        _origins.Dispose();
    }

    internal static CacheEntry ReadCached(System.Data.Common.DbDataReader reader)
    {
        var row = new StoredLogReader.Row(reader);
        var body = BodyCodec.Decode(row.Blob("response_body")!,
            (BodyEncoding)row.Long("response_encoding")!.Value);
        return new CacheEntry(
            row.Long("id")!.Value, (int)row.Long("status")!.Value, row.Text("content_type"), body,
            StoredLogReader.UsageOf(row), (decimal?)row.Double("cost_usd"),
            DateTimeOffset.FromUnixTimeMilliseconds(row.Long("stored_at")!.Value));
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql,
        params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
