using System.Net;
using Menshen.Shell.Hosting;
using Menshen.Shell.Http;
using Menshen.Shell.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Menshen.Shell.Tests.Http;

public sealed class ReportQueryGateTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(8, 4)]
    public void Reports_get_half_the_cores_and_at_least_one(int cores, int slots) =>
        Assert.Equal(slots, ReportQueryGate.ForCores(cores));

    [Fact]
    public async Task A_query_past_the_limit_starts_only_when_a_slot_frees()
    {
        using var gate = new ReportQueryGate(1);
        var firstRelease = new TaskCompletionSource<bool>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = false;
        var first = gate.RunAsync(() =>
        {
            firstStarted.SetResult();
            return firstRelease.Task;
        }, CancellationToken.None);
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = gate.RunAsync(() =>
        {
            secondStarted = true;
            return Task.FromResult(true);
        }, CancellationToken.None);

        await Task.Delay(100);
        Assert.False(secondStarted);
        Assert.False(second.IsCompleted);
        firstRelease.SetResult(true);
        Assert.True(await first);
        Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(secondStarted);
    }

    [Fact]
    public async Task A_waiting_caller_that_leaves_gives_up_its_turn_and_no_slot()
    {
        using var gate = new ReportQueryGate(1);
        var release = new TaskCompletionSource<bool>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var running = gate.RunAsync(() => release.Task, CancellationToken.None);
        using var leaving = new CancellationTokenSource();
        var ranAfterLeaving = false;
        var left = gate.RunAsync(() =>
        {
            ranAfterLeaving = true;
            return Task.FromResult(true);
        }, leaving.Token);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        release.SetResult(true);
        await running;
        // The slot came back once: the next query runs, the one that left never does.
        Assert.True(await gate.RunAsync(() => Task.FromResult(true), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(ranAfterLeaving);
    }

    [Fact]
    public async Task A_query_that_fails_gives_its_slot_back()
    {
        using var gate = new ReportQueryGate(1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync<bool>(
            () => throw new InvalidOperationException("broken query"), CancellationToken.None));
        Assert.True(await gate.RunAsync(() => Task.FromResult(true), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_gateway_runs_no_more_report_queries_at_once_than_the_gate_allows()
    {
        var limit = ReportQueryGate.ForCores(Environment.ProcessorCount);
        var reports = new SlowReports(limit, TimeSpan.FromMilliseconds(150));
        var sim = await Menshen.Simulator.SimulatorServer.StartAsync(
            new Menshen.Simulator.SimulatorOptions());
        await using var _ = sim;
        await using var gateway = await GatewayHost.StartAsync(
            TestConfigs.With([TestConfigs.Provider("sim0", sim.BaseUrl)]),
            new GatewayHostOptions { Quiet = true, Reports = reports });
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        var calls = Enumerable.Range(0, limit + 3)
            .Select(_ => client.GetAsync("/__report/summary")).ToList();
        foreach (var call in calls) Assert.Equal(HttpStatusCode.OK, (await call).StatusCode);

        Assert.Equal(limit + 3, reports.Calls);
        Assert.Equal(limit, reports.MostAtOnce);
    }

    [Fact]
    public async Task A_client_that_stops_reading_a_large_answer_holds_no_report_slot()
    {
        var limit = ReportQueryGate.ForCores(Environment.ProcessorCount);
        var sim = await Menshen.Simulator.SimulatorServer.StartAsync(
            new Menshen.Simulator.SimulatorOptions());
        await using var _ = sim;
        await using var gateway = await GatewayHost.StartAsync(
            TestConfigs.With([TestConfigs.Provider("sim0", sim.BaseUrl)]),
            new GatewayHostOptions { Quiet = true, Reports = new LargeReports() });
        using var stalled = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var reader = new HttpClient { BaseAddress = gateway.BaseAddress };

        // As many clients as there are slots take the headers of a 64 MB answer and stop
        // reading: far more than loopback's socket buffers, so its writer waits on them.
        var held = new List<HttpResponseMessage>();
        for (var i = 0; i < limit; i++)
            held.Add(await stalled.GetAsync("/__report/large",
                HttpCompletionOption.ResponseHeadersRead));
        try
        {
            using var next = await reader.GetAsync("/__report/small")
                .WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal("{}", await next.Content.ReadAsStringAsync());
        }
        finally
        {
            foreach (var response in held) response.Dispose();
        }
    }

    // Answers /__report/large with 64 MB and anything else with "{}".
    private sealed class LargeReports : IReportApi
    {
        private static readonly byte[] Large = new byte[64 * 1024 * 1024];

        public async Task<bool> TryHandleAsync(HttpContext context, string path)
        {
            var body = path.EndsWith("/large", StringComparison.Ordinal) ? Large : "{}"u8.ToArray();
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
            return true;
        }
    }

    // A report API that counts how many queries run at once. Each waits (without holding a
    // thread, so that only the gate, not a short pool, can keep them apart) until `expected`
    // run together or 5 s pass, then `duration` more: the most at once is then `expected`
    // however slowly the calls arrive, and more when the gate lets more through.
    private sealed class SlowReports(int expected, TimeSpan duration) : IReportApi
    {
        private int _running;
        private int _most;
        private int _calls;

        public int MostAtOnce => Volatile.Read(ref _most);
        public int Calls => Volatile.Read(ref _calls);

        public async Task<bool> TryHandleAsync(HttpContext context, string path)
        {
            Interlocked.Increment(ref _calls);
            var now = Interlocked.Increment(ref _running);
            int most;
            while (now > (most = Volatile.Read(ref _most))
                && Interlocked.CompareExchange(ref _most, now, most) != most)
            {
            }
            var until = DateTime.UtcNow.AddSeconds(5);
            while (Volatile.Read(ref _most) < expected && DateTime.UtcNow < until)
                await Task.Delay(10);
            await Task.Delay(duration);
            Interlocked.Decrement(ref _running);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{}");
            return true;
        }
    }
}
