using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Routing;

/// helper-51: under `[server] passthrough = "models"` (one provider key shared by a team, whose
/// members must not read each other's stored data) Bob's `previous_response_id` naming Alice's
/// response continued or compacted her conversation, pinned to her provider. Now only the key
/// that made a response may name it there; "read" and "all" let stored data be read anyway.
public sealed class ResponseOwnershipTests
{
    private static Task<TestEnv> StartAsync(PassthroughMode mode) =>
        TestEnv.StartAsync(configure: sims =>
        {
            var config = TestEnv.DefaultConfig(sims).WithAuth("gw-main-token",
                new ClientKey("alice", "gw-alice"), new ClientKey("bob", "gw-bob"));
            return config with { Server = config.Server with { Passthrough = mode } };
        });

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(
        TestEnv env, string token, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = TestEnv.Json(json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await env.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> AlicesResponseAsync(TestEnv env)
    {
        var (status, body) = await PostAsync(env, "gw-alice", "/v1/responses",
            """{"model":"m","input":"my secret plans","store":true}""");
        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static string FollowUp(string id) =>
        $$"""{"model":"m","input":"and then?","previous_response_id":"{{id}}"}""";

    [Theory]
    [InlineData("/v1/responses")]
    [InlineData("/v1/responses/compact")]
    public async Task Under_models_another_key_cannot_continue_or_compact_a_response(string path)
    {
        await using var env = await StartAsync(PassthroughMode.Models);
        var id = await AlicesResponseAsync(env);

        var (bobStatus, bobBody) = await PostAsync(env, "gw-bob", path, FollowUp(id));
        var (aliceStatus, _) = await PostAsync(env, "gw-alice", path, FollowUp(id));

        Assert.Equal(HttpStatusCode.Forbidden, bobStatus);
        using var error = JsonDocument.Parse(bobBody);
        Assert.Equal("previous_response_id",
            error.RootElement.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(HttpStatusCode.OK, aliceStatus);
        Assert.Equal(2, env.Sim.RequestCount); // Bob's never reached the provider
    }

    [Theory]
    [InlineData(PassthroughMode.Read)]
    [InlineData(PassthroughMode.All)]
    public async Task Where_stored_data_is_readable_anyway_another_key_may_continue(
        PassthroughMode mode)
    {
        await using var env = await StartAsync(mode);
        var id = await AlicesResponseAsync(env);

        var (status, _) = await PostAsync(env, "gw-bob", "/v1/responses", FollowUp(id));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_second_previous_response_id_cannot_hide_another_keys_response()
    {
        // helper-53: the check read the last duplicate; a provider may keep the first.
        await using var env = await StartAsync(PassthroughMode.Models);
        var id = await AlicesResponseAsync(env);

        var (status, body) = await PostAsync(env, "gw-bob", "/v1/responses",
            $$"""{"model":"m","previous_response_id":"{{id}}","previous_response_id":null}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("previous_response_id more than once", body, StringComparison.Ordinal);
        // The JSON is valid: the refusal names the parameter, not a parse failure.
        Assert.DoesNotContain("could not parse", body, StringComparison.Ordinal);
        using var error = JsonDocument.Parse(body);
        Assert.Equal("previous_response_id",
            error.RootElement.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(1, env.Sim.RequestCount);
    }
}
