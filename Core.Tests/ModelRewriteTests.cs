using CsCheck;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

/// Which model the body sent to a provider carries (SPEC §13): forced, else resolved, else kept.
public class ModelRewriteTests
{
    private static readonly Gen<string?> Model = Gen.Frequency(
        (4, ModelRoutingGens.ModelName.Select(m => (string?)m)), (1, Gen.Const((string?)null)));

    [Fact]
    public void A_forced_model_always_wins() =>
        Gen.Select(ModelRoutingGens.Providers, Model, Model).Sample((ps, requested, resolved) =>
            ps.Where(p => p.Model is not null)
                .All(p => ModelRewrite.For(p, requested, resolved) == p.Model));

    [Fact]
    public void Without_a_forced_model_the_body_changes_only_when_an_alias_renamed_the_model() =>
        Gen.Select(ModelRoutingGens.Providers, Model, Model).Sample((ps, requested, resolved) =>
            ps.Where(p => p.Model is null).All(p =>
                ModelRewrite.For(p, requested, resolved)
                == (resolved is not null && resolved != requested ? resolved : null)));
}
