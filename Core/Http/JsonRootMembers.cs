using System.Collections.Immutable;
using System.Text.Json;

namespace Menshen.Core.Http;

/// Where the members of a JSON object body sit, found with one forward pass of Utf8JsonReader
/// (no DOM, no re-serialisation). Offsets are byte indexes into the body.
internal sealed record JsonRootMembers(
    int ObjectStart,
    int MembersEnd,
    bool HasMembers,
    ImmutableArray<JsonValueSpan> Models,
    bool Stream,
    bool HasStreamOptions,
    string? PreviousResponseId)
{
    /// The client's model: the last root `model` (the one JSON parsers keep), when it is a string.
    public string? RequestedModel => Models.IsEmpty ? null : Models[^1].Text;

    /// Reads the body; throws JsonException when it is not exactly one JSON object.
    public static JsonRootMembers Read(ReadOnlySpan<byte> json)
    {
        // Default options: strict RFC 8259, no comments or trailing commas, one value only.
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the request body must be a JSON object");
        }
        var members = ReadMembers(ref reader, (int)reader.TokenStartIndex);
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("unexpected content after the JSON object");
        }
        return members;
    }

    // Reads up to the root's closing brace, skipping nested values whole: only root members
    // count, so a `model` inside `messages` or `metadata` is never touched.
    private static JsonRootMembers ReadMembers(ref Utf8JsonReader reader, int objectStart)
    {
        var models = ImmutableArray.CreateBuilder<JsonValueSpan>(1);
        var membersEnd = objectStart + 1;
        var stream = false;
        var streamOptions = false;
        string? previous = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isModel = reader.ValueTextEquals("model"u8);
            var isStream = reader.ValueTextEquals("stream"u8);
            streamOptions |= reader.ValueTextEquals("stream_options"u8);
            var isPrevious = reader.ValueTextEquals("previous_response_id"u8);
            reader.Read();
            var value = ReadValue(ref reader);
            membersEnd = value.End;
            if (isModel)
            {
                models.Add(value);
            }
            if (isStream)
            {
                stream = value.IsTrue;
            }
            if (isPrevious)
            {
                previous = value.Text; // the last one, as for `model`; null unless a string
            }
        }
        var hasMembers = membersEnd > objectStart + 1;
        var modelValues = models.ToImmutable();
        return new(objectStart, membersEnd, hasMembers, modelValues, stream, streamOptions,
            previous);
    }

    private static JsonValueSpan ReadValue(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var isTrue = reader.TokenType == JsonTokenType.True;
        reader.Skip();
        return new JsonValueSpan(start, (int)reader.BytesConsumed, text, isTrue);
    }
}

/// One value's bytes [Start, End), its text when it is a string, and whether it is `true`.
internal readonly record struct JsonValueSpan(int Start, int End, string? Text, bool IsTrue);
