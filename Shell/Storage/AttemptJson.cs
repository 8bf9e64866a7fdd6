using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using Menshen.Core.Audit;

namespace Menshen.Shell.Storage;

/// One attempt as stored in `requests.attempts`, in the report API's shape
/// (`{provider, status_code, error, duration_ms}`), so the API can pass it through.
public sealed record AttemptJson(string Provider, int? StatusCode, string? Error, double DurationMs)
{
    /// The attempts as UTF-8 JSON written into `scratch` (valid until `scratch` is next used).
    public static ReadOnlySpan<byte> Write(ImmutableArray<AttemptRecord> attempts,
        ArrayBufferWriter<byte> scratch)
    {
        scratch.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(scratch))
        {
            JsonSerializer.Serialize(writer,
                attempts.IsDefaultOrEmpty ? [] : attempts.Select(Of).ToArray(),
                StorageJsonContext.Default.AttemptJsonArray);
        }
        return scratch.WrittenSpan;
    }

    public static ImmutableArray<AttemptRecord> Deserialize(string? json) =>
        string.IsNullOrEmpty(json)
            ? []
            : [.. (JsonSerializer.Deserialize(json, StorageJsonContext.Default.AttemptJsonArray)
                ?? [])
                .Select(a => new AttemptRecord(a.Provider, a.StatusCode, a.Error, a.DurationMs))];

    private static AttemptJson Of(AttemptRecord a) =>
        new(a.Provider, a.Status, a.Error, a.DurationMs);
}
