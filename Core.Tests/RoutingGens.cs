using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

/// Generators for the request path: paths, URLs, providers, health, headers.
public static partial class RoutingGens
{
    public static readonly string[] UnderstoodPaths =
        ["/chat/completions", "/completions", "/responses", "/embeddings"];

    // No `.` or `..` segments: Kestrel removes dot segments before the gateway sees a path.
    private static readonly Gen<string> Segment =
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_."], 1, 8].Where(s => s.Trim('.').Length > 0);

    private static readonly Gen<string> RandomPath =
        Gen.Select(Segment.Array[0, 4], Gen.Bool, (segments, slash) =>
            "/" + string.Join('/', segments) + (slash && segments.Length > 0 ? "/" : ""));

    private static readonly Gen<string> KnownPath = Gen.Select(
        Gen.OneOf([.. UnderstoodPaths, "/models", "/audio/speech", "/files", "/chat"]),
        Gen.Bool,
        (path, slash) => slash ? path + "/" : path);

    /// Incoming paths as Kestrel hands them over: they start with `/`; some begin with `/v1`.
    public static readonly Gen<string> Path = Gen.Select(
        Gen.Frequency((3, KnownPath), (2, RandomPath)),
        Gen.Int[0, 2],
        (path, prefixes) => string.Concat(Enumerable.Repeat("/v1", prefixes)) + path);

    private static readonly Gen<string> QueryToken = Gen.String[Gen.Char.AlphaNumeric, 1, 6];

    /// `key=value` pairs as they appear in a query string, in order.
    public static readonly Gen<string[]> QueryParams =
        Gen.Select(QueryToken, QueryToken, (k, v) => k + "=" + v).Array[0, 4];

    /// Provider base URLs: with or without a path, a trailing slash, a port and a query.
    public static readonly Gen<Uri> BaseUrl = Gen.Select(
        Gen.OneOf("http://127.0.0.1:9000", "https://api.example.com", "https://x.openai.azure.com:8443"),
        Gen.OneOf("", "/", "/v1", "/v1/", "/openai/deployments/gpt", "/api/openai/"),
        QueryParams,
        (origin, path, query) =>
            new Uri(origin + path + (query.Length > 0 ? "?" + string.Join('&', query) : "")));

    private static readonly Gen<Uri> SharedBaseUrl = Gen.OneOf(
        new Uri("https://a.example/v1"), new Uri("https://A.example/v1"), new Uri("https://b.example/v1"));

    private static readonly Gen<ImmutableArray<HeaderValue>> SharedHeaders = Gen.OneOf(
        ImmutableArray<HeaderValue>.Empty, [new HeaderValue("api-key", "h1")]);

    private static readonly Gen<Uri?> SharedProxy =
        Gen.OneOf<Uri?>(null, null, new Uri("http://127.0.0.1:3128"), new Uri("http://u:p@127.0.0.1:3128"));

    /// Providers named p0, p1, ... drawn from few URLs, keys, headers, forced models and proxies,
    /// so that identical upstreams and disabled (weight 0) providers are common.
    public static readonly Gen<ImmutableArray<ProviderConfig>> Providers = Gen.Select(
            SharedBaseUrl, Gen.OneOf("", "k1", "k2"), SharedHeaders, Gen.Int[0, 4],
            Gen.OneOf<string?>(null, null, "m-mini"), SharedProxy)
        .Array[1, 7]
        .Select(drawn => drawn
            .Select((p, i) => new ProviderConfig(
                $"p{i}", p.Item1, p.Item2, p.Item3, p.Item5, p.Item4, p.Item6))
            .ToImmutableArray());

    /// Providers of which at least one is enabled.
    public static readonly Gen<ImmutableArray<ProviderConfig>> ActiveProviders =
        Providers.Where(ps => ps.Any(p => p.Enabled));

    /// Active providers and a valid ticket in [0, TotalWeight).
    public static readonly Gen<(ImmutableArray<ProviderConfig> Providers, int Ticket)> ProvidersAndTicket =
        ActiveProviders.SelectMany(ps =>
            Gen.Int[0, WeightedSelection.TotalWeight(ps) - 1].Select(t => (ps, t)));

    /// Active providers and a weighted first pick among them.
    public static readonly Gen<(ImmutableArray<ProviderConfig> Providers, ProviderConfig First)> ProvidersAndFirst =
        ProvidersAndTicket.Select(x => (x.Providers, WeightedSelection.Pick(x.Providers, x.Ticket)));

    public static readonly Gen<FailoverConfig> Failover = Gen.Select(
        Gen.Bool, Gen.Int[1, 4], Gen.Int[1, 120],
        (enabled, after, seconds) => new FailoverConfig(
            enabled, DefaultOnStatus, after, TimeSpan.FromSeconds(seconds)));

    public static readonly ImmutableArray<int> DefaultOnStatus =
        [401, 403, 408, 429, .. Enumerable.Range(500, 100)];

    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// A health state where each provider has 0..3 failures and may be parked around `Epoch`.
    public static Gen<HealthState> Health(ImmutableArray<ProviderConfig> providers) =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[-60, 60].Nullable(), (failures, offset) =>
                new ProviderHealth(failures, offset is { } s ? Epoch.AddSeconds(s) : null))
            .Array[providers.Length]
            .Select(hs => new HealthState(providers
                .Select((p, i) => KeyValuePair.Create(p.Name, hs[i]))
                .ToImmutableDictionary()));

    /// A provider for example tests.
    public static ProviderConfig Provider(
        string name, int weight = 1, string baseUrl = "https://a.example/v1", string apiKey = "") =>
        new(name, new Uri(baseUrl), apiKey, [], null, weight, null);

    /// A whole config around the given providers and failover settings.
    public static GatewayConfig Config(ImmutableArray<ProviderConfig> providers, FailoverConfig failover) =>
        new(
            new ListenAddress("127.0.0.1", 8080),
            false,
            AuthConfig.Disabled,
            providers,
            new UpstreamConfig(TimeSpan.FromSeconds(300), 8),
            failover,
            new StorageConfig(90, "./data/test.db"),
            new CacheConfig(true, 5 << 20, TimeSpan.Zero),
            new LoggingConfig(true, true, 1 << 20),
            new ServerConfig(32 << 20, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)),
            ImmutableDictionary<string, ModelPrice>.Empty);
}
