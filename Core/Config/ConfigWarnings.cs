using System.Collections.Immutable;
using System.Globalization;
using Menshen.Core.Routing;

namespace Menshen.Core.Config;

/// What `-check-config` and start-up warn about: a config that loads and runs, but that will
/// surprise its user. One `key: why` line each, in config order.
public static class ConfigWarnings
{
    public static ImmutableArray<string> Of(GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var warnings = ImmutableArray.CreateBuilder<string>();
        warnings.AddRange(ProviderReachability.Problems(config));
        for (var i = 0; i < config.Providers.Length; i++)
        {
            var provider = config.Providers[i];
            if (provider.Enabled && provider.Api == ProviderApi.Anthropic
                && !provider.BaseUrl.AbsolutePath.TrimEnd('/').EndsWith("/v1",
                    StringComparison.Ordinal))
            {
                warnings.Add(
                    $"providers[{i.ToString(CultureInfo.InvariantCulture)}].base_url: an "
                    + "anthropic provider's base_url should end in /v1 "
                    + "(https://api.anthropic.com/v1): "
                    + "the gateway sends base_url + /messages, and Anthropic's SDKs add /v1 "
                    + "themselves but the gateway does not");
            }
        }
        warnings.AddRange(MissingApiPath(config.Providers));
        warnings.AddRange(Repeated(config.Providers));
        warnings.AddRange(ClaudeAliasesAnthropicCannotAnswer(config));
        if (config.Cache.Enabled && !config.Cache.Shared && !config.Auth.Enabled)
        {
            warnings.Add("cache.shared: false does nothing while [auth] is off: without client "
                + "keys every client shares one cache (turn [auth] on to give each key its own)");
        }
        if (config.Upstream.HttpClientSection)
        {
            warnings.Add("http_client.timeout: [http_client] is ai-menshen's name for [upstream]; "
                + "move `timeout` there (a `timeout` in [upstream] wins over this one)");
        }
        if (ModelListWarning(config) is { } models) warnings.Add(models);
        return warnings.ToImmutable();
    }

    // The gateway's own model list (SPEC §13) shows exact names only: a provider without
    // `models` serves every model yet lists none (helper-61: one alias hid a whole upstream list).
    private static string? ModelListWarning(GatewayConfig config)
    {
        if (!ModelCatalog.IsLocal(config)) return null;
        var unlisted = config.Providers.Where(p => p.Enabled && p.Models.IsEmpty)
            .Select(p => p.Name).ToList();
        if (unlisted.Count > 0)
        {
            var several = unlisted.Count > 1;
            var names = several
                ? string.Join(", ", unlisted[..^1]) + " and " + unlisted[^1] : unlisted[0];
            return "GET /v1/models: the gateway answers it from `models` and [aliases], so it "
                + $"does not list the models of provider{(several ? "s" : "")} {names} (no "
                + $"`models`: {(several ? "they serve" : "it serves")} every model); give "
                + $"{(several ? "them" : "it")} a `models` list to show those";
        }
        return ModelCatalog.Entries(config).IsEmpty
            ? "GET /v1/models: the gateway answers it with an empty list: every provider's "
                + "models are patterns and no alias has an exact name, so a client that fills a "
                + "model picker from it shows nothing; list exact names as well"
            : null;
    }

    // Hosts whose OpenAI-compatible API lives under a path, not at the root: ai-menshen's
    // configs often say `https://api.openai.com` (the gateway keeps base_url's path and drops
    // the client's /v1), and every request then met a 404 with no word from -check-config
    // (helper-65). DeepSeek answers at its root too, so it is not listed.
    private static readonly (string Host, string Path)[] ApiPaths =
    [
        ("api.openai.com", "/v1"), ("openrouter.ai", "/api/v1"), ("api.groq.com", "/openai/v1"),
        ("api.mistral.ai", "/v1"), ("api.together.xyz", "/v1"), ("api.x.ai", "/v1"),
        ("generativelanguage.googleapis.com", "/v1beta/openai"),
    ];

    private static IEnumerable<string> MissingApiPath(ImmutableArray<ProviderConfig> providers) =>
        providers.Select((p, i) => (Provider: p, Index: i,
                Known: ApiPaths.FirstOrDefault(a => a.Host.Equals(p.BaseUrl.Host,
                    StringComparison.OrdinalIgnoreCase))))
            .Where(r => r.Provider.Enabled && r.Provider.Api != ProviderApi.Anthropic
                && r.Known.Host is not null
                && r.Provider.BaseUrl.AbsolutePath.Trim('/').Length == 0)
            .Select(r => $"providers[{r.Index.ToString(CultureInfo.InvariantCulture)}].base_url: "
                + $"{r.Known.Host} serves its API under {r.Known.Path}; write "
                + $"https://{r.Known.Host}{r.Known.Path} (the gateway sends base_url + the "
                + "path without the client's /v1, so this one would get 404s)");

    // A provider block pasted twice loads (the second is named host#2) and only doubles the
    // first's share of the traffic; failover treats the two as one upstream anyway.
    private static IEnumerable<string> Repeated(ImmutableArray<ProviderConfig> providers) =>
        providers.Select((p, i) => (Index: i, Earlier: providers.Take(i).ToList()
                .FindIndex(e => e.Enabled && p.Enabled && Repeats(p, e))))
            .Where(r => r.Earlier >= 0)
            .Select(r => $"providers[{r.Index.ToString(CultureInfo.InvariantCulture)}]: repeats "
                + $"providers[{r.Earlier.ToString(CultureInfo.InvariantCulture)}] (same base_url, "
                + "api_key, headers, api, models and priority): it only doubles that provider's "
                + "share of the requests and adds no failover; remove it, or set weight "
                + "instead");

    private static bool Repeats(ProviderConfig later, ProviderConfig earlier) =>
        later.IsSameUpstreamAs(earlier) && later.Priority == earlier.Priority
        && later.Models.SequenceEqual(earlier.Models);

    // Claude Code and the Anthropic SDKs send claude-* names to /v1/messages; only anthropic
    // providers answer there, and the gateway does not translate between the dialects.
    private static IEnumerable<string> ClaudeAliasesAnthropicCannotAnswer(GatewayConfig config) =>
        config.Routing.Aliases
            .Where(a => a.Name.StartsWith("claude", StringComparison.OrdinalIgnoreCase))
            .Where(a => RouteCandidates.Of(config.Providers, a.Target, EndpointKind.Messages)
                .IsEmpty)
            .Select(a => $"{Document.KeyPath.Child("aliases", a.Name)}: Claude Code and the "
                + $"Anthropic SDKs send this name to /v1/messages, and no enabled api = "
                + $"\"anthropic\" provider serves its target '{a.Target}': those requests get "
                + "404 (the gateway does not translate between the OpenAI and Anthropic APIs)");
}
