using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class LocalRouteTableTests
{
    [Theory]
    [InlineData("/healthz", LocalRoute.Health)]
    [InlineData("/robots.txt", LocalRoute.Robots)]
    [InlineData("/favicon.ico", LocalRoute.Favicon)]
    [InlineData("/metrics", LocalRoute.Metrics)]
    [InlineData("/__report/summary", LocalRoute.Report)]
    [InlineData("/__report", LocalRoute.Dashboard)]
    [InlineData("/", LocalRoute.Dashboard)]
    [InlineData("/index.html", LocalRoute.Dashboard)]
    [InlineData("/assets/index.js", LocalRoute.Dashboard)]
    [InlineData("/__REPORT/summary", LocalRoute.Dashboard)]
    [InlineData("/v1/chat/completions", LocalRoute.Proxied)]
    [InlineData("/healthz/", LocalRoute.Health)]
    [InlineData("/metrics/", LocalRoute.Metrics)]
    [InlineData("/robots.txt/", LocalRoute.Robots)]
    [InlineData("/healthz//", LocalRoute.Proxied)]
    [InlineData("/assets", LocalRoute.Proxied)]
    // Another spelling of a local route is the gateway's own (a local 404), never proxied with
    // a key (SPEC §12; helper-62).
    [InlineData("/METRICS", LocalRoute.Dashboard)]
    [InlineData("/HealthZ", LocalRoute.Dashboard)]
    [InlineData("/Index.html", LocalRoute.Dashboard)]
    [InlineData("/ASSETS/index.js", LocalRoute.Dashboard)]
    [InlineData("/Assets/x", LocalRoute.Dashboard)]
    [InlineData("/Favicon.ico", LocalRoute.Dashboard)]
    [InlineData("/v1/__report/summary", LocalRoute.Dashboard)]
    [InlineData("/v1/__REPORT", LocalRoute.Dashboard)]
    [InlineData("/v1/models", LocalRoute.Proxied)]
    [InlineData("/v1/metrics", LocalRoute.Proxied)]
    // Mutation testing (helper-93): each name with its trailing slash, and in another case.
    [InlineData("/favicon.ico/", LocalRoute.Favicon)]
    [InlineData("/ROBOTS.TXT", LocalRoute.Dashboard)]
    [InlineData("/Robots.txt/", LocalRoute.Dashboard)]
    [InlineData("/index.html/", LocalRoute.Dashboard)]
    public void Of_names_the_local_route_of_a_path(string path, LocalRoute expected) =>
        Assert.Equal(expected, LocalRouteTable.Of(path));
}
