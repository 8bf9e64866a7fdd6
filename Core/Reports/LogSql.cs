using System.Collections.Immutable;

namespace Menshen.Core.Reports;

/// The SQL conditions of the `/__report/logs` filters. The writer keeps few indexes (each costs
/// it CPU per row, SPEC §10), so a filter walks an index only where a value is rare enough to
/// need one: the model, provider, key, endpoint and stream of a row are always indexed; its
/// status class only when not 2xx, its cache status only for hits, its client and alias-resolved
/// models only where they differ from the effective one (docs/storage.md). An index ends in the
/// rowid, so one indexed filter with `id` bounds and `ORDER BY id DESC` is one index range
/// walked newest first; any other filter is tested row by row, within a budget (LogScan). The
/// text search calls `body_contains`, a function each connection registers (bodies may be
/// compressed).
public static class LogSql
{
    /// The status class every partial status index leaves out: most rows are 2xx.
    public const int CommonStatusClass = 2;

    /// The conditions for `filter`; the text needle is matched case-insensitively.
    public static SqlFilter Filter(LogFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var terms = ImmutableArray.CreateBuilder<string>();
        var parameters = ImmutableArray.CreateBuilder<SqlParameter>();
        var indexed = 0;
        void Term(string sql, bool hasIndex)
        {
            terms.Add(sql);
            if (hasIndex) indexed++;
        }
        void Equal(string column, string name, object? value)
        {
            if (value is null) return;
            Term($"r.{column} = ${name}", hasIndex: true);
            parameters.Add(new SqlParameter("$" + name, value));
        }
        if (filter.Model is { } model)
        {
            // Client, alias-resolved or effective model (SPEC §13). The two first are indexed
            // only where they differ from the effective model; where they equal it, the first
            // branch finds the row. The `IS DISTINCT FROM` terms name those partial indexes.
            Term("r.model = $model"
                + " OR (r.requested_model = $model AND r.requested_model IS DISTINCT FROM r.model)"
                + " OR (r.resolved_model = $model AND r.resolved_model IS DISTINCT FROM r.model)",
                hasIndex: true);
            parameters.Add(new SqlParameter("$model", model));
        }
        Equal("provider", "provider", filter.Provider);
        if (filter.Tried is { } tried)
        {
            // The answering provider, or one of the tries of a row of several (the failover
            // index's condition). SQLite's JSON functions; Sql.ForPostgres names PostgreSQL's.
            Term("r.provider = $tried OR (json_array_length(r.attempts) > 1 AND EXISTS (SELECT 1 " +
                "FROM json_each(r.attempts) AS a " +
                "WHERE json_extract(a.value, '$.provider') = $tried))", hasIndex: false);
            parameters.Add(new SqlParameter("$tried", tried));
        }
        Equal("client_key", "key", filter.Key);
        if (filter.StatusClass == LogFilter.AnyError)
        {
            // ReportRow.IsError: no index holds the rows with a note, so it is tested row by row.
            Term($"r.status <> {ReportRow.UpgradeRefused} AND (r.status >= 400 OR r.error IS NOT "
                + "NULL)", hasIndex: false);
        }
        else if (filter.StatusClass is { } statusClass)
        {
            // `<> 2` names the partial index of the other classes.
            Term(statusClass == CommonStatusClass ? "r.status_class = $status_class"
                : $"r.status_class = $status_class AND r.status_class <> {CommonStatusClass}",
                hasIndex: statusClass != CommonStatusClass);
            parameters.Add(new SqlParameter("$status_class", (long)statusClass));
        }
        Equal("endpoint", "endpoint", filter.Endpoint);
        if (filter.Cached is { } cached) Term(cached ? "r.cache_status = 2"
            : "r.cache_status IN (0, 1, 3)", hasIndex: cached);
        Equal("stream", "stream", filter.Stream is { } s ? (s ? 1L : 0L) : null);
        if (filter.Text is { } text)
        {
            // A response kept only for the cache (not logged) is not searched.
            Term("body_contains(b.request_body, b.request_encoding, $q) OR " +
                "(b.response_logged <> 0 " +
                "AND body_contains(b.response_body, b.response_encoding, $q))", hasIndex: false);
            parameters.Add(new SqlParameter("$q", text));
        }
        var onlyMatchesWalked = terms.Count == 0 || (terms.Count == 1 && indexed == 1);
        return new SqlFilter(terms.ToImmutable(), parameters.ToImmutable(),
            filter.Text is not null, onlyMatchesWalked,
            onlyMatchesWalked && filter.Model is not null);
    }
}
