namespace Menshen.Shell.Storage;

/// Version 12: the rows of more than one try (a failover, or a fallback to an earlier answer),
/// indexed by time, so `/__report/providers` can count the tries each provider failed without
/// being the answer (FailedAttempts). A row of one try, nearly every row, enters no index. The
/// condition is SQLite's text; PostgreSQL's casts `attempts` (text) to json, as Sql.ForPostgres
/// writes the queries that repeat it so that each backend uses the index.
internal static class SchemaV12
{
    public const string Index = "ix_requests_failovers";

    /// The index's condition over `requests` named `r` (Sql.ForPostgres adds the cast).
    public const string Condition = "json_array_length(r.attempts) > 1";

    // IF NOT EXISTS: a file made at a later version and marked older (the upgrade tests) has it.
    public static readonly string Sql =
        $"CREATE INDEX IF NOT EXISTS {Index} ON requests(created_at) " +
        "WHERE json_array_length(attempts) > 1;";

    public static readonly string PostgresSql =
        $"CREATE INDEX IF NOT EXISTS {Index} ON requests(created_at) " +
        "WHERE json_array_length(attempts::json) > 1;";
}
