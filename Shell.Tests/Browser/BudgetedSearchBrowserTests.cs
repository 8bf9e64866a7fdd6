using Menshen.Shell.Tests.Reports;
using Microsoft.Playwright;

namespace Menshen.Shell.Tests.Browser;

/// A text search over more rows than one page may read (LogScan.Text): the real report API
/// answers an empty page with a cursor, and the Logs page must say that the search goes on
/// (not that nothing matches) and reach the matches through Older →.
[Trait("Category", "Browser")]
public sealed class BudgetedSearchBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_empty_page_with_more_to_search_says_so_and_older_reaches_the_matches()
    {
        await using var env = await ReportClient.StartAsync([]);
        ReportScanBudgetTests.Seed(env.Store!); // 40,000 rows; the needle in the 3 oldest
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            TimezoneId = "UTC",
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);

        await page.GotoAsync(new Uri(env.Client.BaseAddress!, "#/logs?days=30&q=needle").AbsoluteUri);
        var empty = page.Locator(".state-empty strong");
        await empty.WaitForAsync();

        Assert.Equal("No match in the rows searched so far", await empty.InnerTextAsync());
        var older = page.GetByRole(AriaRole.Button, new() { Name = "Older →" });
        var rows = page.Locator(".table-logs tbody tr");
        // Each page searches for at most 100 ms: on a loaded machine (a make test beside two
        // builds) five pages did not reach the oldest rows, so go on until the window's end.
        for (var shown = 2; shown <= 60 && await rows.CountAsync() == 0
            && !await older.IsDisabledAsync(); shown++)
        {
            // The page number changes a render before the fetch starts: wait for the answer.
            await page.RunAndWaitForResponseAsync(() => older.ClickAsync(),
                r => r.Url.Contains("/__report/logs?", StringComparison.Ordinal) && r.Url.Contains("before=", StringComparison.Ordinal));
            await SettledAsync(page, shown);
        }
        Assert.Equal(3, await rows.CountAsync());
        Assert.True(await older.IsDisabledAsync()); // the window's end: no cursor left

        await page.GotoAsync(new Uri(env.Client.BaseAddress!, "#/logs?days=30&model=nobody").AbsoluteUri);
        await page.Locator(".state-empty strong", new() { HasTextString = "No requests match" }).WaitForAsync();
        Assert.Empty(problems);
    }

    // The pager reads "Page N · loading…" until page N's answer is shown.
    private static async Task SettledAsync(IPage page, int number)
    {
        var pager = page.Locator(".pager .muted");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string text;
        while (!((text = await pager.InnerTextAsync()).StartsWith($"Page {number}", StringComparison.Ordinal)
            && !text.Contains("loading", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.StartsWith($"Page {number}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("loading", text, StringComparison.Ordinal);
    }
}
