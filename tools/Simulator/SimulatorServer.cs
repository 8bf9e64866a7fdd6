using System.Net;
using Menshen.Simulator.Http;
using Menshen.Simulator.Recording;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Menshen.Simulator;

/// <summary>A simulated OpenAI-compatible upstream on a real loopback socket, for tests, demos and benchmarks.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    // In-flight requests get this long to finish when the server stops; then their connections are cut.
    // Short, because a test disposing the simulator does not want to wait for a 60 s stream.
    private static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(250);

    private readonly WebApplication _app;
    private readonly RequestLog _log;

    private SimulatorServer(WebApplication app, RequestLog log, SimulatorOptions options, Uri rootUrl)
    {
        _app = app;
        _log = log;
        Options = options;
        RootUrl = rootUrl;
        BaseUrl = new Uri(rootUrl, "v1");
    }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri RootUrl { get; }

    /// <summary>The provider base URL, e.g. <c>http://127.0.0.1:41234/v1</c> (no trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The live options; changes apply to requests that start afterwards.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>A snapshot of the recorded requests, oldest first (empty in bench mode).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>Requests received since the start or the last <see cref="ResetLog"/>.</summary>
    public int RequestCount => _log.Count;

    /// <summary>Requests the client abandoned before the simulator finished them.</summary>
    public int AbortedCount => _log.AbortedCount;

    /// <summary>Starts on 127.0.0.1 with a free port.</summary>
    public static Task<SimulatorServer> StartAsync(
        SimulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(new IPEndPoint(IPAddress.Loopback, 0), options, cancellationToken);

    /// <summary>Starts on the given endpoint (port 0 picks a free port).</summary>
    public static async Task<SimulatorServer> StartAsync(
        IPEndPoint endpoint, SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new SimulatorOptions();
        var log = new RequestLog();
        var app = Build(endpoint);
        app.Run(new Dispatcher(options, log).HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatorServer(app, log, options, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Forgets recorded requests and counts; requests already running are not counted again.</summary>
    public void ResetLog() => _log.Reset();

    /// <summary>
    /// Completes with the first request (since the last reset) that the client aborted, at once if one
    /// already was; throws <see cref="TimeoutException"/> when none is observed in time.
    /// </summary>
    public Task<RecordedRequest> WaitForAbortAsync(TimeSpan timeout) => _log.WaitForAbortAsync(timeout);

    /// <summary>
    /// Completes once <paramref name="count"/> requests have arrived (since the last reset); throws
    /// <see cref="TimeoutException"/> when they do not arrive in time.
    /// </summary>
    public Task WaitForRequestsAsync(int count, TimeSpan timeout) => _log.WaitForCountAsync(count, timeout);

    /// <summary>Completes when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) =>
        _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server; requests cut by the stop are not counted as client aborts.</summary>
    public async ValueTask DisposeAsync()
    {
        _log.IgnoreAborts();
        using (var grace = new CancellationTokenSource(StopGrace))
            await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }

    private static WebApplication Build(IPEndPoint endpoint)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Many simulators may run in one test process: no file watchers on appsettings.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http1);
        });
        return builder.Build();
    }
}
