using System.Text.Json;
using LanguageExt;
using Menshen.Core.Routing;

namespace Menshen.Core.Usage;

/// Reads usage out of one JSON document with a forward-only reader: no DOM, no strings allocated.
internal static class UsageJsonReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };

    /// `streamChunk`: the data of one stream event, where some upstreams put a chat chunk's
    /// usage elsewhere than at the root (read only when the root has none): Moonshot/Kimi in
    /// `choices[0].usage`, Groq in `x_groq.usage` (helper-97: Kimi's streams were audited with
    /// no usage and no cost).
    public static UsageScan Scan(ReadOnlySpan<byte> json, EndpointKind kind,
        bool streamChunk = false)
    {
        if (kind == EndpointKind.Passthrough)
        {
            return UsageScan.Invalid;
        }

        // The reader rejects a byte order mark; a few upstreams still send one.
        var reader = new Utf8JsonReader(json.StartsWith("\uFEFF"u8) ? json[3..] : json, Options);
        try
        {
            return ScanRoot(ref reader, kind.SpeaksResponses(),
                streamChunk && !kind.SpeaksResponses());
        }
        catch (JsonException)
        {
            return UsageScan.Invalid;
        }
    }

    private static UsageScan ScanRoot(ref Utf8JsonReader reader, bool responses,
        bool chatChunk)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return UsageScan.Invalid;
        }

        var usage = Option<TokenUsage>.None;
        var elsewhere = Option<TokenUsage>.None;
        var completed = false;
        string? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                usage = Latest(usage, ReadUsageValue(ref reader, responses));
            }
            else if (chatChunk && reader.ValueTextEquals("choices"u8))
            {
                elsewhere = Latest(elsewhere, ReadFirstChoiceUsage(ref reader));
            }
            else if (chatChunk && reader.ValueTextEquals("x_groq"u8))
            {
                elsewhere = Latest(elsewhere, ReadMemberUsage(ref reader));
            }
            else if (responses && reader.ValueTextEquals("response"u8))
            {
                var (found, foundId) = ReadResponse(ref reader);
                usage = Latest(usage, found);
                id = foundId ?? id;
            }
            else if (responses && reader.ValueTextEquals("type"u8))
            {
                completed = ReadIsCompletedType(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        // A second root value or trailing garbage makes the reader throw here.
        return reader.Read() ? UsageScan.Invalid
            : new UsageScan(true, usage.IsSome ? usage : elsewhere, completed, id);
    }

    // `choices`: the usage object of its first element, if any; the rest is skipped.
    private static Option<TokenUsage> ReadFirstChoiceUsage(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return Option<TokenUsage>.None;
        }
        var usage = Option<TokenUsage>.None;
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            usage = ReadUsageMember(ref reader);
        }
        else
        {
            reader.Skip();
        }
        while (reader.TokenType != JsonTokenType.EndArray && reader.Read()
            && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }
        return usage;
    }

    // An object value: its `usage` member, if any.
    private static Option<TokenUsage> ReadMemberUsage(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return Option<TokenUsage>.None;
        }
        return ReadUsageMember(ref reader);
    }

    // The reader is on an object's StartObject; it is left on the matching EndObject.
    private static Option<TokenUsage> ReadUsageMember(ref Utf8JsonReader reader)
    {
        var usage = Option<TokenUsage>.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                usage = Latest(usage, ReadUsageValue(ref reader, responses: false));
            }
            else
            {
                SkipValue(ref reader);
            }
        }
        return usage;
    }

    private static Option<TokenUsage> Latest(
        Option<TokenUsage> previous, Option<TokenUsage> found) =>
        found.IsSome ? found : previous;

    // A responses event's `response` object: its usage and its id.
    private static (Option<TokenUsage> Usage, string? Id) ReadResponse(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (Option<TokenUsage>.None, null);
        }

        var usage = Option<TokenUsage>.None;
        string? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                usage = Latest(usage, ReadUsageValue(ref reader, responses: true));
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String
                    ? ResponseIdValue.OfString(ref reader) : id;
                reader.Skip();
            }
            else
            {
                SkipValue(ref reader);
            }
        }
        return (usage, id);
    }

    private static bool ReadIsCompletedType(ref Utf8JsonReader reader)
    {
        reader.Read();
        var completed = reader.TokenType == JsonTokenType.String
            && reader.ValueTextEquals("response.completed"u8);
        reader.Skip();
        return completed;
    }

    private static Option<TokenUsage> ReadUsageValue(ref Utf8JsonReader reader, bool responses)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return Option<TokenUsage>.None;
        }
        return UsageObjectReader.Read(ref reader, responses);
    }

    internal static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
