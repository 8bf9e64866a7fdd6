using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Menshen.Core.Config;
using Menshen.Core.Config.Raw;
using Menshen.Core.Routing;

namespace Menshen.CoreBench;

/// Provider choice per request: the weighted pick, and the whole failover plan around it.
[MemoryDiagnoser]
[ShortRunJob]
public class RoutingBench
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private GatewayConfig _config = null!;
    private HealthState _oneCooling = HealthState.Empty;
    private int _ticket;

    [GlobalSetup]
    public void Setup()
    {
        var raw = RawConfig.Empty with
        {
            Providers = [Provider("openai", "https://api.openai.com/v1", 3),
                         Provider("deepseek", "https://api.deepseek.com/v1", 2),
                         Provider("backup", "https://backup.example.com/v1", 1)],
        };
        _config = ConfigValidation.Validate(raw, new Dictionary<string, string>())
            .Match(Succ: c => c, Fail: e => throw new InvalidOperationException(string.Join("; ", e)));
        _oneCooling = new HealthState(ImmutableDictionary<string, ProviderHealth>.Empty
            .Add("openai", new ProviderHealth(3, Now.AddSeconds(30))));
    }

    /// The ticket cycles over [0, 6) so every provider is picked in turn.
    [Benchmark]
    public ProviderConfig Pick() => WeightedSelection.Pick(_config.Providers, NextTicket());

    [Benchmark]
    public ImmutableArray<ProviderConfig> PlanHealthy() =>
        RoutingPlan.Plan(_config, EndpointKind.ChatCompletions, NextTicket(), HealthState.Empty, Now);

    [Benchmark]
    public ImmutableArray<ProviderConfig> PlanOneCooling() =>
        RoutingPlan.Plan(_config, EndpointKind.ChatCompletions, NextTicket(), _oneCooling, Now);

    private int NextTicket() => _ticket = (_ticket + 1) % 6;

    private static RawProvider Provider(string name, string baseUrl, int weight) =>
        RawProvider.Empty with { Name = name, BaseUrl = baseUrl, ApiKey = "sk-bench", Weight = weight };
}
