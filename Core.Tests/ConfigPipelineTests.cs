using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Config.Document;

namespace Menshen.Core.Tests;

public class ConfigPipelineTests
{
    [Fact]
    public void FromDocument_reports_exactly_the_injected_fault_keys() =>
        ConfigGens.Faulted.Sample((document, keys) =>
        {
            var actual = ConfigPipeline.FromDocument(document, ConfigGens.Env);

            Assert.Equal(keys.Order(), ValidationResults.Keys(actual).Order());
        });

    [Fact]
    public void FromDocument_every_message_starts_with_its_key() =>
        ConfigGens.Faulted.Sample((document, _) =>
        {
            var actual = ConfigPipeline.FromDocument(document, ConfigGens.Env);

            Assert.All(actual.FailToSeq(), e => Assert.StartsWith(((ConfigError)e).Key + ": ", e.Message, StringComparison.Ordinal));
        });

    // Reading the document a config file would hold gives the config that validating it directly gives.
    [Fact]
    public void FromDocument_of_a_rendered_config_equals_direct_validation() =>
        ConfigGens.ValidRaw.Sample(raw =>
        {
            var direct = ValidationResults.Value(ConfigValidation.Validate(raw, ConfigGens.Env));

            var actual = ValidationResults.Value(ConfigPipeline.FromDocument(ConfigDocuments.FromRaw(raw), ConfigGens.Env));

            Assert.Equal(ConfigSummary.Render(direct, "c"), ConfigSummary.Render(actual, "c"));
        });

    // The same with the routing keys of SPEC §13: the reader carries every one of them.
    [Fact]
    public void FromDocument_of_a_rendered_routed_config_equals_direct_validation() =>
        RoutedConfigGens.ValidRaw.Sample(raw =>
        {
            var direct = ValidationResults.Value(ConfigValidation.Validate(raw, ConfigGens.Env));

            var actual = ValidationResults.Value(ConfigPipeline.FromDocument(ConfigDocuments.FromRaw(raw), ConfigGens.Env));

            Assert.Equal(ConfigSummary.Render(direct, "c"), ConfigSummary.Render(actual, "c"));
            Assert.Equal(direct.Routing.Aliases.ToArray(), actual.Routing.Aliases.ToArray());
            Assert.Equal(direct.Routing with { Aliases = [] }, actual.Routing with { Aliases = [] });
        });

    [Fact]
    public void FromDocument_mistyped_required_key_is_reported_once()
    {
        var provider = ConfigTable.Of(("base_url", new ConfigInteger(5)));
        var document = ConfigTable.Of(("providers", ConfigArray.Of(provider)));

        var actual = ValidationResults.Messages(ConfigPipeline.FromDocument(document, TestConfigs.NoEnv));

        Assert.Equal(["providers[0].base_url: expected a string, got integer 5"], actual);
    }

    [Fact]
    public void FromDocument_providers_as_a_table_is_reported_once()
    {
        var document = ConfigTable.Of(("providers", ConfigTable.Of(("base_url", new ConfigString("https://a")))));

        var actual = ValidationResults.Messages(ConfigPipeline.FromDocument(document, TestConfigs.NoEnv));

        Assert.Equal(["providers: expected an array of tables ([[providers]]), got a table"], actual);
    }
}
