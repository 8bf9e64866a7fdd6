using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Menshen.Shell.Tests.Process;
using Menshen.Shell.Tests.Support;
using Microsoft.Data.Sqlite;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Install;

/// The released Native AOT binary (`make dist`'s archive, unpacked) on the request path. Every
/// other Shell test runs the JIT build, where reflection still works: a JSON type the source
/// generator misses, or code the trimmer drops, fails only here.
[Collection(SharedReleaseBuild.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class ReleaseBinaryTests(ReleaseBuild release) : IAsyncLifetime, IDisposable
{
    private const string Chat =
        """{"model":"gpt-sim","messages":[{"role":"user","content":"say hello twice"}]}""";
    private const string ChatStream =
        """{"model":"gpt-sim","stream":true,"messages":[{"role":"user","content":"count to three"}]}""";
    private const string Message =
        """{"model":"claude-sim-1","max_tokens":64,"messages":[{"role":"user","content":"say hi"}]}""";
    private const string MessageStream =
        """{"model":"claude-sim-1","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"say hi"}]}""";
    private const string Response = """{"model":"gpt-sim","input":"say hello"}""";

    private SimulatorServer _sim = null!;
    private GatewayProcess _gateway = null!;
    private HttpClient _client = null!;
    private string _folder = null!;
    private string _binary = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync();
        _folder = release.NewTempDir("binary");
        var unpacked = await ProcessRun.Of("tar", ["-xzf",
            Path.Combine(release.Dist, ReleaseBuild.ArchiveOf(ReleaseBuild.Version)),
            "-C", _folder]);
        Assert.True(unpacked.ExitCode == 0, unpacked.ToString());
        var binary = _binary =
            Directory.GetFiles(_folder, "ai-menshen", SearchOption.AllDirectories).Single();
        var port = GatewayProcess.FreePort();
        var config = Path.Combine(_folder, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            listen = "127.0.0.1:{port}"
            [[providers]]
            name = "openai-sim"
            base_url = "{_sim.BaseUrl}"
            api_key = "sk-release-openai-secret"
            models = ["gpt-*"]
            [[providers]]
            name = "anthropic-sim"
            base_url = "{_sim.BaseUrl}"
            api_key = "sk-ant-release-secret"
            api = "anthropic"
            models = ["claude-*"]
            [storage.sqlite]
            path = "{Path.Combine(_folder, "audit.db")}"
            """);

        var check = await ProcessRun.Of(binary, ["-check-config", "-config", config]);
        Assert.True(check.ExitCode == 0, check.ToString());
        _gateway = await GatewayProcess.StartBinaryAsync(binary, config, port);
        _client = new HttpClient { BaseAddress = _gateway.BaseAddress };
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    public void Dispose()
    {
        _client?.Dispose();
        _gateway?.Dispose();
    }

    /// Idle memory (SPEC §10): type data left in a position-dependent file is read page by page as
    /// the runtime touches it; rehydrated (a `.hydrated` section) or relocated (a PIE), all of it is
    /// private memory from the start. docs/aot.md, "Memory".
    [Fact]
    public void The_binary_is_position_dependent_and_keeps_its_type_data_in_the_file()
    {
        var image = ElfImage.Read(_binary);

        Assert.Equal(ElfImage.Executable, image.Type);
        Assert.Contains(".text", image.Sections);
        Assert.DoesNotContain(".hydrated", image.Sections);
    }

    [Fact]
    public async Task Chat_completions_plain_and_streamed_are_answered_and_audited()
    {
        using var plain = await PostAsync("/v1/chat/completions", Chat);
        var answer = await plain.Content.ReadAsStringAsync();
        using var streamed = await PostAsync("/v1/chat/completions", ChatStream);
        var events = await SseReader.ReadEventsAsync(streamed);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var usage = JsonDocument.Parse(answer).RootElement.GetProperty("usage");
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal("[DONE]", events[^1].Data);
        var rows = await LogsAsync(2);
        var plainRow = rows.Single(r => !r.GetProperty("stream").GetBoolean());
        Assert.Equal(usage.GetProperty("total_tokens").GetInt64(),
            plainRow.GetProperty("total_tokens").GetInt64());
        var streamRow = await DetailAsync(rows.Single(r => r.GetProperty("stream").GetBoolean()));
        Assert.True(streamRow.GetProperty("completion_tokens").GetInt64() > 0, streamRow.ToString());
        Assert.Equal("stream", streamRow.GetProperty("usage_source").GetString());
        Assert.All(rows, r => Assert.Equal("openai-sim", r.GetProperty("provider").GetString()));
    }

    [Fact]
    public async Task Anthropic_messages_plain_and_streamed_are_answered_and_audited()
    {
        using var plain = await PostAsync("/v1/messages", Message, anthropic: true);
        var answer = await plain.Content.ReadAsStringAsync();
        using var streamed = await PostAsync("/v1/messages", MessageStream, anthropic: true);
        var events = await SseReader.ReadEventsAsync(streamed);

        Assert.True(plain.StatusCode == HttpStatusCode.OK, answer);
        var usage = JsonDocument.Parse(answer).RootElement.GetProperty("usage");
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Contains(events, e => e.Data.Contains("\"message_stop\"", StringComparison.Ordinal));
        var rows = await LogsAsync(2);
        Assert.All(rows, r => Assert.Equal("anthropic-sim", r.GetProperty("provider").GetString()));
        var plainRow = await DetailAsync(rows.Single(r => !r.GetProperty("stream").GetBoolean()));
        Assert.Equal(usage.GetProperty("output_tokens").GetInt64(),
            plainRow.GetProperty("completion_tokens").GetInt64());
        var streamRow = await DetailAsync(rows.Single(r => r.GetProperty("stream").GetBoolean()));
        Assert.True(streamRow.GetProperty("completion_tokens").GetInt64() > 0, streamRow.ToString());
        Assert.Equal("stream", streamRow.GetProperty("usage_source").GetString());
        Assert.Equal(_sim.Requests.Count, _sim.Requests.Count(
            r => r.Headers.TryGetValue("x-api-key", out var key) && key == "sk-ant-release-secret"));
    }

    [Fact]
    public async Task A_response_is_answered_and_its_log_detail_shows_both_bodies()
    {
        using var response = await PostAsync("/v1/responses", Response);
        var answer = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, answer);
        var detail = await DetailAsync((await LogsAsync(1))[0]);
        Assert.Contains("say hello", detail.GetProperty("request_body").GetString(),
            StringComparison.Ordinal);
        Assert.Contains(JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString()!,
            detail.GetProperty("response_body").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/chat/completions", false)]
    [InlineData("/v1/messages", true)]
    public async Task A_body_that_is_not_json_gets_a_400_in_the_clients_dialect(
        string path, bool anthropic)
    {
        using var refused = await PostAsync(path, "{not json", anthropic);
        using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var root = error.RootElement;
        if (anthropic) Assert.Equal("error", root.GetProperty("type").GetString());
        Assert.StartsWith("We could not parse the JSON body",
            root.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_sim.Requests);
    }

    [Fact]
    public async Task The_dashboard_reports_and_metrics_answer()
    {
        using (await PostAsync("/v1/chat/completions", Chat)) { }
        await LogsAsync(1);

        var page = await _client.GetStringAsync("/");
        var summary = JsonDocument.Parse(await _client.GetStringAsync("/__report/summary?days=1"));
        var daily = JsonDocument.Parse(await _client.GetStringAsync("/__report/daily?days=7"));
        var providers = await _client.GetStringAsync("/__report/providers?days=1");
        var metrics = await _client.GetStringAsync("/metrics");

        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, summary.RootElement.GetProperty("total_requests").GetInt64());
        Assert.Equal(1, daily.RootElement.EnumerateArray().Last()
            .GetProperty("request_count").GetInt64());
        Assert.Contains("\"openai-sim\"", providers, StringComparison.Ordinal);
        Assert.Contains("menshen_", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_drains_and_every_answered_request_is_in_the_database()
    {
        for (var i = 0; i < 20; i++)
            using (var r = await PostAsync("/v1/chat/completions", Chat))
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        _gateway.Signal("TERM");
        var exit = await _gateway.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exit == 0, _gateway.Output);
        await using var db = new SqliteConnection(
            $"Data Source={Path.Combine(_folder, "audit.db")};Mode=ReadOnly");
        await db.OpenAsync();
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM requests WHERE status = 200";
        Assert.Equal(20L, (long)(await count.ExecuteScalarAsync())!);
        var output = _gateway.Output;
        Assert.DoesNotContain("sk-release-openai-secret", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, bool anthropic = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (anthropic) request.Headers.Add("anthropic-version", "2023-06-01");
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    // One row's `/__report/log` detail.
    private async Task<JsonElement> DetailAsync(JsonElement row)
    {
        var id = row.GetProperty("id").GetInt64();
        using var detail = JsonDocument.Parse(await _client.GetStringAsync($"/__report/log?id={id}"));
        return detail.RootElement.Clone();
    }

    // The audit's newest rows through the report API, once `count` of them are written.
    private async Task<JsonElement[]> LogsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var logs = JsonDocument.Parse(await _client.GetStringAsync("/__report/logs?days=1"));
            var rows = logs.RootElement.EnumerateArray().Select(r => r.Clone()).ToArray();
            if (rows.Length >= count || DateTime.UtcNow > deadline) return rows;
            await Task.Delay(50);
        }
    }
}
