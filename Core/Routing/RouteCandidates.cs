using System.Collections.Immutable;
using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class RouteCandidates
{
    /// Enabled providers that serve `model` and speak the endpoint's dialect, lowest priority
    /// number first, config order within a priority. Passthrough paths carry no known model:
    /// every enabled provider of the request's dialect (`passthroughApi`, OpenAI's when null), or
    /// every enabled one when none speaks it (as before the dialect was understood).
    public static ImmutableArray<ProviderConfig> Of(
        ImmutableArray<ProviderConfig> providers, string model, EndpointKind endpoint,
        ProviderApi? passthroughApi = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var dialect = EndpointDialect.Of(endpoint);
        var passthrough = passthroughApi ?? ProviderApi.OpenAi;
        var found = ImmutableArray.CreateBuilder<ProviderConfig>(providers.Length);
        var tiered = false;
        foreach (var provider in providers)
        {
            if (provider.Enabled && Serves(provider, model, dialect, passthrough))
            {
                tiered |= found.Count > 0 && provider.Priority != found[0].Priority;
                found.Add(provider);
            }
        }

        if (dialect is null && found.Count == 0)
        {
            // A gateway of one kind of provider still passes the other dialect's paths through.
            return [.. providers.Where(p => p.Enabled).OrderBy(p => p.Priority)];
        }

        if (tiered)
        {
            SortByPriority(found);
        }

        return found.DrainToImmutable();
    }

    // Insertion sort: stable (config order holds within a priority), and without the allocations
    // of OrderBy for the handful of providers a gateway has.
    private static void SortByPriority(ImmutableArray<ProviderConfig>.Builder found)
    {
        for (var i = 1; i < found.Count; i++)
        {
            var provider = found[i];
            var j = i - 1;
            for (; j >= 0 && found[j].Priority > provider.Priority; j--)
            {
                found[j + 1] = found[j];
            }

            found[j + 1] = provider;
        }
    }

    private static bool Serves(
        ProviderConfig provider, string model, ProviderApi? dialect, ProviderApi passthrough) =>
        dialect is not { } api
            ? provider.Api == passthrough
            : provider.Api == api && ModelGlob.Serves(provider.Models, model);
}
