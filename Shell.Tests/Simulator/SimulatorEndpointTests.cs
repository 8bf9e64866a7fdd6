using System.Net;
using System.Text.Json;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Simulator;

public class SimulatorEndpointTests : SimulatorTestBase
{
    private const string Chat = """{"model":"gpt-test","messages":[{"role":"user","content":"say hello to me"}]}""";

    [Fact]
    public async Task ChatCompletions_non_stream_usage_equals_SimulatedUsage()
    {
        var expected = SimulatedUsage.For(Chat, Sim.Options.Chunks, cachedTokens: 3, reasoningTokens: 2);

        var (response, body) = await SendAsync(Post("chat/completions", Chat,
            ("x-sim-cached-tokens", "3"), ("x-sim-reasoning-tokens", "2")));
        var actual = Parse(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", actual.GetProperty("object").GetString());
        Assert.Equal("gpt-test", actual.GetProperty("model").GetString());
        Assert.Equal(expected, UsageOf(actual.GetProperty("usage")));
        Assert.Equal(expected.TotalTokens, actual.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        var content = actual.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.Equal(Sim.Options.Chunks, SimulatedUsage.CountWords(content));
    }

    [Fact]
    public async Task Responses_non_stream_usage_equals_SimulatedUsage()
    {
        const string request = """{"model":"gpt-resp","instructions":"be short","input":"what is two plus two"}""";
        var expected = SimulatedUsage.For(request, Sim.Options.Chunks, reasoningTokens: 4);

        var (_, body) = await SendAsync(Post("responses", request, ("x-sim-reasoning-tokens", "4")));
        var actual = Parse(body).GetProperty("usage");

        Assert.Equal(expected.PromptTokens, actual.GetProperty("input_tokens").GetInt32());
        Assert.Equal(expected.CompletionTokens, actual.GetProperty("output_tokens").GetInt32());
        Assert.Equal(expected.TotalTokens, actual.GetProperty("total_tokens").GetInt32());
        Assert.Equal(4, actual.GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public async Task Models_lists_model_objects()
    {
        var response = await Client.GetAsync("models");
        var actual = Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("list", actual.GetProperty("object").GetString());
        Assert.All(actual.GetProperty("data").EnumerateArray(),
            m => Assert.Equal("model", m.GetProperty("object").GetString()));
        Assert.NotEqual(0, actual.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("/v1/embeddings")]
    [InlineData("/embeddings")]
    public async Task Embeddings_with_or_without_v1_give_one_vector_per_input(string path)
    {
        const string request = """{"model":"emb","input":["a b","c"],"dimensions":4}""";

        var (response, body) = await SendAsync(Post(new Uri(Sim.RootUrl, path).ToString(), request));
        var actual = Parse(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = actual.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal([0, 1], data.Select(d => d.GetProperty("index").GetInt32()));
        Assert.All(data, d => Assert.Equal(4, d.GetProperty("embedding").GetArrayLength()));
        Assert.Equal(3, actual.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(3, actual.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Unknown_path_gives_404_openai_error()
    {
        var response = await Client.GetAsync("no/such/thing");
        var actual = Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("/v1/no/such/thing", actual.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Malformed_json_gives_400_openai_error()
    {
        var (response, body) = await SendAsync(Post("chat/completions", """{"model": """));
        var actual = Parse(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", actual.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Echo_returns_the_body_and_content_type()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "echo")
        {
            Content = new ByteArrayContent([0, 1, 2, 250, 255]),
        };
        request.Content.Headers.ContentType = new("application/octet-stream");

        var response = await Client.SendAsync(request);
        var actual = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal([0, 1, 2, 250, 255], actual);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(actual, Sim.Requests.Single().Body.ToArray());
    }

    [Fact]
    public async Task EchoHeaders_returns_the_received_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "echo/headers");
        request.Headers.Add("X-Custom-Thing", "value 1");

        var response = await Client.SendAsync(request);
        var actual = JsonSerializer.Deserialize(
            await response.Content.ReadAsStringAsync(), SimulatorTestJson.Default.DictionaryStringString);

        Assert.Equal("value 1", actual!["x-custom-thing"]);
        Assert.Equal(Sim.RootUrl.Authority, actual["host"]);
    }

    internal static SimulatedUsage UsageOf(JsonElement usage) => new(
        usage.GetProperty("prompt_tokens").GetInt32(),
        usage.GetProperty("completion_tokens").GetInt32(),
        usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(),
        usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
}
