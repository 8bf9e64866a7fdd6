using Menshen.Core.Config;
using Menshen.Core.Routing;
using Menshen.Shell.Upstream;

namespace Menshen.Shell.Runtime;

/// The config a request runs on, its upstream transports and the providers' passive health.
/// A request reads <see cref="Current"/> once, so a reload never changes it mid-flight.
public sealed class GatewayRuntime : IDisposable
{
    private readonly UpstreamNetwork _network;
    private ConfigSnapshot _current;
    private HealthState _health = HealthState.Empty;

    public GatewayRuntime(GatewayConfig config, UpstreamNetwork? network = null)
    {
        _network = network ?? UpstreamNetwork.OfMachine();
        _current = new ConfigSnapshot(config, _network);
    }

    public ConfigSnapshot Current => Volatile.Read(ref _current);

    /// The current snapshot, counted as used until <see cref="ConfigSnapshot.Leave"/>: a
    /// request's upstream transports stay open for it whatever reload comes meanwhile.
    public ConfigSnapshot Enter()
    {
        while (true)
        {
            var current = Current;
            if (current.TryEnter()) return current;
            // Replaced and left between the read and the count: the next read is the new one.
        }
    }

    public HealthState Health => Volatile.Read(ref _health);

    /// Applies a pure health transition atomically (lock-free compare-and-swap). Its inputs are
    /// passed in, so that the transition is a static delegate: no closure a request.
    public void UpdateHealth<TInputs>(
        TInputs inputs, Func<HealthState, TInputs, HealthState> transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        while (true)
        {
            var before = Health;
            var after = transition(before, inputs);
            if (ReferenceEquals(after, before)) return;
            if (Interlocked.CompareExchange(ref _health, after, before) == before) return;
        }
    }

    /// Replaces the health with `after` when it is still `before` (compare-and-swap).
    public bool TryReplaceHealth(HealthState before, HealthState after) =>
        Interlocked.CompareExchange(ref _health, after, before) == before;

    /// Swaps in a new config; in-flight requests keep the snapshot they started with.
    public void Replace(GatewayConfig config)
    {
        var old = Interlocked.Exchange(ref _current, new ConfigSnapshot(config, _network));
        UpdateHealth((Before: old.Config.Providers, After: config.Providers),
            static (h, p) => PassiveHealth.AfterReload(h, p.Before, p.After));
        old.Retire();
    }

    public void Dispose() => Current.Dispose();
}
