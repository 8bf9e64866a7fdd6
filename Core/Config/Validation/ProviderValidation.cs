using System.Collections.Immutable;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Validation;

/// `[[providers]]`: each entry on its own, then the checks across entries.
internal static class ProviderValidation
{
    /// Weights above this could overflow the sum used for the weighted draw.
    public const int MaxWeight = 1_000_000;

    public static Validation<Error, ImmutableArray<ProviderConfig>> Validate(
        ImmutableArray<RawProvider> raw, IReadOnlyDictionary<string, string> env) =>
        (raw.Select((p, i) =>
        ProviderRoutingValidation.Apply(One(p, $"providers[{i}]", env), p, $"providers[{i}]"))
            .ToSeq().Sequence(),
         ProviderNames.ExplicitNamesAreUnique(raw),
         AtLeastOneEnabled(raw))
            .Apply((providers, _, _) => ProviderNames.FillDefaults(providers.ToImmutableArray()));

    private static Validation<Error, ProviderConfig> One(
        RawProvider p, string path, IReadOnlyDictionary<string, string> env) =>
        (Name($"{path}.name", p.Name),
         BaseUrl($"{path}.base_url", p.BaseUrl),
         Checks.Expanded($"{path}.api_key", p.ApiKey, "", env)
            .Bind(key => Checks.HeaderSafe($"{path}.api_key", key)),
         HeaderValidation.Validate($"{path}.headers", p.Headers, env),
         Checks.Int($"{path}.weight", p.Weight, 1, 0, MaxWeight),
         Proxy($"{path}.proxy", p.Proxy, env))
            .Apply((name, url, key, headers, weight, proxy) => new ProviderConfig(
                name, url, key, headers, string.IsNullOrEmpty(p.Model) ? null : p.Model, weight,
                proxy.IfNoneUnsafe((Uri?)null)));

    // An omitted name is filled in later from the base_url host; a given one must not be blank,
    // nor hold characters that would rewrite a terminal or the dashboard's text around it.
    private static Validation<Error, string> Name(string key, string? name)
    {
        if (name is not null && name.Trim().Length == 0)
            return ConfigError.At(key, "must not be empty; omit it to use the base_url host");
        return name is null ? Prelude.Success<Error, string>("")
            : Checks.ShownName(key, name);
    }

    private static Validation<Error, Uri> BaseUrl(string key, string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return ConfigError.At(key,
                "required; expected an absolute http(s) URL such as https://api.openai.com/v1");
        }

        if (url.Contains("${", StringComparison.Ordinal))
        {
            return ConfigError.At(key, "is taken as written: ${VAR} is not expanded in base_url "
                + "(it is in api_key, headers and proxy); write the URL itself");
        }

        // A trailing '/' is ignored; the query (Azure api-version) is kept.
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var trimmed = query < 0 ? url.Trim().TrimEnd('/')
            : url[..query].Trim().TrimEnd('/') + url[query..].Trim();
        return Checks.HttpUrl(key, trimmed, "https://api.openai.com/v1", reveal: true);
    }

    // Validation holds no null, so "no proxy" is None. An empty value (`${HTTPS_PROXY:-}`) is none.
    private static Validation<Error,
        Option<Uri>> Proxy(string key, string? proxy, IReadOnlyDictionary<string, string> env) =>
        Checks.Expanded(key, proxy, "", env).Bind(expanded => expanded.Trim().Length == 0
            ? Prelude.Success<Error, Option<Uri>>(Option<Uri>.None)
            : Checks.ProxyUrl(key, expanded).Map(Prelude.Some));

    // Weights already reported as invalid say nothing about whether one provider is enabled.
    private static Validation<Error, Unit> AtLeastOneEnabled(ImmutableArray<RawProvider> raw)
    {
        if (raw.IsEmpty)
        {
            return ConfigError.At("providers",
                "at least one [[providers]] entry with a base_url is required");
        }

        var weights = raw.Select(p => p.Weight ?? 1).ToList();
        var undecidable = weights.Any(w => w is < 0 or > MaxWeight);
        return undecidable || weights.Any(w => w > 0)
            ? Prelude.unit
            : ConfigError.At("providers",
                $"every provider has weight 0; at least one needs a weight above 0");
    }
}
