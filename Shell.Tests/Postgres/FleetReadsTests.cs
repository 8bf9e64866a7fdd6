using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Menshen.Simulator;

namespace Menshen.Shell.Tests.Postgres;

/// The request path's PostgreSQL reads in gateway processes as shipped: inline socket
/// completions, where a synchronous wait on a socket thread hangs the instance (in process,
/// xunit's synchronization context would hide that). Affinity across instances, every report
/// route and the health probe, beside proxied load.
[Collection("postgres")]
public class FleetReadsTests(PgCluster cluster)
{
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public Task A_follow_up_on_another_instance_reaches_the_provider_of_the_first_turn() =>
        WithTwoInstancesOverThreeProvidersAsync(async (sims, fleet, first, second) =>
        {
            // Eight conversations begun on the first instance, each on a provider drawn at random.
            var conversations = new List<(int Provider, string ResponseId, long RowId)>();
            for (var c = 0; c < 8; c++)
            {
                var before = Counts(sims);
                var (status, responseId, rowId) = await TurnAsync(first, null);
                Assert.Equal(HttpStatusCode.OK, status);
                conversations.Add((ProviderOf(sims, before), responseId!, rowId));
            }
            await fleet.WaitForRowsAsync([.. conversations.Select(c => c.RowId)], TimeSpan.FromSeconds(30));

            // The second instance never saw them: the database must send each to its provider
            // (eight draws of one in three match by chance once in 6,561).
            foreach (var (provider, responseId, _) in conversations)
            {
                var before = Counts(sims);
                var (status, _, _) = await TurnAsync(second, responseId);

                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal(provider, ProviderOf(sims, before));
            }
        });

    // helper-55: an agent's next turn comes within milliseconds, and a load balancer sends it
    // to any instance; the first instance's row was still in its writer's open transaction, so
    // about half of such follow-ups went to a provider drawn at random.
    [Fact]
    public Task An_immediate_follow_up_on_another_instance_reaches_the_first_turns_provider() =>
        WithTwoInstancesOverThreeProvidersAsync(async (sims, _, first, second) =>
        {
            var misrouted = new List<string>();
            for (var c = 0; c < 8; c++)
            {
                var before = Counts(sims);
                var (status, responseId, _) = await TurnAsync(first, null);
                Assert.Equal(HttpStatusCode.OK, status);
                var provider = ProviderOf(sims, before);

                before = Counts(sims);
                var (followed, _, _) = await TurnAsync(second, responseId);

                Assert.Equal(HttpStatusCode.OK, followed);
                if (ProviderOf(sims, before) != provider) misrouted.Add(responseId!);
            }

            Assert.Empty(misrouted);
        });

    // Two instances on a new database in front of three simulators: providers p0, p1, p2, a
    // conversation's first turn drawn at random among them.
    private async Task WithTwoInstancesOverThreeProvidersAsync(
        Func<List<SimulatorServer>, GatewayFleet, HttpClient, HttpClient, Task> test)
    {
        var sims = new List<SimulatorServer>();
        for (var i = 0; i < 3; i++) sims.Add(await SimulatorServer.StartAsync(new SimulatorOptions()));
        try
        {
            using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(),
                [.. sims.Select(s => s.BaseUrl)], 2, cache: false);
            using var first = new HttpClient { BaseAddress = fleet.Gateways[0].BaseAddress, Timeout = CallLimit };
            using var second = new HttpClient { BaseAddress = fleet.Gateways[1].BaseAddress, Timeout = CallLimit };
            await test(sims, fleet, first, second);
        }
        finally
        {
            foreach (var sim in sims) await sim.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_report_route_and_the_health_probe_answer_beside_proxied_load()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(), sim.BaseUrl, 2);
        var clients = fleet.Gateways
            .Select(g => new HttpClient { BaseAddress = g.BaseAddress, Timeout = CallLimit }).ToArray();
        var (_, known, _) = await GatewayFleet.PostAsync(clients[0], "known");
        await fleet.WaitForRowsAsync([known], TimeSpan.FromSeconds(10));
        string[] routes =
        [
            "/__report/summary", "/__report/daily?days=7&tz=Asia/Shanghai", "/__report/models",
            "/__report/providers", "/__report/keys", "/__report/series?days=1&bucket=hour",
            "/__report/logs?limit=20", "/__report/logs?model=m&status=2xx&stream=false&q=load",
            "/__report/logs?format=csv&limit=50", $"/__report/log?id={known}", "/healthz",
        ];
        var answered = new ConcurrentBag<long>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(i => Task.Run(() => GatewayFleet.LoadAsync(
            clients[i % 2], $"load{i}", answered, failures, stop.Token))).ToArray();
        await GatewayFleet.WaitUntilAsync(() => answered.Count >= 200, () => $"{answered.Count} answered");

        // Four callers walk the routes on both instances while the load runs.
        var statuses = new ConcurrentBag<(string Call, HttpStatusCode Status)>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(caller => Task.Run(async () =>
        {
            for (var n = 0; n < 3 * routes.Length; n++)
            {
                var route = routes[(n + caller) % routes.Length];
                using var response = await clients[(n + caller) % 2].GetAsync(route);
                await response.Content.ReadAsByteArrayAsync();
                statuses.Add((route, response.StatusCode));
            }
        })));
        var duringReports = answered.Count;
        await GatewayFleet.WaitUntilAsync(() => answered.Count >= duringReports + 200,
            () => $"proxied requests stopped at {answered.Count}");
        await stop.CancelAsync();
        await Task.WhenAll(load);
        await fleet.WaitForRowsAsync([.. answered], TimeSpan.FromSeconds(60));

        Assert.Empty(failures);
        Assert.Equal(4 * 3 * routes.Length, statuses.Count);
        Assert.All(statuses, s => Assert.True(s.Status == HttpStatusCode.OK,
            $"{s.Call}: {s.Status}\n{Problems(fleet)}"));
        Assert.Equal(answered.Count, await fleet.CountStoredAsync(answered));
        foreach (var client in clients) client.Dispose();
    }

    [Fact]
    public async Task A_stream_stored_by_one_instance_is_replayed_whole_by_another()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var fleet = await GatewayFleet.StartAsync(await cluster.CreateDatabaseAsync(), sim.BaseUrl, 2);
        using var first = new HttpClient { BaseAddress = fleet.Gateways[0].BaseAddress, Timeout = CallLimit };
        using var second = new HttpClient { BaseAddress = fleet.Gateways[1].BaseAddress, Timeout = CallLimit };
        const string Body = """{"model":"m","stream":true,"messages":[{"role":"user","content":"tell"}]}""";

        var (missCache, missId, missText) = await StreamAsync(first, Body);
        await fleet.WaitForRowsAsync([missId], TimeSpan.FromSeconds(10));
        var (hitCache, _, hitText) = await StreamAsync(second, Body);

        Assert.Equal(("MISS", "HIT"), (missCache, hitCache));
        Assert.Contains("data: [DONE]", missText, StringComparison.Ordinal);
        Assert.Equal(missText, hitText);
        Assert.Equal(1, sim.RequestCount);
    }

    private static async Task<(string? Cache, long Id, string Text)> StreamAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/v1/chat/completions",
            new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cache = response.Headers.TryGetValues("X-Cache", out var c) ? c.Single() : null;
        var id = long.Parse(response.Headers.GetValues("X-Request-Id").Single(),
            System.Globalization.CultureInfo.InvariantCulture);
        return (cache, id, text);
    }

    private static async Task<(HttpStatusCode Status, string? ResponseId, long RowId)> TurnAsync(
        HttpClient client, string? previous)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["model"] = "gpt-4o",
            ["input"] = "next",
            ["previous_response_id"] = previous,
        });
        using var response = await client.PostAsync("/v1/responses",
            new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) return (response.StatusCode, null, 0);
        using var json = JsonDocument.Parse(text);
        var rowId = long.Parse(response.Headers.GetValues("X-Request-Id").Single(),
            System.Globalization.CultureInfo.InvariantCulture);
        return (response.StatusCode, json.RootElement.GetProperty("id").GetString(), rowId);
    }

    /// The instances' log lines other than the request lines (errors and their stacks).
    private static string Problems(GatewayFleet fleet) => string.Join("\n", fleet.Gateways
        .SelectMany(g => g.Output.Split('\n'))
        .Where(line => !line.Contains(" INFO ", StringComparison.Ordinal)).Take(40));

    private static int[] Counts(IEnumerable<SimulatorServer> sims) => [.. sims.Select(s => s.RequestCount)];

    private static int ProviderOf(List<SimulatorServer> sims, int[] before) =>
        Enumerable.Range(0, sims.Count).Single(i => sims[i].RequestCount == before[i] + 1);
}
