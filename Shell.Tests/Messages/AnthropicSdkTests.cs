using Anthropic;
using Anthropic.Models.Messages;
using Menshen.Core.Routing;
using Menshen.Core.Usage;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;
using static Menshen.Shell.Tests.Messages.AnthropicGateway;

namespace Menshen.Shell.Tests.Messages;

/// The official Anthropic .NET SDK (NuGet `Anthropic`) through the gateway, with gateway auth on:
/// the SDK sends its key as a bearer token, the gateway takes it as its own token and sends the
/// provider's key upstream.
public class AnthropicSdkTests
{
    private const string Token = "gw-sdk-token";

    private static Task<TestEnv> StartWithAuthAsync() => StartAsync(adjust: c => c.WithAuth(Token));

    private static AnthropicClient Client(TestEnv env, string token = Token) => new()
    {
        ApiKey = token,
        BaseUrl = env.Gateway.BaseAddress.ToString().TrimEnd('/'),
        MaxRetries = 0,
    };

    private static MessageCreateParams Ask(string text) => new()
    {
        MaxTokens = 64,
        Messages = [new UserMessageParam(text)],
        Model = AnthropicGateway.Model,
    };

    [Fact]
    public async Task Create_through_the_gateway_gives_the_text_and_usage_the_audit_records()
    {
        await using var env = await StartWithAuthAsync();

        var actual = await Client(env).Messages.Create(Ask("one two three four"));

        Assert.True(actual.Content.Single().TryPickText(out var text));
        Assert.Equal(env.Sim.Options.Chunks, SimulatedUsage.CountWords(text!.Text));
        Assert.Equal(4, actual.Usage.InputTokens);
        Assert.Equal(env.Sim.Options.Chunks, actual.Usage.OutputTokens);
        var sent = env.Sim.Requests.Single();
        Assert.Equal(UpstreamKey, sent.Headers["x-api-key"]);
        Assert.False(sent.Headers.ContainsKey("authorization"));
        var exchange = await env.Sink.NextAsync();
        Assert.Equal(EndpointKind.Messages, exchange.Endpoint);
        Assert.Equal(new TokenUsage(4, env.Sim.Options.Chunks, 4 + env.Sim.Options.Chunks, 0, null, 0, 0), exchange.Usage);
        Assert.NotNull(exchange.CostUsd);
    }

    [Fact]
    public async Task CreateStreaming_through_the_gateway_yields_the_text_and_usage_the_audit_records()
    {
        await using var env = await StartWithAuthAsync();
        var text = "";
        long? input = null, output = null;

        await foreach (var e in Client(env).Messages.CreateStreaming(Ask("stream to me please")))
        {
            if (e.TryPickStart(out var start)) input = start!.Message.Usage.InputTokens;
            if (e.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var piece)) text += piece!.Text;
            if (e.TryPickDelta(out var end)) output = end!.Usage.OutputTokens;
        }

        Assert.Equal(env.Sim.Options.Chunks, SimulatedUsage.CountWords(text));
        Assert.Equal((4L, (long)env.Sim.Options.Chunks), (input, output));
        var exchange = await env.Sink.NextAsync();
        Assert.True(exchange.Stream);
        Assert.True(exchange.Complete);
        Assert.Equal(UsageSource.Stream, exchange.UsageSource);
        Assert.Equal((input, output), ((long?)exchange.Usage!.PromptTokens, (long?)exchange.Usage.CompletionTokens));
    }

    [Fact]
    public async Task A_stream_the_upstream_cuts_is_an_error_in_the_sdk_not_a_short_answer()
    {
        await using var env = await StartWithAuthAsync();
        env.Sim.Options.DropAfter = 3;
        var events = 0;

        var failure = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in Client(env).Messages.CreateStreaming(Ask("stream to me")))
                events++;
        });

        Assert.True(failure is not null, $"the SDK read {events} events and a clean end");
        Assert.InRange(events, 1, 3); // what came before the cut reached the SDK
        Assert.False((await env.Sink.NextAsync()).Complete);
    }

    [Fact]
    public async Task CountTokens_through_the_gateway_is_audited_as_a_count_without_usage()
    {
        await using var env = await StartWithAuthAsync();

        var actual = await Client(env).Messages.CountTokens(new MessageCountTokensParams
        {
            Messages = [new UserMessageParam("five words in this prompt")],
            Model = AnthropicGateway.Model,
        });

        Assert.Equal(5, actual.InputTokens);
        var exchange = await env.Sink.NextAsync();
        Assert.Equal(EndpointKind.MessagesCountTokens, exchange.Endpoint);
        Assert.Null(exchange.Usage);
    }

    [Fact]
    public async Task A_wrong_token_surfaces_as_the_sdks_authentication_error()
    {
        await using var env = await StartWithAuthAsync();
        var client = Client(env, "wrong");

        var actual = await Assert.ThrowsAnyAsync<Exception>(() => client.Messages.Create(Ask("hi")));

        Assert.Equal("AnthropicUnauthorizedException", actual.GetType().Name);
        Assert.Equal(0, env.Sim.RequestCount);
    }
}
