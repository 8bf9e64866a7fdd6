using Menshen.Core.Config;

namespace Menshen.Shell.Http;

/// The gateway auth of the current config, built in Http once per config (a reload brings a new
/// one), so the proxied routes and the dashboard compare against the same prepared digests.
public sealed class ClientAuths
{
    private Built? _current;

    public ClientAuth For(GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var current = Volatile.Read(ref _current);
        if (current is not null
            && ReferenceEquals(current.Config, config.Auth)) return current.Auth;
        var built = new Built(config.Auth, new ClientAuth(config.Auth));
        Volatile.Write(ref _current, built);
        return built.Auth;
    }

    private sealed record Built(AuthConfig Config, ClientAuth Auth);
}
