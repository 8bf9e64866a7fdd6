using System.Text.Json;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Clients;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;
using Xunit.Abstractions;

namespace Menshen.Shell.Tests.Routing;

/// Issue 16: a two-turn Codex session (`codex exec`, then `codex exec resume --last`) through the
/// gateway, two providers serving the model at equal weight, draws that alternate between them.
/// Codex 0.171 sends no `previous_response_id`: it sends the whole conversation again each turn
/// with `store: false` (and a `prompt_cache_key` naming the session), so affinity has nothing to
/// go on and `[routing] sticky = "key"` is what keeps the session on one provider.
public sealed class CodexSessionRoutingTests(ITestOutputHelper output)
{
    private static Task<TestEnv> TwoProvidersAsync(StickyMode sticky)
    {
        var next = -1;
        return TestEnv.StartAsync(simulators: 2, drawTicket: _ => Interlocked.Increment(ref next),
            configure: sims => TestConfigs.With(
                TestConfigs.Provider("p0", sims[0].BaseUrl),
                TestConfigs.Provider("p1", sims[1].BaseUrl)) with
            {
                Routing = RoutingConfig.Default with { Sticky = sticky },
            });
    }

    private static RecordedRequest[] Turns(SimulatorServer sim) =>
        [.. sim.Requests.Where(r => r.Method == "POST" && r.PathAndQuery == "/v1/responses")];

    [Fact]
    public async Task Codex_session_with_sticky_keys_stays_on_the_provider_of_its_first_turn()
    {
        await using var env = await TwoProvidersAsync(StickyMode.Key);

        var runs = await CodexRun.SessionAsync(new Uri(env.Gateway.BaseAddress, "/v1"),
            "say hi", "now say it once more");

        foreach (var run in runs) output.WriteLine(
            $"exit {run.ExitCode}, {run.Elapsed.TotalSeconds:F2} s\n{run.Output}");
        Assert.Equal(2, runs.Count);
        Assert.All(runs, run => Assert.Equal(0, run.ExitCode));
        var turns = env.Sims.Select(Turns).ToArray();
        output.WriteLine($"POST /v1/responses per provider: {turns[0].Length}, {turns[1].Length}");
        foreach (var turn in turns.SelectMany(t => t)) output.WriteLine(Summary(turn.BodyText));
        // Every request of both turns reached one provider: the first turn's.
        Assert.True(turns.Sum(t => t.Length) >= 2);
        Assert.Single(turns, t => t.Length > 0);
        Assert.Equal(2, env.Sink.Exchanges.Count(e => e.Path == "/v1/responses" && e.Status == 200));
        // Codex's WebSocket try (426, recorded without a provider) asked no provider.
        Assert.Single(env.Sink.Exchanges
            .Where(e => e.Path == "/v1/responses" && !e.Attempts.IsEmpty)
            .Select(e => e.Provider).Distinct());
    }

    [Fact]
    public async Task Codex_resumed_turn_sends_the_history_not_a_previous_response_id()
    {
        await using var env = await TwoProvidersAsync(StickyMode.None);

        var runs = await CodexRun.SessionAsync(new Uri(env.Gateway.BaseAddress, "/v1"),
            "say hi", "now say it once more");

        Assert.All(runs, run => Assert.Equal(0, run.ExitCode));
        var turns = env.Sims.SelectMany(Turns).ToArray();
        foreach (var turn in turns) output.WriteLine(Summary(turn.BodyText));
        var last = turns.MaxBy(t => t.BodyText.Length)!;
        using var body = JsonDocument.Parse(last.BodyText);
        Assert.False(body.RootElement.TryGetProperty("previous_response_id", out var previous)
            && previous.ValueKind == JsonValueKind.String);
        // The second turn carries the first turn's exchange in its input.
        Assert.Contains("say hi", last.BodyText, StringComparison.Ordinal);
        Assert.Contains("now say it once more", last.BodyText, StringComparison.Ordinal);
        // Without sticky, the alternating draws sent the two turns to the two providers.
        Assert.All(env.Sims, sim => Assert.NotEmpty(Turns(sim)));
    }

    // The members Codex sends, with the scalar ones' values (input and tools are long).
    private static string Summary(string json)
    {
        using var body = JsonDocument.Parse(json);
        return string.Join(", ", body.RootElement.EnumerateObject().Select(p =>
            p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                ? $"{p.Name}[{(p.Value.ValueKind == JsonValueKind.Array ? p.Value.GetArrayLength() : 0)}]"
                : $"{p.Name}={p.Value.GetRawText()}"));
    }
}
