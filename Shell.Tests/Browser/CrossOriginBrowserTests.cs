using System.Collections.Concurrent;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Browser;

/// Issue 13, item 8, in a real browser: a page from another loopback origin cannot read the
/// report API nor spend the user's keys, with auth off (the default).
[Trait("Category", "Browser")]
public sealed class CrossOriginBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_page_of_another_origin_can_neither_read_reports_nor_reach_the_upstream()
    {
        await using var env = await TestEnv.StartAsync(reports: true);
        await using var attacker = await AttackerSite.StartAsync(env.Gateway.BaseAddress);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var gatewayUrl = env.Gateway.BaseAddress.AbsoluteUri.TrimEnd('/');
        var sent = new ConcurrentBag<string>();
        var answered = new ConcurrentBag<int>();
        page.Request += (_, r) =>
        {
            if (r.Url.StartsWith(gatewayUrl, StringComparison.Ordinal)) sent.Add(r.Url);
        };
        page.Response += (_, r) =>
        {
            if (r.Url.StartsWith(gatewayUrl, StringComparison.Ordinal)) answered.Add(r.Status);
        };

        await page.GotoAsync(attacker.Url.AbsoluteUri);
        await page.EvaluateAsync("() => window.done");
        var report = await page.EvaluateAsync<string>("() => results.report");
        var chat = await page.EvaluateAsync<string>("() => results.chat");

        Assert.Equal("blocked", report);
        Assert.Equal("blocked", chat);
        Assert.Equal(0, env.Sim.RequestCount);
        // Each refusal is recorded (every answer carries its audit id); none reached a provider.
        Assert.All(env.Sink.Exchanges, e => Assert.Equal((403, 0), (e.Status, e.Attempts.Length)));
        // The browser did send all three (the test is not vacuous); the answers it let the page
        // see (the no-cors one) are the gateway's 403, the others failed CORS.
        Assert.Equal(3, sent.Count);
        Assert.NotEmpty(answered);
        Assert.All(answered, status => Assert.Equal(403, status));
    }
}
