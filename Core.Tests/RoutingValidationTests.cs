using Menshen.Core.Config;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Tests;

public class RoutingValidationTests
{
    private static RawProvider Provider(string name, string url, params string[] models) =>
        TestConfigs.Provider(url) with { Name = name, Models = models.Length == 0 ? null : [.. models] };

    private static RawConfig Routed(RawRouting routing, params RawProvider[] providers) =>
        TestConfigs.With(providers) with { Routing = routing };

    [Fact]
    public void Validate_applies_models_priority_api_aliases_and_sticky()
    {
        var raw = Routed(
            new RawRouting([new RawAlias("fast", "gpt-4o-mini")], "key", 600),
            Provider("openai", "https://api.openai.com/v1", "gpt-4o*"),
            Provider("claude", "https://api.anthropic.com/v1") with { Api = "anthropic", Priority = 2 });

        var actual = TestConfigs.Valid(raw);

        Assert.Equal(["gpt-4o*"], actual.Providers[0].Models.ToArray());
        Assert.Equal((1, ProviderApi.OpenAi), (actual.Providers[0].Priority, actual.Providers[0].Api));
        Assert.Equal((2, ProviderApi.Anthropic), (actual.Providers[1].Priority, actual.Providers[1].Api));
        Assert.Equal([new ModelAlias("fast", "gpt-4o-mini")], actual.Routing.Aliases.ToArray());
        Assert.Equal((StickyMode.Key, TimeSpan.FromSeconds(600)), (actual.Routing.Sticky, actual.Routing.StickyTtl));
    }

    [Fact]
    public void Validate_alias_whose_target_no_enabled_provider_serves_names_the_alias()
    {
        var raw = Routed(
            RawRouting.Empty with { Aliases = [new("claude-3-5-haiku-*", "claude-haiku-4-5"), new("fast", "gpt-4o-mini")] },
            Provider("openai", "https://api.openai.com/v1", "gpt-4o*"),
            Provider("claude", "https://api.anthropic.com/v1", "claude-*") with { Weight = 0 });

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            ["aliases.\"claude-3-5-haiku-*\": no enabled provider serves the target 'claude-haiku-4-5'; add it to a "
             + "provider's `models` or point the alias at a model that one serves"],
            actual);
    }

    [Fact]
    public void Validate_checks_the_reach_of_good_aliases_beside_a_bad_one()
    {
        // helper-61: the pattern target hid the unreachable alias until it was mended.
        var raw = Routed(
            RawRouting.Empty with { Aliases = [new("sonnet", "claude-sonnet-4"), new("x*", "gpt-*")] },
            Provider("openai", "https://api.openai.com/v1", "gpt-*"));

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            [
                "aliases.\"x*\": the target must be one model name, not a pattern; got 'gpt-*'",
                "aliases.sonnet: no enabled provider serves the target 'claude-sonnet-4'; add it to a "
                + "provider's `models` or point the alias at a model that one serves",
            ],
            actual);
    }

    [Fact]
    public void Validate_reports_every_routing_error_at_its_key()
    {
        var raw = Routed(
            new RawRouting([new RawAlias("", "o3"), new RawAlias("wide", "gpt-*"), new RawAlias("x", " ")], "client", 0),
            Provider("a", "https://a.example", "", "o3") with { Priority = 0, Api = "gemini" },
            Provider("b", "https://b.example") with { Models = [] });

        var actual = TestConfigs.Errors(raw);

        Assert.Equal(
            [
                "providers[0].models[0]: expected a model name or pattern such as \"gpt-4o*\", got '' (empty, or with spaces around it)",
                "providers[0].priority: must be at least 1, got 0",
                "providers[0].api: expected \"openai\" (chat/completions, completions, responses, embeddings) or \"anthropic\" (messages), got 'gemini'",
                "providers[1].models: an empty list serves no model; list the models (globs * and ? allowed) or omit `models` to serve every model",
                "aliases.\"\": the alias name must not be empty",
                "aliases.wide: the target must be one model name, not a pattern; got 'gpt-*'",
                "aliases.x: expected the target model name, got ' ' (empty, or with spaces around it)",
                "routing.sticky: expected \"none\" or \"key\" (one client key keeps its provider), got 'client'",
                "routing.sticky_ttl: must be at least 1, got 0",
            ],
            actual);
    }

    [Theory]
    [InlineData("evil\u001b[31m")]
    [InlineData("tab\there")]
    [InlineData("claude\u202Elive")]
    [InlineData("iso\u2066late")]
    public void Validate_refuses_a_provider_name_with_control_or_bidi_characters(string name)
    {
        // Names are printed by -check-config and the logs, and shown on the dashboard.
        var actual = TestConfigs.Errors(TestConfigs.With(
            Provider(name, "https://api.openai.com/v1")));

        Assert.Equal(
            ["providers[0].name: must not contain control or text-direction characters; use "
             + "letters, digits and punctuation"],
            actual);
    }
}
