using System.Net;
using Menshen.Core.Audit;
using static Menshen.Shell.Tests.Reports.ReportClient;
using static Menshen.Shell.Tests.Reports.ReportRows;

namespace Menshen.Shell.Tests.Reports;

public class ReportLogsTests
{
    private static async Task<long[]> IdsAsync(Support.TestEnv env, string path) =>
        [.. Parse(await env.JsonAsync(path)).EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];

    private static long[] Ids(params Exchange[] rows) => [.. rows.Select(r => r.Id)];

    [Fact]
    public async Task Logs_are_newest_first_in_the_window_with_exact_rows()
    {
        await using var env = await StartAsync(Seeded);

        var actual = Parse(await env.JsonAsync("/__report/logs")).EnumerateArray().ToArray();

        Assert.Equal(Ids(R5, R1, R2, R3, R8, R4, R6), actual.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(Compact($$"""
            {"id":{{R1.Id}},"created_at":{{R1.Id / 1000}},"model":"gpt-4o","path":"/v1/chat/completions",
             "status_code":200,"duration_ms":100,"total_tokens":150,"request_preview":"Tell me about SQLite WAL mode",
             "response_preview":"Write-ahead logging keeps readers going.","provider":"openai","key":"alice",
             "stream":false,"cached":false,"method":"POST","endpoint":"chat/completions","cost_usd":0.0015,"error":null}
            """), actual[1].GetRawText());
        Assert.Equal(Compact($$"""
            {"id":{{R8.Id}},"created_at":{{R8.Id / 1000}},"model":null,"path":"/v1/models","status_code":200,
             "duration_ms":20,"total_tokens":null,"request_preview":null,"response_preview":"{\"object\":\"list\",\"data\":[]}",
             "provider":"openai","key":"bob","stream":false,"cached":false,"method":"GET","endpoint":"passthrough","cost_usd":null,"error":null}
            """), actual[4].GetRawText());
    }

    public static TheoryData<string, long[]> Filters => new()
    {
        { "model=gpt-4o", Ids(R5, R1, R2, R6) },
        { "provider=openai", Ids(R1, R2, R8, R6) },
        { "key=bob", Ids(R3, R8, R6) },
        { "status=5xx", Ids(R3) },
        { "status=4xx", Ids(R6) },
        { "status=2xx", Ids(R5, R1, R2, R8, R4) },
        { "endpoint=passthrough", Ids(R8) },
        { "endpoint=/v1/chat/completions", Ids(R5, R1, R2, R3, R4, R6) },
        { "cached=true", Ids(R5) },
        { "cached=false", Ids(R1, R2, R3, R8, R4, R6) },
        { "stream=true", Ids(R2) },
        { "q=wal", Ids(R1) },
        { "q=WRITE-ahead", Ids(R1) },
        { "q=answer%200", Ids(R5, R2, R3, R4, R6) },
        { "q=nothing-like-this", [] },
        { "model=gpt-4o&key=bob", Ids(R6) },
        { "model=gpt-4o&key=alice&stream=false&status=2xx&cached=false", Ids(R1) },
        { "days=30&model=gpt-4o&provider=openai", Ids(R1, R2, R6, R7) },
        { "days=1", Ids(R5, R1, R2, R3, R8) },
        { "q=request&provider=deepseek", Ids(R3) },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Logs_filter_gives_exactly_the_matching_rows(string query, long[] expected)
    {
        await using var env = await StartAsync(Seeded);

        var actual = await IdsAsync(env, "/__report/logs?" + query);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Logs_pages_follow_the_cursor_through_every_row_once()
    {
        await using var env = await StartAsync(Seeded);
        var pages = new List<(string Ids, string? Cursor)>();

        string? cursor = null;
        do
        {
            using var response = await env.Client.GetAsync("/__report/logs?limit=2" + (cursor is null ? "" : "&before=" + cursor));
            var ids = Parse(await response.Content.ReadAsStringAsync()).EnumerateArray().Select(r => r.GetProperty("id").GetInt64());
            cursor = response.Headers.TryGetValues("X-Next-Cursor", out var values) ? values.Single() : null;
            pages.Add((string.Join(",", ids), cursor));
        }
        while (cursor is not null);

        Assert.Equal(
        [
            ($"{R5.Id},{R1.Id}", $"{R1.Id}"),
            ($"{R2.Id},{R3.Id}", $"{R3.Id}"),
            ($"{R8.Id},{R4.Id}", $"{R4.Id}"),
            ($"{R6.Id}", null),
        ], pages);
    }

    [Fact]
    public async Task Logs_csv_export_has_a_header_and_the_page_rows()
    {
        await using var env = await StartAsync(Seeded);

        using var actual = await env.Client.GetAsync("/__report/logs?limit=2&format=csv");

        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
        Assert.Equal("text/csv", actual.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", actual.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(R1.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), actual.Headers.GetValues("X-Next-Cursor").Single());
        Assert.Equal(
            "id,created_at,model,path,status_code,duration_ms,total_tokens,request_preview,response_preview,provider,key,stream,cached,method,endpoint,cost_usd,error\r\n"
            + $"{R5.Id},{R5.Id / 1000},gpt-4o,/v1/chat/completions,200,2,150,request 0,answer 0,,alice,false,true,POST,chat/completions,0.0015,\r\n"
            + $"{R1.Id},{R1.Id / 1000},gpt-4o,/v1/chat/completions,200,100,150,Tell me about SQLite WAL mode,Write-ahead logging keeps readers going.,openai,alice,false,false,POST,chat/completions,0.0015,\r\n",
            await actual.Content.ReadAsStringAsync());
    }

    // helper-92: Excel and WPS on a zh-CN or ja-JP Windows read a CSV without a byte-order mark
    // as GBK or Shift-JIS. `csv-bom` (the dashboard's Export CSV) starts with one; `csv` not.
    [Fact]
    public async Task Logs_csv_bom_export_is_the_csv_after_a_utf8_byte_order_mark()
    {
        await using var env = await StartAsync(Seeded);

        var plain = await env.Client.GetByteArrayAsync("/__report/logs?limit=2&format=csv");
        using var marked = await env.Client.GetAsync("/__report/logs?limit=2&format=csv-bom");
        var bytes = await marked.Content.ReadAsByteArrayAsync();

        Assert.Equal((byte)'i', plain[0]);
        Assert.Equal([0xEF, 0xBB, 0xBF, .. plain], bytes);
        Assert.Equal("text/csv", marked.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ai-menshen-logs.csv", marked.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task Logs_csv_defuses_formulas_and_quotes_separators()
    {
        var row = Row(Now.AddMinutes(-1), model: "=HYPERLINK(\"http://x\")") with
        {
            RequestBody = Body("""{"messages":[{"role":"user","content":"a, \"b\"\nc"}]}"""),
        };
        await using var env = await StartAsync([row]);

        var actual = (await env.Client.GetStringAsync("/__report/logs?format=csv")).Split("\r\n")[1];

        Assert.StartsWith($"{row.Id},{row.Id / 1000},\"'=HYPERLINK(\"\"http://x\"\")\",/v1/chat/completions,200,100,,\"a, \"\"b\"\" c\",", actual);
    }

    // helper-92: every letter outside ASCII was `\uXXXX`, so `grep 上海` found nothing in an
    // export. Letters are written as they are; a direction override stays escaped.
    [Fact]
    public async Task Json_answers_write_letters_as_they_are_and_escape_direction_marks()
    {
        var row = Row(Now.AddMinutes(-5), model: "通义千问-max", provider: "上海团队",
            key: "café\u202Eevil");
        await using var env = await StartAsync([row]);

        var logs = await env.Client.GetStringAsync("/__report/logs?format=json");
        var models = await env.Client.GetStringAsync("/__report/models");
        var detail = await env.Client.GetStringAsync($"/__report/log?id={row.Id}");

        Assert.Contains("\"model\":\"通义千问-max\"", logs, StringComparison.Ordinal);
        Assert.Contains("\"provider\":\"上海团队\"", logs, StringComparison.Ordinal);
        Assert.Contains("\"key\":\"café\\u202Eevil\"", logs, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"通义千问-max\"", models, StringComparison.Ordinal);
        Assert.Contains("通义千问-max", detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', logs + models + detail);
    }

    [Fact]
    public async Task Logs_json_export_is_the_page_as_a_download()
    {
        await using var env = await StartAsync(Seeded);

        using var actual = await env.Client.GetAsync("/__report/logs?format=json&status=5xx");

        Assert.Equal("attachment", actual.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("ai-menshen-logs.json", actual.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(Ids(R3), Parse(await actual.Content.ReadAsStringAsync()).EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Log_detail_has_bodies_attempts_usage_and_cost()
    {
        await using var env = await StartAsync(Seeded);

        var actual = await env.JsonAsync($"/__report/log?id={R3.Id}");

        Assert.Equal(Compact($$$"""
            {"id":{{{R3.Id}}},"created_at":{{{R3.Id / 1000}}},"model":"gpt-4o-mini","path":"/v1/chat/completions",
             "status_code":502,"duration_ms":50,"total_tokens":null,"request_preview":"request 0","response_preview":"answer 0",
             "provider":"deepseek","key":"bob","stream":false,"cached":false,"method":"POST","endpoint":"chat/completions",
             "cost_usd":null,
             "request_body":"{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"request 0\"}]}",
             "response_body":"{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"answer 0\"}}]}",
             "attempts":[{"provider":"deepseek","status_code":null,"error":"connect: connection refused","duration_ms":3},
                         {"provider":"openai","status_code":502,"error":null,"duration_ms":40}],
             "prompt_tokens":null,"completion_tokens":null,"cached_tokens":null,"cache_write_tokens":null,"cache_write_5m_tokens":null,"cache_write_1h_tokens":null,"reasoning_tokens":null,"usage_source":"none",
             "requested_model":"gpt-4o-mini","effective_model":"gpt-4o-mini","ttfb_ms":null,"cache_status":"miss",
             "cache_source_id":null,"error":"all providers failed","client_closed":false,"complete":true,
             "request_bytes":100,"response_bytes":200,"request_body_truncated":false,"response_body_truncated":false,
             "request_body_binary":false,"response_body_binary":false,
             "request_body_text_truncated":false,"response_body_text_truncated":false,
             "request_body_stored_bytes":74,"response_body_stored_bytes":67,
             "resolved_model":null,"request_body_lossy":false,"response_body_lossy":false}
            """), actual);
    }

    [Fact]
    public async Task Log_detail_of_a_cache_hit_names_its_source_and_saved_usage()
    {
        await using var env = await StartAsync(Seeded);

        var actual = Parse(await env.JsonAsync($"/__report/log?id={R5.Id}"));

        Assert.Equal(("hit", R1.Id, "cache", 150L, true), (actual.GetProperty("cache_status").GetString(),
            actual.GetProperty("cache_source_id").GetInt64(), actual.GetProperty("usage_source").GetString(),
            actual.GetProperty("total_tokens").GetInt64(), actual.GetProperty("cached").GetBoolean()));
    }
}
