using System.Text.RegularExpressions;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Process;

/// The text log as a person reads it, from the real entry point:
/// `2026-12-07T20:17:50.288+08:00 INFO 17… POST …`,
/// no logger category or event id; under systemd's journal, a priority instead of the time.
public sealed partial class LogLineTests : IAsyncLifetime
{
    private SimulatorServer _sim = null!;
    private string _folder = null!;
    private string _config = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync();
        _folder = Directory.CreateTempSubdirectory("menshen-log-").FullName;
        _config = Path.Combine(_folder, "config.toml");
        _port = GatewayProcess.FreePort();
        await WriteConfigAsync("sim", _sim.BaseUrl.ToString());
    }

    private Task WriteConfigAsync(string provider, string baseUrl) =>
        File.WriteAllTextAsync(_config, $"""
            listen = "127.0.0.1:{_port}"
            [[providers]]
            name = "{provider}"
            base_url = "{baseUrl}"
            [storage.sqlite]
            path = "{Path.Combine(_folder, "audit.db")}"
            """);

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Text_lines_are_time_level_and_message()
    {
        // Not under a journal, even when the tests themselves run under one.
        var plain = new Dictionary<string, string> { ["JOURNAL_STREAM"] = "" };

        var lines = await RequestLinesAsync(plain);

        Assert.Contains(lines, l => RequestLine().IsMatch(l));
        Assert.All(lines, l => Assert.Matches(TextLine(), l));
        Assert.All(lines, l => Assert.DoesNotMatch(FrameworkPrefix(), l));
    }

    [Fact]
    public async Task Journal_lines_carry_a_priority_and_no_time()
    {
        var journal = new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" };

        var lines = await RequestLinesAsync(journal);

        Assert.Contains(lines, l => JournalRequestLine().IsMatch(l));
        Assert.All(lines, l => Assert.Matches(JournalLine(), l));
        Assert.All(lines, l => Assert.DoesNotMatch(FrameworkPrefix(), l));
    }

    // helper-47: a full outage (every request a 502) was logged at INFO, so a journal filtered
    // for warnings showed nothing. A request the client got a 5xx for is a warning.
    [Fact]
    public async Task A_request_answered_with_a_server_error_is_a_warning()
    {
        var plain = new Dictionary<string, string> { ["JOURNAL_STREAM"] = "" };
        await WriteConfigAsync("gone", "http://127.0.0.1:9/v1");

        var lines = await RequestLinesAsync(plain);

        Assert.Contains(lines, l => FailedRequestLine().IsMatch(l));
    }

    // helper-72: the JSON line's fields were the text line's pieces (" tried=…", "-" for no
    // provider, the model escaped for the text line) and named no client key or endpoint.
    [Fact]
    public async Task A_json_line_holds_each_field_as_its_value()
    {
        await File.WriteAllTextAsync(_config, $"""
            listen = "127.0.0.1:{_port}"
            [[providers]]
            name = "gone"
            base_url = "http://127.0.0.1:9/v1"
            priority = 1
            [[providers]]
            name = "sim"
            base_url = "{_sim.BaseUrl}"
            priority = 2
            [storage.sqlite]
            path = "{Path.Combine(_folder, "audit.db")}"
            """);

        var lines = await RequestLinesAsync([], "-log-format", "json");

        var line = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Single(l => l.GetProperty("Category").GetString()!.EndsWith("RequestLogSink",
                StringComparison.Ordinal));
        var state = line.GetProperty("State");
        Assert.Equal(("sim", "m", "gone:error,sim:200", "chat/completions", 200),
            (state.GetProperty("Provider").GetString(), state.GetProperty("Model").GetString(),
                state.GetProperty("Tried").GetString(), state.GetProperty("Endpoint").GetString(),
                state.GetProperty("Status").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, state.GetProperty("Note").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, state.GetProperty("Key").ValueKind);
        Assert.Contains("tried=gone:error,sim:200", line.GetProperty("Message").GetString(),
            StringComparison.Ordinal);
    }

    // helper-92: a model named in Chinese was `\u901A\u4E49\u5343\u95EE` in the JSON line, so
    // grep never found it. Letters are written as they are, direction marks escaped.
    [Fact]
    public async Task A_json_line_writes_letters_as_they_are_and_escapes_direction_marks()
    {
        await File.WriteAllTextAsync(_config, $"""
            listen = "127.0.0.1:{_port}"
            [[providers]]
            name = "上海团队"
            base_url = "{_sim.BaseUrl}"
            [storage.sqlite]
            path = "{Path.Combine(_folder, "audit.db")}"
            """);

        var lines = await ModelLinesAsync("通义千问\u202E", "-log-format", "json");

        var line = lines.Single(l => l.Contains("RequestLogSink", StringComparison.Ordinal));
        Assert.Contains("\"Provider\":\"上海团队\"", line, StringComparison.Ordinal);
        Assert.Contains("\"Model\":\"通义千问\\u202E\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', line);
    }

    private Task<string[]> RequestLinesAsync(Dictionary<string, string> environment,
        params string[] extraArgs) => LinesAsync(environment, "m", extraArgs);

    private Task<string[]> ModelLinesAsync(string model, params string[] extraArgs) =>
        LinesAsync([], model, extraArgs);

    private async Task<string[]> LinesAsync(Dictionary<string, string> environment,
        string model, string[] extraArgs)
    {
        using var gateway = await GatewayProcess.StartAsync(_config, _port, environment,
            extraArgs);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var chat = $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""";
        using var body = new StringContent(chat, System.Text.Encoding.UTF8, "application/json");
        using var _ = await client.PostAsync("/v1/chat/completions", body);
        bool Logged() => gateway.Output.Contains("status=", StringComparison.Ordinal);
        for (var i = 0; i < 100 && !Logged(); i++)
        {
            await Task.Delay(50);
        }
        return gateway.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    // The local date, time to the ms and offset, then a blank.
    private const string Stamp = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d ";

    // The model too (helper-42: what one wants most when routing by model).
    [GeneratedRegex(
        Stamp + @"INFO \d+ POST /v1/chat/completions provider=sim model=m status=200 ")]
    private static partial Regex RequestLine();

    // No usage: `tokens=` with nothing after it, as the line always was (helper-75 caught a
    // `tokens=(null)`).
    [GeneratedRegex(Stamp + @"WARN \d+ POST /v1/chat/completions provider=gone .*status=502 " +
        @"duration_ms=\d+\.\d tokens= cache=")]
    private static partial Regex FailedRequestLine();

    [GeneratedRegex(@"^<6>INFO \d+ POST /v1/chat/completions provider=sim model=m status=200 ")]
    private static partial Regex JournalRequestLine();

    [GeneratedRegex(Stamp + @"(TRACE|DEBUG|INFO|WARN|ERROR|CRIT) \S")]
    private static partial Regex TextLine();

    [GeneratedRegex(@"^<[0-7]>(TRACE|DEBUG|INFO|WARN|ERROR|CRIT) \S")]
    private static partial Regex JournalLine();

    // `info: Menshen.Shell.Audit.RequestLogSink[1330097018]`, `ai-menshen[1211495886]`.
    [GeneratedRegex(@"^(\S+ )?(info|warn|fail|crit|dbug|trce): |\w\[\d+\]")]
    private static partial Regex FrameworkPrefix();
}
