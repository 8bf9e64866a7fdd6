namespace Menshen.Shell.Storage;

/// Version 3: running sums for the report API (SPEC §8) and an index for latency percentiles.
/// With a million rows, summing a long window's rows takes longer than the report budget
/// (200 ms); sums per quarter hour, and per hour and model / provider / client key, are kept
/// current by triggers on `requests` (the writer's INSERT and retention's DELETE, in the same
/// transaction) and read instead. Rows of `requests` are never updated. docs/report-api.md has
/// the numbers. A cache hit's tokens and cost count as saved, not spent; costs are summed as
/// whole nano-dollars (exact); `priced` counts the rows that had a price.
internal static class SchemaV3
{
    /// The running sums: column name and its value for one `requests` row named `{r}`.
    public static readonly (string Column, string Value)[] Sums =
    [
        ("requests", "1"),
        ("cache_hits", "{r}.cache_status = 2"),
        ("errors", "{r}.status >= 400 OR {r}.error IS NOT NULL"),
        ("prompt_tokens", Spent("{r}.prompt_tokens")),
        ("completion_tokens", Spent("{r}.completion_tokens")),
        ("total_tokens", Spent("{r}.total_tokens")),
        ("cached_tokens", Spent("{r}.cached_tokens")),
        ("reasoning_tokens", Spent("{r}.reasoning_tokens")),
        ("cost_nanos", "CASE WHEN {r}.cache_status = 2 THEN 0 ELSE " + Nanos + " END"),
        ("priced", "{r}.cache_status <> 2 AND {r}.cost_usd IS NOT NULL"),
        ("saved_tokens", "CASE WHEN {r}.cache_status = 2 THEN ifnull({r}.total_tokens, 0) ELSE 0 END"),
        ("saved_cost_nanos", "CASE WHEN {r}.cache_status = 2 THEN " + Nanos + " ELSE 0 END"),
        ("saved_priced", "{r}.cache_status = 2 AND {r}.cost_usd IS NOT NULL"),
    ];

    /// `dimension` of `report_groups`: 0 model, 1 provider, 2 client key.
    public static readonly string[] GroupColumns = ["model", "provider", "client_key"];

    public static readonly string Sql = string.Join("\n", Tables(), Fill(), Trigger(insert: true), Trigger(insert: false), """
        -- Latency percentiles: durations in order, skipping cache hits (answered from the store).
        -- cache_status is a column too, so that the queries (which repeat the condition) are covered.
        CREATE INDEX ix_requests_latency ON requests(duration_ms, created_at, provider, client_key, cache_status)
            WHERE cache_status <> 2;
        """);

    private const string Nanos = "ifnull(CAST(round({r}.cost_usd * 1e9) AS INTEGER), 0)";
    private const string GroupKey = "dimension, hour, ifnull(name, x'00')";

    private static string Spent(string column) => $"CASE WHEN {{r}}.cache_status = 2 THEN 0 ELSE ifnull({column}, 0) END";

    private static string Columns(string type) => string.Join(",\n    ", Sums.Select(s => s.Column + type));

    private static string Values(string row, string sign) =>
        string.Join(",\n    ", Sums.Select(s => $"{sign}({s.Value.Replace("{r}", row, StringComparison.Ordinal)})"));

    private static string Totals(string row) =>
        string.Join(",\n    ", Sums.Select(s => $"sum({s.Value.Replace("{r}", row, StringComparison.Ordinal)})"));

    private static string Tables() => $"""
        -- Sums per quarter hour (created_at / 900000), for summary, daily and series. Every UTC
        -- offset in use is a whole number of quarter hours, so local hours and days are whole quarters.
        CREATE TABLE report_quarters (
            quarter INTEGER PRIMARY KEY,
            {Columns(" INTEGER NOT NULL")}
        );

        -- Sums per hour (created_at / 3600000) and model (dimension 0), provider (1) or client
        -- key (2), for the breakdown tables. The unique index maps a NULL name to a blob, which no
        -- TEXT value equals, so NULL is one group of its own.
        CREATE TABLE report_groups (
            dimension INTEGER NOT NULL,
            hour INTEGER NOT NULL,
            name TEXT,
            {Columns(" INTEGER NOT NULL")}
        );
        CREATE UNIQUE INDEX ux_report_groups ON report_groups({GroupKey});
        """;

    private static string Fill() =>
        $"INSERT INTO report_quarters SELECT r.created_at / 900000,\n    {Totals("r")}\nFROM requests r GROUP BY 1;\n"
        + string.Concat(GroupColumns.Select((column, d) =>
            $"INSERT INTO report_groups SELECT {d}, r.created_at / 3600000, r.{column},\n    {Totals("r")}\n"
            + $"FROM requests r GROUP BY 2, 3;\n"));

    private static string Trigger(bool insert)
    {
        var (row, sign, name) = insert ? ("new", "", "insert") : ("old", "-", "delete");
        var add = string.Join(",\n    ", Sums.Select(s => $"{s.Column} = {s.Column} + excluded.{s.Column}"));
        var quarter = $"""
            INSERT INTO report_quarters SELECT {row}.created_at / 900000,
                {Values(row, sign)}
            WHERE true ON CONFLICT (quarter) DO UPDATE SET {add};
            """;
        var groups = GroupColumns.Select((column, d) => $"""
            INSERT INTO report_groups SELECT {d}, {row}.created_at / 3600000, {row}.{column},
                {Values(row, sign)}
            WHERE true ON CONFLICT ({GroupKey}) DO UPDATE SET {add};
            """);
        var cleanup = insert ? "" : string.Concat(GroupColumns.Select((column, d) =>
            $"DELETE FROM report_groups WHERE dimension = {d} AND hour = old.created_at / 3600000 "
            + $"AND ifnull(name, x'00') = ifnull(old.{column}, x'00') AND requests = 0;\n"))
            + "DELETE FROM report_quarters WHERE quarter = old.created_at / 900000 AND requests = 0;\n";
        return $"CREATE TRIGGER tr_requests_report_{name} AFTER {name.ToUpperInvariant()} ON requests\nBEGIN\n"
            + quarter + "\n" + string.Join("\n", groups) + "\n" + cleanup + "END;\n";
    }
}
