using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Raw;
using Menshen.Core.Config.Validation;

namespace Menshen.Core.Config;

/// Turns what the file says into the config the gateway runs on.
public static class ConfigValidation
{
    /// Applies defaults and env expansion and checks every rule of SPEC §2. On failure returns
    /// every problem at once, each a `ConfigError` whose message starts with its key path.
    public static Validation<Error,
        GatewayConfig> Validate(RawConfig raw, IReadOnlyDictionary<string, string> env)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(env);
        var providerList = ProviderValidation.Validate(raw.Providers, env);
        var routing = RoutingValidation.Validate(raw.Routing);
        var reach = AliasReachability.Check(providerList,
            RoutingValidation.ValidAliases(raw.Routing));
        var front = (ListenValidation.Validate(raw.Listen),
                     AuthValidation.Validate(raw.Auth, env),
                     providerList,
                     SectionValidation.Upstream(raw.Upstream),
                     FailoverValidation.Validate(raw.Failover))
            .Apply((listen, auth, providers, upstream, failover) =>
                (listen, auth, providers, upstream, failover));
        var back = (SectionValidation.Storage(raw.Storage, env),
                    SectionValidation.Cache(raw.Cache),
                    SectionValidation.Logging(raw.Logging),
                    SectionValidation.Server(raw.Server),
                    PricingValidation.Validate(raw.Pricing))
            .Apply((storage, cache, logging, server, pricing) =>
                (storage, cache, logging, server, pricing));
        return (front, back, routing, reach).Apply((f, b, r, _) => new GatewayConfig(
            f.listen, raw.Verbose ?? false, f.auth, f.providers, f.upstream, f.failover,
            b.storage, b.cache, b.logging, b.server, b.pricing)
        { Routing = r });
    }
}
