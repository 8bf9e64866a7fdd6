using System.Text;
using Menshen.Core.Dialects.Anthropic;
using Menshen.Core.Usage;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Simulator;

/// <summary>Core's Messages API readers agree with what the simulator sends (the later wiring's inputs).</summary>
public class SimulatorAnthropicCoreTests : SimulatorTestBase
{
    private static readonly (string, string)[] CacheHeaders =
        [("x-sim-cached-tokens", "30"), ("x-sim-cache-write-tokens", "20"), ("x-sim-cache-write-1h-tokens", "10")];

    [Fact]
    public async Task Stream_fold_and_body_reader_give_the_same_normalised_usage()
    {
        var streamed = SimulatorMessagesTests.WithTools.Replace(
            "\"max_tokens\":64", "\"max_tokens\":64,\"stream\":true", StringComparison.Ordinal);
        var (_, json) = await SendAsync(Post("messages", SimulatorMessagesTests.WithTools, CacheHeaders));
        var (_, sse) = await SendAsync(Post("messages", streamed, CacheHeaders));

        var summary = AnthropicStreamParser.ParseAll([Encoding.UTF8.GetBytes(sse)]);
        var fromBody = AnthropicUsageNormalisation.Normalise(AnthropicUsageJson.FromBody(Encoding.UTF8.GetBytes(json)));
        var actual = AnthropicUsageNormalisation.Normalise(summary.Usage);

        var sim = SimulatedUsage.For(SimulatorMessagesTests.WithTools, Sim.Options.Chunks + 3, cachedTokens: 30);
        var prompt = sim.PromptTokens + 30 + 20 + 10;
        Assert.True(summary.Complete);
        Assert.Equal(new TokenUsage(prompt, sim.CompletionTokens, prompt + sim.CompletionTokens, 30, null, 20, 10), actual);
        Assert.Equal(actual, fromBody);
    }

    [Fact]
    public async Task Stream_text_reassembles_the_text_and_the_tool_call()
    {
        var streamed = SimulatorMessagesTests.WithTools.Replace(
            "\"max_tokens\":64", "\"max_tokens\":64,\"stream\":true", StringComparison.Ordinal);

        var (_, sse) = await SendAsync(Post("messages", streamed));
        var actual = AnthropicStreamText.Render(Encoding.UTF8.GetBytes(sse));

        var text = string.Join(' ', SimulatorOptions.DefaultContentText.Split(' ').Take(Sim.Options.Chunks));
        Assert.Equal($"{text}\n[tool_use get_weather] {{\"sim_argument\":\"{text}\"}}", actual);
    }

    [Fact]
    public async Task Error_event_mid_stream_is_the_error_and_the_stream_is_not_complete()
    {
        var streamed = SimulatorMessagesTests.Hello.Replace(
            "\"max_tokens\":64", "\"max_tokens\":64,\"stream\":true", StringComparison.Ordinal);

        var (_, sse) = await SendAsync(Post("messages", streamed, ("x-sim-error-after", "5")));
        var actual = AnthropicStreamParser.ParseAll([Encoding.UTF8.GetBytes(sse)]);

        Assert.False(actual.Complete);
        Assert.Equal(new AnthropicStreamError("overloaded_error", "Overloaded"), actual.Error);
        Assert.NotNull(actual.Usage.InputTokens);
    }
}
