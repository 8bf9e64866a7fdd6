using System.Collections.Immutable;

namespace Menshen.Core.Reports;

/// The SQL conditions of the `/__report/logs` filters. Each equality has an index that ends in
/// the rowid (docs/storage.md), so one filter with `id` bounds and `ORDER BY id DESC` is one
/// index range walked newest first. The text search calls `body_contains`, a function each
/// connection registers (bodies may be compressed).
public static class LogSql
{
    /// The conditions for `filter`; the text needle is matched case-insensitively.
    public static SqlFilter Filter(LogFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var terms = ImmutableArray.CreateBuilder<string>();
        var parameters = ImmutableArray.CreateBuilder<SqlParameter>();
        void Equal(string column, string name, object? value)
        {
            if (value is null) return;
            terms.Add($"r.{column} = ${name}");
            parameters.Add(new SqlParameter("$" + name, value));
        }
        if (filter.Model is { } model)
        {
            // Client, alias-resolved or effective model (SPEC §13), each column indexed.
            terms.Add(
                "r.model = $model OR r.requested_model = $model OR r.resolved_model = $model");
            parameters.Add(new SqlParameter("$model", model));
        }
        Equal("provider", "provider", filter.Provider);
        Equal("client_key", "key", filter.Key);
        Equal("status_class", "status_class", (long?)filter.StatusClass);
        Equal("endpoint", "endpoint", filter.Endpoint);
        // `IN` rather than `<>`, so that ix_requests_cache_status serves `cached=false` too.
        if (filter.Cached is { } cached) terms.Add(cached ? "r.cache_status = 2"
            : "r.cache_status IN (0, 1, 3)");
        Equal("stream", "stream", filter.Stream is { } s ? (s ? 1L : 0L) : null);
        if (filter.Text is { } text)
        {
            // A response kept only for the cache (not logged) is not searched.
            terms.Add("body_contains(b.request_body, b.request_encoding, $q) OR " +
                "(b.response_logged = 1 " +
                "AND body_contains(b.response_body, b.response_encoding, $q))");
            parameters.Add(new SqlParameter("$q", text));
        }
        return new SqlFilter(terms.ToImmutable(), parameters.ToImmutable(),
            filter.Text is not null);
    }
}
