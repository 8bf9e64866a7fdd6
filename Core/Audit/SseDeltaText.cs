using System.Text.Json;

namespace Menshen.Core.Audit;

/// The text one SSE event adds to an answer, read in one pass without building a document
/// (previews read every event of every stream): chat `choices[0].delta.content`, else
/// completions `choices[0].text`, else the `delta` of a responses `response.output_text.delta`
/// event. Null when the event has none or is not a valid JSON document. As with a parsed
/// document, a repeated property counts only by its last occurrence.
internal static class SseDeltaText
{
    public static string? Of(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var found = new Found();
        try
        {
            if (!reader.Read()
                || reader.TokenType != JsonTokenType.StartObject) return Drain(ref reader, null);
            ReadRoot(ref reader, ref found);
            return Drain(ref reader, found.Result);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null; // a string that is not valid UTF-8
        }
    }

    /// Reads past the end of the root: trailing bytes other than whitespace make it invalid.
    private static string? Drain(ref Utf8JsonReader reader, string? result)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip(
            );
        while (reader.Read()) { }
        return result;
    }

    private static void ReadRoot(ref Utf8JsonReader reader, ref Found found)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                (found.Content, found.Text) = (null, null);
                if (reader.TokenType == JsonTokenType.StartArray) ReadChoices(ref reader,
                    ref found);
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                found.IsOutputTextDelta = reader.TokenType == JsonTokenType.String
                    && reader.ValueTextEquals("response.output_text.delta"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                found.Delta = StringOrSkip(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadChoices(ref Utf8JsonReader reader, ref Found found)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index++ == 0
                && reader.TokenType == JsonTokenType.StartObject) ReadFirstChoice(ref reader,
                ref found);
            else reader.Skip();
        }
    }

    private static void ReadFirstChoice(ref Utf8JsonReader reader, ref Found found)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                found.Content = null;
                if (reader.TokenType == JsonTokenType.StartObject) found.Content =
                    ReadDeltaContent(ref reader);
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                found.Text = StringOrSkip(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static string? ReadDeltaContent(ref Utf8JsonReader reader)
    {
        string? content = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isContent = reader.ValueTextEquals("content"u8);
            reader.Read();
            if (isContent) content = StringOrSkip(ref reader);
            else reader.Skip();
        }
        return content;
    }

    /// A string whose escapes do not decode (a lone surrogate, broken UTF-8). It spoils the
    /// result only if it is the value chosen, as with a parsed document, which decodes a string
    /// when it is read; a later repeat of the property replaces it.
    private static readonly string Unreadable = new('\uFFFF', 1);

    private static string? StringOrSkip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return Unreadable;
            }
        }
        reader.Skip();
        return null;
    }

    private struct Found
    {
        public string? Content;
        public string? Text;
        public string? Delta;
        public bool IsOutputTextDelta;

        public readonly string? Result =>
            (Content ?? Text ?? (IsOutputTextDelta ? Delta : null)) is var chosen
            && ReferenceEquals(chosen, Unreadable) ? null : chosen;
    }
}
