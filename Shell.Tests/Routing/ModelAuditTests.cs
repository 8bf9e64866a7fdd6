using System.Globalization;
using System.Text.Json;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Reports;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Routing;

/// The audit keeps the client's, the alias-resolved and the effective model (SPEC §13), in the
/// real SQLite store: `/__report/logs?model=X` matches any of the three, the detail shows all.
public class ModelAuditTests
{
    private static Task<TestEnv> StartAsync() => TestEnv.StartAsync(reports: true, configure: sims =>
        TestConfigs.With(TestConfigs.Provider("openai", sims[0].BaseUrl,
            model: "gpt-4o-mini-2024-07-18") with
        { Models = ["gpt-4o*"] }) with
        {
            Routing = RoutingConfig.Default with { Aliases = [new ModelAlias("fast", "gpt-4o-mini")] },
        });

    private static async Task<long> SendAsync(TestEnv env, string model)
    {
        var chat = $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""";
        using var response = await env.PostAsync("/v1/chat/completions", chat);
        Assert.True(response.IsSuccessStatusCode);
        var id = long.Parse(response.Headers.GetValues("X-Request-Id").Single(),
            CultureInfo.InvariantCulture);
        await env.Store!.StoredAsync(id);
        return id;
    }

    // The provider forces its model on both requests: only the effective model is shared.
    [Theory]
    [InlineData("fast", false)]
    [InlineData("gpt-4o-mini", false)]
    [InlineData("gpt-4o-mini-2024-07-18", true)]
    [InlineData("gpt-4o", false)]
    public async Task The_log_filter_matches_each_of_the_three_models(string filter, bool both)
    {
        await using var env = await StartAsync();
        var aliased = await SendAsync(env, "fast");
        var other = await SendAsync(env, "gpt-4o");

        using var logs = JsonDocument.Parse(await env.JsonAsync($"/__report/logs?model={filter}"));

        var actual = logs.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetInt64());
        Assert.Equal(filter == "gpt-4o" ? [other] : both ? [other, aliased] : [aliased], actual);
    }

    [Fact]
    public async Task The_log_detail_shows_the_three_models()
    {
        await using var env = await StartAsync();
        var id = await SendAsync(env, "fast");

        using var detail = JsonDocument.Parse(await env.JsonAsync($"/__report/log?id={id}"));

        var root = detail.RootElement;
        Assert.Equal(("fast", "gpt-4o-mini", "gpt-4o-mini-2024-07-18"),
            (root.GetProperty("requested_model").GetString(),
                root.GetProperty("resolved_model").GetString(),
                root.GetProperty("effective_model").GetString()));
        Assert.Equal("""{"model":"gpt-4o-mini-2024-07-18","messages":[{"role":"user","content":"hi"}]}""",
            env.Sim.Requests[0].BodyText);
    }
}
