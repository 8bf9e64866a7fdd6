using Menshen.Core.Routing;

namespace Menshen.Core.Config;

/// The routing part of `-check-config`'s summary (SPEC §13); silent without §13 keys.
internal static class RoutingSummary
{
    /// `, priority 2, api anthropic` after a provider's weight: only what differs from defaults.
    public static string ProviderSuffix(ProviderConfig p) =>
        (p.Priority != 1 ? $", priority {p.Priority}" : "")
        + (p.Api == ProviderApi.Anthropic ? ", api anthropic" : "");

    /// `    models: gpt-4o*, o3` for a provider that lists models.
    public static IEnumerable<string> ProviderLines(ProviderConfig p)
    {
        if (!p.Models.IsEmpty)
        {
            yield return $"    models: {string.Join(", ", p.Models)}";
        }
    }

    /// Aliases, stickiness, where GET /v1/models is answered, and the config's warnings.
    public static IEnumerable<string> Lines(GatewayConfig c)
    {
        if (!c.Routing.Aliases.IsEmpty)
        {
            yield return "aliases: "
                + string.Join(", ", c.Routing.Aliases.Select(a => $"{a.Name} → {a.Target}"));
        }

        if (c.Routing.Sticky == StickyMode.Key)
        {
            yield return "routing: sticky by client key and model for "
                + SummaryFormat.Seconds(c.Routing.StickyTtl, "0s")
                + " while the provider stays healthy";
        }

        if (ModelCatalog.IsLocal(c))
        {
            var count = ModelCatalog.Entries(c).Length;
            yield return "GET /v1/models: answered by the gateway "
                + $"({count} model{(count == 1 ? "" : "s")})";
        }

        foreach (var problem in ConfigWarnings.Of(c))
        {
            yield return "warning: " + problem;
        }
    }
}
