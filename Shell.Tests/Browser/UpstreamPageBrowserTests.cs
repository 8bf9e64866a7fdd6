using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Browser;

/// A provider's HTML answer on the gateway's origin, in a real browser (a review found it with
/// headless Chromium): a page on another site navigated the user's tab to a proxied path, the
/// provider answered with a script, and the script read `/__report/logs`. Auth off (the default).
[Trait("Category", "Browser")]
public sealed class UpstreamPageBrowserTests(BrowserFixture browser)
    : IClassFixture<BrowserFixture>
{
    private const string Script =
        "<!doctype html><title>page</title><script>fetch('/__report/logs').then(r => r.text())"
        + ".then(t => document.title = 'STOLEN:' + t, () => document.title = 'blocked')"
        + "</script>";

    [Fact]
    public async Task A_page_on_another_site_cannot_send_the_user_s_tab_to_a_proxied_path()
    {
        await using var upstream = StartUpstream();
        await using var env = await StartGatewayAsync(upstream);
        await using var attacker = await AttackerSite.StartAsync(env.Gateway.BaseAddress);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(attacker.Url.AbsoluteUri);

        var answered = page.WaitForResponseAsync(
            r => r.Url.EndsWith("/v1/files/f/content", StringComparison.Ordinal));
        await page.EvaluateAsync("gw => { location = gw + '/v1/files/f/content'; }",
            env.Gateway.BaseAddress.AbsoluteUri.TrimEnd('/'));
        var answer = await answered;
        // A script that ran would fetch the report API: wait until the network is quiet.
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        Assert.Equal(403, answer.Status);
        Assert.Empty(upstream.Heads);
        Assert.DoesNotContain("STOLEN", await page.TitleAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_page_the_user_opens_runs_no_script_on_the_gateway_origin()
    {
        await using var upstream = StartUpstream();
        await using var env = await StartGatewayAsync(upstream);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // Typed in the address bar (Sec-Fetch-Site: none): served, in a sandbox.
        var answer = await page.GotoAsync(
            new Uri(env.Gateway.BaseAddress, "/v1/files/f/content").AbsoluteUri);
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        Assert.Equal(200, answer?.Status);
        Assert.Single(upstream.Heads);
        Assert.Equal("page", await page.TitleAsync());
    }

    private static RawUpstream StartUpstream() => RawUpstream.Start(
        $"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: {Script.Length}\n\n{Script}");

    private static Task<TestEnv> StartGatewayAsync(RawUpstream upstream) =>
        TestEnv.StartAsync(simulators: 0, reports: true,
            configure: _ => TestConfigs.With(TestConfigs.Provider("files", upstream.BaseUrl)));
}
