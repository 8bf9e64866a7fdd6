using System.Text.Json.Serialization;

namespace Menshen.Shell.Reports.Json;

/// One row of `/__report/logs`: ai-menshen's fields, then the new ones. `TotalTokens` is null
/// when the usage could not be read. `LegacyId` (only on rows imported from ai-menshen) is the
/// `req-…` id the row had there. `Error` is the row's note (a stream cut after its 200, a
/// client that left), null for none.
public sealed record LogJson(
    long Id,
    long CreatedAt,
    string? Model,
    string Path,
    int StatusCode,
    double DurationMs,
    long? TotalTokens,
    string? RequestPreview,
    string? ResponsePreview,
    string? Provider,
    string? Key,
    bool Stream,
    bool Cached,
    string Method,
    string Endpoint,
    decimal? CostUsd,
    string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? LegacyId = null);
