using System.Net;
using System.Text.Json;
using Menshen.Core.Config;
using Menshen.Shell.Hosting;
using Menshen.Shell.Storage;
using Menshen.Shell.Tests.Support;
using Menshen.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace Menshen.Shell.Tests.Routing;

/// SPEC §13 affinity end to end: three simulators serve the same model at equal weight. The
/// first three draws cycle through them (one conversation each), the rest are a seeded random
/// sequence, so a request not pinned by affinity lands elsewhere (checked: without affinity the
/// follow-up tests fail). A `responses` follow-up naming `previous_response_id` must
/// reach the provider that produced that response, at once (memory), after a restart (the
/// audit), and never another one when that provider fails.
public class AffinityTests
{
    private static Func<int, int> CyclingDraws()
    {
        var next = -1;
        return _ => Interlocked.Increment(ref next);
    }

    // 0, 1, .. cycled - 1, then a seeded random sequence (a cycle would line up with the
    // conversations).
    private static Func<int, int> Draws(int seed = 16, int cycled = 3)
    {
        var next = -1;
        var random = new Random(seed);
        return _ =>
        {
            var n = Interlocked.Increment(ref next);
            lock (random) return n < cycled ? n : random.Next();
        };
    }

    // helper-56: on PostgreSQL every unknown id waited 0.5 s for other instances' rows, even
    // where one provider takes the request whoever made the response.
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public async Task An_unknown_id_waits_only_where_its_origin_could_change_the_route(
        int providers, bool waits)
    {
        var sims = new List<SimulatorServer>();
        for (var i = 0; i < providers; i++)
            sims.Add(await SimulatorServer.StartAsync(new SimulatorOptions()));
        var store = new PatienceStore();
        try
        {
            await using var host = await GatewayHost.StartAsync(Config(sims),
                new GatewayHostOptions { Quiet = true, ResponseOrigins = store });
            using var client = new HttpClient { BaseAddress = host.BaseAddress };

            var (status, _) = await SendAsync(client, "resp_nobody_knows");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal([waits], store.MayWait);
        }
        finally
        {
            foreach (var sim in sims) await sim.DisposeAsync();
        }
    }

    private sealed class PatienceStore : Menshen.Shell.Runtime.IResponseOriginStore
    {
        public List<bool> MayWait { get; } = [];

        public Task<Core.Routing.ResponseOrigin?> FindOriginAsync(string responseId, bool mayWait,
            CancellationToken cancellationToken)
        {
            lock (MayWait) MayWait.Add(mayWait);
            return Task.FromResult<Core.Routing.ResponseOrigin?>(null);
        }
    }

    private static GatewayConfig Config(IReadOnlyList<SimulatorServer> sims) =>
        TestConfigs.With([.. sims.Select((s, i) => TestConfigs.Provider($"p{i}", s.BaseUrl))]);

    private static Task<TestEnv> ThreeProvidersAsync(bool audit = false,
        Func<int, int>? draws = null) =>
        TestEnv.StartAsync(simulators: 3, configure: Config, drawTicket: draws ?? Draws(),
            audit: audit);

    private static string Turn(string? previous, bool stream = false) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["model"] = "gpt-4o",
            ["input"] = "next",
            ["stream"] = stream,
            ["previous_response_id"] = previous,
        });

    private static int[] Counts(IEnumerable<SimulatorServer> sims) =>
        [.. sims.Select(s => s.RequestCount)];

    /// POSTs one turn and returns the status and the response id the client saw.
    private static async Task<(HttpStatusCode Status, string? Id)> SendAsync(
        HttpClient client, string? previous, bool stream = false)
    {
        using var response = await client.PostAsync("/v1/responses",
            TestEnv.Json(Turn(previous, stream)));
        if (!response.IsSuccessStatusCode) return (response.StatusCode, null);
        if (!stream)
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, json.RootElement.GetProperty("id").GetString());
        }
        var events = await SseReader.ReadEventsAsync(response);
        using var created = JsonDocument.Parse(events[0].Data);
        return (response.StatusCode,
            created.RootElement.GetProperty("response").GetProperty("id").GetString());
    }

    private static int ProviderOf(IReadOnlyList<SimulatorServer> sims, int[] before) =>
        Enumerable.Range(0, sims.Count).Single(i => sims[i].RequestCount == before[i] + 1);

    [Fact]
    public void A_simulators_ids_name_its_process_so_two_processes_never_share_one()
    {
        // `make run` and the benches start simulators as separate processes.
        var pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (a, b) = (new SimulatorOptions().IdPrefix, new SimulatorOptions().IdPrefix);

        Assert.StartsWith($"sim{pid}x", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task Simulators_hand_out_distinct_response_ids()
    {
        await using var a = await SimulatorServer.StartAsync(new SimulatorOptions());
        await using var b = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        var ids = new List<string?>();
        foreach (var sim in (SimulatorServer[])[a, b, a, b])
        {
            using var response = await client.PostAsync(new Uri(sim.RootUrl, "/v1/responses"),
                TestEnv.Json(Turn(null)));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            ids.Add(json.RootElement.GetProperty("id").GetString());
        }

        Assert.Equal(4, ids.Distinct().Count());
    }

    [Fact]
    public async Task Every_follow_up_reaches_the_provider_of_the_first_turn()
    {
        // No audit store: the memory alone answers an immediate follow-up.
        await using var env = await ThreeProvidersAsync();
        var conversations = new List<(int Provider, string Id)>();
        for (var c = 0; c < 3; c++)
        {
            var before = Counts(env.Sims);
            var (status, id) = await SendAsync(env.Client, null, stream: c == 1);
            Assert.Equal(HttpStatusCode.OK, status);
            conversations.Add((ProviderOf(env.Sims, before), id!));
        }
        // The three first turns took the three draws: one conversation per provider.
        Assert.Equal([0, 1, 2], conversations.Select(c => c.Provider).Order());

        // Interleaved follow-ups, JSON and streamed, each continuing its conversation's last id.
        for (var turn = 0; turn < 6; turn++)
        {
            for (var c = 0; c < conversations.Count; c++)
            {
                var before = Counts(env.Sims);
                var (status, id) = await SendAsync(env.Client, conversations[c].Id,
                    stream: (turn + c) % 2 == 0);

                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal(conversations[c].Provider, ProviderOf(env.Sims, before));
                conversations[c] = (conversations[c].Provider, id!);
            }
        }
        Assert.Equal([7, 7, 7], Counts(env.Sims));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/input_items")]
    [InlineData("/cancel")]
    public async Task A_stored_response_is_read_from_the_provider_that_made_it(string rest)
    {
        // Background mode polls GET /v1/responses/{id}: only its producer knows the id.
        await using var env = await ThreeProvidersAsync();
        var conversations = new List<(int Provider, string Id)>();
        for (var c = 0; c < 3; c++)
        {
            var before = Counts(env.Sims);
            var (_, id) = await SendAsync(env.Client, null);
            conversations.Add((ProviderOf(env.Sims, before), id!));
        }

        foreach (var (provider, id) in conversations.Concat(conversations))
        {
            var before = Counts(env.Sims);
            using var request = new HttpRequestMessage(
                rest == "/cancel" ? HttpMethod.Post : HttpMethod.Get, $"/v1/responses/{id}{rest}");
            using var _ = await env.Client.SendAsync(request);

            Assert.Equal(provider, ProviderOf(env.Sims, before));
            Assert.Equal($"/v1/responses/{id}{rest}", env.Sims[provider].Requests[^1].PathAndQuery);
        }
    }

    [Fact]
    public async Task A_follow_up_without_a_model_goes_to_the_producer_when_providers_list_models()
    {
        // The Responses API lets a follow-up leave `model` to the response it continues.
        await using var env = await TestEnv.StartAsync(simulators: 3, drawTicket: Draws(),
            configure: sims => TestConfigs.With([.. sims.Select((s, i) =>
                TestConfigs.Provider($"p{i}", s.BaseUrl) with { Models = ["gpt-*"] })]));
        var before = Counts(env.Sims);
        var (_, id) = await SendAsync(env.Client, null);
        var producer = ProviderOf(env.Sims, before);

        for (var turn = 0; turn < 4; turn++)
        {
            before = Counts(env.Sims);
            using var response = await env.Client.PostAsync("/v1/responses", TestEnv.Json(
                $$"""{"input":"next","previous_response_id":"{{id}}"}"""));

            Assert.Equal(producer, ProviderOf(env.Sims, before));
        }
        using var orphan = await env.Client.PostAsync("/v1/responses",
            TestEnv.Json("""{"input":"next"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
    }

    [Fact]
    public async Task A_follow_up_is_not_failed_over_when_its_provider_fails()
    {
        await using var env = await ThreeProvidersAsync();
        var before = Counts(env.Sims);
        var (_, id) = await SendAsync(env.Client, null);
        var pinned = ProviderOf(env.Sims, before);
        env.Sims[pinned].Options.FailStatus = 503;
        before = Counts(env.Sims);

        using var response = await env.Client.PostAsync("/v1/responses",
            TestEnv.Json(Turn(id)));

        // The pinned provider's own answer reaches the client; nobody else was asked.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var after = Counts(env.Sims);
        Assert.Equal([.. before.Select((n, i) => i == pinned ? n + 1 : n)], after);
    }

    [Fact]
    public async Task A_follow_up_whose_provider_times_out_gets_504_and_no_other_provider()
    {
        await using var env = await TestEnv.StartAsync(simulators: 3, drawTicket: Draws(),
            configure: sims => Config(sims).WithTimeout(TimeSpan.FromSeconds(1)));
        var before = Counts(env.Sims);
        var (_, id) = await SendAsync(env.Client, null);
        var pinned = ProviderOf(env.Sims, before);
        env.Sims[pinned].Options.HeaderDelayMs = 5_000;
        before = Counts(env.Sims);

        var (status, _) = await SendAsync(env.Client, id);

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        var after = Counts(env.Sims);
        Assert.Equal([.. before.Select((n, i) => i == pinned ? n + 1 : n)], after);
    }

    [Fact]
    public async Task An_unknown_previous_response_id_routes_as_if_absent()
    {
        await using var env = await ThreeProvidersAsync(audit: true, draws: CyclingDraws());

        for (var i = 0; i < 3; i++)
        {
            var (status, _) = await SendAsync(env.Client, "resp_nobody_made_this");
            Assert.Equal(HttpStatusCode.OK, status);
        }

        // Neither memory nor the audit know the id: the cycling draws spread the three requests.
        Assert.Equal([1, 1, 1], Counts(env.Sims));
    }

    [Fact]
    public async Task Affinity_survives_a_gateway_restart_on_the_same_database()
    {
        var sims = new List<SimulatorServer>();
        for (var i = 0; i < 3; i++) sims.Add(await SimulatorServer.StartAsync(new SimulatorOptions()));
        await using var store = AuditStore.Create();
        var config = Config(sims);
        var conversations = new List<(int Provider, string Id)>();
        try
        {
            var first = await GatewayHost.StartAsync(config, new GatewayHostOptions
            {
                Quiet = true,
                Sink = new RecordingSink(store.Writer),
                ResponseOrigins = store.ResponseOrigins,
                DrawTicket = CyclingDraws(),
            });
            await using (first)
            {
                using var client = new HttpClient { BaseAddress = first.BaseAddress };
                for (var c = 0; c < 3; c++)
                {
                    var before = Counts(sims);
                    var (_, id) = await SendAsync(client, null, stream: c == 2);
                    conversations.Add((ProviderOf(sims, before), id!));
                }
            }
            await WaitStoredAsync(store, conversations.Select(c => c.Id));

            // A new host on its own handle of the same file: its memory is empty.
            using var database = AuditDatabase.Open(store.Database.Path, NullLogger.Instance);
            using var reader = new AuditReader(database);
            var second = await GatewayHost.StartAsync(config, new GatewayHostOptions
            {
                Quiet = true,
                ResponseOrigins = new AuditResponseOrigins(reader),
                DrawTicket = Draws(seed: 7, cycled: 0),
            });
            await using (second)
            {
                using var client = new HttpClient { BaseAddress = second.BaseAddress };
                // Each first turn's id three times over (the first from the audit, then memory).
                for (var round = 0; round < 3; round++)
                {
                    foreach (var (provider, id) in conversations)
                    {
                        var before = Counts(sims);
                        var (status, _) = await SendAsync(client, id, stream: provider == round);

                        Assert.Equal(HttpStatusCode.OK, status);
                        Assert.Equal(provider, ProviderOf(sims, before));
                    }
                }
            }
        }
        finally
        {
            foreach (var sim in sims) await sim.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_audit_keeps_the_response_id_with_its_provider_and_finds_it_by_index()
    {
        await using var env = await ThreeProvidersAsync(audit: true);
        var store = env.Store!;
        var before = Counts(env.Sims);

        var (_, id) = await SendAsync(env.Client, null, stream: true);

        await WaitStoredAsync(store, [id!]);
        Assert.Equal($"p{ProviderOf(env.Sims, before)}",
            (await store.Reader.FindResponseOriginAsync(id!))?.Provider);
        Assert.Null(await store.Reader.FindResponseOriginAsync("resp_nobody_made_this"));
        Assert.Contains("USING INDEX ix_requests_response_id", QueryPlan.Of(store.Database,
            "SELECT provider, client_key FROM requests WHERE response_id = 'x' "
            + "AND provider IS NOT NULL ORDER BY id DESC LIMIT 1"), StringComparison.Ordinal);
    }

    private static async Task WaitStoredAsync(AuditStore store, IEnumerable<string> ids)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        foreach (var id in ids)
        {
            while (await store.Reader.FindResponseOriginAsync(id) is null)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id} was not written");
                await Task.Delay(20);
            }
        }
    }
}
