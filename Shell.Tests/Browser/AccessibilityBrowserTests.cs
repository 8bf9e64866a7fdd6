using System.Globalization;
using Microsoft.Playwright;

namespace Menshen.Shell.Tests.Browser;

/// The dashboard by keyboard and screen reader (helper-95, WCAG 2.2 AA): titles and focus per
/// view, focus back on the row a record was opened from, pager buttons that keep the focus,
/// charts whose numbers are text, a 320 px screen, and reduced motion.
[Trait("Category", "Browser")]
public sealed class AccessibilityBrowserTests(BrowserFixture browser, DashboardSite site)
    : IClassFixture<BrowserFixture>, IClassFixture<DashboardSite>
{
    [Fact]
    public async Task Each_view_names_itself_and_Back_returns_the_focus_to_the_row()
    {
        await using var context = await OpenAsync(1280);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("#/?days=1"));
        await page.Locator(".cards .card:not(.is-loading)").First.WaitForAsync();
        Assert.Equal("Overview · Menshen", await page.TitleAsync());

        // Skip link first, then the view link, by keyboard only.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await Focused(page, "e => e.textContent"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".table-logs tbody tr").Nth(4).WaitForAsync();
        Assert.Equal("Audit log · Menshen", await page.TitleAsync());
        Assert.Equal("H1:Audit log", await Focused(page, "e => e.tagName + ':' + e.textContent"));

        var link = page.Locator(".table-logs tbody tr a").Nth(4);
        var href = await link.GetAttributeAsync("href");
        var id = href!["#/logs/".Length..];
        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Response body" }).WaitForAsync();
        Assert.Equal($"Request {id} · Menshen", await page.TitleAsync());
        Assert.Equal("H1:Request", await Focused(page, "e => e.tagName + ':' + e.textContent"));

        await page.GoBackAsync();
        await WaitFor(page, $"() => document.activeElement?.getAttribute('href') === '{href}'");
        Assert.Equal("Audit log · Menshen", await page.TitleAsync());
    }

    [Fact]
    public async Task Pager_and_clear_buttons_keep_the_keyboard_focus_on_the_page()
    {
        await using var context = await OpenAsync(1280);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("#/logs?limit=50"));
        var rows = page.Locator(".table-logs tbody tr");
        await rows.Nth(49).WaitForAsync();

        // "Older" cannot act while its page loads; a disabled button dropped the focus to <body>.
        var older = page.GetByRole(AriaRole.Button, new() { Name = "Older →" });
        await older.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await WaitFor(page, $"() => document.querySelectorAll('.table-logs tbody tr').length === {site.Requests - 50}");
        Assert.Equal("Older →", await Focused(page, "e => e.textContent"));
        var newer = page.GetByRole(AriaRole.Button, new() { Name = "← Newer" });
        await newer.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await WaitFor(page, "() => document.querySelectorAll('.table-logs tbody tr').length === 50");
        Assert.Equal("← Newer", await Focused(page, "e => e.textContent")); // now aria-disabled
        Assert.Equal("true", await newer.GetAttributeAsync("aria-disabled"));
        Assert.Equal("50 requests on this page", await page.Locator("[role=status].sr-only").First.InnerTextAsync());

        // "Clear filters" goes away when pressed: the focus goes to the first filter.
        await page.GotoAsync(Url("#/logs?model=gpt-4o"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await WaitFor(page, "() => document.activeElement?.type === 'search'");
    }

    [Fact]
    public async Task At_320_px_nothing_scrolls_sideways_and_the_charts_numbers_are_text()
    {
        await using var context = await OpenAsync(320, reducedMotion: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("#/?days=1"));
        await page.Locator(".chart-plot canvas").Nth(1).WaitForAsync();

        // The brand's name is hidden from sight at this width, not from the link.
        await page.GetByRole(AriaRole.Link, new() { Name = "Menshen", Exact = true }).WaitForAsync();
        Assert.Equal(320, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));

        // The requests chart as a table: one row per hour, totals that add up to the requests.
        var requests = page.Locator(".chart", new() { Has = page.Locator("th", new() { HasTextString = "Cached" }) });
        Assert.Contains($"OK {site.Requests - site.Errors - site.CacheHits}",
            await requests.Locator(".chart-plot").GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        await requests.GetByText("Show as a table").ClickAsync();
        var body = requests.Locator("tbody tr");
        Assert.InRange(await body.CountAsync(), 24, 25);
        var totals = await requests.Locator("tfoot td").AllInnerTextsAsync();
        Assert.Equal(site.Requests, totals.Sum(t => int.Parse(t, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));

        // No spinning, shimmering or pulsing when the system asks for less motion.
        var duration = await page.EvaluateAsync<string>(
            "() => { const s = document.createElement('span'); s.className = 'spinner'; document.body.append(s);" +
            " const d = getComputedStyle(s).animationDuration; s.remove(); return d; }");
        Assert.True(double.Parse(duration.TrimEnd('s'), CultureInfo.InvariantCulture) < 0.01, duration);

        foreach (var view in new[] { "#/logs", $"#/logs/{site.HostileId}" })
        {
            await page.GotoAsync(Url(view));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.Locator("h1").WaitForAsync();
            Assert.Equal(320, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        }
    }

    private string Url(string relative) => new Uri(site.BaseUrl, relative).AbsoluteUri;

    private async Task<IBrowserContext> OpenAsync(int width, bool reducedMotion = false) =>
        await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = new HttpCredentials { Username = DashboardSite.DashboardUser, Password = DashboardSite.DashboardPassword },
            ViewportSize = new ViewportSize { Width = width, Height = 860 },
            TimezoneId = "UTC",
            Locale = "en-US",
            ReducedMotion = reducedMotion ? ReducedMotion.Reduce : ReducedMotion.NoPreference,
        });

    private static Task<string> Focused(IPage page, string read) =>
        page.EvaluateAsync<string>($"() => ({read})(document.activeElement)");

    private static async Task WaitFor(IPage page, string condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await page.EvaluateAsync<bool>(condition))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out waiting for {condition}; focus on {await Focused(page, "e => e.outerHTML.slice(0, 120)")}");
            await Task.Delay(50);
        }
    }
}
