namespace Menshen.Shell.Storage;

/// Version 13 (SQLite only): version 12's index of the rows of more than one try, made covering.
/// `/__report/providers` reads the provider and the tries of every such row in its window, and
/// reading each from the table took half a second for 75,000 failed-over rows of 90 days
/// (`make bench-report`); from the index alone it is a sequential read. Only those rows enter
/// it, so it holds their `attempts` text (~160 bytes a row) and nothing for the rest.
/// PostgreSQL keeps version 12's index (PgSchema): an entry there holding `attempts` could pass
/// its B-tree's limit on entry size and refuse the row.
internal static class SchemaV13
{
    public const string Index = "ix_requests_failover_tries";

    public static readonly string Sql =
        $"CREATE INDEX IF NOT EXISTS {Index} ON requests(created_at, provider, attempts) " +
        "WHERE json_array_length(attempts) > 1;" +
        $"DROP INDEX IF EXISTS {SchemaV12.Index};";
}
