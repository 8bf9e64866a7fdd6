using System.Collections.Immutable;

namespace Menshen.Core.Config.Raw;

/// `[server]` as written.
public sealed record RawServer(long? MaxRequestBodyBytes, long? HeaderTimeout, long? ShutdownGrace)
{
    public static RawServer Empty { get; } = new(null, null, null);

    /// `allowed_hosts`: extra Host names the gateway answers (DNS-rebinding guard).
    public ImmutableArray<string>? AllowedHosts { get; init; }

    /// `cors_origins`: web origins whose pages may call the gateway.
    public ImmutableArray<string>? CorsOrigins { get; init; }

    /// `passthrough`: "all", "read" or "models".
    public string? Passthrough { get; init; }
}
