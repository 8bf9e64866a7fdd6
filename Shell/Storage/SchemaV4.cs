namespace Menshen.Shell.Storage;

/// Version 4: routing by model (SPEC §13). `requests.resolved_model` is the client's model after
/// alias resolution (`requested_model` is the client's, `model` the effective one). The log
/// filter `model=X` matches any of the three, so each has an index ending in the rowid and
/// SQLite answers the OR as a union of three index ranges.
internal static class SchemaV4
{
    public const string Sql = """
        ALTER TABLE requests ADD COLUMN resolved_model TEXT;
        CREATE INDEX ix_requests_requested_model ON requests(requested_model);
        CREATE INDEX ix_requests_resolved_model ON requests(resolved_model);
        """;
}
