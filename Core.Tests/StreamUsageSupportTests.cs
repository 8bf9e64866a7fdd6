using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class StreamUsageSupportTests
{
    private static ProviderConfig Provider(string baseUrl) =>
        new("azure", new Uri(baseUrl), "k", ImmutableArray<HeaderValue>.Empty, null, 1, null);

    [Theory]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?api-version=2024-06-01", false)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?api-version=2024-02-01", false)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?api-version=2024-05-01-preview",
        false)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?api-version=2024-07-31", false)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?API-Version=2023-05-15", false)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?api%2Dversion=2023-05-15", false)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?a=1&api-version=2024-06-01",
        false)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?api-version=2024%2D06%2D01",
        false)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?%20api-version=2024-06-01",
        false)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?api-version=2024-08-01-preview",
        true)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?api-version=2024-10-21", true)]
    [InlineData("https://x.openai.azure.com/openai/v1?api-version=preview", true)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?api-version=", true)]
    [InlineData("https://x.openai.azure.com/openai/deployments/d?xapi-version=2023-05-15", true)]
    [InlineData("https://api.openai.com/v1", true)]
    public void Base_url_api_version_decides(string baseUrl, bool accepts) =>
        Assert.Equal(accepts, StreamUsageSupport.Accepts(Provider(baseUrl), ""));

    [Theory]
    [InlineData("?api-version=2024-06-01", false)]
    [InlineData("api-version=2024-06-01", false)]
    [InlineData("?x=1&api-version=2024-10-21", true)]
    [InlineData("", true)]
    public void Without_one_in_base_url_the_clients_decides(string query, bool accepts) =>
        Assert.Equal(accepts, StreamUsageSupport.Accepts(
            Provider("https://x.openai.azure.com/openai/deployments/d"), query));

    [Fact]
    public void Base_urls_version_wins_over_the_clients_as_on_the_upstream_url() =>
        Gen.Select(Gen.Int[2022, 2026], Gen.Int[1, 12], Gen.Int[2022, 2026], Gen.Int[1, 12])
            .Sample((baseYear, baseMonth, clientYear, clientMonth) =>
            {
                var provider = Provider("https://x.openai.azure.com/openai/deployments/d"
                    + $"?api-version={baseYear}-{baseMonth:00}-01");
                var query = $"?api-version={clientYear}-{clientMonth:00}-01";
                var expected = new DateOnly(baseYear, baseMonth, 1) >= new DateOnly(2024, 8, 1);
                return StreamUsageSupport.Accepts(provider, query) == expected;
            });
}
