using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Menshen.Shell.Storage;
using Menshen.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace Menshen.Shell.Tests.Process;

public class ShutdownTests
{
    [Fact]
    public async Task Sigterm_under_load_loses_no_request_that_got_a_response()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { HeaderDelayMs = 20 });
        var (folder, config, port) = await WriteConfigAsync("menshen-shutdown-", sim.BaseUrl);
        using var gateway = await GatewayProcess.StartAsync(config, port);
        var answered = new ConcurrentBag<long>();
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        var load = Enumerable.Range(0, 16).Select(_ => Task.Run(() => LoadAsync(client, answered))).ToArray();
        while (answered.Count < 300) await Task.Delay(10);
        gateway.Signal("TERM");
        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(load);

        Assert.True(exitCode == 0, gateway.Output);
        using var database = AuditDatabase.Open(Path.Combine(folder, "audit.db"), NullLogger.Instance);
        var reader = new AuditReader(database);
        foreach (var id in answered) Assert.NotNull(await reader.GetLogAsync(id));
        Assert.Contains("stopped:", gateway.Output, StringComparison.Ordinal);
    }

    // helper-45: ai-menshen (Go) stops cleanly on SIGQUIT and SIGINT, also when started with
    // them ignored (a script's background job: `ai-menshen … &` in sh). This gateway kept them
    // ignored, and `kill -QUIT` did nothing.
    [Theory]
    [InlineData("QUIT")]
    [InlineData("INT")]
    public async Task Sigquit_and_sigint_stop_the_gateway_even_when_started_ignored(string signal)
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        var (_, config, port) = await WriteConfigAsync("menshen-quit-", sim.BaseUrl);
        using var gateway = await GatewayProcess.StartUnderShellAsync($"trap '' {signal}", config,
            port);

        gateway.Signal(signal);
        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, gateway.Output);
        Assert.Contains("stopped:", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_says_what_it_waits_for_and_a_second_signal_ends_the_wait()
    {
        // A stream of ~100 s against a grace of 60 s: without feedback the stop looks hung.
        await using var sim = await SimulatorServer.StartAsync(
            new SimulatorOptions { ChunkIntervalMs = 500, Chunks = 200 });
        var (folder, config, port) = await WriteConfigAsync("menshen-stop-", sim.BaseUrl,
            "[server]\nshutdown_grace = 60");
        using var gateway = await GatewayProcess.StartAsync(config, port);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(
                """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request,
            HttpCompletionOption.ResponseHeadersRead);
        var id = long.Parse(response.Headers.GetValues("X-Request-Id").Single(),
            CultureInfo.InvariantCulture);
        var body = await response.Content.ReadAsStreamAsync();
        var rest = body.CopyToAsync(Stream.Null);

        // TERM, not INT: a test run started in the background has SIGINT ignored, and the
        // gateway would inherit that.
        gateway.Signal("TERM");
        await WaitForOutputAsync(gateway, "stopping: waiting for 1 running request",
            TimeSpan.FromSeconds(10));
        Assert.Contains("shutdown_grace", gateway.Output, StringComparison.Ordinal);
        Assert.False(await ExitsWithinAsync(gateway, TimeSpan.FromSeconds(1)),
            "the first signal must wait for the running stream: " + gateway.Output);

        gateway.Signal("TERM");
        Assert.True(await ExitsWithinAsync(gateway, TimeSpan.FromSeconds(15)),
            "a second signal must end the wait: " + gateway.Output);
        Assert.Equal(0, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(1)));
        // The client's stream ends (cut) with the process.
        await Task.WhenAny(rest, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.True(rest.IsCompleted);
        Assert.Contains("ending 1 running request;", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("stopped:", gateway.Output, StringComparison.Ordinal);
        using var database = AuditDatabase.Open(Path.Combine(folder, "audit.db"),
            NullLogger.Instance);
        var row = await new AuditReader(database).GetLogAsync(id);
        Assert.NotNull(row);
        Assert.Equal(Core.Exchanges.ExchangeNote.GatewayStoppedText, row!.Exchange.ErrorNote);
    }

    private static async Task WaitForOutputAsync(GatewayProcess gateway, string text,
        TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!gateway.Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"no '{text}' in the output within {timeout}: {gateway.Output}");
            await Task.Delay(50);
        }
    }

    private static async Task<bool> ExitsWithinAsync(GatewayProcess gateway, TimeSpan timeout)
    {
        try
        {
            await gateway.WaitForExitAsync(timeout);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task LoadAsync(HttpClient client, ConcurrentBag<long> answered)
    {
        const string body = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";
        while (true)
        {
            try
            {
                using var response = await client.PostAsync("/v1/chat/completions",
                    new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                    answered.Add(long.Parse(response.Headers.GetValues("X-Request-Id").Single(), CultureInfo.InvariantCulture));
            }
            catch (HttpRequestException)
            {
                return; // the gateway stopped accepting
            }
        }
    }

    // A gateway over `upstream` with its audit database in a new folder: the folder, the config
    // file and the port it listens on.
    private static async Task<(string Folder, string Config, int Port)> WriteConfigAsync(
        string prefix, Uri upstream, string server = "")
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        var port = GatewayProcess.FreePort();
        var config = Path.Combine(folder, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            listen = "127.0.0.1:{port}"
            {server}
            [[providers]]
            base_url = "{upstream}"
            api_key = "sk-shutdown-test"
            [storage.sqlite]
            path = "{Path.Combine(folder, "audit.db")}"
            """);
        return (folder, config, port);
    }
}
