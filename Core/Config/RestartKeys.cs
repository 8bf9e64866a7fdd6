using System.Collections.Immutable;

namespace Menshen.Core.Config;

public static class RestartKeys
{
    /// The config keys whose change a reload cannot apply to the running gateway (the listener,
    /// the database file, Kestrel's limits): a restart applies them. Empty when none changed.
    public static ImmutableArray<string> Changed(GatewayConfig before, GatewayConfig after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var keys = ImmutableArray.CreateBuilder<string>();
        if (before.Listen != after.Listen) keys.Add("listen");
        if (before.Storage.SqlitePath != after.Storage.SqlitePath) keys.Add("storage.sqlite.path");
        if (before.Storage.Backend != after.Storage.Backend) keys.Add("storage.backend");
        if (before.Storage.Postgres != after.Storage.Postgres) keys.Add("[storage.postgres]");
        // allowed_hosts, cors_origins and passthrough apply at once (read per request); the
        // limits need Kestrel, and the grace is armed at start.
        var (was, now) = (before.Server, after.Server);
        if (was.MaxRequestBodyBytes != now.MaxRequestBodyBytes)
            keys.Add("server.max_request_body_bytes");
        if (was.HeaderTimeout != now.HeaderTimeout) keys.Add("server.header_timeout");
        if (was.ShutdownGrace != now.ShutdownGrace) keys.Add("server.shutdown_grace");
        return keys.ToImmutable();
    }

    /// The config a reload runs on: `loaded`, except that every key <see cref="Changed"/> names
    /// keeps its running value until a restart applies it. So the request path and Kestrel never
    /// disagree (a body limit raised by a reload was still refused by Kestrel, with the new limit
    /// quoted in the 413; one lowered was applied to some requests and not to others), and a
    /// file changed back stops being reported as needing a restart.
    public static GatewayConfig Applied(GatewayConfig running, GatewayConfig loaded)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(loaded);
        return loaded with
        {
            Listen = running.Listen,
            Storage = loaded.Storage with
            {
                SqlitePath = running.Storage.SqlitePath,
                Backend = running.Storage.Backend,
                Postgres = running.Storage.Postgres,
            },
            Server = running.Server with
            {
                AllowedHosts = loaded.Server.AllowedHosts,
                CorsOrigins = loaded.Server.CorsOrigins,
                Passthrough = loaded.Server.Passthrough,
            },
        };
    }
}
