using System.Diagnostics;
using Menshen.Simulator;
using Xunit.Abstractions;

namespace Menshen.Shell.Tests.Agents;

/// <summary>Claude Code completes a headless prompt straight against the simulator.</summary>
public class ClaudeCodeSimulatorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Claude_p_completes_against_the_simulator_with_messages_requests_only()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { Chunks = 4 });
        var clock = Stopwatch.StartNew();

        var (exitCode, result, stderr) = await ClaudeCode.RunAsync(
            sim.RootUrl, "sk-sim-claude", "hi", TimeSpan.FromSeconds(120));

        output.WriteLine($"claude -p took {clock.ElapsedMilliseconds} ms; stderr: {stderr}");
        foreach (var r in sim.Requests)
            output.WriteLine(Describe(r));
        Assert.Equal(0, exitCode);
        Assert.NotNull(result);
        Assert.False(result.Value.GetProperty("is_error").GetBoolean());
        Assert.Equal("Hello from the Menshen", result.Value.GetProperty("result").GetString());
        Assert.All(sim.Requests, r => Assert.StartsWith("/v1/messages", r.PathAndQuery, StringComparison.Ordinal));
    }

    // What the recipe in docs/anthropic.md is read from: path, version headers, model, stream, tools.
    internal static string Describe(RecordedRequest r)
    {
        using var body = System.Text.Json.JsonDocument.Parse(r.BodyText);
        var root = body.RootElement;
        string Field(string name) => root.TryGetProperty(name, out var v) ? v.ToString() : "-";
        var tools = root.TryGetProperty("tools", out var t) ? t.GetArrayLength() : 0;
        return $"{r.Method} {r.PathAndQuery} version={r.Headers.GetValueOrDefault("anthropic-version")} "
            + $"beta={r.Headers.GetValueOrDefault("anthropic-beta")} auth={(r.Headers.ContainsKey("x-api-key") ? "x-api-key" : "authorization")} "
            + $"model={Field("model")} stream={Field("stream")} max_tokens={Field("max_tokens")} tools={tools} "
            + $"messages={root.GetProperty("messages").GetArrayLength()} ua={r.Headers.GetValueOrDefault("user-agent")}";
    }
}
