using System.Text.Json;
using System.Text.Json.Serialization;
using Menshen.Core.Http;

namespace Menshen.Shell.Reports.Json;

/// Source-generated JSON for the report API (no reflection, AOT-safe): snake_case names, nulls
/// written (`cost_usd: null` means "no price").
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SummaryJson))]
[JsonSerializable(typeof(DailyJson[]))]
[JsonSerializable(typeof(SeriesJson[]))]
[JsonSerializable(typeof(ModelJson[]))]
[JsonSerializable(typeof(ProviderJson[]))]
[JsonSerializable(typeof(KeyJson[]))]
[JsonSerializable(typeof(LogJson[]))]
[JsonSerializable(typeof(LogDetailJson))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
    /// The same contracts with text written readably: `上海`, not `\u4E0A\u6D77`
    /// (Core `ReadableJson`).
    public static ReportJsonContext Readable => Made.Readable;

    // Apart, so that `Default` is made first: the order of static initialisers across a
    // partial class's files is not defined.
    private static class Made
    {
        public static readonly ReportJsonContext Readable = new(
            new JsonSerializerOptions(Default.Options) { Encoder = ReadableJson.Encoder });
    }
}
