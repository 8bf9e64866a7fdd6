using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class OriginCheckTests
{
    // Mutation testing (helper-93): only an http(s) origin with a host, and nothing after it,
    // is an origin the gateway can list.
    [Theory]
    [InlineData("ftp://app.example")]
    [InlineData("ws://app.example")]
    [InlineData("http://app.example#x")]
    [InlineData("http://app.example/?x=1")]
    public void An_origin_that_is_not_a_bare_http_origin_is_refused_even_when_listed(
        string origin) =>
        Assert.Equal(OriginVerdict.Refused,
            OriginCheck.Decide(origin, "http", "127.0.0.1:8080", [origin]));

    [Theory]
    [InlineData("https://app.example", "https://app.example")]
    [InlineData("HTTPS://App.Example:443/", "https://app.example")]
    [InlineData("http://app.example:80", "http://app.example")]
    [InlineData("http://app.example:8080", "http://app.example:8080")]
    public void Normalize_lowers_case_and_drops_the_default_port(string origin, string expected) =>
        Assert.Equal(expected, OriginCheck.Normalize(origin));

    [Fact]
    public void A_listed_https_origin_is_listed() =>
        Assert.Equal(OriginVerdict.Listed, OriginCheck.Decide(
            "https://app.example", "http", "127.0.0.1:8080", ["https://app.example/"]));

    [Fact]
    public void A_default_list_refuses_a_foreign_origin() =>
        Assert.Equal(OriginVerdict.Refused,
            OriginCheck.Decide("http://evil.example", "http", "127.0.0.1:8080", default));

    [Fact]
    public void A_request_without_an_origin_is_absent() =>
        Assert.Equal(OriginVerdict.Absent, OriginCheck.Decide(null, "http", null, []));

    // The dashboard's own page: its Origin is the request's scheme and Host.
    [Theory]
    [InlineData("http://127.0.0.1:8080", "http", "127.0.0.1:8080")]
    [InlineData("https://GW.example", "https", "gw.example:443")]
    public void The_gateways_own_origin_is_same_origin(string origin, string scheme, string host) =>
        Assert.Equal(OriginVerdict.SameOrigin, OriginCheck.Decide(origin, scheme, host, []));
}
