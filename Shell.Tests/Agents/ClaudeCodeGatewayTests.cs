using System.Diagnostics;
using Menshen.Core.Routing;
using Menshen.Core.Usage;
using Menshen.Shell.Tests.Messages;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;
using Xunit.Abstractions;

namespace Menshen.Shell.Tests.Agents;

/// Claude Code (`claude -p … --output-format json`) through the gateway, gateway auth on, an
/// `anthropic` provider of `claude-*` over the simulator: the prompt completes and every exchange
/// is in the audit (the real SQLite store) with its usage. The output says how long a run takes
/// through the gateway and straight against the simulator (measured, not asserted).
public class ClaudeCodeGatewayTests(ITestOutputHelper output)
{
    private const string Token = "gw-claude-token";

    private static async Task<TestEnv> GatewayAsync()
    {
        var env = await AnthropicGateway.StartAsync(adjust: c => c.WithAuth(Token), audit: true);
        env.Sim.Options.Chunks = 4;
        return env;
    }

    [Fact]
    public async Task Claude_p_completes_through_the_gateway_and_its_exchanges_are_audited_with_usage()
    {
        await using var env = await GatewayAsync();
        var clock = Stopwatch.StartNew();

        var (exitCode, result, stderr) = await ClaudeCode.RunAsync(
            env.Gateway.BaseAddress, Token, "hi", TimeSpan.FromSeconds(180));

        var throughGateway = clock.Elapsed;
        output.WriteLine($"claude -p through the gateway: {throughGateway.TotalMilliseconds:F0} ms; stderr: {stderr}");
        Assert.Equal(0, exitCode);
        Assert.False(result!.Value.GetProperty("is_error").GetBoolean());
        Assert.Equal("Hello from the Menshen", result.Value.GetProperty("result").GetString());
        var exchanges = env.Sink.Exchanges;
        Assert.Equal(env.Sim.RequestCount, exchanges.Count);
        Assert.NotEmpty(exchanges);
        foreach (var exchange in exchanges)
        {
            output.WriteLine($"{exchange.Path} {exchange.Status} model={exchange.EffectiveModel} usage={exchange.Usage}");
            Assert.Equal(EndpointKind.Messages, exchange.Endpoint);
            Assert.Equal(200, exchange.Status);
            Assert.Equal(UsageSource.Stream, exchange.UsageSource);
            Assert.True(exchange.Complete);
            var stored = await env.Store!.StoredAsync(exchange.Id);
            Assert.Equal(exchange.Usage, stored.Exchange.Usage);
            Assert.True(stored.Exchange.Usage!.PromptTokens > 0);
        }
        Assert.All(env.Sim.Requests, r => Assert.Equal(AnthropicGateway.UpstreamKey, r.Headers["x-api-key"]));
        await MeasureDirectAsync(throughGateway);
    }

    [Fact]
    public async Task Claude_p_with_a_wrong_gateway_token_fails_without_retrying()
    {
        await using var env = await GatewayAsync();
        var clock = Stopwatch.StartNew();

        var (exitCode, result, stderr) = await ClaudeCode.RunAsync(
            env.Gateway.BaseAddress, "not-the-token", "hi", TimeSpan.FromSeconds(60));

        output.WriteLine($"claude -p with a wrong token: {clock.ElapsedMilliseconds} ms, exit {exitCode}, "
            + $"{env.Sink.Exchanges.Count} requests; result: {result}; stderr: {stderr}");
        Assert.True(exitCode != 0 || result?.GetProperty("is_error").GetBoolean() == true);
        Assert.All(env.Sink.Exchanges, e => Assert.Equal(401, e.Status));
        Assert.InRange(env.Sink.Exchanges.Count, 1, 2);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Claude_p_never_takes_a_stream_the_upstream_cut_for_a_whole_answer()
    {
        await using var env = await GatewayAsync();
        env.Sim.Options.DropAfter = 3;
        env.Sim.Options.DropTimes = 1;

        var (exitCode, result, stderr) = await ClaudeCode.RunAsync(
            env.Gateway.BaseAddress, Token, "hi", TimeSpan.FromSeconds(180));

        var exchanges = env.Sink.Exchanges;
        output.WriteLine($"exit {exitCode}; result: {result}; stderr: {stderr}");
        foreach (var exchange in exchanges)
            output.WriteLine($"{exchange.Path} {exchange.Status} complete={exchange.Complete} {exchange.ErrorNote}");
        Assert.Contains(exchanges, e => e.ErrorNote?.Contains("mid-stream", StringComparison.Ordinal) == true);
        // The cut request is retried to a whole answer, or the run fails: never half an answer.
        var failed = exitCode != 0 || result?.GetProperty("is_error").GetBoolean() == true;
        Assert.True(failed || result!.Value.GetProperty("result").GetString() == "Hello from the Menshen",
            $"claude -p answered {result}");
    }

    // The same prompt straight against a simulator, for the comparison in the output.
    private async Task MeasureDirectAsync(TimeSpan throughGateway)
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { Chunks = 4 });
        var clock = Stopwatch.StartNew();
        var (exitCode, _, _) = await ClaudeCode.RunAsync(sim.RootUrl, "sk-sim", "hi", TimeSpan.FromSeconds(180));
        output.WriteLine($"claude -p straight against the simulator: {clock.ElapsedMilliseconds} ms (exit {exitCode}); "
            + $"through the gateway: {throughGateway.TotalMilliseconds:F0} ms");
    }
}
