using CsCheck;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class ResponseHeaderPolicyTests
{
    [Fact]
    public void ShouldForward_never_forwards_hop_by_hop_headers() =>
        RoutingGens.HopByHopName.Sample(name => !ResponseHeaderPolicy.ShouldForward(name));

    [Fact]
    public void ShouldForward_forwards_end_to_end_headers() =>
        RoutingGens.EndToEndName.Sample(ResponseHeaderPolicy.ShouldForward);

    [Fact]
    public void ShouldForward_never_forwards_headers_the_upstream_named_in_connection() =>
        Gen.Select(Gen.String[Gen.Char["a-z"], 1, 12].Array[1, 4], Gen.Int[0, 3])
            .SelectMany((tokens, pick) => RoutingGens.AnyCase(tokens[pick % tokens.Length])
                .Select(name => (string.Join(", ", tokens), name)))
            .Sample((connection, name) =>
                !ResponseHeaderPolicy.ShouldForward(name, RequestHeaderPolicy.ConnectionTokens(connection)));

    [Fact]
    public void ShouldForward_with_connection_tokens_still_forwards_other_end_to_end_headers() =>
        RoutingGens.EndToEndName.Sample(name =>
            ResponseHeaderPolicy.ShouldForward(name, RequestHeaderPolicy.ConnectionTokens("keep-alive, x-upstream-hop")));

    [Fact]
    public void ShouldForward_content_length_is_forwarded()
    {
        var actual = ResponseHeaderPolicy.ShouldForward("Content-Length");

        Assert.True(actual);
    }

    [Theory]
    [InlineData("x-request-id", "X-Upstream-Request-Id")]
    [InlineData("X-Request-ID", "X-Upstream-Request-Id")]
    [InlineData("x-ratelimit-remaining-requests", "x-ratelimit-remaining-requests")]
    [InlineData("Retry-After", "Retry-After")]
    public void ForwardedName_keeps_the_gateways_request_id_its_own(string name, string expected) =>
        // The client's X-Request-Id is the audit id (SPEC §3); the upstream's goes beside it.
        Assert.Equal(expected, ResponseHeaderPolicy.ForwardedName(name));
}
