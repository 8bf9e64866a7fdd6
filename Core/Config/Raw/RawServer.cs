namespace Menshen.Core.Config.Raw;

/// `[server]` as written.
public sealed record RawServer(long? MaxRequestBodyBytes, long? HeaderTimeout, long? ShutdownGrace)
{
    public static RawServer Empty { get; } = new(null, null, null);
}
