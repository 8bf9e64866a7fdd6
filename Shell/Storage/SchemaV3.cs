namespace Menshen.Shell.Storage;

/// Version 3: running sums for the report API (SPEC §8). Summing a long window's rows would
/// take longer than the report budget (200 ms for a million rows), so sums are kept per quarter
/// hour, and per hour and per day and model / provider / client key, with a latency histogram each
/// (LatencyBins). The writer adds each committed batch and retention subtracts each purged
/// batch, in the same transaction (ReportSums); there are no per-row triggers and no index
/// ordered by duration, which would halve the writer's throughput. docs/report-api.md.
internal static class SchemaV3
{
    /// The sum columns, in ReportTotals order.
    public static readonly string[] SumColumns =
    [
        "requests", "cache_hits", "errors", "prompt_tokens", "completion_tokens", "total_tokens",
            "cached_tokens",
        "reasoning_tokens", "cost_nanos", "priced", "saved_tokens", "saved_cost_nanos",
        "saved_priced",
    ];

    /// `report_groups.dimension`: 0 model, 1 provider, 2 client key.
    public static readonly string[] GroupColumns = ["model", "provider", "client_key"];

    public static readonly string Sql = $"""
        -- Sums per quarter hour (created_at / 900000), for summary, daily, series and the log scan.
        -- Every UTC offset in use is a whole number of quarter hours, so local hours and days are
        -- whole quarters. `latency`: LatencyBins pairs of the rows that were not cache hits.
        CREATE TABLE report_quarters (
            quarter INTEGER PRIMARY KEY,
            {Columns},
            latency BLOB
        );

        -- Sums per hour (created_at / 3600000) and model (dimension 0), provider (1) or client key
        -- (2), for the breakdown tables. The unique index maps a NULL name to a blob, which no TEXT
        -- value equals, so NULL is one group of its own.
        CREATE TABLE report_groups (
            dimension INTEGER NOT NULL,
            hour INTEGER NOT NULL,
            name TEXT,
            {Columns},
            latency BLOB
        );
        CREATE UNIQUE INDEX ux_report_groups ON report_groups(dimension, hour, ifnull(name, x'00'));

        -- The same per UTC day (created_at / 86400000): a long window reads whole days from here,
        -- so its cost grows with the days and not the hours (a hundred keys over 90 days).
        CREATE TABLE report_group_days (
            dimension INTEGER NOT NULL,
            day INTEGER NOT NULL,
            name TEXT,
            {Columns},
            latency BLOB
        );
        CREATE UNIQUE INDEX ux_report_group_days ON report_group_days(dimension, day,
            ifnull(name, x'00'));
        """;

    private static string Columns =>
        string.Join(",\n    ", SumColumns.Select(c => c + " INTEGER NOT NULL"));
}
