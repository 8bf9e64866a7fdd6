using System.Net;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Simulator;

public class SimulatorControlTests : SimulatorTestBase
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task Status_header_503_gives_503_openai_error()
    {
        var (response, body) = await SendAsync(Post("chat/completions", Chat, ("x-sim-status", "503")));
        var actual = Parse(body).GetProperty("error");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("server_error", actual.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(actual.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task FailStatus_option_applies_to_later_requests_until_cleared()
    {
        Sim.Options.FailStatus = 429;
        var (failed, _) = await SendAsync(Post("chat/completions", Chat));
        Sim.Options.FailStatus = null;

        var (actual, _) = await SendAsync(Post("chat/completions", Chat));

        Assert.Equal(HttpStatusCode.TooManyRequests, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
    }

    [Fact]
    public async Task Status_header_200_overrides_FailStatus_option()
    {
        Sim.Options.FailStatus = 502;

        var (actual, _) = await SendAsync(Post("chat/completions", Chat, ("x-sim-status", "200")));

        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
    }

    [Fact]
    public async Task Client_cancel_mid_stream_is_recorded_as_aborted()
    {
        var request = Post("chat/completions", """{"stream":true}""", ("x-sim-chunk-interval-ms", "500"));
        var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        await stream.ReadExactlyAsync(new byte[1]);

        response.Dispose();
        var actual = await Sim.WaitForAbortAsync(TimeSpan.FromSeconds(10));

        Assert.True(actual.Aborted);
        Assert.Equal("/v1/chat/completions", actual.PathAndQuery);
        Assert.Equal(1, Sim.AbortedCount);
    }

    [Fact]
    public async Task Client_cancel_during_header_delay_is_recorded_as_aborted()
    {
        using var cancel = new CancellationTokenSource();
        var request = Post("chat/completions", Chat, ("x-sim-header-delay-ms", "60000"));
        var sending = Client.SendAsync(request, cancel.Token);
        await Sim.WaitForRequestsAsync(1, TimeSpan.FromSeconds(10));

        await cancel.CancelAsync();
        var actual = await Sim.WaitForAbortAsync(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.True(actual.Aborted);
        Assert.Equal(1, Sim.AbortedCount);
    }

    [Fact]
    public async Task Completed_request_is_recorded_with_headers_and_body_and_not_aborted()
    {
        await SendAsync(Post("chat/completions?trace=1", Chat, ("x-trace", "abc")));

        var actual = Sim.Requests.Single();

        Assert.Equal("POST", actual.Method);
        Assert.Equal("/v1/chat/completions?trace=1", actual.PathAndQuery);
        Assert.Equal("abc", actual.Headers["X-Trace"]);
        Assert.Equal(Chat, actual.BodyText);
        Assert.False(actual.Aborted);
        Assert.Equal(0, Sim.AbortedCount);
        await Assert.ThrowsAsync<TimeoutException>(() => Sim.WaitForAbortAsync(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task ResetLog_forgets_requests_and_counts()
    {
        await SendAsync(Post("chat/completions", Chat));

        Sim.ResetLog();

        Assert.Empty(Sim.Requests);
        Assert.Equal(0, Sim.RequestCount);
    }

    [Fact]
    public async Task Fast_mode_replies_identically_without_recording()
    {
        Sim.Options.Fast = true;

        var (_, first) = await SendAsync(Post("chat/completions", Chat));
        var (_, actual) = await SendAsync(Post("chat/completions", Chat));

        Assert.Equal(first, actual);
        Assert.Equal(SimulatedUsage.For(Chat, Sim.Options.Chunks),
            SimulatorEndpointTests.UsageOf(Parse(actual).GetProperty("usage")));
        Assert.Empty(Sim.Requests);
        Assert.Equal(2, Sim.RequestCount);
    }
}
