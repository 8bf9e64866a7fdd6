using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Shell.Tests.Support;

/// Valid gateway configs for tests, bound to 127.0.0.1 port 0.
public static class TestConfigs
{
    public static ProviderConfig Provider(
        string name, Uri baseUrl, string apiKey = "sk-upstream-secret", int weight = 1, string? model = null,
        params HeaderValue[] headers) =>
        new(name, new Uri(baseUrl.AbsoluteUri.TrimEnd('/')), apiKey, [.. headers], model, weight, null);

    public static GatewayConfig With(params ProviderConfig[] providers) => new(
        Listen: new ListenAddress("127.0.0.1", 0),
        Verbose: false,
        Auth: AuthConfig.Disabled,
        Providers: [.. providers],
        Upstream: new UpstreamConfig(TimeSpan.FromSeconds(30), 8),
        Failover: new FailoverConfig(true, DefaultOnStatus, 3, TimeSpan.FromSeconds(30)),
        Storage: new StorageConfig(90, "unused.db"),
        Cache: new CacheConfig(false, 5_242_880, TimeSpan.Zero),
        Logging: new LoggingConfig(true, true, 8_388_608),
        Server: new ServerConfig(32 * 1024 * 1024, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)),
        Pricing: ImmutableDictionary<string, ModelPrice>.Empty);

    public static GatewayConfig WithAuth(this GatewayConfig config, string token, params ClientKey[] keys) =>
        config with { Auth = new AuthConfig(true, "admin", "dash-password", token, [.. keys]) };

    public static GatewayConfig WithCache(this GatewayConfig config, long maxBodyBytes = 5_242_880, TimeSpan maxAge = default) =>
        config with { Cache = new CacheConfig(true, maxBodyBytes, maxAge) };

    public static GatewayConfig WithTimeout(this GatewayConfig config, TimeSpan timeout) =>
        config with { Upstream = config.Upstream with { Timeout = timeout } };

    private static readonly ImmutableArray<int> DefaultOnStatus =
        [401, 403, 408, 429, .. Enumerable.Range(500, 100)];
}
