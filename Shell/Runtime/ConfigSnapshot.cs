using Menshen.Core.Config;
using Menshen.Shell.Upstream;

namespace Menshen.Shell.Runtime;

/// A config with the upstream transports built for it.
public sealed class ConfigSnapshot : IDisposable
{
    public ConfigSnapshot(GatewayConfig config)
    {
        Config = config;
        Transports = new UpstreamTransports(config.Upstream, config.Providers);
    }

    public GatewayConfig Config { get; }

    public UpstreamTransports Transports { get; }

    /// Old transports may still carry streams; they are disposed well after the swap.
    public void RetireAfter(TimeSpan delay) =>
        _ = Task.Delay(delay).ContinueWith(_ => Dispose(), TaskScheduler.Default);

    public void Dispose() => Transports.Dispose();
}
