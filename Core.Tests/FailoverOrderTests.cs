using CsCheck;
using Menshen.Core.Routing;
using Menshen.Core.Config;

namespace Menshen.Core.Tests;

public class FailoverOrderTests
{
    [Fact]
    public void Of_starts_with_first() =>
        RoutingGens.ProvidersAndFirst.Sample((providers, first) =>
            FailoverOrder.Of(providers, first)[0] == first);

    [Fact]
    public void Of_holds_no_two_identical_upstreams() =>
        RoutingGens.ProvidersAndFirst.Sample((providers, first) =>
        {
            var actual = FailoverOrder.Of(providers, first);

            return actual.Select((p, i) => actual.Skip(i + 1).All(q => !p.IsSameUpstreamAs(q))).All(x => x);
        });

    [Fact]
    public void Of_contains_every_distinct_enabled_upstream() =>
        RoutingGens.ProvidersAndFirst.Sample((providers, first) =>
        {
            var actual = FailoverOrder.Of(providers, first);

            return providers.Where(p => p.Enabled).All(p => actual.Any(p.IsSameUpstreamAs));
        });

    /// A fallback on the same account that forces another model, or goes through another proxy,
    /// sends another request: it is tried (helper-70: `model = "fb-mini"` at priority 2 on the
    /// same key was never asked). Judged here without `IsSameUpstreamAs`.
    [Fact]
    public void Of_tries_every_enabled_provider_that_sends_another_request() =>
        RoutingGens.ProvidersAndFirst.Sample((providers, first) =>
        {
            var actual = FailoverOrder.Of(providers, first).Select(Sent).ToList();

            return providers.Where(p => p.Enabled).All(p => actual.Contains(Sent(p)));
        });

    private static string Sent(ProviderConfig p) => string.Join('\n',
        p.BaseUrl.AbsoluteUri.ToUpperInvariant(), p.ApiKey, p.Model, p.Proxy?.AbsoluteUri, p.Api,
        string.Join(';', p.Headers.Select(h => h.Name + "=" + h.Value)));

    [Fact]
    public void Of_contains_only_enabled_providers() =>
        RoutingGens.ProvidersAndFirst.Sample((providers, first) =>
            FailoverOrder.Of(providers, first).All(p => p.Enabled));

    [Fact]
    public void Of_keeps_config_order_after_first() =>
        RoutingGens.ProvidersAndFirst.Sample((providers, first) =>
        {
            var actual = FailoverOrder.Of(providers, first);

            var positions = actual.Skip(1).Select(p => providers.IndexOf(p)).ToArray();
            return positions.Zip(positions.Skip(1)).All(pair => pair.Item1 < pair.Item2);
        });

    [Fact]
    public void Of_identical_providers_are_tried_once()
    {
        var a = RoutingGens.Provider("a", baseUrl: "https://same.example/v1", apiKey: "k");
        var b = RoutingGens.Provider("b", baseUrl: "https://other.example/v1", apiKey: "k");
        var c = RoutingGens.Provider("c", baseUrl: "https://SAME.example/v1", apiKey: "k");
        var d = RoutingGens.Provider("d", weight: 0, baseUrl: "https://d.example/v1");

        var actual = FailoverOrder.Of([a, b, c, d], b);

        Assert.Equal(new[] { b, a }, actual);
    }
}
