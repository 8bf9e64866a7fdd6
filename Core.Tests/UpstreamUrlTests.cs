using CsCheck;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class UpstreamUrlTests
{
    private static readonly Gen<(Uri Base, CanonicalPath Path, string[] Client, bool Mark)> Inputs =
        Gen.Select(
        RoutingGens.BaseUrl, RoutingGens.Path, RoutingGens.QueryParams, Gen.Bool,
        (b, p, c, m) => (b, EndpointClassifier.Classify(Path(p)).UpstreamPath, c, m));

    [Fact]
    public void Build_keeps_every_base_param_then_every_client_param_base_url_does_not_name() =>
        Inputs.Sample((baseUrl, path, client, mark) =>
        {
            var baseParams = baseUrl.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
            var clientQuery = (mark ? "?" : "") + string.Join('&', client);

            var actual = UpstreamUrl.Build(baseUrl, path, clientQuery);

            var query = actual.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
            // Names compare without case (ASP.NET, Azure's, reads them so).
            var named = baseParams.Select(NameOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return query.SequenceEqual(baseParams.Concat(client.Where(p => !named.Contains(NameOf(p)))));
        });

    // Few names, so that the client often repeats one of base_url's (or its own).
    private static readonly Gen<string[]> FewNames = Gen.Select(
        Gen.OneOf(
            Gen.Const("api-version"), Gen.Const("key"), Gen.Const("x"), Gen.Const("user")), Gen.String[Gen.Char.AlphaNumeric, 0, 3],
        (k, v) => k + "=" + v).Array[0, 4];

    [Fact]
    public void Build_gives_the_upstream_only_base_urls_value_of_a_name_it_sets() =>
        Gen.Select(FewNames, FewNames).Sample((fixedParams, client) =>
        {
            var baseUrl = new Uri("https://res.example/openai" +
                (fixedParams.Length == 0 ? "" : "?" + string.Join('&', fixedParams)));

            var actual = UpstreamUrl.Build(baseUrl, Path("/chat/completions"),
                string.Join('&', client));

            var query = actual.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
            return fixedParams.Select(NameOf).Distinct().All(name =>
                    query.Where(p => NameOf(p) == name)
                        .SequenceEqual(fixedParams.Where(p => NameOf(p) == name)))
                && client.Where(p => !fixedParams.Select(NameOf).Contains(NameOf(p)))
                    .All(query.Contains);
        });

    [Fact]
    public void Build_drops_a_client_api_version_base_url_sets_even_when_escaped()
    {
        var baseUrl = new Uri("https://res.openai.azure.com/openai/deployments/gpt4o?api-version=2024-10-21");

        var actual = UpstreamUrl.Build(baseUrl, Path("/chat/completions"),
            "?api-version=2025-01-01&user=a&api%2Dversion=x");

        Assert.Equal(
            "https://res.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21&user=a",
            actual.AbsoluteUri);
    }

    // helper-46: `API-VERSION=evil` and `api-version%00=x` went on beside the configured value;
    // Azure (ASP.NET) reads query names without case, and a NUL may end a name elsewhere.
    [Fact]
    public void Build_drops_a_client_parameter_base_url_sets_in_any_case_or_with_controls()
    {
        var baseUrl = new Uri("https://res.openai.azure.com/openai/deployments/gpt4o?api-version=2024-10-21");

        var actual = UpstreamUrl.Build(baseUrl, Path("/chat/completions"),
            "?API-VERSION=evil&Api-Version=e2&api-version%00=x&%20api-version=y&user=a");

        Assert.Equal(
            "https://res.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21&user=a",
            actual.AbsoluteUri);
    }

    private static string NameOf(string pair) => pair.Split('=')[0];

    [Fact]
    public void Build_path_is_base_path_then_upstream_path_with_one_slash_between() =>
        Inputs.Sample((baseUrl, path, client, _) =>
        {
            var actual = UpstreamUrl.Build(baseUrl, path, string.Join('&', client));

            return actual.AbsolutePath == baseUrl.AbsolutePath.TrimEnd('/') + path.Escaped
                && actual.GetLeftPart(UriPartial.Authority) == baseUrl.GetLeftPart(UriPartial.Authority);
        });

    [Fact]
    public void Build_azure_base_url_keeps_api_version_and_appends_client_query()
    {
        var baseUrl = new Uri("https://res.openai.azure.com/openai/deployments/gpt4o?api-version=2024-10-21");

        var actual = UpstreamUrl.Build(baseUrl, Path("/chat/completions"), "?user=a&x=1");

        Assert.Equal(
            "https://res.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21&user=a&x=1",
            actual.AbsoluteUri);
    }

    [Fact]
    public void Build_base_url_with_trailing_slash_has_no_double_slash()
    {
        var baseUrl = new Uri("https://api.example.com/v1/");

        var actual = UpstreamUrl.Build(baseUrl, Path("/models"), "");

        Assert.Equal("https://api.example.com/v1/models", actual.AbsoluteUri);
    }

    [Fact]
    public void Build_origin_only_base_url_without_queries_is_origin_and_path()
    {
        var baseUrl = new Uri("http://127.0.0.1:9000");

        var actual = UpstreamUrl.Build(baseUrl, Path("/embeddings"), "?");

        Assert.Equal("http://127.0.0.1:9000/embeddings", actual.AbsoluteUri);
    }

    // A client parameter without `=` (a bare flag) is a name of its own, kept or dropped as one.
    [Fact]
    public void Build_reads_a_bare_client_flag_as_a_parameter_name()
    {
        var baseUrl = new Uri("https://api.example.com/v1?api-version=1&beta");

        var actual = UpstreamUrl.Build(baseUrl, Path("/models"), "stream&beta&api-version");

        Assert.Equal("https://api.example.com/v1/models?api-version=1&beta&stream",
            actual.AbsoluteUri);
    }

    private static CanonicalPath Path(string path) => CanonicalPath.Parse(path).Path!;
}
