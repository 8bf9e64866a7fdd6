using System.Net;
using System.Text.Json;
using Menshen.Shell.Tests.Support;
using static Menshen.Shell.Tests.Reports.ReportClient;

namespace Menshen.Shell.Tests.Reports;

public class ReportErrorTests
{
    /// One bad value for each class of parameter, and the parameter the answer must name.
    [Theory]
    [InlineData("/__report/summary?days=0", "days")]
    [InlineData("/__report/summary?days=abc", "days")]
    [InlineData("/__report/models?days=3651", "days")]
    [InlineData("/__report/providers?days=1&days=2", "days")]
    [InlineData("/__report/keys?days=-3", "days")]
    [InlineData("/__report/daily?tz=Mars/Olympus", "tz")]
    [InlineData("/__report/daily?tz=../../etc/passwd", "tz")]
    [InlineData("/__report/series?bucket=week", "bucket")]
    [InlineData("/__report/series?tz=Nowhere/City&bucket=minute", "tz")]
    [InlineData("/__report/series?bucket=hour&days=400", "bucket")]
    [InlineData("/__report/logs?limit=0", "limit")]
    [InlineData("/__report/logs?limit=1001", "limit")]
    [InlineData("/__report/logs?before=abc", "before")]
    [InlineData("/__report/logs?format=xml", "format")]
    [InlineData("/__report/logs?status=6xx", "status")]
    [InlineData("/__report/logs?endpoint=/v1/images/generations", "endpoint")]
    [InlineData("/__report/logs?cached=yes", "cached")]
    [InlineData("/__report/logs?stream=1", "stream")]
    [InlineData("/__report/log", "id")]
    [InlineData("/__report/log?id=abc", "id")]
    [InlineData("/__report/log?id=-5", "id")]
    [InlineData("/__report/logs?models=gpt-4o", "models")]
    [InlineData("/__report/summary?limit=5", "limit")]
    public async Task Bad_parameter_gives_400_naming_it(string path, string param)
    {
        await using var env = await StartAsync([]);

        using var actual = await env.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, actual.StatusCode);
        var message = await OpenAiError.AssertShapeAsync(actual);
        var error = Parse(await actual.Content.ReadAsStringAsync()).GetProperty("error");
        Assert.Equal((param, "invalid_request_error", "invalid_parameter"),
            (error.GetProperty("param").GetString(), error.GetProperty("type").GetString(), error.GetProperty("code").GetString()));
        Assert.StartsWith(param + ":", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_parameters_are_all_named_in_one_answer()
    {
        await using var env = await StartAsync([]);

        using var actual = await env.Client.GetAsync("/__report/logs?days=0&limit=x&q=" + new string('q', 501));

        var message = await OpenAiError.AssertShapeAsync(actual);
        Assert.Equal("days: expected an integer from 1 to 3650, got '0'; limit: expected an integer from 1 to 1000, got 'x'; "
            + "q: expected at most 500 characters, got 501", message);
    }

    // helper-99: a time in unix milliseconds where a cursor belongs, and a search that is not
    // UTF-8, both answered [] as if nothing matched: now a 400 that says what was wrong.
    [Theory]
    [InlineData("/__report/logs?before=1760000000000", "before",
        "got '1760000000000', which reads as unix milliseconds (2025-10-09T08:53:20Z)")]
    [InlineData("/__report/logs?q=%FF", "q",
        "q: expected percent-encoded UTF-8 text, got '%FF', whose bytes are not UTF-8")]
    [InlineData("/__report/logs?model=a%C3", "model", "got 'a%C3', whose bytes are not UTF-8")]
    public async Task A_plausible_but_wrong_value_is_a_400_not_an_empty_page(
        string path, string param, string expected)
    {
        await using var env = await StartAsync([]);

        using var actual = await env.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, actual.StatusCode);
        var message = await OpenAiError.AssertShapeAsync(actual);
        var error = Parse(await actual.Content.ReadAsStringAsync()).GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/__report/unknown")]
    [InlineData("/__report/")]
    [InlineData("/__report/summary/extra")]
    [InlineData("/__report/Summary")]
    public async Task Unknown_report_route_gives_404_json(string path)
    {
        await using var env = await StartAsync([]);

        using var actual = await env.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, actual.StatusCode);
        await OpenAiError.AssertShapeAsync(actual);
        Assert.Equal(0, env.Sim.RequestCount);
    }

    [Fact]
    public async Task Unknown_log_id_gives_404_json()
    {
        await using var env = await StartAsync(ReportRows.Seeded);

        using var actual = await env.Client.GetAsync("/__report/log?id=12345");

        Assert.Equal(HttpStatusCode.NotFound, actual.StatusCode);
        Assert.Equal("No audit record with id 12345.", await OpenAiError.AssertShapeAsync(actual));
    }

    [Fact]
    public async Task Post_to_a_report_gives_405()
    {
        await using var env = await StartAsync([]);

        using var actual = await env.Client.PostAsync("/__report/summary", TestEnv.Json("{}"));
        using var head = await env.Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Head, "/__report/summary"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, actual.StatusCode);
        // helper-94: `Allow: GET` named only one of the two methods answered.
        Assert.Equal(["GET", "HEAD"], actual.Content.Headers.Allow.Order());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task A_cache_buster_is_not_refused()
    {
        await using var env = await StartAsync([]);

        using var actual = await env.Client.GetAsync("/__report/summary?days=2&_=17");

        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
        using var _ = JsonDocument.Parse(await actual.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_misspelt_filter_is_named_with_its_likely_meaning()
    {
        await using var env = await StartAsync([]);

        using var actual = await env.Client.GetAsync("/__report/logs?models=gpt-4o&days=2");

        var message = await OpenAiError.AssertShapeAsync(actual);
        Assert.StartsWith("models: not a parameter of /__report/logs; did you mean 'model'?",
            message, StringComparison.Ordinal);
    }
}
