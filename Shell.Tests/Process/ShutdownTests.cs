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
        var folder = Directory.CreateTempSubdirectory("menshen-shutdown-").FullName;
        var port = GatewayProcess.FreePort();
        var config = Path.Combine(folder, "config.toml");
        await File.WriteAllTextAsync(config, $"""
            listen = "127.0.0.1:{port}"
            [[providers]]
            base_url = "{sim.BaseUrl}"
            api_key = "sk-shutdown-test"
            [storage.sqlite]
            path = "{Path.Combine(folder, "audit.db")}"
            """);
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
}
