using Menshen.Shell.Hosting;
using Menshen.Shell.Tests.Support;
using Menshen.Shell.Storage;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Storage;

/// A full audit queue must slow clients down, whatever their connections (SPEC §6).
public class BackPressureTests
{
    // helper-66: the wait came after the answer, so a client that opens a connection per
    // request was never slowed, and the gateway held every unrecorded exchange in memory
    // (RSS +1.8 MB/s; "waiting for 7011 running requests" with four clients).
    [Fact]
    public async Task With_the_queue_full_a_new_connection_s_request_waits_before_it_is_served()
    {
        await using var store = new StoreFixture(new AuditWriterOptions
        {
            Capacity = 2, BatchSize = 2,
        });
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        await using var gateway = await GatewayHost.StartAsync(
            TestConfigs.With(TestConfigs.Provider("sim", sim.BaseUrl)),
            new GatewayHostOptions { Sink = store.Writer, Quiet = true });
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var blocker = store.Temp.Raw();
        using var writeLock = blocker.BeginTransaction(deferred: false);
        using (var hold = blocker.CreateCommand())
        {
            hold.Transaction = writeLock;
            hold.CommandText = "CREATE TABLE held (x)";
            hold.ExecuteNonQuery();
        }

        Task<HttpResponseMessage> SendAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = TestEnv.Json("""{"model":"m","messages":[]}"""),
            };
            request.Headers.ConnectionClose = true;
            return client.SendAsync(request);
        }

        // The writer is stuck behind our lock: one batch taken, then the queue fills.
        var served = new List<HttpResponseMessage>();
        while (store.Writer.QueueDepth < 2) served.Add(await SendAsync());
        var waiting = SendAsync();
        var answeredWhileFull = await Task.WhenAny(waiting, Task.Delay(500)) == waiting;
        writeLock.Rollback();
        using var late = await waiting;
        await gateway.DisposeAsync();
        await store.Writer.DrainAsync();

        Assert.False(answeredWhileFull);
        Assert.True(store.Writer.SubmitWaits > 0); // the held request counts as a wait
        Assert.Equal(System.Net.HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(served.Count + 1, store.Count("SELECT COUNT(*) FROM requests"));
        Assert.Equal(0, store.Writer.Failed);
        served.ForEach(s => s.Dispose());
    }
}
