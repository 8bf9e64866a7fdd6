using System.Data.Common;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Exchanges;
using Menshen.Core.Usage;

namespace Menshen.Shell.Storage;

/// Maps a `requests` row joined to its `bodies` row back to a <see cref="StoredLog"/>.
internal static class StoredLogReader
{
    public static readonly string Select =
        "SELECT " + string.Join(", ", RequestRow.Columns.Select(Column)) + ", "
        + string.Join(", ", BodyRow.Columns.Skip(1).Select(c => "b." + c))
        + " FROM requests r LEFT JOIN bodies b ON b.request_id = r.id";

    // A cache hit stores no answer of its own: its preview is its source's, as in the log list
    // (LogsReport).
    private static string Column(string name) => name == "response_preview"
        ? "COALESCE(r.response_preview, (SELECT s.response_preview FROM requests s "
            + "WHERE s.id = r.cache_source_id)) AS response_preview"
        : "r." + name;

    public static StoredLog Read(DbDataReader r)
    {
        var row = new Row(r);
        var exchange = new Exchange
        {
            Id = row.Long("id")!.Value,
            StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.Long("created_at")!.Value),
            ClientKey = row.Text("client_key"),
            Method = row.Text("method")!,
            Path = row.Text("path")!,
            Endpoint = EndpointNames.Parse(row.Text("endpoint")),
            Provider = row.Text("provider"),
            RequestedModel = row.Text("requested_model"),
            EffectiveModel = row.Text("model"),
            ResolvedModel = row.Text("resolved_model"),
            Stream = row.Bool("stream"),
            Status = (int)row.Long("status")!.Value,
            DurationMs = row.Double("duration_ms")!.Value,
            TtfbMs = row.Double("ttfb_ms"),
            Attempts = AttemptJson.Deserialize(row.Text("attempts")),
            Note = ExchangeNote.Parse(row.Text("error")),
            ClientClosed = row.Bool("client_closed"),
            Complete = row.Bool("complete"),
            RequestBytes = row.Long("request_bytes")!.Value,
            ResponseBytes = row.Long("response_bytes")!.Value,
            Usage = UsageOf(row),
            UsageSource = (UsageSource)row.Long("usage_source")!.Value,
            CostUsd = (decimal?)row.Double("cost_usd"),
            Cache = (CacheStatus)row.Long("cache_status")!.Value,
            CacheSourceId = row.Long("cache_source_id"),
            CacheKey = row.Text("cache_key"),
            CacheEligible = row.Bool("cache_eligible"),
            ResponseContentType = row.Text("content_type"),
            RequestBody = Body(row, "request"),
            // A body kept only for the cache (`[logging] log_response_body` off) is not shown;
            // one over the log's cap is shown up to it.
            ResponseBody = BodyRow.Logged(Body(row, "response"), row.Long("response_logged") ?? 1),
        };
        return new StoredLog(exchange, row.Text("request_preview"), row.Text("response_preview"),
            row.Text("legacy_id"));
    }

    /// The usage columns; null when they are NULL (usage_source = none).
    public static TokenUsage? UsageOf(Row row) =>
        row.Long("prompt_tokens") is { } prompt
            ? new TokenUsage(prompt, row.Long("completion_tokens") ?? 0,
                row.Long("total_tokens") ?? 0,
                row.Long("cached_tokens"), row.Long("reasoning_tokens"),
                row.Long("cache_write_5m_tokens"), row.Long("cache_write_1h_tokens"))
            : null;

    private static CapturedBody? Body(Row row, string part)
    {
        if (row.Blob(part + "_body") is not { } stored) return null;
        var bytes = BodyCodec.Decode(stored, (BodyEncoding)row.Long(part + "_encoding")!.Value);
        return new CapturedBody(bytes, row.Long(part + "_size") ?? bytes.Length);
    }

    /// Column access by name, so the mapping reads like the schema.
    internal readonly struct Row(DbDataReader reader)
    {
        public long? Long(string name) => Get(name, reader.GetInt64);

        public double? Double(string name) => Get(name, reader.GetDouble);

        public bool Bool(string name) => Long(name) is { } value && value != 0;

        public string? Text(string name) =>
            reader.GetOrdinal(name) is var i && reader.IsDBNull(i) ? null : reader.GetString(i);

        public byte[]? Blob(string name) =>
            reader.GetOrdinal(name) is var i && reader.IsDBNull(i) ? null
            : (byte[])reader.GetValue(i);

        private T? Get<T>(string name, Func<int, T> read) where T : struct =>
            reader.GetOrdinal(name) is var i && reader.IsDBNull(i) ? null : read(i);
    }
}
