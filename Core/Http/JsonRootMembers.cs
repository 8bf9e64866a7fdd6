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
    ImmutableArray<StreamOptionsValue> StreamOptions,
    string? PreviousResponseId,
    int PreviousResponseIdCount = 0)
{
    /// The client's model: the last root `model` (the one JSON parsers keep), when it is a string.
    public string? RequestedModel => Models.IsEmpty ? null : Models[^1].Text;

    /// Whether the client asked for the usage chunk itself: the last root `stream_options` is an
    /// object whose last `include_usage` is `true`.
    public bool ClientAsksUsage => !StreamOptions.IsEmpty && StreamOptions[^1].AsksUsage;

    /// How deep a request body may nest (the usage readers' limit too).
    public const int MaxDepth = 256;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth };

    /// Reads the body; throws JsonException when it is not exactly one JSON object.
    public static JsonRootMembers Read(ReadOnlySpan<byte> json)
    {
        // Strict RFC 8259 (no comments or trailing commas, one value only), nesting as deep as the
        // usage readers allow: the default 64 refused deep tool schemas upstreams accept.
        // JSON's own blanks only (RFC 8259): space, tab, line feed, carriage return.
        if (json.TrimStart(" \t\n\r"u8).IsEmpty)
            throw new JsonException(
                "the request body holds no JSON (it is empty or blank); send a JSON object");
        if (json.StartsWith("\uFEFF"u8))
            throw new JsonException("the body starts with a byte order mark (BOM), which JSON " +
                "does not allow; send it without one");
        var reader = new Utf8JsonReader(json, Options);
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
        var streamOptions = ImmutableArray<StreamOptionsValue>.Empty;
        string? previous = null;
        var previousCount = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isModel = reader.ValueTextEquals("model"u8);
            var isStream = reader.ValueTextEquals("stream"u8);
            var isStreamOptions = reader.ValueTextEquals("stream_options"u8);
            var isPrevious = reader.ValueTextEquals("previous_response_id"u8);
            reader.Read();
            if (isStreamOptions)
            {
                var options = StreamOptionsValue.Read(ref reader);
                streamOptions = streamOptions.Add(options);
                membersEnd = options.End;
                continue;
            }
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
                previousCount++;
            }
        }
        var hasMembers = membersEnd > objectStart + 1;
        var modelValues = models.ToImmutable();
        return new(objectStart, membersEnd, hasMembers, modelValues, stream, streamOptions,
            previous, previousCount);
    }

    internal static JsonValueSpan ReadValue(ref Utf8JsonReader reader)
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

/// A root `stream_options` value: [Start, End), whether it is `null`, an object or anything else
/// (which upstreams refuse), and for an object whether it has members and its own
/// `include_usage` values.
internal sealed record StreamOptionsValue(
    int Start, int End, JsonTokenType Token, bool HasMembers,
    ImmutableArray<JsonValueSpan> IncludeUsage)
{
    public bool IsObject => Token == JsonTokenType.StartObject;

    public bool AsksUsage => IsObject && !IncludeUsage.IsEmpty && IncludeUsage[^1].IsTrue;

    /// Reads the value the reader is on; leaves it on the value's last token.
    public static StreamOptionsValue Read(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        var token = reader.TokenType;
        if (token != JsonTokenType.StartObject)
        {
            var value = JsonRootMembers.ReadValue(ref reader);
            return new(start, value.End, token, false, []);
        }
        var includes = ImmutableArray<JsonValueSpan>.Empty;
        var hasMembers = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            hasMembers = true;
            var isInclude = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            var value = JsonRootMembers.ReadValue(ref reader);
            if (isInclude) includes = includes.Add(value);
        }
        return new(start, (int)reader.BytesConsumed, token, hasMembers, includes);
    }
}
