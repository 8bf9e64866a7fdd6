using BenchmarkDotNet.Attributes;
using Menshen.Core.Config;
using Menshen.Core.Config.Raw;
using Menshen.Core.Routing;

namespace Menshen.CoreBench;

/// Routing by model (SPEC §13) per request: alias resolution plus the whole plan, on a config
/// with four providers in two tiers and two dialects, and on the plain config of RoutingBench.
[MemoryDiagnoser]
[ShortRunJob]
public class RouteBench
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private GatewayConfig _routed = null!;
    private GatewayConfig _plain = null!;
    private int _ticket;

    [GlobalSetup]
    public void Setup()
    {
        _routed = Validate(RawConfig.Empty with
        {
            Providers =
            [
                Provider("openai", "https://api.openai.com/v1", 3, 1, null, "gpt-*", "o3", "o4-mini"),
                Provider("deepseek", "https://api.deepseek.com/v1", 1, 2, null, "deepseek-*", "qwen*"),
                Provider("local", "http://127.0.0.1:11434/v1", 1, 1, null, "llama*", "qwen*"),
                Provider("claude", "https://api.anthropic.com/v1", 1, 1, "anthropic", "claude-*"),
            ],
            Routing = new RawRouting(
                [new("fast", "gpt-4o-mini"), new("deepseek-v3*", "deepseek-chat"),
                 new("claude-3-5-haiku-*", "claude-haiku-4-5")],
                "key",
                null),
        });
        _plain = Validate(RawConfig.Empty with
        {
            Providers = [Provider("openai", "https://api.openai.com/v1", 3, 1, null),
                         Provider("deepseek", "https://api.deepseek.com/v1", 2, 1, null),
                         Provider("backup", "https://backup.example.com/v1", 1, 1, null)],
        });
    }

    /// An alias to a model served in one tier by one provider.
    [Benchmark]
    public RouteDecision AliasToOneProvider() => Route(_routed, "fast", null);

    /// A model served in two tiers: the local server first, DeepSeek behind it.
    [Benchmark]
    public RouteDecision TwoTiers() => Route(_routed, "qwen2.5-coder", null);

    /// The same, with a sticky hint that applies.
    [Benchmark]
    public RouteDecision TwoTiersSticky() => Route(_routed, "qwen2.5-coder", "local");

    /// The same, a follow-up whose previous response came from DeepSeek (affinity: one provider).
    [Benchmark]
    public RouteDecision TwoTiersAffinity() => Route(_routed, "qwen2.5-coder", "local", "deepseek");

    /// A model nobody serves: the 404 refusal.
    [Benchmark]
    public RouteDecision NotServed() => Route(_routed, "gemini-2.5-pro", null);

    /// A config without §13 keys, the same request as RoutingBench.PlanHealthy.
    [Benchmark(Baseline = true)]
    public RouteDecision PlainConfig() => Route(_plain, "gpt-4o-mini", null);

    private RouteDecision Route(
        GatewayConfig config, string model, string? sticky, string? affinity = null)
    {
        var resolved = AliasResolution.Resolve(config.Routing.Aliases, model);
        _ticket = (_ticket + 1) % 6;
        // Affinity comes with `previous_response_id`, which only the responses endpoint has.
        var endpoint = affinity is null ? EndpointKind.ChatCompletions : EndpointKind.Responses;
        var query = new RouteQuery(resolved, endpoint, affinity, sticky);
        return RoutingPlan.Route(config, query, HealthState.Empty, Now, _ticket);
    }

    private static GatewayConfig Validate(RawConfig raw) =>
        ConfigValidation.Validate(raw, new Dictionary<string, string>())
            .Match(
                Succ: c => c,
                Fail: e => throw new InvalidOperationException(string.Join("; ", e)));

    private static RawProvider Provider(
        string name, string baseUrl, int weight, int priority, string? api,
        params string[] models) =>
        RawProvider.Empty with
        {
            Name = name,
            BaseUrl = baseUrl,
            ApiKey = "sk-bench",
            Weight = weight,
            Priority = priority,
            Api = api,
            Models = models.Length == 0 ? null : [.. models],
        };
}
