using System.Collections.Immutable;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Document;
using Menshen.Core.Routing;

namespace Menshen.Core.Config.Validation;

/// An alias must lead somewhere: some enabled provider serves its target.
internal static class AliasReachability
{
    /// Checked only against valid providers: invalid ones are reported at their own keys already.
    public static Validation<Error, Unit> Check(
        Validation<Error, ImmutableArray<ProviderConfig>> providers,
        ImmutableArray<ModelAlias> aliases) =>
        providers.Match(
            Succ: valid => Check(valid, aliases),
            Fail: _ => Prelude.Success<Error, Unit>(Prelude.unit));

    private static Validation<Error, Unit> Check(
        ImmutableArray<ProviderConfig> providers, ImmutableArray<ModelAlias> aliases) =>
        aliases
            .Select(alias => Reachable(providers, alias))
            .ToSeq()
            .Sequence()
            .Map(_ => Prelude.unit);

    private static Validation<Error, Unit> Reachable(
        ImmutableArray<ProviderConfig> providers, ModelAlias alias) =>
        providers.Any(p => p.Enabled && ModelGlob.Serves(p.Models, alias.Target))
            ? Prelude.unit
            : ConfigError.At(
                KeyPath.Child("aliases", alias.Name),
                $"no enabled provider serves the target '{alias.Target}'; add it to a provider's "
                + "`models` or point the alias at a model that one serves");
}
