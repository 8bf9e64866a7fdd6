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

    [Theory]
    [InlineData("Content-Length")]
    [InlineData("set-cookie")]
    [InlineData("Alt-Svc")]
    public void ShouldForward_leaves_the_gateways_own_origin_and_framing_alone(string name) =>
        Assert.False(ResponseHeaderPolicy.ShouldForward(name));

    [Theory]
    [InlineData("42", false, false, 200, 42L)]
    [InlineData("42", true, false, 200, null)]
    [InlineData("42", false, true, 200, null)]
    [InlineData("42, 42", false, false, 200, 42L)]
    [InlineData("42,42", false, false, 200, 42L)]
    [InlineData("42, 41", false, false, 200, null)]
    [InlineData("274,264", false, false, 200, null)]
    [InlineData("-1", false, false, 200, null)]
    [InlineData("+42", false, false, 200, null)]
    [InlineData("", false, false, 200, null)]
    [InlineData(null, false, false, 200, null)]
    [InlineData("42", false, false, 204, null)]
    [InlineData("42", false, false, 205, null)]
    [InlineData("42", false, false, 103, null)]
    [InlineData("42", false, false, 304, 42L)]
    public void ClientContentLength_is_one_agreed_length_of_an_unchunked_unchanged_body(
        string? header, bool chunked, bool changes, int status, long? expected) =>
        Assert.Equal(expected,
            ResponseHeaderPolicy.ClientContentLength(header, chunked, changes, status));

    // Whatever the lines say, a length is only ever one that every part of every line states.
    [Fact]
    public void ClientContentLength_is_a_length_every_line_states() =>
        Gen.OneOf(Gen.Const("7"), Gen.Const("8"), Gen.Const(" 7 "), Gen.Const("x"), Gen.Const("7,7"))
            .Array[1, 4]
            .Sample(lines =>
            {
                var header = string.Join(", ", lines);
                var actual = ResponseHeaderPolicy.ClientContentLength(header, false, false, 200);
                var parts = header.Split(',').Select(p => p.Trim()).ToArray();

                return actual is not { } n
                    || parts.All(p => p == n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            });

    [Theory]
    [InlineData("x-request-id", "X-Upstream-Request-Id")]
    [InlineData("X-Request-ID", "X-Upstream-Request-Id")]
    [InlineData("x-ratelimit-remaining-requests", "x-ratelimit-remaining-requests")]
    [InlineData("Retry-After", "Retry-After")]
    public void ForwardedName_keeps_the_gateways_request_id_its_own(string name, string expected) =>
        // The client's X-Request-Id is the audit id (SPEC §3); the upstream's goes beside it.
        Assert.Equal(expected, ResponseHeaderPolicy.ForwardedName(name));

    // Mutation testing (helper-93): every origin-wide order an upstream may give stays off the
    // gateway's origin, whatever its case.
    [Fact]
    public void ShouldForward_drops_every_origin_wide_header_of_the_upstream() =>
        Assert.All(OriginWide, name =>
        {
            Assert.False(ResponseHeaderPolicy.ShouldForward(name));
            Assert.False(ResponseHeaderPolicy.ShouldForward(name.ToUpperInvariant()));
        });

    private static readonly string[] OriginWide =
    [
        "Set-Cookie", "Set-Cookie2", "Alt-Svc", "Content-Length", "Clear-Site-Data", "Refresh",
        "Content-Security-Policy", "Content-Security-Policy-Report-Only",
        "X-Content-Type-Options", "NEL", "Report-To", "Reporting-Endpoints",
        "Strict-Transport-Security", "Expect-CT", "Public-Key-Pins", "Service-Worker-Allowed",
        "Origin-Agent-Cluster", "Permissions-Policy", "Feature-Policy",
        "Cross-Origin-Opener-Policy", "Cross-Origin-Opener-Policy-Report-Only",
        "Cross-Origin-Embedder-Policy", "Cross-Origin-Embedder-Policy-Report-Only",
        "Cross-Origin-Resource-Policy", "X-Frame-Options", "WWW-Authenticate", "Accept-CH",
        "Critical-CH", "Speculation-Rules", "Supports-Loading-Mode", "Document-Policy",
        "Document-Policy-Report-Only", "Timing-Allow-Origin", "Access-Control-Allow-Origin",
    ];

    [Fact]
    public void BrowserGuards_sandbox_every_answer_and_forbid_sniffing()
    {
        (string, string)[] expected =
            [("Content-Security-Policy", "sandbox"), ("X-Content-Type-Options", "nosniff")];

        Assert.Equal(expected, ResponseHeaderPolicy.BrowserGuards.Select(g => (g.Name, g.Value)));
    }
}
