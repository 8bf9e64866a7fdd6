using System.Collections.Immutable;
using Menshen.Core.Audit;

namespace Menshen.Shell.Storage;

/// One attempt as stored in `requests.attempts`, in the report API's shape
/// (`{provider, status_code, error, duration_ms}`), so the API can pass it through.
public sealed record AttemptJson(string Provider, int? StatusCode, string? Error, double DurationMs)
{
    public static string Serialize(ImmutableArray<AttemptRecord> attempts) =>
        System.Text.Json.JsonSerializer.Serialize(
            attempts.IsDefaultOrEmpty ? [] : attempts.Select(Of).ToArray(),
            StorageJsonContext.Default.AttemptJsonArray);

    public static ImmutableArray<AttemptRecord> Deserialize(string? json) =>
        string.IsNullOrEmpty(json)
            ? []
            : [.. (System.Text.Json.JsonSerializer.Deserialize(json, StorageJsonContext.Default.AttemptJsonArray) ?? [])
                .Select(a => new AttemptRecord(a.Provider, a.StatusCode, a.Error, a.DurationMs))];

    private static AttemptJson Of(AttemptRecord a) => new(a.Provider, a.Status, a.Error, a.DurationMs);
}
