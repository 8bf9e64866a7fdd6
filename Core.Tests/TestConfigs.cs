using System.Collections.Immutable;
using Menshen.Core.Config;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

/// Small hand-written configs for example tests.
public static class TestConfigs
{
    public static readonly IReadOnlyDictionary<string, string> NoEnv = new Dictionary<string, string>();

    public static RawProvider Provider(string baseUrl) => RawProvider.Empty with { BaseUrl = baseUrl };

    /// A config with only these providers; everything else left to its default.
    public static RawConfig With(params RawProvider[] providers) =>
        RawConfig.Empty with { Providers = [.. providers] };

    /// The minimal valid config: one provider.
    public static RawConfig Minimal { get; } = With(Provider("https://api.openai.com/v1"));

    public static GatewayConfig Valid(RawConfig raw, IReadOnlyDictionary<string, string>? env = null) =>
        ValidationResults.Value(ConfigValidation.Validate(raw, env ?? NoEnv));

    public static string[] Errors(RawConfig raw, IReadOnlyDictionary<string, string>? env = null) =>
        ValidationResults.Messages(ConfigValidation.Validate(raw, env ?? NoEnv));

    public static ImmutableArray<string?> Statuses(params string[] specs) => [.. specs];
}
