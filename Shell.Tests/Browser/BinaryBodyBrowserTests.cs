using Menshen.Shell.Tests.Reports;

namespace Menshen.Shell.Tests.Browser;

/// The detail view of bodies that are no text, and of a text longer than the API sends
/// (helper-85: an mp3 showed as a page of garbled characters).
[Trait("Category", "Browser")]
public sealed class BinaryBodyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Binary_bodies_show_their_size_and_a_capped_text_says_it_is_the_start()
    {
        var speech = ReportBinaryBodyTests.Speech;
        var longText = ReportBinaryBodyTests.LongText;
        await using var env = await ReportClient.StartAsync([speech, longText]);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);

        await page.GotoAsync(new Uri(env.Client.BaseAddress!, $"#/logs/{speech.Id}").AbsoluteUri);
        var bodies = page.Locator(".body-view");
        await bodies.Nth(1).Locator(".body-content p").WaitForAsync();
        var request = await bodies.Nth(0).InnerTextAsync();
        var response = await bodies.Nth(1).InnerTextAsync();
        await page.GotoAsync(new Uri(env.Client.BaseAddress!, $"#/logs/{longText.Id}").AbsoluteUri);
        var capped = page.Locator(".body-view .badge-text").First;
        await capped.WaitForAsync();

        Assert.Contains("binary, 2000 bytes (2.0 KB) stored of 3000: not shown as text", request,
            StringComparison.Ordinal);
        Assert.Contains($"binary, {ReportBinaryBodyTests.Mp3Bytes} bytes (1.0 MB)", response,
            StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", request + response, StringComparison.Ordinal);
        Assert.Equal("showing the first 1.0 MB of 3.0 MB", await capped.InnerTextAsync());
        Assert.Empty(problems);
    }
}
