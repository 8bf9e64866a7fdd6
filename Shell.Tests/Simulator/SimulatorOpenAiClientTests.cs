using System.ClientModel;
using Menshen.Simulator;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Responses;

namespace Menshen.Shell.Tests.Simulator;

/// <summary>The official OpenAI .NET SDK accepts the simulator's replies: the shapes are realistic.</summary>
public class SimulatorOpenAiClientTests : SimulatorTestBase
{
    private OpenAIClient OpenAi =>
        new(new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = Sim.BaseUrl });

    [Fact]
    public async Task CompleteChat_reports_SimulatedUsage_of_the_sent_body()
    {
        var client = OpenAi.GetChatClient("gpt-sdk");

        ChatCompletion actual = await client.CompleteChatAsync([new UserChatMessage("one two three four")]);

        var expected = SimulatedUsage.For(Sim.Requests.Single().BodyText, Sim.Options.Chunks);
        Assert.Equal("gpt-sdk", actual.Model);
        Assert.Equal(ChatFinishReason.Stop, actual.FinishReason);
        Assert.Equal(expected.PromptTokens, actual.Usage.InputTokenCount);
        Assert.Equal(expected.CompletionTokens, actual.Usage.OutputTokenCount);
        Assert.Equal(expected.TotalTokens, actual.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task CompleteChatStreaming_yields_the_content_and_the_usage()
    {
        var client = OpenAi.GetChatClient("gpt-sdk");
        var text = "";
        ChatTokenUsage? actual = null;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("stream to me")]))
        {
            text += string.Concat(update.ContentUpdate.Select(part => part.Text));
            actual ??= update.Usage;
        }

        var expected = SimulatedUsage.For(Sim.Requests.Single().BodyText, Sim.Options.Chunks);
        Assert.Equal(Sim.Options.Chunks, SimulatedUsage.CountWords(text));
        Assert.NotNull(actual);
        Assert.Equal(expected.PromptTokens, actual.InputTokenCount);
        Assert.Equal(expected.TotalTokens, actual.TotalTokenCount);
    }

    [Fact]
    public async Task GenerateEmbedding_decodes_a_unit_vector()
    {
        var client = OpenAi.GetEmbeddingClient("text-embedding-3-small");

        OpenAIEmbedding actual = await client.GenerateEmbeddingAsync("embed these words");

        var vector = actual.ToFloats().ToArray();
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), precision: 4);
    }

    [Fact]
    public async Task CreateResponseStreaming_ends_with_completed_usage()
    {
#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK
        var client = OpenAi.GetResponsesClient();
        var input = ResponseItem.CreateUserMessageItem("hello responses");
        StreamingResponseCompletedUpdate? actual = null;

        await foreach (var update in await client.CreateResponseStreamingAsync("gpt-sdk", [input]))
            actual = update as StreamingResponseCompletedUpdate ?? actual;
#pragma warning restore OPENAI001

        var expected = SimulatedUsage.For(Sim.Requests.Single().BodyText, Sim.Options.Chunks);
        Assert.NotNull(actual);
        Assert.Equal(expected.PromptTokens, actual.Response.Usage.InputTokenCount);
        Assert.Equal(expected.CompletionTokens, actual.Response.Usage.OutputTokenCount);
    }
}
