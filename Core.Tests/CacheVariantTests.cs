using CsCheck;
using Menshen.Core.Caching;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class CacheVariantTests
{
    private const string Body = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";

    private static readonly Gen<string?> Part =
        Gen.OneOf<string?>(null, "", "true", "beta=true", "2023-06-01", "context-1m-2025-08-07",
            "a,b", "assistants=v2");

    private static readonly Gen<(string? Query, string? Version, string? Beta, string? OpenAi)>
        Parts = Gen.Select(Part, Part, Part, Part);

    private static string? Key(string? scope, (string?, string?, string?, string?) p) =>
        CacheKey.Of(EndpointKind.Messages, System.Text.Encoding.UTF8.GetBytes(Body),
            CacheVariant.Join(scope, CacheVariant.Of(p.Item1, p.Item2, p.Item3, p.Item4)));

    [Fact]
    public void Two_requests_share_a_key_exactly_when_their_variants_are_the_same() =>
        Gen.Select(Parts, Parts, Gen.OneOf<string?>(null, "\n\n", "Bearer a\n\n"))
            .Sample((a, b, scope) =>
            {
                var same = Normal(a) == Normal(b);

                return (Key(scope, a) == Key(scope, b)) == same;
            });

    [Fact]
    public void Without_a_query_or_feature_header_the_key_is_the_one_before_variants() =>
        Gen.OneOf<string?>(null, "Bearer a\n\n").Sample(scope =>
            Key(scope, ("?", "", null, null)) == CacheKey.Of(EndpointKind.Messages,
                System.Text.Encoding.UTF8.GetBytes(Body), scope));

    // Absent and empty parts are no variant; any one part given is.
    [Theory]
    [InlineData(null, null, null, null, false)]
    [InlineData("", "", "", "", false)]
    [InlineData("?", null, "", null, false)]
    [InlineData("a=1", null, null, null, true)]
    [InlineData(null, "2023-06-01", null, null, true)]
    [InlineData(null, null, "beta", null, true)]
    [InlineData("", "", "", "assistants=v2", true)]
    public void A_variant_is_there_exactly_when_a_part_is_given(string? query, string? version,
        string? beta, string? openAi, bool given) =>
        Assert.Equal(given, CacheVariant.Of(query, version, beta, openAi) is not null);

    // Absent, empty and a bare `?` query are the same request.
    private static (string, string, string, string) Normal((string? Q, string? V, string? B, string? O) p) =>
        ((p.Q ?? "").TrimStart('?'), p.V ?? "", p.B ?? "", p.O ?? "");

    // The header names are Core's: the Shell hands its headers in (helper-96), matched as HTTP
    // matches header names, whatever their case.
    [Fact]
    public void Of_headers_reads_the_dialects_feature_headers() =>
        Parts.Sample(p =>
        {
            var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["Anthropic-Version"] = p.Version,
                ["anthropic-beta"] = p.Beta,
                ["OpenAI-Beta"] = p.OpenAi,
                ["x-other"] = "ignored",
            };

            return CacheVariant.Of(p.Query, headers, static (all, name) => all[name])
                == CacheVariant.Of(p.Query, p.Version, p.Beta, p.OpenAi);
        });
}
