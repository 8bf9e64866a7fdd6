using System.Net;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Postgres;

/// The retention purge inside the gateway process, where requests run on the socket threads
/// (Hosting/InlineScheduling): a synchronous Npgsql call right after an awaited one would wait
/// for the socket thread it runs on, forever. In-process tests cannot show that (xunit's
/// synchronization context takes continuations back to its own threads), so this one runs the
/// binary, ages one row past the retention and waits for the first purge (10 s after start).
[Collection("postgres")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class RetentionInlineTests(PgCluster cluster)
{
    [Fact]
    public async Task The_first_purge_deletes_an_aged_row_and_the_gateway_keeps_answering()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(),
            sim.BaseUrl, 1, cache: false, retentionDays: 1);
        using var client = new HttpClient { BaseAddress = fleet.Gateways[0].BaseAddress };
        var (status, aged, _) = await GatewayFleet.PostAsync(client, "aged");
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, kept, _) = await GatewayFleet.PostAsync(client, "kept");
        await fleet.WaitForRowsAsync([aged, kept], TimeSpan.FromSeconds(30));

        await fleet.ExecuteAsync(
            "UPDATE requests SET created_at = created_at - @days WHERE id = @id",
            ("days", 3L * 24 * 3600 * 1000), ("id", aged));

        long left = -1;
        var until = DateTime.UtcNow.AddSeconds(45);
        while (DateTime.UtcNow < until
            && (left = await fleet.CountStoredAsync([aged])) != 0) await Task.Delay(200);
        Assert.True(left == 0, "the aged row is still there after 45 s: "
            + fleet.Gateways[0].Output[^Math.Min(2000, fleet.Gateways[0].Output.Length)..]);
        Assert.Equal(1, await fleet.CountStoredAsync([kept]));
        // The purge left every socket thread free: requests are still answered.
        var after = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => GatewayFleet.PostAsync(client, $"after-{i}")));
        Assert.All(after, a => Assert.Equal(HttpStatusCode.OK, a.Status));
    }
}
