using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// Wrong dashboard passwords are throttled per address (helper-46 tried 200 in 2.1 s): five are
/// compared, then the address waits 1 s, 2 s, ... and inside a wait even the right password is
/// refused with a 429 and Retry-After. A right password does not reset the count; a request
/// with no credentials is not an attempt.
public sealed class DashboardLoginTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static async Task<(TestEnv Env, ManualClock Clock)> StartAsync()
    {
        var clock = new ManualClock(Start);
        var env = await TestEnv.StartAsync(
            configure: sims => TestEnv.DefaultConfig(sims).WithAuth("gw-token"), clock: clock);
        return (env, clock);
    }

    private static async Task<HttpResponseMessage> MetricsAsync(TestEnv env, string? password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (password is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + password)));
        return await env.Client.SendAsync(request);
    }

    // helper-73: a browser whose user cancelled the password prompt showed the 401's JSON.
    // A page request (Accept: text/html) gets a short page saying what to do; a script still
    // gets the JSON error.
    [Fact]
    public async Task A_browser_refused_the_dashboard_gets_a_page_and_a_script_the_json()
    {
        var (env, _) = await StartAsync();
        await using var __ = env;
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var browser = await env.Client.SendAsync(page);
        using var script = await env.Client.GetAsync("/");

        Assert.Equal((HttpStatusCode.Unauthorized, "text/html"),
            (browser.StatusCode, browser.Content.Headers.ContentType?.MediaType));
        Assert.Contains("Basic", browser.Headers.WwwAuthenticate.ToString(),
            StringComparison.Ordinal);
        Assert.Contains("reload", await browser.Content.ReadAsStringAsync(),
            StringComparison.OrdinalIgnoreCase);
        Assert.Equal((HttpStatusCode.Unauthorized, "application/json"),
            (script.StatusCode, script.Content.Headers.ContentType?.MediaType));
        Assert.True(browser.Headers.CacheControl?.NoStore);
        Assert.True(script.Headers.CacheControl?.NoStore);
    }

    // helper-75: inside the wait after wrong passwords a browser got the 429's JSON.
    [Fact]
    public async Task A_browser_in_the_login_wait_gets_a_page_with_the_wait()
    {
        var (env, _) = await StartAsync();
        await using var __ = env;
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await MetricsAsync(env, "guess" + i);
        }
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Accept.ParseAdd("text/html");
        page.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:dash-password")));

        using var refused = await env.Client.SendAsync(page);

        Assert.Equal((HttpStatusCode.TooManyRequests, "text/html", "1"),
            (refused.StatusCode, refused.Content.Headers.ContentType?.MediaType,
                refused.Headers.GetValues("Retry-After").Single()));
        Assert.Contains("1 s", await refused.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_are_compared_then_the_address_waits()
    {
        var (env, clock) = await StartAsync();
        await using var _ = env;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await MetricsAsync(env, "guess" + i);
            statuses.Add(wrong.StatusCode);
        }

        using var refused = await MetricsAsync(env, "dash-password");
        var body = await refused.Content.ReadAsStringAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        using var heard = await MetricsAsync(env, "dash-password");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        using var json = JsonDocument.Parse(body);
        Assert.Equal("too_many_login_failures",
            json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, heard.StatusCode);
    }

    [Fact]
    public async Task Waits_double_and_a_right_password_gives_a_guesser_no_new_tries()
    {
        // helper-52: a right password cleared the count, so a guesser sharing the admin's
        // address got five new tries at every refresh of the dashboard.
        var (env, clock) = await StartAsync();
        await using var _ = env;
        for (var i = 0; i < 5; i++) (await MetricsAsync(env, "guess")).Dispose();
        clock.Advance(TimeSpan.FromSeconds(1));
        using var sixth = await MetricsAsync(env, "guess");
        using var waiting = await MetricsAsync(env, "guess");
        clock.Advance(TimeSpan.FromSeconds(2));
        using var right = await MetricsAsync(env, "dash-password");
        using var seventh = await MetricsAsync(env, "guess");
        using var waitingAgain = await MetricsAsync(env, "guess");

        Assert.Equal(HttpStatusCode.Unauthorized, sixth.StatusCode);
        Assert.Equal((HttpStatusCode.TooManyRequests, "2"),
            (waiting.StatusCode, waiting.Headers.GetValues("Retry-After").Single()));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, seventh.StatusCode);
        Assert.Equal((HttpStatusCode.TooManyRequests, "4"),
            (waitingAgain.StatusCode, waitingAgain.Headers.GetValues("Retry-After").Single()));
        Assert.Equal("no-store", waitingAgain.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Requests_without_credentials_are_asked_for_them_and_never_counted()
    {
        var (env, _) = await StartAsync();
        await using var __ = env;
        for (var i = 0; i < 20; i++)
        {
            using var asked = await MetricsAsync(env, null);
            Assert.Equal(HttpStatusCode.Unauthorized, asked.StatusCode);
            Assert.Equal("Basic realm=\"ai-menshen\"", asked.Headers.WwwAuthenticate.ToString());
        }

        using var right = await MetricsAsync(env, "dash-password");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }
}
