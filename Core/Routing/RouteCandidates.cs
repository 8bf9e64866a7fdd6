using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class RouteCandidates
{
    /// Enabled providers that serve `model` and speak the endpoint's dialect, lowest priority
    /// number first, config order within a priority. Passthrough paths carry no known model and
    /// no dialect: every enabled `openai` provider (or every enabled one, when none is `openai`).
    public static ImmutableArray<ProviderConfig> Of(
        ImmutableArray<ProviderConfig> providers, string model, EndpointKind endpoint)
    {
        ArgumentNullException.ThrowIfNull(model);
        var dialect = EndpointDialect.Of(endpoint);
        var found = ImmutableArray.CreateBuilder<ProviderConfig>(providers.Length);
        var tiered = false;
        foreach (var provider in providers)
        {
            if (provider.Enabled && Serves(provider, model, dialect))
            {
                tiered |= found.Count > 0 && provider.Priority != found[0].Priority;
                found.Add(provider);
            }
        }

        if (dialect is null && found.Count == 0)
        {
            // A gateway of anthropic providers only still passes its other paths through.
            return [.. providers.Where(p => p.Enabled).OrderBy(p => p.Priority)];
        }

        // OrderBy is stable, so config order holds within a priority.
        return tiered ? [.. found.OrderBy(p => p.Priority)] : found.DrainToImmutable();
    }

    private static bool Serves(ProviderConfig provider, string model, ProviderApi? dialect) =>
        dialect is not { } api
            ? provider.Api == ProviderApi.OpenAi
            : provider.Api == api && ModelGlob.Serves(provider.Models, model);
}
