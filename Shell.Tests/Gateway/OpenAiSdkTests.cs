using System.ClientModel;
using Menshen.Shell.Tests.Support;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Menshen.Shell.Tests.Gateway;

/// The official OpenAI .NET SDK as a client of the gateway.
public class OpenAiSdkTests
{
    private static OpenAIClientOptions Options(TestEnv env) =>
        new() { Endpoint = new Uri(env.Gateway.BaseAddress, "/v1") };

    [Fact]
    public async Task Sdk_chat_completion_goes_through()
    {
        await using var env = await TestEnv.StartAsync();
        var client = new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-sdk-client"), Options(env));

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("hello there sdk")]);

        Assert.False(string.IsNullOrEmpty(completion.Content[0].Text));
        Assert.Equal(3, completion.Usage.InputTokenCount);
        Assert.Equal("gpt-4o-mini", completion.Model);
    }

    [Fact]
    public async Task Sdk_streaming_chat_goes_through_with_the_usage_the_sdk_asks_for()
    {
        await using var env = await TestEnv.StartAsync();
        var client = new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-sdk-client"), Options(env));
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("stream please")]))
        {
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            usage ??= update.Usage;
        }

        // The SDK sends stream_options.include_usage itself, so the gateway must leave the usage chunk in.
        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));
        Assert.Equal(2, usage?.InputTokenCount);
        Assert.Contains("include_usage", env.Sim.Requests.Single().BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_embeddings_go_through()
    {
        await using var env = await TestEnv.StartAsync();
        var client = new EmbeddingClient("text-embedding-3-small", new ApiKeyCredential("sk-sdk-client"), Options(env));

        OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync("embed these four words");

        Assert.NotEmpty(embedding.ToFloats().ToArray());
    }
}
