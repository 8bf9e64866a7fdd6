using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class AliasResolution
{
    /// The model a request for `model` is routed as: the target of an exact alias; else of the
    /// matching glob alias with the longest pattern (the first in config order on a tie); else
    /// `model` itself. A target is never resolved again, so aliases cannot loop.
    public static string Resolve(ImmutableArray<ModelAlias> aliases, string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelAlias? best = null;
        foreach (var alias in aliases)
        {
            if (!ModelGlob.IsPattern(alias.Name))
            {
                if (alias.Name == model)
                {
                    return alias.Target;
                }
            }
            else if ((best is null || alias.Name.Length > best.Name.Length)
                && ModelGlob.Matches(alias.Name, model))
            {
                best = alias;
            }
        }

        return best?.Target ?? model;
    }
}
