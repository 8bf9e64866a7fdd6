namespace Menshen.Shell.Storage.Postgres;

/// The PostgreSQL audit schema: SQLite's (SchemaV1, V3, V4) with PostgreSQL's types, plus the
/// columns SQLite gains in versions 5 and 6 (cache writes of 5 minutes and 1 hour, the
/// upstream response id) and 7 (response bodies kept for the cache only), and the partial
/// log-filter indexes of version 8, so one database serves every instance of a later build too.
/// Integers are `bigint` and flags 0/1 like SQLite's, so the shared report code reads both
/// alike. Bodies are stored as they came (encoding 0; TOAST compresses them) so the report's
/// text search runs in SQL.
internal static class PgSchema
{
    /// The schema version this build writes: SQLite's numbering, so a version means the same
    /// columns on both backends. SQLite's 13 only widens an index of its own (SchemaV13), so
    /// PostgreSQL stays at 12 and instances of the build before it keep starting.
    public const int Version = 12;

    /// Each step from an older version, by the version it brings the schema to (`Tables`
    /// creates the latest at once).
    public static readonly IReadOnlyDictionary<int, string> Upgrades = new Dictionary<int, string>
    {
        [7] = "ALTER TABLE bodies ADD COLUMN response_logged bigint NOT NULL DEFAULT 1",
        // The new indexes first: building them locks out writes but not reads, and the DROPs,
        // which lock `requests` whole until the commit, come last.
        [8] = $"""
            {PartialFilterIndexes}
            DROP INDEX IF EXISTS ix_requests_status_class;
            DROP INDEX IF EXISTS ix_requests_cache_status;
            DROP INDEX IF EXISTS ix_requests_requested_model;
            DROP INDEX IF EXISTS ix_requests_resolved_model;
            """,
        // No schema change: the report sums are recomputed (PgMigrations.RebuildsSums).
        [9] = "",
        [10] = "",
        // The sums count the requests no provider was asked (SchemaV11), recomputed after.
        [11] = """
            ALTER TABLE report_quarters ADD COLUMN IF NOT EXISTS unspent bigint NOT NULL DEFAULT 0;
            ALTER TABLE report_groups ADD COLUMN IF NOT EXISTS unspent bigint NOT NULL DEFAULT 0;
            ALTER TABLE report_group_days ADD COLUMN IF NOT EXISTS unspent bigint NOT NULL
                DEFAULT 0;
            """,
        // The rows of more than one try, for the failed tries per provider (SchemaV12).
        [12] = SchemaV12.PostgresSql,
    };

    // Version 8 (SchemaV8): the log-filter indexes of values most rows do not have (a status
    // class other than 2xx, a cache hit, a client or alias-resolved model other than the
    // effective one), so a typical row enters none of them; LogSql's terms name each condition.
    private const string PartialFilterIndexes = """
        CREATE INDEX IF NOT EXISTS ix_requests_status_class_not_2xx
            ON requests(status_class, id) WHERE status_class <> 2;
        CREATE INDEX IF NOT EXISTS ix_requests_cache_hits
            ON requests(cache_status, id) WHERE cache_status = 2;
        CREATE INDEX IF NOT EXISTS ix_requests_requested_model_aliased
            ON requests(requested_model, id) WHERE requested_model IS DISTINCT FROM model;
        CREATE INDEX IF NOT EXISTS ix_requests_resolved_model_aliased
            ON requests(resolved_model, id) WHERE resolved_model IS DISTINCT FROM model;
        """;

    public static readonly string Tables = $"""
        CREATE TABLE requests (
            id                bigint PRIMARY KEY,
            created_at        bigint NOT NULL,
            client_key        text,
            method            text NOT NULL,
            path              text NOT NULL,
            endpoint          text NOT NULL,
            provider          text,
            requested_model   text,
            model             text,
            stream            bigint NOT NULL,
            status            bigint NOT NULL,
            status_class      bigint GENERATED ALWAYS AS (status / 100) STORED,
            duration_ms       double precision NOT NULL,
            ttfb_ms           double precision,
            attempts          text NOT NULL,
            error             text,
            client_closed     bigint NOT NULL,
            complete          bigint NOT NULL,
            request_bytes     bigint NOT NULL,
            response_bytes    bigint NOT NULL,
            prompt_tokens     bigint,
            completion_tokens bigint,
            total_tokens      bigint,
            cached_tokens     bigint,
            reasoning_tokens  bigint,
            usage_source      bigint NOT NULL,
            cost_usd          double precision,
            cache_status      bigint NOT NULL,
            cache_source_id   bigint,
            cache_key         text,
            cache_eligible    bigint NOT NULL,
            content_type      text,
            request_preview   text,
            response_preview  text,
            legacy_id         text,
            resolved_model    text,
            cache_write_5m_tokens bigint,
            cache_write_1h_tokens bigint,
            response_id       text
        );

        CREATE TABLE bodies (
            request_id         bigint PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
            request_body       bytea,
            request_encoding   bigint NOT NULL,
            request_size       bigint,
            request_truncated  bigint NOT NULL,
            response_body      bytea,
            response_encoding  bigint NOT NULL,
            response_size      bigint,
            response_truncated bigint NOT NULL,
            response_logged    bigint NOT NULL DEFAULT 1
        );

        CREATE INDEX ix_requests_created_at ON requests(created_at);
        CREATE INDEX ix_requests_model ON requests(model, id);
        CREATE INDEX ix_requests_provider ON requests(provider, id);
        CREATE INDEX ix_requests_key ON requests(client_key, id);
        CREATE INDEX ix_requests_endpoint ON requests(endpoint, id);
        CREATE INDEX ix_requests_stream ON requests(stream, id);
        {PartialFilterIndexes}
        CREATE INDEX ix_requests_legacy_id ON requests(legacy_id) WHERE legacy_id IS NOT NULL;
        CREATE INDEX ix_requests_response_id ON requests(response_id)
            WHERE response_id IS NOT NULL;
        CREATE INDEX ix_requests_cache_lookup ON requests(cache_key, id)
            WHERE cache_eligible = 1 AND cache_key IS NOT NULL;
        {SchemaV12.PostgresSql}

        CREATE TABLE report_quarters (
            quarter bigint PRIMARY KEY,
            {SumColumns},
            latency bytea
        );
        CREATE TABLE report_groups (
            dimension bigint NOT NULL,
            hour bigint NOT NULL,
            name text,
            {SumColumns},
            latency bytea,
            UNIQUE NULLS NOT DISTINCT (dimension, hour, name)
        );
        CREATE TABLE report_group_days (
            dimension bigint NOT NULL,
            day bigint NOT NULL,
            name text,
            {SumColumns},
            latency bytea,
            UNIQUE NULLS NOT DISTINCT (dimension, day, name)
        );

        -- Instance numbers of the gateways sharing this database (InstanceIds), each held by
        -- one running instance and renewed while it runs.
        CREATE TABLE instances (
            slot        integer PRIMARY KEY,
            holder      text NOT NULL,
            renewed_at  bigint NOT NULL
        );
        """;

    /// `latency_add`: LatencyBins.Add in SQL. Histograms are (u16 bin, i32 count) pairs,
    /// little-endian, in bin order; the sum keeps the non-zero bins, NULL when none is left.
    public const string LatencyAdd = """
        CREATE OR REPLACE FUNCTION latency_add(a bytea, b bytea) RETURNS bytea
        LANGUAGE sql IMMUTABLE AS $f$
            WITH pairs AS (
                SELECT get_byte(x, i) + get_byte(x, i + 1) * 256 AS bin,
                       (get_byte(x, i + 2)::bigint + get_byte(x, i + 3)::bigint * 256
                        + get_byte(x, i + 4)::bigint * 65536
                        + get_byte(x, i + 5)::bigint * 16777216) AS raw
                FROM (VALUES (a), (b)) AS v(x),
                     generate_series(0, coalesce(length(x), 0) - 6, 6) AS i
                WHERE x IS NOT NULL),
            sums AS (
                SELECT bin, sum(CASE WHEN raw >= 2147483648 THEN raw - 4294967296
                                     ELSE raw END)::bigint AS c
                FROM pairs GROUP BY bin)
            SELECT string_agg(
                set_byte(set_byte(set_byte(set_byte(set_byte(set_byte(
                    '\x000000000000'::bytea,
                    0, bin & 255), 1, (bin >> 8) & 255),
                    2, (c & 255)::int), 3, ((c >> 8) & 255)::int),
                    4, ((c >> 16) & 255)::int), 5, ((c >> 24) & 255)::int),
                ''::bytea ORDER BY bin)
            FROM sums WHERE c <> 0
        $f$;
        """;

    /// Names the rules of <see cref="BodyContains"/>: PgMigrations replaces a function without it.
    public const string BodyContainsRules = "menshen body_contains rules 2";

    /// `body_contains`: the report's text search `q` over a stored body (identity-encoded on
    /// PostgreSQL), ignoring case: an ASCII needle with ASCII folding, as SQLite's BodySearch;
    /// any other with Unicode folding (ICU's root collation, or the database's own where the
    /// server has no ICU; `convert_from`'s result would otherwise fold as collation "C", ASCII
    /// only). ICU's full case mapping differs from .NET's ordinal folding on a few letters (İ, a
    /// final sigma). A body that is not UTF-8 (a capture cut inside its last character) is
    /// searched without up to three trailing bytes, then as escaped bytes.
    public const string BodyContains = $$"""
        CREATE OR REPLACE FUNCTION body_contains(body bytea, encoding bigint, needle text)
        RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $f$
        -- {{BodyContainsRules}}
        DECLARE
            content text;
            cut_off boolean := false;
        BEGIN
            IF body IS NULL THEN RETURN false; END IF;
            IF needle = '' THEN RETURN true; END IF;
            FOR cut IN 0..3 LOOP
                EXIT WHEN cut >= octet_length(body);
                BEGIN
                    content := convert_from(substring(body FROM 1 FOR octet_length(body) - cut),
                        'UTF8');
                    cut_off := cut > 0;
                    EXIT;
                EXCEPTION WHEN others THEN
                    content := NULL;
                END;
            END LOOP;
            IF content IS NOT NULL THEN
                IF octet_length(needle) = char_length(needle) THEN
                    IF strpos(lower(content COLLATE "C"), lower(needle COLLATE "C")) > 0 THEN
                        RETURN true;
                    END IF;
                ELSE
                    BEGIN
                        IF strpos(lower(content COLLATE "und-x-icu"),
                            lower(needle COLLATE "und-x-icu")) > 0 THEN
                            RETURN true;
                        END IF;
                    EXCEPTION WHEN undefined_object THEN
                        IF strpos(lower(content), lower(needle)) > 0 THEN RETURN true; END IF;
                    END;
                END IF;
                IF NOT cut_off THEN RETURN false; END IF;
            END IF;
            RETURN strpos(lower(encode(body, 'escape')), lower(needle)) > 0;
        END
        $f$;
        """;

    private static string SumColumns =>
        string.Join(",\n    ", SchemaV11.SumColumns.Select(c => c + " bigint NOT NULL"));
}
