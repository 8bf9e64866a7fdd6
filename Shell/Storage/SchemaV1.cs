namespace Menshen.Shell.Storage;

/// Version 1 of the audit schema: one row per request in `requests`, bodies apart in `bodies`.
/// Every report query of SPEC §8 is served by an index (see docs/storage.md for which).
internal static class SchemaV1
{
    public const string Sql = """
        CREATE TABLE requests (
            id                INTEGER PRIMARY KEY,          -- Exchange.Id: unix microseconds
            created_at        INTEGER NOT NULL,             -- unix milliseconds
            client_key        TEXT,
            method            TEXT    NOT NULL,
            path              TEXT    NOT NULL,
            endpoint          TEXT    NOT NULL,
            -- EndpointNames: chat/completions … passthrough
            provider          TEXT,
            requested_model   TEXT,
            model             TEXT,                         -- the effective model
            stream            INTEGER NOT NULL,
            status            INTEGER NOT NULL,
            status_class      INTEGER GENERATED ALWAYS AS (status / 100) VIRTUAL,
            duration_ms       REAL    NOT NULL,
            ttfb_ms           REAL,
            attempts          TEXT    NOT NULL,
            -- JSON [{provider,status_code,error,duration_ms}]
            error             TEXT,
            client_closed     INTEGER NOT NULL,
            complete          INTEGER NOT NULL,
            request_bytes     INTEGER NOT NULL,
            response_bytes    INTEGER NOT NULL,
            prompt_tokens     INTEGER,                      -- usage: all NULL when usage_source = 0
            completion_tokens INTEGER,
            total_tokens      INTEGER,
            cached_tokens     INTEGER,
            reasoning_tokens  INTEGER,
            usage_source      INTEGER NOT NULL,             -- UsageSource
            cost_usd          REAL,                         -- NULL: no price
            cache_status      INTEGER NOT NULL,             -- CacheStatus
            cache_source_id   INTEGER,
            cache_key         TEXT,
            cache_eligible    INTEGER NOT NULL,
            content_type      TEXT,                         -- of the response
            request_preview   TEXT,
            response_preview  TEXT,
            legacy_id         TEXT                          -- the ai-menshen id of an imported row
        );

        CREATE TABLE bodies (
            request_id         INTEGER PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
            request_body       BLOB,
            request_encoding   INTEGER NOT NULL,            -- BodyEncoding: 0 identity, 1 brotli
            request_size       INTEGER,
                -- bytes the client sent (NULL: not captured)
            request_truncated  INTEGER NOT NULL,
            response_body      BLOB,
            response_encoding  INTEGER NOT NULL,
            response_size      INTEGER,
            response_truncated INTEGER NOT NULL
        );

        -- Time windows of every report, covering all the columns the aggregates read.
        CREATE INDEX ix_requests_report ON requests(
            created_at, model, provider, client_key, status, cache_status, prompt_tokens,
            completion_tokens, total_tokens, cached_tokens, reasoning_tokens, cost_usd,
            duration_ms);

        -- Log filters: each index ends in the rowid, so `col = ? AND id < ? ORDER BY id DESC`
        -- is one index range walked newest first.
        CREATE INDEX ix_requests_model ON requests(model);
        CREATE INDEX ix_requests_provider ON requests(provider);
        CREATE INDEX ix_requests_key ON requests(client_key);
        CREATE INDEX ix_requests_status_class ON requests(status_class);
        CREATE INDEX ix_requests_endpoint ON requests(endpoint);
        CREATE INDEX ix_requests_cache_status ON requests(cache_status);
        CREATE INDEX ix_requests_stream ON requests(stream);

        -- Cache lookups: only replayable rows, newest first by rowid.
        CREATE INDEX ix_requests_cache_lookup ON requests(cache_key)
            WHERE cache_eligible = 1 AND cache_key IS NOT NULL;
        """;
}
