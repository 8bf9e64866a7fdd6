using Menshen.Shell.Tests.Support;
using Xunit.Abstractions;

namespace Menshen.Shell.Tests.Clients;

/// Issue 13, item 10: Codex tries the Responses WebSocket first. The gateway answers 426 at once,
/// so Codex falls back to HTTP without a reconnect loop and no 404 lands in the audit.
public sealed class CodexTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Codex_exec_through_the_gateway_completes_without_reconnecting()
    {
        await using var env = await TestEnv.StartAsync();

        var direct = await CodexRun.ExecAsync(env.Sim.BaseUrl, "say hi");
        env.Sim.ResetLog();
        var gateway = await CodexRun.ExecAsync(new Uri(env.Gateway.BaseAddress, "/v1"), "say hi");

        output.WriteLine($"codex exec, simulator: {direct.Elapsed.TotalSeconds:F2} s");
        output.WriteLine($"codex exec, gateway:   {gateway.Elapsed.TotalSeconds:F2} s");
        output.WriteLine(gateway.Output);
        Assert.Equal(0, gateway.ExitCode);
        Assert.Contains(
            "Hello from the Menshen simulator", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Reconnecting", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(env.Sim.Requests, r => r.Method == "GET" && r.PathAndQuery.StartsWith(
            "/v1/responses", StringComparison.Ordinal));
        Assert.Contains(env.Sim.Requests,
            r => r.Method == "POST" && r.PathAndQuery == "/v1/responses");
        Assert.DoesNotContain(env.Sink.Exchanges, e => e.Status == 404);
        Assert.Equal(0, direct.ExitCode);
    }

    /// Codex signed in with ChatGPT sends its Responses bodies zstd-compressed (seen with a
    /// recording server, 0.171.0); the gateway gave it a 400 before it decoded request bodies.
    [Fact]
    public async Task Codex_signed_in_with_chatgpt_sends_zstd_that_the_gateway_decodes()
    {
        await using var env = await TestEnv.StartAsync(audit: true);

        await CodexRun.ExecSignedInWithChatGptAsync(env.Sim.BaseUrl, "say hi");
        var sentDirect = env.Sim.Requests.First(r => r.Method == "POST");
        env.Sim.ResetLog();
        var gateway = await CodexRun.ExecSignedInWithChatGptAsync(
            new Uri(env.Gateway.BaseAddress, "/v1"), "say hi");

        output.WriteLine(gateway.Output);
        Assert.Equal("zstd", sentDirect.Headers.GetValueOrDefault("content-encoding"));
        Assert.Equal(0, gateway.ExitCode);
        Assert.Contains(
            "Hello from the Menshen simulator", gateway.Output, StringComparison.Ordinal);
        var upstream = env.Sim.Requests.First(r => r.Method == "POST");
        Assert.False(upstream.Headers.ContainsKey("content-encoding"));
        Assert.StartsWith("{", upstream.BodyText, StringComparison.Ordinal);
        var row = env.Sink.Exchanges.First(e =>
            e.Endpoint == Core.Routing.EndpointKind.Responses && e.Method == "POST");
        Assert.Equal(200, row.Status);
    }
}
