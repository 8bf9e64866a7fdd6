using Anthropic;
using Anthropic.Models.Messages;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Simulator;

/// <summary>The official Anthropic .NET SDK accepts the simulator's Messages API replies.</summary>
public class SimulatorAnthropicClientTests : SimulatorTestBase
{
    private AnthropicClient Anthropic => new()
    {
        ApiKey = "sk-ant-test",
        BaseUrl = Sim.RootUrl.ToString().TrimEnd('/'),
        MaxRetries = 0,
    };

    private static MessageCreateParams Ask(string text) => new()
    {
        MaxTokens = 64,
        Messages = [new UserMessageParam(text)],
        Model = "claude-sim-sdk",
    };

    [Fact]
    public async Task Create_reports_the_text_and_SimulatedUsage_of_the_sent_body()
    {
        var actual = await Anthropic.Messages.Create(Ask("one two three four"));

        var sent = Sim.Requests.Single();
        var expected = SimulatedUsage.For(sent.BodyText, Sim.Options.Chunks);
        Assert.Equal("/v1/messages", sent.PathAndQuery);
        // SDK 13.x sends its ApiKey as a bearer token (no x-api-key) and its own anthropic-version.
        Assert.Equal("Bearer sk-ant-test", sent.Headers["authorization"]);
        Assert.True(sent.Headers.ContainsKey("anthropic-version"));
        Assert.Equal("claude-sim-sdk", actual.Model.Raw());
        Assert.True(actual.Content.Single().TryPickText(out var text));
        Assert.Equal(Sim.Options.Chunks, SimulatedUsage.CountWords(text!.Text));
        Assert.Equal(expected.PromptTokens, actual.Usage.InputTokens);
        Assert.Equal(expected.CompletionTokens, actual.Usage.OutputTokens);
        Assert.Equal(0, actual.Usage.CacheReadInputTokens);
    }

    [Fact]
    public async Task CreateStreaming_yields_the_text_deltas_and_the_final_usage()
    {
        var text = "";
        long? outputTokens = null;
        long? inputTokens = null;

        await foreach (var e in Anthropic.Messages.CreateStreaming(Ask("stream to me please")))
        {
            if (e.TryPickStart(out var start))
                inputTokens = start!.Message.Usage.InputTokens;
            if (e.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var piece))
                text += piece!.Text;
            if (e.TryPickDelta(out var end))
                outputTokens = end!.Usage.OutputTokens;
        }

        var expected = SimulatedUsage.For(Sim.Requests.Single().BodyText, Sim.Options.Chunks);
        Assert.Equal(Sim.Options.Chunks, SimulatedUsage.CountWords(text));
        Assert.Equal(expected.PromptTokens, inputTokens);
        Assert.Equal(expected.CompletionTokens, outputTokens);
    }

    [Fact]
    public async Task CountTokens_returns_the_simulated_input_count()
    {
        var actual = await Anthropic.Messages.CountTokens(new MessageCountTokensParams
        {
            Messages = [new UserMessageParam("five words in this prompt")],
            Model = "claude-sim-sdk",
        });

        Assert.Equal(5, actual.InputTokens);
    }
}
