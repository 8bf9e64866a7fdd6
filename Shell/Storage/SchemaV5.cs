namespace Menshen.Shell.Storage;

/// Version 5: prompt-cache writes (SPEC §14, Anthropic's `cache_creation_input_tokens`), split by
/// the cache's lifetime. In `requests` NULL means not reported; the running sums count them from
/// here on (older rows had none to count, so 0 is their exact sum and nothing is rebuilt).
internal static class SchemaV5
{
    // Declared before Sql: static fields are initialised in the order they are written.
    private static readonly string[] SumTables =
        ["report_quarters", "report_groups", "report_group_days"];

    public static readonly string[] CacheWriteColumns =
        ["cache_write_5m_tokens", "cache_write_1h_tokens"];

    /// The sum columns from version 5 on, in ReportTotals order.
    public static readonly string[] SumColumns = [.. SchemaV3.SumColumns, .. CacheWriteColumns];

    public static readonly string Sql = string.Join("\n",
        CacheWriteColumns.Select(c => $"ALTER TABLE requests ADD COLUMN {c} INTEGER;")
            .Concat(SumTables.SelectMany(t => CacheWriteColumns.Select(c =>
                $"ALTER TABLE {t} ADD COLUMN {c} INTEGER NOT NULL DEFAULT 0;"))));
}
