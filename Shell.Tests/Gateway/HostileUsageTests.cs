using System.Net;
using System.Text;
using Menshen.Core.Config;
using Menshen.Core.Usage;
using Menshen.Shell.Metrics;
using Menshen.Shell.Tests.Storage;
using Menshen.Shell.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Menshen.Shell.Tests.Gateway;

/// Token counts no model produces, as a hostile or broken upstream (a reseller's relay) may send
/// them. Each field alone was a valid int64 and their sum was not: the prompt wrapped negative,
/// the Prometheus counter threw on it, and the audit record was never written (a 200 whose
/// X-Request-Id pointed at nothing), while the answer was cached.
public class HostileUsageTests
{
    private const string Messages =
        """{"model":"claude-x","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}""";

    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task Anthropic_counts_that_overflow_their_sum_leave_the_record_and_no_usage()
    {
        await using var upstream = await FixedUpstream.StartAsync(Encoding.UTF8.GetBytes(
            """{"id":"m","type":"message","role":"assistant","content":[{"type":"text","text":"hi"}],"usage":{"input_tokens":4611686018427387904,"cache_read_input_tokens":4611686018427387904,"output_tokens":1}}"""),
            "application/json");
        await using var env = await TestEnv.StartAsync(simulators: 0, configure: _ =>
            TestConfigs.With(TestConfigs.Provider("relay", upstream.BaseUrl) with
            {
                Api = ProviderApi.Anthropic,
            }));

        using var response = await env.PostAsync("/v1/messages", Messages);
        var record = await env.Sink.NextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(),
            record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(record.Usage);
        // Counted in the metrics too: the odd usage no longer throws out of them.
        Assert.Contains("menshen_requests_total{endpoint=\"messages\",provider=\"relay\","
            + "status=\"200\"} 1", await env.Client.GetStringAsync("/metrics"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_openai_count_at_the_int64_limit_counts_as_not_given()
    {
        await using var upstream = await FixedUpstream.StartAsync(Encoding.UTF8.GetBytes(
            """{"id":"c","object":"chat.completion","choices":[],"usage":{"prompt_tokens":9223372036854775807,"completion_tokens":5}}"""),
            "application/json");
        await using var env = await TestEnv.StartAsync(simulators: 0, configure: _ =>
            TestConfigs.With(TestConfigs.Provider("relay", upstream.BaseUrl)));

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var record = await env.Sink.NextAsync();

        Assert.Equal(new TokenUsage(0, 5, 5, null, null), record.Usage);
    }

    [Fact]
    public async Task A_metrics_failure_never_costs_the_record()
    {
        // Whatever the metrics cannot count (here a negative count made by hand, which the
        // readers no longer produce), the record goes on to the audit.
        var next = new RecordingSink();
        var sink = new MetricsSink(new GatewayMetrics(null, null), next,
            NullLogger<MetricsSink>.Instance);
        var exchange = SampleExchanges.Small(7) with { Usage = new TokenUsage(-2, 1, -1, null, null) };

        await sink.SubmitAsync(exchange, CancellationToken.None);

        Assert.Same(exchange, Assert.Single(next.Exchanges));
    }
}
