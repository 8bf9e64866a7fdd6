using System.Collections.Immutable;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Document;
using Menshen.Core.Config.Raw;
using Menshen.Core.Routing;

namespace Menshen.Core.Config.Validation;

/// `[aliases]` and `[routing]` (SPEC §13) on their own; AliasReachability checks the targets.
internal static class RoutingValidation
{
    public static Validation<Error, RoutingConfig> Validate(RawRouting raw) =>
        (raw.Aliases.Select(Alias).ToSeq().Sequence(),
         Sticky(raw.Sticky),
         Checks.Seconds("routing.sticky_ttl", raw.StickyTtl, RoutingConfig.DefaultStickyTtlSeconds,
         1))
            .Apply((aliases, sticky, ttl) =>
                new RoutingConfig(aliases.Somes().ToImmutableArray(), sticky, ttl));

    /// The aliases valid on their own, whatever else in `[aliases]` or `[routing]` is wrong:
    /// AliasReachability checks their targets beside the other errors, so `-check-config` names
    /// every error at once (helper-61: a pattern target hid an unreachable alias).
    public static ImmutableArray<ModelAlias> ValidAliases(RawRouting raw) =>
        [.. raw.Aliases.SelectMany(a => Alias(a).Match(
            Succ: alias => alias.ToSeq(), Fail: _ => Seq<ModelAlias>.Empty))];

    // A target the reader already rejected (null) adds nothing more.
    private static Validation<Error, Option<ModelAlias>> Alias(RawAlias raw)
    {
        var key = KeyPath.Child("aliases", raw.Name);
        if (raw.Target is not { } target)
        {
            return Option<ModelAlias>.None;
        }

        if (raw.Name.Trim().Length == 0)
        {
            return ConfigError.At(key, "the alias name must not be empty");
        }

        return target.Trim().Length == 0 || target.Trim() != target
            ? ConfigError.At(
                key, $"expected the target model name, got '{target}' (empty, or with spaces " +
                $"around it)")
            : ModelGlob.IsPattern(target)
            ? ConfigError.At(
                key, $"the target must be one model name, not a pattern; got '{target}'")
            : Prelude.Success<Error, Option<ModelAlias>>(new ModelAlias(raw.Name, target));
    }

    private static Validation<Error, StickyMode> Sticky(string? sticky) => sticky switch
    {
        null or "none" => StickyMode.None,
        "key" => StickyMode.Key,
        _ => ConfigError.At("routing.sticky",
            $"expected \"none\" or \"key\" (one client key keeps its provider), got '{sticky}'"),
    };
}
