using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

/// Generators for config tests. They build only valid configs; `ConfigFaults` breaks them on purpose.
public static class ConfigGens
{
    /// The environment every generated config is validated with.
    public static readonly IReadOnlyDictionary<string, string> Env = new Dictionary<string, string>
    {
        ["OPENAI_API_KEY"] = "sk-envkey-0123456789abcdefghij",
        ["AUTH_TOKEN"] = "tok-env-0123456789abcdefghijk",
        ["DATA_DIR"] = "/var/lib/menshen",
        ["EMPTY"] = "",
    };

    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Alnum = Letters + "0123456789";

    public static readonly Gen<string> TextWithoutDollar = Gen.String.Where(s => !s.Contains('$', StringComparison.Ordinal));

    public static readonly Gen<string> VarName =
        Gen.Select(Gen.Char[Letters + "_"], Gen.String[Gen.Char[Alnum + "_"], 0, 8], (c, rest) => c + rest);

    /// Long enough that its masked form (`sk-…abcd`) can never contain it.
    public static readonly Gen<string> Secret = Gen.String[Gen.Char[Alnum], 20, 40].Select(s => "sk-" + s);

    public static readonly Gen<string> Listen =
        Gen.OneOf("127.0.0.1:8080", ":9000", "[::1]:8081", "localhost:1", "0.0.0.0:65535", "gateway.local:443");

    public static readonly Gen<string> BaseUrl = Gen.Select(
        Gen.OneOf("http", "https"),
        Gen.OneOf("api.openai.com", "api.deepseek.com", "localhost", "10.1.2.3"),
        Gen.OneOf("", ":8443"),
        Gen.OneOf("", "/v1", "/openai/deployments/gpt"),
        Gen.OneOf("", "/"),
        Gen.OneOf("", "?api-version=2024-02-01"),
        (scheme, host, port, path, slash, query) => $"{scheme}://{host}{port}{path}{slash}{query}");

    /// A literal key, an env reference, empty (client-key passthrough) or not given.
    public static readonly Gen<string?> ApiKey = Gen.Select(Gen.Int[0, 5], Secret, (n, secret) => n switch
    {
        < 3 => secret,
        3 => "${OPENAI_API_KEY}",
        4 => "",
        _ => null,
    });

    public static readonly Gen<ImmutableArray<HeaderValue>> Headers =
        Gen.Shuffle(new[] { "x-title", "api-key", "cf-aig-authorization", "X-Org" }, 0, 3)
            .SelectMany(names => Gen.OneOf(Secret, Gen.Const("Bearer ${OPENAI_API_KEY}"), Gen.Const("menshen $$ test"))
                .Array[names.Length]
                .Select(values => names.Zip(values, (n, v) => new HeaderValue(n, v)).ToImmutableArray()));

    public static readonly Gen<RawProvider> Provider = Gen.Select(
        Gen.Bool, BaseUrl, ApiKey, Headers, OrNull(Gen.OneOf("gpt-4o", "deepseek-chat")),
        OrNullValue(Gen.Long[0, 100]), OrNull(Gen.OneOf("http://127.0.0.1:3128", "https://${EMPTY}proxy.local:8443", "${EMPTY}")),
        (named, url, key, headers, model, weight, proxy) =>
            new RawProvider(named ? "provider" : null, url, key, headers, model, weight, proxy));

    /// One to four providers; explicit names made unique by index; the first always enabled.
    public static readonly Gen<ImmutableArray<RawProvider>> Providers =
        Provider.Array[1, 4].Select(ps => ps
            .Select((p, i) => p with
            {
                Name = p.Name is null ? null : $"{p.Name}-{i}",
                Weight = i == 0 && p.Weight == 0 ? 1 : p.Weight,
            })
            .ToImmutableArray());

    private static readonly Gen<RawAuth> EnabledAuth = Gen.Select(
        Gen.String[Gen.Char[Alnum], 1, 10], Secret, Gen.OneOf(Secret, Gen.Const("${AUTH_TOKEN}")), Secret.Array[0, 3],
        (user, password, token, keyTokens) => new RawAuth(
            true, user, password, token,
            [.. keyTokens.Select((t, i) => new RawClientKey($"client-{i}", $"{t}-{i}"))]));

    // A disabled section may hold placeholders, even unset variables: they are not checked.
    private static readonly Gen<RawAuth> DisabledAuth =
        Gen.OneOf(RawAuth.Empty, new RawAuth(false, "admin", "${UNSET_PASSWORD}", "", [new RawClientKey("", null)]));

    public static readonly Gen<RawAuth> Auth = Gen.Bool.SelectMany(enabled => enabled ? EnabledAuth : DisabledAuth);

    public static readonly Gen<string> StatusSpec = Gen.OneOf(
        Gen.Int[100, 599].Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Int[1, 5].Select(c => $"{c}xx"),
        Gen.Select(Gen.Int[100, 599], Gen.Int[0, 40], (low, span) => $"{low}..{Math.Min(599, low + span)}"));

    public static readonly Gen<RawFailover> Failover = Gen.Select(
        OrNullValue(Gen.Bool), OrNullValue(StatusSpec.Array[0, 5].Select(a => a.Select(s => (string?)s).ToImmutableArray())),
        OrNullValue(Gen.Long[1, 10]), OrNullValue(Gen.Long[0, 600]),
        (enable, statuses, after, cooldown) => new RawFailover(enable, statuses, after, cooldown));

    public static readonly Gen<ImmutableArray<RawPrice>> Pricing =
        Gen.Shuffle(new[] { "gpt-4o", "gpt-4.1", "deepseek-chat", "o3-mini" }, 0, 3).SelectMany(models =>
            Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 10_000], OrNullValue(Gen.Int[0, 10_000]), Price).Array[models.Length]
                .Select(prices => models.Zip(prices, (m, p) => p(m)).ToImmutableArray()));

    public static readonly Gen<RawConfig> ValidRaw = Gen.Select(
        OrNull(Listen), OrNullValue(Gen.Bool), Auth, Providers,
        Gen.Select(OrNullValue(Gen.Long[0, 3600]), OrNullValue(Gen.Long[1, 64]), (t, i) => new RawUpstream(t, i)),
        Failover,
        Gen.Select(OrNullValue(Gen.Long[-10, 3650]), OrNull(Gen.OneOf("./data/x.db", "${DATA_DIR}/menshen.db")),
            (days, path) => new RawStorage(days, path)),
        Gen.Select(OrNullValue(Gen.Bool), OrNullValue(Gen.Long[0, 1L << 32]), OrNullValue(Gen.Long[0, 86_400]),
            (on, bytes, age) => new RawCache(on, bytes, age)),
        Gen.Select(OrNullValue(Gen.Bool), OrNullValue(Gen.Bool), OrNullValue(Gen.Long[0, 1L << 32]),
            (req, resp, cap) => new RawLogging(req, resp, cap)),
        Gen.Select(OrNullValue(Gen.Long[0, 1L << 32]), OrNullValue(Gen.Long[1, 300]), OrNullValue(Gen.Long[0, 300]),
            (bytes, headers, grace) => new RawServer(bytes, headers, grace)),
        Pricing,
        (listen, verbose, auth, providers, upstream, failover, storage, cache, logging, server, pricing) =>
            new RawConfig(listen, verbose, auth, providers, upstream, failover, storage, cache, logging, server, pricing));

    /// A valid config with 1 to 5 faults at distinct keys: the document, and the keys to be reported.
    public static readonly Gen<(ConfigTable Document, ImmutableHashSet<string> Keys)> Faulted =
        Gen.Select(ValidRaw, Gen.Int[0, 1000], Gen.Int[1, 5]).SelectMany((raw, pick, k) =>
            Gen.Shuffle(ConfigFaults.For(raw, pick).ToArray(), k).Select(faults => Inject(raw, faults)));

    private static (ConfigTable, ImmutableHashSet<string>) Inject(RawConfig raw, ConfigFault[] faults)
    {
        var broken = faults.Aggregate(raw, (r, f) => f.Raw(r));
        var document = faults.Aggregate(ConfigDocuments.FromRaw(broken), (d, f) => f.Document(d));
        return (document, faults.Select(f => f.Key).ToImmutableHashSet());
    }

    private static Func<string, RawPrice> Price(int input, int output, int? cached) =>
        model => new RawPrice(model, input / 100m, output / 100m, cached / 100m);

    private static Gen<T?> OrNull<T>(Gen<T> gen) where T : class =>
        Gen.Select(Gen.Int[0, 3], gen, (n, v) => n == 0 ? null : v);

    private static Gen<T?> OrNullValue<T>(Gen<T> gen) where T : struct =>
        Gen.Select(Gen.Int[0, 3], gen, (n, v) => n == 0 ? (T?)null : v);
}
