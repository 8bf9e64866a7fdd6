using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;

namespace Menshen.Shell.Tests.Browser;

/// The embedded dashboard in headless Chromium, against a gateway that served real traffic.
[Trait("Category", "Browser")]
public sealed class DashboardBrowserTests(BrowserFixture browser, DashboardSite site)
    : IClassFixture<BrowserFixture>, IClassFixture<DashboardSite>
{
    // Into the test output by default so a test run leaves the checkout clean; `make screenshots`
    // points this at docs/screenshots to refresh the README's pictures.
    private static readonly string ScreenshotDir =
        Environment.GetEnvironmentVariable("MENSHEN_SCREENSHOTS") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Overview_shows_cards_charts_and_tables_from_real_traffic()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync(Url("#/?days=1"));
        await page.Locator(".cards .card:not(.is-loading)").Nth(6).WaitForAsync();

        Assert.Equal(Invariant(site.Requests), await CardValue(page, "Requests"));
        Assert.Equal($"{site.Errors} errors", await CardSub(page, "Error rate"));
        Assert.Equal($"{site.CacheHits} of {site.Requests} requests", await CardSub(page, "Cache hit rate"));
        Assert.StartsWith("$", await CardValue(page, "Cost"));
        Assert.NotEqual("—", await CardValue(page, "Latency"));

        // Both charts drew on a canvas of real size.
        var plots = page.Locator(".chart-plot canvas");
        await plots.Nth(1).WaitForAsync();
        foreach (var canvas in await plots.AllAsync())
        {
            var box = await canvas.BoundingBoxAsync();
            Assert.True(box is { Width: > 100, Height: > 50 }, "chart canvas has no size");
        }

        var models = await TableText(page, "By model");
        Assert.Contains("gpt-4o-mini", models);
        Assert.Contains("gpt-4o", models);
        Assert.Contains(DashboardSite.HostileModel, models); // shown as text
        var keys = await TableText(page, "By client key");
        Assert.Contains("alice", keys);
        Assert.Contains("bob", keys);
        var providers = await TableText(page, "By provider");
        Assert.Contains("primary", providers);
        Assert.Contains("Failed tries", providers); // the failing requests failed over


        await Screenshot(page, "overview.png");
        session.AssertClean();
    }

    [Fact]
    public async Task Logs_filter_paginate_and_open_a_detail()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        var rows = page.Locator(".table-logs tbody tr");

        await page.GotoAsync(Url("#/logs"));
        await Expect(rows, site.Requests); // the default page size is 100
        await page.GetByLabel("Page size").SelectOptionAsync("50");
        await Expect(rows, 50);
        var firstPageTop = await rows.First.Locator("td").First.InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Older →" }).ClickAsync();
        await Expect(rows, site.Requests - 50);
        Assert.Contains(session.Requests, u => u.Contains("/__report/logs?", StringComparison.Ordinal) && u.Contains("before=", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "← Newer" }).ClickAsync();
        await Expect(rows, 50);
        Assert.Equal(firstPageTop, await rows.First.Locator("td").First.InnerTextAsync());

        await page.GetByLabel("Streamed").SelectOptionAsync("true");
        await Expect(rows, site.Streamed);
        await page.GetByLabel("Streamed").SelectOptionAsync("");
        await page.GetByLabel("Status").SelectOptionAsync("5xx");
        await Expect(rows, site.Errors);
        // Each failing request failed over across both providers: each was tried at both.
        foreach (var provider in new[] { "primary", "backup" })
        {
            await page.RunAndWaitForRequestAsync(() => page.GetByLabel("Tried").FillAsync(provider),
                r => r.Url.Contains("tried=" + provider, StringComparison.Ordinal));
            await Expect(rows, site.Errors);
        }
        await page.GetByLabel("Tried").FillAsync("");
        await page.GetByLabel("Status").SelectOptionAsync("");
        await page.GetByLabel("Cache").SelectOptionAsync("true");
        await Expect(rows, site.CacheHits);
        await page.GetByLabel("Cache").SelectOptionAsync("");
        await page.GetByLabel("Search bodies").FillAsync("haiku number 7 ");
        await Expect(rows, 1);
        await Screenshot(page, "logs-filtered.png", fullPage: false);

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Expect(rows, site.Requests); // clearing also restores the default page size
        await Screenshot(page, "logs.png", fullPage: false); // the first rows; the page is long

        await rows.Nth(3).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"#/logs/\d+$"));
        await page.GetByRole(AriaRole.Heading, new() { Name = "Request body" }).WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Response body" }).WaitForAsync();
        Assert.Contains("chat/completions", await page.Locator(".facts").InnerTextAsync());
        session.AssertClean();
    }

    [Fact]
    public async Task A_streamed_answer_is_reassembled_in_the_detail()
    {
        await using var session = await OpenAsync(dark: true);
        var page = session.Page;
        await page.GotoAsync(Url("#/logs?stream=true"));
        var rows = page.Locator(".table-logs tbody tr");
        await Expect(rows, site.Streamed);
        await rows.First.ClickAsync();
        var prose = page.Locator("pre.prose").First;
        await prose.WaitForAsync();
        Assert.False(string.IsNullOrWhiteSpace(await prose.InnerTextAsync()));
        Assert.DoesNotContain("data:", await prose.InnerTextAsync(), StringComparison.Ordinal);
        await Screenshot(page, "detail-stream-dark.png");
        session.AssertClean();
    }

    // A hit stores no response body; its detail said "Not recorded (body logging may be off)".
    [Fact]
    public async Task A_cache_hit_links_to_the_request_whose_answer_it_replayed()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync(Url("#/logs?cached=true"));
        var rows = page.Locator(".table-logs tbody tr");
        await Expect(rows, site.CacheHits);
        await rows.First.ClickAsync();
        var link = page.Locator("a.replayed-link");
        await link.WaitForAsync();
        var source = (await link.GetAttributeAsync("href"))!;

        Assert.Matches(@"^#/logs/\d+$", source);
        var response = page.Locator(".body-view").Nth(1);
        Assert.Contains("replayed the answer of request", await response.InnerTextAsync(),
            StringComparison.Ordinal);
        await link.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(
            System.Text.RegularExpressions.Regex.Escape(source) + "$"));
        await page.Locator(".body-view").Nth(1).Locator("pre").First.WaitForAsync();
        Assert.Contains("haiku number 0", await page.Locator(".body-view").First.InnerTextAsync(),
            StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("a.replayed-link").CountAsync());
        session.AssertClean();
    }

    [Fact]
    public async Task A_stored_xss_payload_is_shown_as_text_and_never_runs()
    {
        await using var session = await OpenAsync();
        var page = session.Page;

        await page.GotoAsync(Url($"#/logs/{site.HostileId}"));
        var body = page.Locator("pre.code").First;
        await body.WaitForAsync();
        Assert.Contains("<img src=x onerror=", await body.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(DashboardSite.HostileModel, await page.Locator(".facts").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(Url("#/logs?key=alice"));
        await page.Locator(".table-logs tbody tr").First.WaitForAsync();
        Assert.Contains("<script>", await page.Locator(".table-logs").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(Url("#/?days=1"));
        await page.GetByText(DashboardSite.HostileModel).First.WaitForAsync();
        await page.GetByText(DashboardSite.HostileModel).First.HoverAsync();

        Assert.Equal(0, await page.Locator("img[src='x'], script:not([src]), b[onmouseover]").CountAsync());
        Assert.Equal("none", await page.EvaluateAsync<string>("() => String(window.__xss ?? 'none')"));
        session.AssertClean(); // no dialog opened
    }

    [Fact]
    public async Task A_text_direction_override_in_a_model_is_shown_not_obeyed()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        const string Shown = "claude-x\\u202Eevil";

        await page.GotoAsync(Url($"#/logs/{site.SpoofId}"));
        var facts = page.Locator(".facts");
        await facts.WaitForAsync();
        await page.GetByText(Shown).First.WaitForAsync();
        Assert.DoesNotContain('\u202E', await facts.InnerTextAsync());

        await page.GotoAsync(Url("#/logs?key=alice"));
        await page.Locator(".table-logs tbody tr").First.WaitForAsync();
        var table = await page.Locator(".table-logs").InnerTextAsync();
        Assert.Contains(Shown, table, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', table);

        // helper-92: the filter box and its suggestions held the raw override, which reordered
        // them. They show the name as the table does, and filter by the name it stands for.
        await page.GotoAsync(Url("#/logs?model=" + Uri.EscapeDataString(DashboardSite.SpoofModel)));
        await page.Locator(".table-logs tbody tr").First.WaitForAsync();
        var box = page.GetByLabel("Model");
        Assert.Equal(Shown, await box.InputValueAsync());
        Assert.Contains(Shown, await page.Locator(".table-logs").InnerTextAsync(),
            StringComparison.Ordinal);
        var suggestions = await page.Locator("#dl-models option").EvaluateAllAsync<string[]>(
            "options => options.map(o => o.value)");
        Assert.Contains(Shown, suggestions);
        Assert.DoesNotContain(suggestions, v => v.Contains('\u202E', StringComparison.Ordinal));
        session.AssertClean();
    }

    [Fact]
    public async Task No_request_leaves_127_0_0_1()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        foreach (var view in new[] { "#/?days=1", "#/?days=30", "#/logs", $"#/logs/{site.HostileId}" })
        {
            await page.GotoAsync(Url(view));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.Contains(session.Requests, u => u.Contains("/assets/", StringComparison.Ordinal));
        Assert.Contains(session.Requests, u => u.Contains("/__report/", StringComparison.Ordinal));
        Assert.All(session.Requests, u => Assert.Equal("127.0.0.1", new Uri(u).Host));
        session.AssertClean();
    }

    [Fact]
    public async Task The_dashboard_needs_basic_auth()
    {
        // Headless Chromium cannot show the sign-in prompt, so ask as the page would, without credentials.
        await using var context = await browser.Browser.NewContextAsync();
        foreach (var path in new[] { "", "__report/summary", "__report/logs" })
        {
            var response = await context.APIRequest.GetAsync(Url(path));
            Assert.Equal(401, response.Status);
            Assert.StartsWith("Basic", response.Headers["www-authenticate"], StringComparison.Ordinal);
        }
        await using var signedIn = await OpenAsync();
        await signedIn.Page.GotoAsync(Url("#/"));
        await signedIn.Page.Locator(".cards .card:not(.is-loading)").First.WaitForAsync();
        signedIn.AssertClean();
    }

    private string Url(string relative) => new Uri(site.BaseUrl, relative).AbsoluteUri;

    private async Task<Session> OpenAsync(bool dark = false)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = new HttpCredentials { Username = DashboardSite.DashboardUser, Password = DashboardSite.DashboardPassword },
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            TimezoneId = "UTC",
            Locale = "en-US",
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
        });
        var session = new Session(context, await context.NewPageAsync());
        // Every request the page makes is seen here; anything not on loopback is refused and reported.
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            session.Requests.Add(url);
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host == "127.0.0.1") await route.ContinueAsync();
            else
            {
                session.Problems.Add($"request left the machine: {url}");
                await route.AbortAsync();
            }
        });
        session.Page.Dialog += (_, dialog) => { session.Problems.Add($"dialog opened: {dialog.Message}"); _ = dialog.DismissAsync(); };
        session.Page.PageError += (_, error) => session.Problems.Add($"page error: {error}");
        session.Page.Console += (_, message) =>
        {
            if (message.Type == "error") session.Problems.Add($"console error: {message.Text}");
        };
        return session;
    }

    private static async Task Expect(ILocator rows, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        int seen;
        while ((seen = await rows.CountAsync()) != count && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(count, seen);
    }

    private static Task<string> CardValue(IPage page, string label) =>
        page.Locator(".card", new() { Has = page.Locator(".card-label", new() { HasTextString = label }) })
            .Locator(".card-value").InnerTextAsync();

    private static Task<string> CardSub(IPage page, string label) =>
        page.Locator(".card", new() { Has = page.Locator(".card-label", new() { HasTextString = label }) })
            .Locator(".card-sub").InnerTextAsync();

    private static async Task<string> TableText(IPage page, string title)
    {
        var panel = page.Locator(".panel", new() { Has = page.Locator("h2", new() { HasTextString = title }) });
        await panel.Locator("tbody tr").First.WaitForAsync();
        return await panel.InnerTextAsync();
    }

    private static async Task Screenshot(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotDir);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name), FullPage = fullPage });
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Session(IBrowserContext context, IPage page) : IAsyncDisposable
    {
        public IPage Page { get; } = page;
        public ConcurrentBag<string> Requests { get; } = [];
        public ConcurrentBag<string> Problems { get; } = [];

        public void AssertClean() => Assert.Empty(Problems);

        public async ValueTask DisposeAsync() => await context.DisposeAsync();
    }
}
