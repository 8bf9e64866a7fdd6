using Menshen.Shell.Tests.Support;
using static Menshen.Shell.Tests.Messages.AnthropicGateway;

namespace Menshen.Shell.Tests.Messages;

/// A gateway with both kinds of provider (SPEC §14): a path the gateway passes through goes to a
/// provider of the client's dialect. An Anthropic call (`anthropic-version`, or a path below
/// `/v1/messages`) never reaches the `openai` provider, nor an OpenAI call the `anthropic` one.
public class AnthropicPassthroughTests
{
    private const string OpenAiKey = "sk-openai-upstream";

    private static Task<TestEnv> MixedAsync() =>
        TestEnv.StartAsync(simulators: 2, configure: sims => TestConfigs.With(
            TestConfigs.Provider("openai", sims[0].BaseUrl, OpenAiKey),
            Provider("anthropic", sims[1])), drawTicket: _ => 0);

    private static async Task<int> ReachedAsync(
        TestEnv env, string method, string path, bool anthropicVersion)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (anthropicVersion) request.Headers.Add("anthropic-version", "2023-06-01");
        if (method == "POST") request.Content = TestEnv.Json("""{"requests":[]}""");
        using var _ = await env.Client.SendAsync(request);
        return Enumerable.Range(0, 2).Single(i => env.Sims[i].RequestCount == 1);
    }

    [Theory]
    [InlineData("POST", "/v1/messages/batches", true, 1)]
    [InlineData("POST", "/v1/messages/batches", false, 1)]
    [InlineData("GET", "/v1/messages/batches/msgbatch_01", false, 1)]
    [InlineData("GET", "/v1/models", true, 1)]
    [InlineData("GET", "/v1/files", true, 1)]
    [InlineData("GET", "/v1/files", false, 0)]
    [InlineData("GET", "/v1/chat/completions", false, 0)]
    public async Task A_passed_through_call_reaches_a_provider_of_its_dialect(
        string method, string path, bool anthropicVersion, int expected)
    {
        await using var env = await MixedAsync();

        var actual = await ReachedAsync(env, method, path, anthropicVersion);

        Assert.Equal(expected, actual);
        var headers = env.Sims[actual].Requests.Single().Headers;
        if (expected == 1)
        {
            Assert.Equal(UpstreamKey, headers["x-api-key"]);
            Assert.False(headers.ContainsKey("authorization"));
        }
        else
        {
            Assert.Equal($"Bearer {OpenAiKey}", headers["authorization"]);
        }
    }
}
