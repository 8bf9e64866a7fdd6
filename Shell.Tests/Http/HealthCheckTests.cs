using Menshen.Shell.Http;
using Menshen.Shell.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Menshen.Shell.Tests.Http;

public sealed class HealthCheckTests
{
    [Fact]
    public async Task Probes_that_arrive_while_one_waits_for_the_database_share_it()
    {
        var probes = 0;
        var writable = new TaskCompletionSource<bool>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var health = new HealthCheck(_ =>
        {
            Interlocked.Increment(ref probes);
            return writable.Task;
        }, clock);

        var waiting = Enumerable.Range(0, 5).Select(_ => Probe(health)).ToList();
        Assert.Equal(1, probes);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        writable.SetResult(true);
        foreach (var w in waiting) Assert.Equal(StatusCodes.Status200OK, await w);

        // Within the second the answer is reused; after it, the database is asked again.
        Assert.Equal(StatusCodes.Status200OK, await Probe(health));
        Assert.Equal(1, probes);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(StatusCodes.Status200OK, await Probe(health));
        Assert.Equal(2, probes);
    }

    [Fact]
    public async Task A_caller_that_leaves_stops_its_own_wait_and_not_the_probe()
    {
        var writable = new TaskCompletionSource<bool>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var health = new HealthCheck(_ => writable.Task,
            new ManualClock(DateTimeOffset.UnixEpoch));
        using var leaving = new CancellationTokenSource();
        var left = Probe(health, leaving.Token);
        var staying = Probe(health);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        Assert.False(staying.IsCompleted);
        writable.SetResult(false);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, await staying);
    }

    private static async Task<int> Probe(HealthCheck health, CancellationToken aborted = default)
    {
        var context = new DefaultHttpContext { RequestAborted = aborted };
        context.Response.Body = new MemoryStream();
        await health.WriteAsync(context);
        return context.Response.StatusCode;
    }
}
