using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Hygiene;

/// Item 9 of issue 13: a client choosing model names cannot grow /metrics without bound.
public class MetricLabelTests
{
    [Fact]
    public async Task Two_hundred_model_names_make_at_most_a_hundred_model_series_plus_other()
    {
        await using var env = await TestEnv.StartAsync();

        for (var i = 0; i < 200; i++)
        {
            var chat =
                $$"""{"model":"attacker-{{i}}","messages":[{"role":"user","content":"hi"}]}""";
            using var response = await env.PostAsync("/v1/chat/completions", chat);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        for (var i = 0; i < 200; i++) await env.Sink.NextAsync();
        var exposition = await env.Client.GetStringAsync("/metrics");

        var models = exposition.Split('\n')
            .Where(l => l.StartsWith("menshen_tokens_total{", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("model=\"", StringComparison.Ordinal) + 7)..])
            .Select(l => l[..l.IndexOf('"', StringComparison.Ordinal)])
            .ToHashSet();
        Assert.Equal(101, models.Count);
        Assert.Contains("other", models);
        Assert.Contains("attacker-0", models);
        Assert.DoesNotContain("attacker-150", models);
    }
}
