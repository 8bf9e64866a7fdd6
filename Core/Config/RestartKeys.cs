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
        if (before.Server != after.Server) keys.Add("[server]");
        return keys.ToImmutable();
    }
}
