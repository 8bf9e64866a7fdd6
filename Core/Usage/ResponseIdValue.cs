using System.Text.Json;

namespace Menshen.Core.Usage;

/// Reads a response id (`resp_…`) out of a JSON value: a string of at most `MaxLength`
/// characters, else nothing. Real ids are a few dozen characters; the bound keeps the affinity
/// map small.
internal static class ResponseIdValue
{
    public const int MaxLength = 256;

    /// The captured value (possibly with surrounding blanks) as an id, or null.
    public static string? ReadCaptured(ReadOnlySpan<byte> captured) =>
        captured.Length > MaxLength * 6 + 8 ? null : Read(captured);

    /// The value as an id, or null when it is not a short non-empty string.
    public static string? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.String
                ? OfString(ref reader)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// The string token under `reader` as an id, or null when it is empty, too long or not
    /// valid UTF-8.
    public static string? OfString(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > MaxLength * 6)
        {
            return null; // longer than any escaped form of MaxLength characters
        }
        try
        {
            var text = reader.GetString();
            return string.IsNullOrEmpty(text) || text.Length > MaxLength ? null : text;
        }
        catch (InvalidOperationException)
        {
            return null; // a string that is not valid UTF-8
        }
    }
}
