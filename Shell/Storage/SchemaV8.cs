namespace Menshen.Shell.Storage;

/// Version 8: fewer index entries per row for the writer (SPEC §10: each index costs it CPU and
/// WAL pages on every commit). Four log-filter indexes become partial, holding only the rows a
/// filter needs an index for, the rare ones: a status class other than 2xx, a cache hit, a
/// client or alias-resolved model that differs from the effective one. A 2xx, uncached,
/// unaliased row (most rows) enters none of them. `LogSql` writes the filters so that SQLite
/// sees each partial index's condition; the common values (`status=2xx`, `cached=false`) are
/// tested row by row within the log walk's budget. Measured with the writer alone (AllocBench
/// `--writer-rows`, medians of 3): 34.2 -> 31.2 µs of CPU a row at 256 rows a transaction,
/// 52.4 -> 47.2 at 16 (docs/performance.md).
internal static class SchemaV8
{
    public const string Sql = """
        DROP INDEX ix_requests_status_class;
        CREATE INDEX ix_requests_status_class_not_2xx ON requests(status_class)
            WHERE status_class <> 2;
        DROP INDEX ix_requests_cache_status;
        CREATE INDEX ix_requests_cache_hits ON requests(cache_status) WHERE cache_status = 2;
        DROP INDEX ix_requests_requested_model;
        CREATE INDEX ix_requests_requested_model_aliased ON requests(requested_model)
            WHERE requested_model IS DISTINCT FROM model;
        DROP INDEX ix_requests_resolved_model;
        CREATE INDEX ix_requests_resolved_model_aliased ON requests(resolved_model)
            WHERE resolved_model IS DISTINCT FROM model;
        """;
}
