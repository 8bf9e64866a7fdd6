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

    // helper-42: GET /v1/models of an Anthropic client went to the priority-1 provider only,
    // and its 529s reached Claude Code six times in a row while the priority-2 one was healthy.
    // A request without a body can be sent again: it fails over like an understood one.
    [Fact]
    public async Task A_passed_through_get_fails_over_to_the_next_provider()
    {
        await using var env = await FirstTierFailingAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await env.Client.SendAsync(request);
        var record = await env.Sink.NextAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("first", (int?)529), ("second", 200)],
            record.Attempts.Select(a => (a.Provider, a.Status)));
    }

    // A body streams through as it arrives: it is not there to send twice.
    [Fact]
    public async Task A_passed_through_post_is_sent_once_and_its_answer_relayed()
    {
        await using var env = await FirstTierFailingAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/echo")
        {
            Content = TestEnv.Json("""{"requests":[]}"""),
        };
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await env.Client.SendAsync(request);
        var record = await env.Sink.NextAsync();

        Assert.Equal(529, (int)response.StatusCode);
        Assert.Equal(["first"], record.Attempts.Select(a => a.Provider));
        Assert.Equal(0, env.Sims[1].RequestCount);
    }

    // Two anthropic providers, the priority-1 one answering 529 to everything.
    private static async Task<TestEnv> FirstTierFailingAsync()
    {
        var env = await TestEnv.StartAsync(simulators: 2, configure: sims =>
            TestConfigs.With(Provider("first", sims[0]), Provider("second", sims[1]) with
            {
                Priority = 2,
            }), drawTicket: _ => 0);
        env.Sims[0].Options.FailStatus = 529;
        return env;
    }
}
