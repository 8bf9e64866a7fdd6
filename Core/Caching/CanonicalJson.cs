using System.Buffers;
using System.Text.Json;

namespace Menshen.Core.Caching;

/// Writes the canonical form of a request body: no whitespace, object keys sorted by the bytes of
/// their canonical UTF-8 at every level (duplicates kept in order), numbers exactly as written,
/// strings re-encoded (CanonicalString). At the root `user` and `stream_options` are dropped and
/// `stream: false` (or null) equals an absent `stream`, unless `stream` is given more than once:
/// then every `stream` is kept (an upstream reads the last, so `true, false` is a plain request
/// and must not share the key of a streaming one).
internal static class CanonicalJson
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 128 };

    /// False when the body is well-formed JSON but not an object; throws JsonException when it is
    /// malformed.
    public static bool TryWriteRequest(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read())
        {
            throw new JsonException("empty body");
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            reader.Read();
            return false;
        }
        WriteObject(ref reader, json, output, isRoot: true);
        // Trailing content after the object makes the reader throw here.
        reader.Read();
        return true;
    }

    private static void WriteValue(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        var reader = new Utf8JsonReader(json, Options);
        reader.Read();
        WriteCurrent(ref reader, json, output);
    }

    private static void WriteCurrent(
        ref Utf8JsonReader reader, ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader, json, output, isRoot: false);
                break;
            case JsonTokenType.StartArray:
                WriteArray(ref reader, json, output);
                break;
            case JsonTokenType.String:
                CanonicalString.Write(reader.ValueSpan, reader.ValueIsEscaped, output);
                break;
            default:
                // Numbers and literals: the token text as written, never through a double.
                output.Write(reader.ValueSpan);
                break;
        }
    }

    private static void WriteArray(
        ref Utf8JsonReader reader, ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        output.Write("["u8);
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            output.Write(first ? [] : ","u8);
            first = false;
            WriteCurrent(ref reader, json, output);
        }
        output.Write("]"u8);
    }

    private static void WriteObject(
        ref Utf8JsonReader reader, ReadOnlySpan<byte> json, IBufferWriter<byte> output, bool isRoot)
    {
        var members = ReadMembers(ref reader, json, isRoot);
        members.Sort();
        output.Write("{"u8);
        for (var i = 0; i < members.Count; i++)
        {
            output.Write(i == 0 ? [] : ","u8);
            output.Write(members[i].Key);
            output.Write(":"u8);
            WriteValue(json[members[i].Start..members[i].End], output);
        }
        output.Write("}"u8);
    }

    // Each value is remembered by its place in the input and written after sorting, by reading
    // that slice again: nothing is copied per level.
    private static List<JsonMember> ReadMembers(
        ref Utf8JsonReader reader, ReadOnlySpan<byte> json, bool isRoot)
    {
        var members = new List<JsonMember>();
        var streams = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = CanonicalString.Encode(reader.ValueSpan, reader.ValueIsEscaped);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            if (isRoot && IsStream(key)) streams++;
            members.Add(new JsonMember(key, start, end, members.Count));
        }
        if (!isRoot) return members;
        var kept = new List<JsonMember>(members.Count);
        foreach (var member in members)
        {
            if (!IsIgnoredAtRoot(member.Key, json[member.Start], streams)) kept.Add(member);
        }
        return kept;
    }

    private static bool IsStream(byte[] key) => key.AsSpan().SequenceEqual("\"stream\""u8);

    // `first`: the first byte of the member's value (`f` false, `n` null).
    private static bool IsIgnoredAtRoot(byte[] key, byte first, int streams) =>
        key.AsSpan().SequenceEqual("\"user\""u8)
        || key.AsSpan().SequenceEqual("\"stream_options\""u8)
        || (IsStream(key) && streams == 1 && first is (byte)'f' or (byte)'n');
}
