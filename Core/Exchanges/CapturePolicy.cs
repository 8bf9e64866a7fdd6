using Menshen.Core.Config;

namespace Menshen.Core.Exchanges;

public static class CapturePolicy
{
    /// The cap of the response capture (0: none). One capture serves the audit log, usage
    /// parsing and the cache, so it holds the larger cap, and no cap when either has none.
    public static long ResponseCap(GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var log = config.Logging.MaxBodyBytes;
        var cache = config.Cache.Enabled ? config.Cache.MaxBodyBytes : 0;
        return log == 0 || (config.Cache.Enabled && cache == 0) ? 0 : Math.Max(log, cache);
    }

    /// The cap of the request capture, or null when request bodies are not logged.
    public static long? RequestCap(GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Logging.LogRequestBody ? config.Logging.MaxBodyBytes : null;
    }
}
