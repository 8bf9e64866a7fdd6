using System.Net;
using Menshen.Core.Config;
using Menshen.Shell.Audit;
using Menshen.Shell.Http;
using Menshen.Shell.Runtime;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Menshen.Shell.Hosting;

/// Starts Kestrel with the gateway pipeline and no MVC. Tests start it on 127.0.0.1 port 0.
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, GatewayRuntime runtime)
    {
        _app = app;
        Runtime = runtime;
    }

    public GatewayRuntime Runtime { get; }

    /// The first bound address, e.g. http://127.0.0.1:54321.
    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>()
        .Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public IServiceProvider Services => _app.Services;

    /// Proxied requests running now.
    public InFlightRequests InFlight => _app.Services.GetRequiredService<InFlightRequests>();

    /// The running requests' grace once the host stops; ended early by a second stop signal.
    public ShutdownGrace Grace => _app.Services.GetRequiredService<ShutdownGrace>();

    /// Cancelled when the host begins to stop.
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// Asks the host to stop (what SIGINT and SIGTERM do).
    public void BeginStop() => _app.Lifetime.StopApplication();

    public static async Task<GatewayHost> StartAsync(GatewayConfig config,
        GatewayHostOptions? options = null)
    {
        options ??= new GatewayHostOptions();
        // The empty builder: the gateway reads only its TOML. The slim builder would also read
        // appsettings.json from the working directory (it could add Kestrel endpoints) and watch
        // that
        // directory tree for changes, which woke a thread on every audit write when the database
        // sits below it (the default ./data/ai-menshen.db).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        ConfigureLogging(builder.Logging, config, options);
        var binding = ListenBinding.Of(config.Listen, options.ResolveHost);
        builder.WebHost.ConfigureKestrel(k => ConfigureKestrel(k, config, binding));
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets
            .SocketTransportOptions>(o =>
                o.UnsafePreferInlineScheduling = InlineScheduling.Enabled);
        // On SIGINT/SIGTERM Kestrel stops accepting and in-flight requests get the grace to finish;
        // then the proxy ends them itself (ShutdownGrace), and Kestrel aborts what is left.
        builder.Services.Configure<HostOptions>(o =>
            o.ShutdownTimeout = ShutdownGrace.KestrelDeadline(config.Server.ShutdownGrace));
        var runtime = new GatewayRuntime(config, options.Network);
        RegisterServices(builder.Services, runtime, options);
        builder.Services.AddSingleton(binding);
        var app = builder.Build();
        var grace = app.Services.GetRequiredService<ShutdownGrace>();
        app.Lifetime.ApplicationStopping.Register(() => grace.Begin(config.Server.ShutdownGrace));
        app.Run(app.Services.GetRequiredService<GatewayPipeline>().InvokeAsync);
        await app.StartAsync();
        return new GatewayHost(app, runtime);
    }

    public Task StopAsync() => _app.StopAsync();

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Runtime.Dispose();
    }

    private static void RegisterServices(IServiceCollection services, GatewayRuntime runtime,
        GatewayHostOptions options)
    {
        var inputs = new Proxy.ProxyInputs(options.Clock, options.DrawTicket);
        services.AddSingleton(runtime);
        services.AddSingleton(options);
        services.AddSingleton(options.Clock);
        services.AddSingleton(_ => new RequestIds(options.Clock, options.IdFloor,
            options.IdInstance));
        services.AddSingleton<LocalRoutes>();
        services.AddSingleton(sp => new DashboardLogins(inputs.Steady,
            sp.GetRequiredService<ILogger<DashboardLogins>>()));
        services.AddSingleton(new ReportQueryGate(
            ReportQueryGate.ForCores(Environment.ProcessorCount)));
        services.AddSingleton<RequestGateStep>();
        services.AddSingleton<Dashboard.DashboardAssets>();
        if (options.Reports is { } reports) services.AddSingleton(reports);
        else services.AddSingleton<IReportApi, NoReports>();
        services.AddSingleton<Caching.ResponseCache>();
        services.AddSingleton<Caching.CacheFlow>();
        if (options.CacheStore is { } store) services.AddSingleton(store);
        else services.AddSingleton<Caching.ICacheStore, Caching.NoCacheStore>();
        services.AddSingleton(inputs);
        services.AddSingleton<ClientAuths>();
        services.AddSingleton<Runtime.StickyRoutes>();
        services.AddSingleton<ShutdownGrace>();
        services.AddSingleton<InFlightRequests>();
        services.AddSingleton(new ResponseOrigins(
            options.ResponseOrigins ?? new NoResponseOriginStore()));
        services.AddSingleton<Proxy.ProviderPlanner>();
        services.AddSingleton<Proxy.ProviderAttempts>();
        services.AddSingleton<Proxy.UnderstoodProxy>();
        services.AddSingleton<Proxy.PassthroughProxy>();
        services.AddSingleton<GatewayPipeline>();
        var metrics = new Metrics.GatewayMetrics(options.AuditWriter is { } w ? () => w.QueueDepth
            : null, options.SpoolDepth, options.AuditWriter is { } lost ? () => lost.Failed : null);
        services.AddSingleton(metrics);
        services.AddSingleton<IExchangeSink>(sp => new Metrics.MetricsSink(metrics,
            options.Sink ?? ActivatorUtilities.CreateInstance<LoggingExchangeSink>(sp),
            sp.GetRequiredService<ILogger<Metrics.MetricsSink>>()));
        services.AddSingleton(new HealthCheck(options.DatabaseWritable, inputs.Steady,
            options.StorageDegraded));
    }

    private static void ConfigureKestrel(
        Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, GatewayConfig config,
        ListenBinding binding)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = config.Server.BodyLimit;
        kestrel.Limits.RequestHeadersTimeout = config.Server.HeaderTimeout;
        kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(120);
        var listen = config.Listen;
        // One decision of what the host is (ListenAddress.Name): a name binds what it resolved
        // to; two checks of "localhost" here and in Core once disagreed on its case.
        if (listen.Name is not null)
        {
            // Never no endpoint at all: Kestrel would fall back to localhost:5000.
            if (binding.Resolved.Length == 0)
                throw new InvalidOperationException($"listen host {listen.Host} was not resolved");
            foreach (var address in binding.Resolved) kestrel.Listen(address, listen.Port);
        }
        else if (string.IsNullOrEmpty(listen.Host)) kestrel.ListenAnyIP(listen.Port);
        else if (IPAddress.TryParse(listen.Host.Trim('[', ']'), out var ip))
            kestrel.Listen(ip, listen.Port);
        else kestrel.ListenLocalhost(listen.Port); // `localhost`, in any case
    }

    private static void ConfigureLogging(ILoggingBuilder logging, GatewayConfig config,
        GatewayHostOptions options) =>
        ServerLogging.Configure(logging, options.LogFormat, config.Verbose, options.Quiet);
}
