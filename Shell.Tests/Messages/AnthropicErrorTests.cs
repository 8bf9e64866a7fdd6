using System.Net;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Gateway;
using Menshen.Shell.Tests.Support;
using static Menshen.Shell.Tests.Messages.AnthropicGateway;

namespace Menshen.Shell.Tests.Messages;

/// Errors the gateway makes on the Messages API endpoints are Anthropic-shaped
/// (`{"type":"error","error":{"type":…,"message":…}}`) with the statuses of SPEC §3.
public class AnthropicErrorTests
{
    private static async Task<(string Type, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return ErrorOf(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_gateway_token_is_401_authentication_error_that_tells_the_client_not_to_retry()
    {
        await using var env = await StartAsync(adjust: c => c.WithAuth("gw-token"));

        using var response = await env.MessagesAsync(Hello, h => h.Add("x-api-key", "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", (await ErrorAsync(response)).Type);
        Assert.Equal("false", response.Headers.GetValues("x-should-retry").Single());
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_model_no_provider_serves_is_404_not_found_error_and_touches_no_upstream()
    {
        await using var env = await StartAsync(adjust: c => c with
        {
            Providers = [c.Providers[0] with { Models = ["claude-sonnet-*"] }],
        });

        using var response = await env.MessagesAsync(Hello);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var (type, message) = await ErrorAsync(response);
        Assert.Equal("not_found_error", type);
        Assert.Contains(Model, message, StringComparison.Ordinal);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Malformed_json_is_400_invalid_request_error()
    {
        await using var env = await StartAsync();

        using var response = await env.MessagesAsync("""{"model":"claude-sim-1","messages":[""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (await ErrorAsync(response)).Type);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_request_too_large()
    {
        await using var env = await StartAsync(adjust: c => c with
        {
            Server = c.Server with { MaxRequestBodyBytes = 1024 },
        });

        using var response = await env.MessagesAsync(Hello.Replace("be brief", new string('a', 4096), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (await ErrorAsync(response)).Type);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task No_provider_reachable_is_502_api_error()
    {
        await using var env = await TestEnv.StartAsync(simulators: 0, configure: _ => TestConfigs.With(
            TestConfigs.Provider("dead", new Uri($"http://127.0.0.1:{FailoverTests.ClosedPort()}/v1"))
                with
            { Api = ProviderApi.Anthropic }));

        using var response = await env.MessagesAsync(Hello);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("api_error", (await ErrorAsync(response)).Type);
    }

    [Fact]
    public async Task An_upstream_slow_to_answer_is_504_timeout_error()
    {
        await using var env = await StartAsync(adjust: c => c.WithTimeout(TimeSpan.FromMilliseconds(300)));
        env.Sim.Options.HeaderDelayMs = 3000;

        using var response = await env.MessagesAsync(Hello);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("timeout_error", (await ErrorAsync(response)).Type);
    }

    [Fact]
    public async Task An_upstream_error_is_passed_on_as_the_provider_sent_it()
    {
        await using var env = await StartAsync();
        env.Sim.Options.FailStatus = 400;

        using var response = await env.MessagesAsync(Hello);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (await ErrorAsync(response)).Type);
        Assert.Equal(1, env.Sim.RequestCount);
    }
}
