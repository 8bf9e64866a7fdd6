using System.Net;
using System.Text;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Support;
using static Menshen.Shell.Tests.Messages.AnthropicGateway;

namespace Menshen.Shell.Tests.Routing;

/// `[server] passthrough` (helper-46): an Anthropic batch or an assistant run went on to the
/// provider with its key, past a forced model and the `models` allow-list, with no usage counted.
/// "read" lets only GET and HEAD through beside the understood endpoints, "models" only the model
/// list; a refusal is a 403 in the client's dialect, recorded, and no provider is asked.
public sealed class PassthroughSettingTests
{
    private const string Batch =
        """{"requests":[{"custom_id":"a","params":{"model":"claude-opus-4-1","max_tokens":64000,"messages":[]}}]}""";

    [Fact]
    public async Task Read_refuses_an_anthropic_batch_and_lets_its_status_read_through()
    {
        await using var env = await StartAsync(adjust: c => c with
        {
            Server = c.Server with { Passthrough = PassthroughMode.Read },
        });

        using var batch = Anthropic(HttpMethod.Post, "/v1/messages/batches", Batch);
        using var refused = await env.Client.SendAsync(batch);
        var body = await refused.Content.ReadAsStringAsync();
        var record = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(("permission_error", "This gateway does not pass "
            + "'POST /v1/messages/batches' on to a provider: beside the endpoints it understands, "
            + "it passes only reads (GET, HEAD, without a body or a method override) "
            + "([server] passthrough = \"read\")."), ErrorOf(body));
        Assert.Equal(0, env.Sim.RequestCount);
        Assert.Equal((403, "/v1/messages/batches", (string?)null),
            (record.Status, record.Path, record.Provider));

        using var status = Anthropic(HttpMethod.Get, "/v1/messages/batches/msgbatch_1", null);
        using var read = await env.Client.SendAsync(status);
        Assert.Equal(1, env.Sim.RequestCount);
    }

    [Theory]
    [InlineData(PassthroughMode.All, "POST", "/v1/threads/runs", true)]
    [InlineData(PassthroughMode.Read, "POST", "/v1/threads/runs", false)]
    [InlineData(PassthroughMode.Read, "PUT", "/v1/chat/completions", false)]
    [InlineData(PassthroughMode.Read, "GET", "/v1/files", true)]
    [InlineData(PassthroughMode.Models, "GET", "/v1/files", false)]
    [InlineData(PassthroughMode.Models, "GET", "/v1/models/gpt-4o", true)]
    public async Task Each_setting_forwards_exactly_what_it_covers(PassthroughMode mode,
        string method, string path, bool forwarded)
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims) with
            {
                Server = TestConfigs.With().Server with { Passthrough = mode },
            });

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
            request.Content = new StringContent("""{"assistant_id":"asst_1","model":"o1-pro"}""",
                Encoding.UTF8, "application/json");
        using var response = await env.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(forwarded ? 1 : 0, env.Sim.RequestCount);
        if (!forwarded)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("\"type\":\"permission_error\"", body, StringComparison.Ordinal);
            Assert.Contains("[server] passthrough", body, StringComparison.Ordinal);
        }
    }

    // helper-49: a chat completion went through "read" as GET with X-HTTP-Method-Override: POST
    // and its body, to an upstream that honours the header.
    [Theory]
    [InlineData("X-HTTP-Method-Override", true)]
    [InlineData("X-HTTP-Method-Override", false)]
    [InlineData("X-HTTP-Method", false)]
    [InlineData("X-Method-Override", false)]
    [InlineData(null, true)]
    [InlineData(null, false)]
    public async Task Read_refuses_a_get_that_carries_a_body_or_a_method_override(
        string? header, bool body)
    {
        await using var env = await TestEnv.StartAsync(configure: sims =>
            TestEnv.DefaultConfig(sims) with
            {
                Server = TestConfigs.With().Server with { Passthrough = PassthroughMode.Read },
            });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/chat/completions");
        if (header is not null) request.Headers.Add(header, "POST");
        if (body)
            request.Content = new StringContent("""{"model":"o1-pro","messages":[]}""",
                Encoding.UTF8, "application/json");
        using var response = await env.Client.SendAsync(request);

        var plainRead = header is null && !body;
        Assert.Equal(plainRead ? 1 : 0, env.Sim.RequestCount);
        if (!plainRead) Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    // helper-50: under "all" a GET with a method override was recorded as costing nothing,
    // though an upstream that honours the header serves a POST. Only a plain read is free.
    [Theory]
    [InlineData(null, 0.0)]
    [InlineData("X-HTTP-Method-Override", null)]
    public async Task Only_a_plain_passed_through_read_is_recorded_as_free(string? header,
        double? cost)
    {
        await using var env = await TestEnv.StartAsync();

        // The model list: the simulator answers it 200 (a provider's 4xx is free anyway).
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        if (header is not null) request.Headers.Add(header, "POST");
        using var response = await env.Client.SendAsync(request);
        var record = await env.Sink.NextAsync();

        Assert.Equal((HttpStatusCode.OK, 1), (response.StatusCode, env.Sim.RequestCount));
        Assert.Equal(cost, (double?)record.CostUsd);
    }

    private static HttpRequestMessage Anthropic(HttpMethod method, string path, string? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("anthropic-version", "2023-06-01");
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }
}
