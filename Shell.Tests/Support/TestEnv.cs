using System.Net.Http.Headers;
using Menshen.Core.Config;
using Menshen.Shell.Hosting;
using Menshen.Shell.Reports;
using Menshen.Shell.Upstream;
using Menshen.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace Menshen.Shell.Tests.Support;

/// A running gateway in front of simulated upstreams, all on loopback, with a recording audit sink.
public sealed class TestEnv : IAsyncDisposable
{
    private TestEnv(IReadOnlyList<SimulatorServer> sims, GatewayHost gateway, RecordingSink sink, AuditStore? store)
    {
        Store = store;
        Sims = sims;
        Gateway = gateway;
        Sink = sink;
        Client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public IReadOnlyList<SimulatorServer> Sims { get; }
    public SimulatorServer Sim => Sims[0];
    public GatewayHost Gateway { get; }
    public RecordingSink Sink { get; }
    public HttpClient Client { get; }

    /// The real SQLite audit store behind the gateway, when started with `audit: true`.
    public AuditStore? Store { get; }

    /// Starts `simulators` upstreams and a gateway whose config `configure` builds from their providers;
    /// with `reports`, the report API over the audit store answers `/__report/*`, on the same clock.
    public static async Task<TestEnv> StartAsync(
        int simulators = 1,
        Func<IReadOnlyList<SimulatorServer>, GatewayConfig>? configure = null,
        Func<int, int>? drawTicket = null,
        TimeProvider? clock = null,
        bool audit = false,
        bool reports = false,
        UpstreamNetwork? network = null)
    {
        audit |= reports;
        var sims = new List<SimulatorServer>();
        for (var i = 0; i < simulators; i++) sims.Add(await SimulatorServer.StartAsync(new SimulatorOptions()));
        var config = (configure ?? DefaultConfig)(sims);
        var store = audit ? AuditStore.Create() : null;
        var sink = new RecordingSink(store?.Writer);
        var options = new GatewayHostOptions
        {
            Sink = sink,
            Quiet = true,
            CacheStore = store?.CacheStore,
            ResponseOrigins = store?.ResponseOrigins,
        };
        if (drawTicket is not null) options = options with { DrawTicket = drawTicket };
        if (clock is not null) options = options with { Clock = clock };
        if (network is not null) options = options with { Network = network };
        if (reports) options = options with { Reports = new ReportApi(store!.Database, options.Clock, NullLogger<ReportApi>.Instance) };
        var gateway = await GatewayHost.StartAsync(config, options);
        return new TestEnv(sims, gateway, sink, store);
    }

    public static GatewayConfig DefaultConfig(IReadOnlyList<SimulatorServer> sims) =>
        TestConfigs.With([.. sims.Select((s, i) => TestConfigs.Provider($"sim{i}", s.BaseUrl))]);

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public Task<HttpResponseMessage> PostAsync(string path, string json, Action<HttpRequestHeaders>? headers = null,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        headers?.Invoke(request.Headers);
        return Client.SendAsync(request, completion, ct);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
        foreach (var sim in Sims) await sim.DisposeAsync();
        if (Store is not null) await Store.DisposeAsync();
    }
}
