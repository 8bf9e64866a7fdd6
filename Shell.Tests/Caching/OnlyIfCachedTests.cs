using System.Net;
using Menshen.Core.Caching;
using Menshen.Shell.Tests.Messages;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Caching;

/// `Cache-Control: only-if-cached` (RFC 9111 §5.2.1.7): the stored answer or a 504, never a call
/// upstream. What an evaluation harness replaying recorded runs relies on to spend no tokens.
public class OnlyIfCachedTests
{
    private const string Chat =
        """{"model":"m","messages":[{"role":"user","content":"replay me"}]}""";

    [Fact]
    public async Task A_miss_is_a_504_without_a_call_upstream_and_a_stored_answer_is_replayed()
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims).WithCache());

        using var miss = await PostAsync(env, "/v1/chat/completions", Chat, "only-if-cached");
        var missMessage = await OpenAiError.AssertShapeAsync(miss);
        using var stored = await PostAsync(env, "/v1/chat/completions", Chat, null);
        using var hit = await PostAsync(env, "/v1/chat/completions", Chat,
            "max-age=600, Only-If-Cached");

        Assert.Equal(HttpStatusCode.GatewayTimeout, miss.StatusCode);
        Assert.Contains("only-if-cached", missMessage, StringComparison.Ordinal);
        Assert.Equal("false", miss.Headers.GetValues("x-should-retry").Single());
        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        Assert.Equal("HIT", hit.Headers.GetValues("X-Cache").Single());
        Assert.Equal(await stored.Content.ReadAsStringAsync(),
            await hit.Content.ReadAsStringAsync());
        Assert.Equal(1, env.Sim.RequestCount);
        var refused = await env.Sink.NextAsync();
        Assert.Equal(504, refused.Status);
        Assert.Equal(CacheStatus.Miss, refused.Cache);
        Assert.Equal(missMessage, refused.ErrorNote);
        Assert.Empty(refused.Attempts);
    }

    [Theory]
    [InlineData("only-if-cached, no-cache")]
    [InlineData("no-store, only-if-cached")]
    public async Task With_a_directive_that_forbids_the_lookup_it_is_a_504(string header)
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims).WithCache());
        using var stored = await PostAsync(env, "/v1/chat/completions", Chat, null);

        using var response = await PostAsync(env, "/v1/chat/completions", Chat, header);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(1, env.Sim.RequestCount);
    }

    [Fact]
    public async Task With_the_cache_off_it_is_a_504_without_a_call_upstream()
    {
        await using var env = await TestEnv.StartAsync();

        using var response = await PostAsync(env, "/v1/chat/completions", Chat, "only-if-cached");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        await OpenAiError.AssertShapeAsync(response);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_path_without_a_cache_is_a_504_without_a_call_upstream()
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims).WithCache());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/files");
        request.Headers.TryAddWithoutValidation("Cache-Control", "only-if-cached");

        using var response = await env.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        await OpenAiError.AssertShapeAsync(response);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task An_anthropic_client_gets_the_504_in_its_own_dialect()
    {
        await using var env = await AnthropicGateway.StartAsync(adjust: c => c.WithCache());

        using var response = await env.MessagesAsync(AnthropicGateway.Hello,
            h => h.TryAddWithoutValidation("Cache-Control", "only-if-cached"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var (type, message) = AnthropicGateway.ErrorOf(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", type);
        Assert.Contains("only-if-cached", message, StringComparison.Ordinal);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    private static Task<HttpResponseMessage> PostAsync(TestEnv env, string path, string body,
        string? cacheControl) =>
        env.PostAsync(path, body, headers: h =>
        {
            if (cacheControl is not null) h.TryAddWithoutValidation("Cache-Control", cacheControl);
        });
}
