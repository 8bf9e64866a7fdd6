using System.Runtime.InteropServices;

namespace Menshen.Shell.Hosting;

/// What a stop tells the operator: at once, how many requests it waits for and for how long;
/// every few seconds, how many are left. A second SIGINT, SIGQUIT or SIGTERM ends the wait: the
/// running requests are ended by the gateway and recorded so, as when the grace runs out.
public sealed partial class StopNotice : IDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
    private readonly GatewayHost _host;
    private readonly TimeSpan _grace;
    private readonly ILogger _log;
    private readonly List<IDisposable> _registrations = [];
    private readonly CancellationTokenRegistration _onStopping;
    private Timer? _progress;
    private long _stoppedAt;
    private int _signals;

    private StopNotice(GatewayHost host, TimeSpan grace, ILogger log)
    {
        _host = host;
        _grace = grace;
        _log = log;
        _onStopping = host.Stopping.Register(Began);
        if (OperatingSystem.IsWindows()) return;
        // As ai-menshen: SIGQUIT stops too (one started ignored is taken back in Main).
        foreach (var signal in (PosixSignal[])[PosixSignal.SIGINT, PosixSignal.SIGQUIT,
            PosixSignal.SIGTERM])
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
    }

    /// Watches `host` from now on; `grace` is `[server] shutdown_grace` as the host started.
    public static StopNotice Watch(GatewayHost host, TimeSpan grace, ILogger log) =>
        new(host, grace, log);

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the host stops itself, draining the audit queue
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _host.BeginStop();
            return;
        }
        var running = _host.InFlight.Count;
        LogEndingNow(_log, running, Noun(running));
        _host.Grace.EndNow();
    }

    private void Began()
    {
        _stoppedAt = Environment.TickCount64;
        var running = _host.InFlight.Count;
        if (running == 0)
        {
            LogStoppingIdle(_log);
            return;
        }
        LogStopping(_log, running, Noun(running),
            (long)_grace.TotalSeconds);
        _progress = new Timer(_ => Progress(), null, Every, Every);
    }

    private void Progress()
    {
        var running = _host.InFlight.Count;
        if (running == 0) return;
        var left = _grace - TimeSpan.FromMilliseconds(Environment.TickCount64 - _stoppedAt);
        LogStillRunning(_log, running, Noun(running),
            Math.Max(0, (long)Math.Ceiling(left.TotalSeconds)));
    }

    private static string Noun(int running) => running == 1 ? "request" : "requests";

    public void Dispose()
    {
        _onStopping.Dispose();
        _progress?.Dispose();
        foreach (var registration in _registrations) registration.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping: no request running")]
    private static partial void LogStoppingIdle(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping: waiting for {Running} " +
        "running {Noun} for up to {Grace} s ([server] shutdown_grace); stop again (Ctrl-C or " +
        "SIGTERM) to end them now")]
    private static partial void LogStopping(ILogger logger, int running, string noun, long grace);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "stopping: {Running} {Noun} still running, {Left} s of the grace left")]
    private static partial void LogStillRunning(ILogger logger, int running, string noun,
        long left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "stopping now (a second stop signal): " +
        "ending {Running} running {Noun}; their audit records say so")]
    private static partial void LogEndingNow(ILogger logger, int running, string noun);
}
