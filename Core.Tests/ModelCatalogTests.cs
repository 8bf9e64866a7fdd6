using System.Text;
using System.Text.Json;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class ModelCatalogTests
{
    [Fact]
    public void Entries_list_each_exact_name_once_owned_by_its_first_lister() =>
        ModelRoutingGens.Config.Sample(config =>
        {
            var listers = config.Providers.Where(p => p.Enabled)
                .SelectMany(p => p.Models.Select(m => (Id: m, Owner: p.Name)))
                .Concat(config.Routing.Aliases.Select(a => (Id: a.Name, Owner: ModelCatalog.AliasOwner)))
                .Where(x => !ModelGlob.IsPattern(x.Id))
                .ToList();

            var actual = ModelCatalog.Entries(config);

            return actual.Select(e => e.Id).SequenceEqual(listers.Select(x => x.Id).Distinct())
                && actual.All(e => e.OwnedBy == listers.First(x => x.Id == e.Id).Owner);
        });

    [Fact]
    public void Json_reads_back_as_an_openai_model_list() =>
        ModelRoutingGens.Config.Sample(config =>
        {
            var entries = ModelCatalog.Entries(config);

            using var actual = JsonDocument.Parse(ModelCatalog.Json(entries));

            var data = actual.RootElement.GetProperty("data").EnumerateArray().ToList();
            return actual.RootElement.GetProperty("object").GetString() == "list"
                && data.Select(d => (d.GetProperty("id").GetString()!, d.GetProperty("owned_by").GetString()!))
                    .SequenceEqual(entries.Select(e => (e.Id, e.OwnedBy)))
                && data.All(d => d.GetProperty("object").GetString() == "model");
        });

    [Fact]
    public void Entries_example_with_providers_and_aliases()
    {
        var openai = RoutingGens.Provider("openai") with { Models = ["gpt-4o*", "gpt-4o-mini", "o3"] };
        var deepseek = RoutingGens.Provider("deepseek", baseUrl: "https://d.example/v1") with { Models = ["deepseek-chat", "o3"] };
        var off = RoutingGens.Provider("off", weight: 0) with { Models = ["hidden"] };
        var config = RoutingGens.Config([openai, deepseek, off], RoutingGens.Failover.Single()) with
        {
            Routing = RoutingConfig.Default with { Aliases = [new("fast", "gpt-4o-mini"), new("claude-*", "o3")] },
        };

        var actual = Encoding.UTF8.GetString(ModelCatalog.Json(ModelCatalog.Entries(config)));

        Assert.Equal(
            "{\"object\":\"list\",\"data\":["
            + "{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"created\":0,\"owned_by\":\"openai\"},"
            + "{\"id\":\"o3\",\"object\":\"model\",\"created\":0,\"owned_by\":\"openai\"},"
            + "{\"id\":\"deepseek-chat\",\"object\":\"model\",\"created\":0,\"owned_by\":\"deepseek\"},"
            + "{\"id\":\"fast\",\"object\":\"model\",\"created\":0,\"owned_by\":\"alias\"}]}",
            actual);
    }

    [Fact]
    public void IsLocal_only_with_models_or_aliases()
    {
        var plain = RoutingGens.Config([RoutingGens.Provider("a")], RoutingGens.Failover.Single());

        var actual = (ModelCatalog.IsLocal(plain),
            ModelCatalog.IsLocal(plain with { Providers = [RoutingGens.Provider("a") with { Models = ["*"] }] }),
            ModelCatalog.IsLocal(plain with { Routing = RoutingConfig.Default with { Aliases = [new("x", "y")] } }));

        Assert.Equal((false, true, true), actual);
    }

    [Fact]
    public void Every_listed_model_is_found_as_listed() =>
        ModelRoutingGens.Config.Sample(config =>
            ModelCatalog.Entries(config).All(e => ModelCatalog.Find(config, e.Id) == e));

    [Fact]
    public void A_model_is_found_when_listed_or_when_an_enabled_provider_serves_its_resolution() =>
        Gen.Select(ModelRoutingGens.Config, ModelRoutingGens.ModelName).Sample((config, model) =>
        {
            var resolved = AliasResolution.Resolve(config.Routing.Aliases, model);
            var served = config.Providers.Any(p => p.Enabled && ModelGlob.Serves(p.Models, resolved));
            var listed = ModelCatalog.Entries(config).Any(e => e.Id == model);

            return (ModelCatalog.Find(config, model) is not null) == (listed || served);
        });

    // A model a provider's glob serves is owned by that provider; one an alias glob renames is
    // owned by `alias`, as the listed aliases are.
    [Fact]
    public void Find_names_the_serving_provider_or_alias_for_a_model_not_listed()
    {
        var config = RoutingGens.Config(
            [RoutingGens.Provider("off", 0) with { Models = ["gpt-*"] },
                RoutingGens.Provider("openai") with { Models = ["gpt-*"] }],
            new FailoverConfig(true, RoutingGens.DefaultOnStatus, 3, TimeSpan.FromSeconds(30)))
            with
            {
                Routing = RoutingConfig.Default with { Aliases = [new("fast-*", "gpt-4o")] },
            };

        var actual = (ModelCatalog.Find(config, "gpt-4o-x"), ModelCatalog.Find(config, "fast-1"),
            ModelCatalog.Find(config, "claude"));

        Assert.Equal((new CatalogEntry("gpt-4o-x", "openai"),
            new CatalogEntry("fast-1", ModelCatalog.AliasOwner), (CatalogEntry?)null), actual);
    }

    [Theory]
    [InlineData("/models/gpt-4o", "gpt-4o")]
    [InlineData("/models/meta-llama/llama-3-8b", "meta-llama/llama-3-8b")]
    [InlineData("/models/gpt-4o/", "gpt-4o")]
    [InlineData("/models/", null)]
    [InlineData("/models", null)]
    [InlineData("/modelsx/gpt-4o", null)]
    public void ModelInPath_reads_everything_after_models(string path, string? expected) =>
        Assert.Equal(expected, ModelCatalog.ModelInPath(path));

    [Fact]
    public void EntryJson_is_one_openai_model_object()
    {
        using var json = JsonDocument.Parse(
            ModelCatalog.EntryJson(new CatalogEntry("gpt-\"<x>", "alias")));

        Assert.Equal("gpt-\"<x>", json.RootElement.GetProperty("id").GetString());
        Assert.Equal("model", json.RootElement.GetProperty("object").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("created").GetInt32());
        Assert.Equal("alias", json.RootElement.GetProperty("owned_by").GetString());
    }
}
