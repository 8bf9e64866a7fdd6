using System.Text.Json.Serialization;

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
internal sealed partial class ReportJsonContext : JsonSerializerContext;
