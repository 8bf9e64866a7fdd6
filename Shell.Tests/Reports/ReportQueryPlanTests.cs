using Menshen.Shell.Reports;
using Menshen.Shell.Tests.Support;
using static Menshen.Shell.Tests.Reports.ReportRows;

namespace Menshen.Shell.Tests.Reports;

/// The queries the report API issues (Shell/Reports) search an index or a running-sum table by
/// range: none scans the `requests` table or sorts its rows. Each shape below is copied from the
/// API's SQL.
public class ReportQueryPlanTests
{
    [Theory]
    // WindowSums: running sums of whole quarters and hours, then the raw rows of the edge.
    [InlineData("SELECT requests, latency FROM report_quarters WHERE quarter >= 5", "SEARCH report_quarters USING INTEGER PRIMARY KEY")]
    [InlineData("SELECT name, requests, latency FROM report_groups WHERE dimension = 1 AND hour >= 5 AND hour < 9", "SEARCH report_groups USING INDEX ux_report_groups")]
    [InlineData("SELECT name, requests, latency FROM report_group_days WHERE dimension = 1 AND day >= 5", "SEARCH report_group_days USING INDEX ux_report_group_days")]
    [InlineData("SELECT r.created_at, r.error, r.duration_ms FROM requests AS r INDEXED BY ix_requests_report WHERE r.created_at >= 1 AND r.created_at < 2", "SEARCH r USING INDEX ix_requests_report (created_at>? AND created_at<?)")]
    // Running sums: the rows a writer batch added (or retention removes), by id.
    [InlineData("SELECT r.created_at FROM requests r WHERE r.id IN (SELECT value FROM json_each('[1,2]'))", "SEARCH r USING INTEGER PRIMARY KEY (rowid=?)")]
    [InlineData("SELECT requests, latency FROM report_groups WHERE dimension = 1 AND hour = 2 AND ifnull(name, x'00') = ifnull('a', x'00')", "SEARCH report_groups USING INDEX ux_report_groups")]
    // Log slices: the primary key, or one filter's index, walked newest first within the slice.
    [InlineData("SELECT r.id, r.path, r.request_preview FROM requests r WHERE r.id >= 1 AND r.id < 9 ORDER BY r.id DESC LIMIT 101", "SEARCH r USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)")]
    [InlineData("SELECT r.id, r.path, r.request_preview FROM requests r WHERE r.id >= 1 AND r.id < 9 AND (r.model = 'm') ORDER BY r.id DESC LIMIT 101", "SEARCH r USING INDEX ix_requests_model (model=? AND rowid>? AND rowid<?)")]
    [InlineData("SELECT r.id, r.path, r.request_preview FROM requests r WHERE r.id >= 1 AND r.id < 9 AND (r.status_class = $status_class AND r.status_class <> 2) ORDER BY r.id DESC LIMIT 101", "SEARCH r USING INDEX ix_requests_status_class_not_2xx (status_class=? AND rowid>? AND rowid<?)")]
    [InlineData("SELECT r.id, r.path, r.request_preview FROM requests r LEFT JOIN bodies b ON b.request_id = r.id WHERE r.id >= 1 AND r.id < 9 AND (body_contains(b.request_body, b.request_encoding, 'x')) ORDER BY r.id DESC LIMIT 101", "SEARCH r USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)")]
    public async Task Report_query_searches_by_range_without_sorting(string sql, string expected)
    {
        await using var env = await ReportClient.StartAsync([Row(Now.AddHours(-1))]);

        var actual = QueryPlan.Of(env.Store!.Database, sql);

        Assert.Contains(expected, actual, StringComparison.Ordinal);
        // Grouping sorts only what the range yielded (running-sum rows, or an hour of raw rows).
        Assert.DoesNotContain("TEMP B-TREE FOR ORDER BY", actual, StringComparison.Ordinal);
        Assert.DoesNotContain(actual.Split('\n'), line => line is "SCAN requests" or "SCAN r");
    }

    // /__report/providers reads the provider and the tries of every failed-over row of its
    // window from the index alone (schema 13): from the table it took 414 ms at 75,000 rows.
    [Fact]
    public async Task Failed_tries_are_read_from_the_covering_index()
    {
        await using var env = await ReportClient.StartAsync([Row(Now.AddHours(-1))]);

        var actual = QueryPlan.Of(env.Store!.Database, FailedAttemptSums.Query);

        Assert.Contains("SEARCH r USING COVERING INDEX ix_requests_failover_tries (created_at>?)",
            actual, StringComparison.Ordinal);
    }
}
