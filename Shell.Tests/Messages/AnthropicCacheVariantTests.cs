using Menshen.Shell.Tests.Support;
using static Menshen.Shell.Tests.Messages.AnthropicGateway;

namespace Menshen.Shell.Tests.Messages;

/// The cache key covers what besides the body changes the answer: a beta feature header, the
/// API version and the query string. The same body with another beta is a miss, with the same
/// one a hit.
public class AnthropicCacheVariantTests
{
    [Fact]
    public async Task An_entry_answers_only_requests_with_the_same_beta_headers_and_query()
    {
        await using var env = await StartAsync(adjust: c => c.WithCache());

        string[] actual =
        [
            await CacheStateAsync(env, "/v1/messages", null),
            await CacheStateAsync(env, "/v1/messages", "context-1m-2025-08-07"),
            await CacheStateAsync(env, "/v1/messages?beta=true", "context-1m-2025-08-07"),
            await CacheStateAsync(env, "/v1/messages?beta=true", "context-1m-2025-08-07"),
            await CacheStateAsync(env, "/v1/messages", null),
        ];

        Assert.Equal(["MISS", "MISS", "MISS", "HIT", "HIT"], actual);
        Assert.Equal(3, env.Sim.RequestCount);
    }

    private static async Task<string> CacheStateAsync(
        TestEnv env, string path, string? beta)
    {
        using var response = await env.PostAsync(path, Hello, headers: h =>
        {
            h.Add("anthropic-version", "2023-06-01");
            if (beta is not null) h.Add("anthropic-beta", beta);
        });
        await response.Content.ReadAsStringAsync();
        return response.Headers.GetValues("X-Cache").Single();
    }
}
