using System.Collections.Immutable;
using System.Globalization;
using Menshen.Core.Config.Document;

namespace Menshen.Core.Config.Reading;

/// Reads `[failover] on_status`: integers and strings (`"500..599"`, `"5xx"`) kept as text.
internal static class StatusListReader
{
    private const string Expected = "an array of statuses, such as [429, \"500..599\"]";

    public static ImmutableArray<string?>? Read(TableReader failover)
    {
        var items = failover.Array("on_status", Expected);
        return items?.Select((item, i) => Item(failover, i, item)).ToImmutableArray();
    }

    private static string? Item(TableReader failover, int index, ConfigNode item) => item switch
    {
        ConfigInteger i => i.Value.ToString(CultureInfo.InvariantCulture),
        ConfigString s => s.Value,
        var other => Mismatch(failover, index, other),
    };

    private static string? Mismatch(TableReader failover, int index, ConfigNode found)
    {
        var key = KeyPath.Index(failover.Key("on_status"), index);
        failover.Errors.Add(new ConfigError(
            key, $"expected a status (429), a range (\"500..599\") or a class (\"5xx\"), got " +
            $"{found.Describe(true)}"));
        return null;
    }
}
