using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class SummaryFormatTests
{
    [Theory]
    [InlineData(new int[0], "none")]
    [InlineData(new[] { 429 }, "429")]
    [InlineData(new[] { 401, 403, 408, 429, 500, 501, 502 }, "401, 403, 408, 429, 500..502")]
    [InlineData(new[] { 500, 501 }, "500, 501")]
    public void Statuses_examples(int[] statuses, string expected) =>
        Assert.Equal(expected, SummaryFormat.Statuses([.. statuses]));

    [Theory]
    [InlineData(0, "no limit")]
    [InlineData(5_242_880, "5 MiB")]
    [InlineData(2048, "2 KiB")]
    [InlineData(1000, "1000 bytes")]
    public void Bytes_examples(long bytes, string expected) =>
        Assert.Equal(expected, SummaryFormat.Bytes(bytes));

    [Theory]
    [InlineData("http://user:pass@proxy.local:3128", "http://…@proxy.local:3128")]
    [InlineData("https://x.azure.com/openai?api-version=2024-02-01", "https://x.azure.com/openai?api-version=2024-02-01")]
    [InlineData("https://g.example/v1?key=AIzaSyA-0123456789abcdef", "https://g.example/v1?key=AIz…cdef")]
    // helper-62: Azure Functions' host key rides in `code`.
    [InlineData("https://f.azurewebsites.net/api/v1?code=AzFuncHostKeySECRET123456==&credential=zzz",
        "https://f.azurewebsites.net/api/v1?code=AzF…56==&credential=…")]
    public void Url_masks_credentials(string url, string expected) =>
        Assert.Equal(expected, SummaryFormat.Url(new Uri(url)));

    [Fact]
    public void ProviderLine_names_what_routes_and_masks_secrets()
    {
        var provider = new ProviderConfig("fallback", new Uri("https://api.example.com/v1"),
            "sk-proj-0123456789abcdef", [], "gpt-4o-mini", 2,
            new Uri("http://user:pass@proxy.local:3128"))
        {
            Models = ["gpt-4o*", "o3"],
            Priority = 2,
            Api = ProviderApi.OpenAi,
        };
        var claude = new ProviderConfig("claude", new Uri("https://api.anthropic.com/v1"), "", [],
            null, 1, null) { Api = ProviderApi.Anthropic };

        Assert.Equal("fallback https://api.example.com/v1 api=openai priority=2 weight=2 "
            + "models=gpt-4o*,o3 model=gpt-4o-mini proxy=http://…@proxy.local:3128 key=sk-…cdef",
            SummaryFormat.ProviderLine(provider));
        Assert.Equal("claude https://api.anthropic.com/v1 api=anthropic priority=1 weight=1 "
            + "models=* model=- key=(empty)", SummaryFormat.ProviderLine(claude));
    }
}
