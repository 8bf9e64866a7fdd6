using System.Collections.Immutable;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Validation;

/// `[[providers]]` routing keys (SPEC §13, §14): `models`, `priority`, `api`.
internal static class ProviderRoutingValidation
{
    /// A bound far above any sensible tier count, so priorities stay readable numbers.
    public const int MaxPriority = 1_000;

    /// The provider with its routing keys applied, or every problem with them.
    public static Validation<Error, ProviderConfig> Apply(
        Validation<Error, ProviderConfig> provider, RawProvider raw, string path) =>
        (provider,
         Models($"{path}.models", raw.Models),
         Checks.Int($"{path}.priority", raw.Priority, 1, 1, MaxPriority),
         Api($"{path}.api", raw.Api))
            .Apply((p, models, priority, api) =>
                p with { Models = models, Priority = priority, Api = api });

    private static Validation<Error, ImmutableArray<string>> Models(
        string key, ImmutableArray<string?>? items)
    {
        if (items is not { } list)
        {
            return ImmutableArray<string>.Empty;
        }

        if (list.IsEmpty)
        {
            return ConfigError.At(key, "an empty list serves no model; list the models "
                + "(globs * and ? allowed) or omit `models` to serve every model");
        }

        // Items the reader already rejected (null) add nothing; the rest keep their index.
        return list
            .Select((item, i) => item is null
                ? Prelude.Success<Error, Option<string>>(Option<string>.None)
                : Model($"{key}[{i}]", item).Map(Prelude.Some))
            .ToSeq()
            .Sequence()
            .Map(models => models.Somes().ToImmutableArray());
    }

    private static Validation<Error, string> Model(string key, string item) =>
        item.Trim().Length > 0 && item.Trim() == item
            ? Prelude.Success<Error, string>(item)
            : ConfigError.At(key, "expected a model name or pattern such as \"gpt-4o*\", "
                + $"got '{item}' (empty, or with spaces around it)");

    private static Validation<Error, ProviderApi> Api(string key, string? api) => api switch
    {
        null or "openai" => ProviderApi.OpenAi,
        "anthropic" => ProviderApi.Anthropic,
        _ => ConfigError.At(key, "expected \"openai\" (chat/completions, completions, responses, "
            + $"embeddings) or \"anthropic\" (messages), got '{api}'"),
    };
}
