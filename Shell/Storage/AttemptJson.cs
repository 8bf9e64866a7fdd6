using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Menshen.Core.Audit;

namespace Menshen.Shell.Storage;

/// One attempt as stored in `requests.attempts`, in the report API's shape
/// (`{provider, status_code, error, duration_ms}`), so the API can pass it through.
public sealed record AttemptJson(string Provider, int? StatusCode, string? Error, double DurationMs)
{
    // The audit writer's own, reset for each row: a writer, an iterator and a record per try
    // were made for every row, beside the request path on two cores.
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// The attempts as UTF-8 JSON written into `scratch` (valid until `scratch` is next used):
    /// what the serializer writes for AttemptJson[] (a test holds them equal), written directly.
    public static ReadOnlySpan<byte> Write(ImmutableArray<AttemptRecord> attempts,
        ArrayBufferWriter<byte> scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(scratch);
        writer.Reset(scratch);
        writer.WriteStartArray();
        foreach (var attempt in attempts.IsDefault ? [] : attempts)
        {
            writer.WriteStartObject();
            writer.WriteString("provider"u8, attempt.Provider);
            if (attempt.Status is { } status) writer.WriteNumber("status_code"u8, status);
            else writer.WriteNull("status_code"u8);
            writer.WriteString("error"u8, attempt.Error);
            writer.WriteNumber("duration_ms"u8, attempt.DurationMs);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.Flush();
        return scratch.WrittenSpan;
    }

    public static ImmutableArray<AttemptRecord> Deserialize(string? json) =>
        string.IsNullOrEmpty(json)
            ? []
            : [.. (JsonSerializer.Deserialize(json, StorageJsonContext.Default.AttemptJsonArray)
                ?? [])
                .Select(a => new AttemptRecord(a.Provider, a.StatusCode, a.Error, a.DurationMs))];

    /// The providers of the tries in `json` (as Write stores them), in order, into `tried`.
    /// A name already in `known` is reused, so a report reading many rows makes each name once
    /// (`/__report/providers` reads every failed-over row of its window).
    public static void ReadProviders(string json, List<string> tried, List<string> known)
    {
        tried.Clear();
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(rented.AsSpan(0, Encoding.UTF8.GetBytes(json, rented)));
            while (reader.Read())
            {
                // Depth 2: a property of an attempt object inside the array.
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 2
                    || !reader.ValueTextEquals("provider"u8))
                {
                    continue;
                }
                if (reader.Read() && reader.TokenType == JsonTokenType.String)
                    tried.Add(Named(ref reader, known));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private const int KnownNamesKept = 64;

    private static string Named(ref Utf8JsonReader reader, List<string> known)
    {
        foreach (var name in known)
        {
            if (reader.ValueTextEquals(name)) return name;
        }
        var read = reader.GetString()!;
        if (known.Count < KnownNamesKept) known.Add(read);
        return read;
    }
}
