using Menshen.Core.Config;
using Menshen.Core.Routing;
using Menshen.Shell.Upstream;

namespace Menshen.Shell.Hosting;

/// The config a request runs on, its upstream transports and the providers' passive health.
/// A request reads <see cref="Current"/> once, so a reload never changes it mid-flight.
public sealed class GatewayRuntime : IDisposable
{
    private ConfigSnapshot _current;
    private HealthState _health = HealthState.Empty;

    public GatewayRuntime(GatewayConfig config) => _current = new ConfigSnapshot(config);

    public ConfigSnapshot Current => Volatile.Read(ref _current);

    public HealthState Health => Volatile.Read(ref _health);

    /// Applies a pure health transition atomically (lock-free compare-and-swap).
    public void UpdateHealth(Func<HealthState, HealthState> transition)
    {
        while (true)
        {
            var before = Health;
            if (Interlocked.CompareExchange(ref _health, transition(before), before) == before) return;
        }
    }

    /// Swaps in a new config; in-flight requests keep the snapshot they started with.
    public void Replace(GatewayConfig config)
    {
        var old = Interlocked.Exchange(ref _current, new ConfigSnapshot(config));
        old.RetireAfter(TimeSpan.FromMinutes(10));
    }

    public void Dispose() => Current.Dispose();
}

/// A config with the transports built for it and the auth secrets prepared for comparison.
public sealed class ConfigSnapshot : IDisposable
{
    public ConfigSnapshot(GatewayConfig config)
    {
        Config = config;
        Transports = new UpstreamTransports(config.Upstream, config.Providers);
        Auth = new Http.ClientAuth(config.Auth);
    }

    public GatewayConfig Config { get; }

    public UpstreamTransports Transports { get; }

    public Http.ClientAuth Auth { get; }

    /// Old transports may still carry streams; they are disposed well after the swap.
    public void RetireAfter(TimeSpan delay) =>
        _ = Task.Delay(delay).ContinueWith(_ => Dispose(), TaskScheduler.Default);

    public void Dispose() => Transports.Dispose();
}
