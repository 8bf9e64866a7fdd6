using System.Collections.Immutable;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Validation;

/// Provider names: given ones must be unique; omitted ones come from the base_url host.
internal static class ProviderNames
{
    /// Each given name that repeats an earlier given name (ignoring case) is an error that names
    /// both.
    public static Validation<Error, Unit> ExplicitNamesAreUnique(ImmutableArray<RawProvider> raw) =>
        raw.Select((p, i) => Unique(raw, i)).ToSeq().Sequence().Map(_ => Prelude.unit);

    /// Fills omitted names with the base_url host; when that host is already a name, `#2`, `#3`,
    /// ...
    /// is appended, so two keys for the same API (a common setup) need no names.
    public static ImmutableArray<ProviderConfig> FillDefaults(
        ImmutableArray<ProviderConfig> providers)
    {
        var given = providers.Select(p => p.Name).Where(n => n.Length > 0);
        var taken = new System.Collections.Generic.HashSet<string>(given,
            StringComparer.OrdinalIgnoreCase);
        return [.. providers.Select(p => p.Name.Length > 0 ? p
            : p with { Name = Claim(p.BaseUrl.Host, taken) })];
    }

    private static Validation<Error, Unit> Unique(ImmutableArray<RawProvider> raw, int index)
    {
        var name = raw[index].Name;
        var earlier = string.IsNullOrWhiteSpace(name)
            ? -1
            : raw.Take(index).ToList().FindIndex(p =>
                string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        return earlier < 0
            ? Prelude.unit
            : ConfigError.At(
                $"providers[{index}].name",
                $"duplicate name '{name}', already used by providers[{earlier}].name; names must " +
                $"be unique");
    }

    private static string Claim(string host, System.Collections.Generic.HashSet<string> taken)
    {
        var name = host;
        for (var n = 2; !taken.Add(name); n++)
        {
            name = $"{host}#{n}";
        }

        return name;
    }
}
