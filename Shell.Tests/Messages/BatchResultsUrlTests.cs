using System.Net;
using System.Text.Json;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Menshen.Shell.Tests.Messages;

/// helper-85: the Anthropic SDK's `messages.batches.results()` follows the batch's absolute
/// `results_url`: through the gateway it went straight to the provider's host, with the
/// gateway's client token and unrecorded. The gateway now answers it as a path of its own.
public class BatchResultsUrlTests
{
    [Fact]
    public async Task A_batch_s_results_url_points_back_through_the_gateway()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var upstream = builder.Build();
        upstream.Run(context =>
        {
            var results = $"http://{context.Request.Host}/v1/messages/batches/msgbatch_1/results";
            if (context.Request.Path.Value!.EndsWith("/results", StringComparison.Ordinal))
                return context.Response.WriteAsync("""{"custom_id":"a"}""" + "\n");
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync($$"""
                {"id":"msgbatch_1","type":"message_batch","processing_status":"ended",
                "results_url":"{{results}}"}
                """);
        });
        await upstream.StartAsync();
        var provider = TestConfigs.Provider("anthropic", new Uri(upstream.Urls.First() + "/v1"))
            with { Api = ProviderApi.Anthropic };
        await using var env = await TestEnv.StartAsync(audit: true,
            configure: _ => TestConfigs.With(provider));
        env.Client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");

        using var batch = await env.Client.GetAsync("/v1/messages/batches/msgbatch_1");
        var text = await batch.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var url = json.RootElement.GetProperty("results_url").GetString()!;
        using var results = await env.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal("/v1/messages/batches/msgbatch_1/results", url);
        Assert.Equal(text.Length, batch.Content.Headers.ContentLength);
        Assert.Equal("msgbatch_1", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        Assert.Equal("""{"custom_id":"a"}""" + "\n", await results.Content.ReadAsStringAsync());
        await env.Sink.NextAsync();
        Assert.Equal(200, (await env.Sink.NextAsync()).Status); // the download, recorded
    }

    /// A batch answer past 1 MiB (a list page of many batches) is not read whole: it goes on
    /// as it came, the bytes read so far first. (The first version closed the upstream's body
    /// under them: the client's answer ended after the first MiB.)
    [Fact]
    public async Task A_batch_answer_over_1_MiB_goes_on_as_it_came()
    {
        var filler = new string('x', 1_200_000);
        const string upstreamHost = "https://api.anthropic.com";
        var body = $$"""{"id":"msgbatch_2","results_url":"{{upstreamHost}}/v1/messages/"""
            + $$"""batches/msgbatch_2/results","note":"{{filler}}"}""";
        await using var upstream = await FixedUpstream.StartAsync(
            System.Text.Encoding.UTF8.GetBytes(body), "application/json");
        var provider = TestConfigs.Provider("anthropic", upstream.BaseUrl)
            with { Api = ProviderApi.Anthropic };
        await using var env = await TestEnv.StartAsync(configure: _ => TestConfigs.With(provider));
        env.Client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");

        using var response = await env.Client.GetAsync("/v1/messages/batches/msgbatch_2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }
}
