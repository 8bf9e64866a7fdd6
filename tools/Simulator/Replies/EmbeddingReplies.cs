using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Menshen.Simulator.Replies;

/// <summary>embeddings: one deterministic unit vector per input, as floats or base64 like OpenAI's.</summary>
internal static class EmbeddingReplies
{
    private const int DefaultDimensions = 16;
    private const int MaxDimensions = 4096;

    public static SimReply Build(JsonElement request, ReplyContext c)
    {
        var inputs = Inputs(request);
        var dimensions = Dimensions(request);
        var base64 = request.TryGetProperty("encoding_format", out var format)
            && format.ValueKind == JsonValueKind.String && format.ValueEquals("base64");
        var vectors = inputs.Select(text => Vector(text, dimensions)).ToArray();
        var body = Frames.Json((c, vectors, base64), static (w, s) => Write(w, s.c, s.vectors, s.base64));
        return SimReply.Json(200, body);
    }

    private static void Write(Utf8JsonWriter w, ReplyContext c, float[][] vectors, bool base64)
    {
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        for (var i = 0; i < vectors.Length; i++)
        {
            w.WriteStartObject();
            w.WriteString("object", "embedding");
            w.WriteNumber("index", i);
            if (base64)
                w.WriteBase64String("embedding", LittleEndianBytes(vectors[i]));
            else
                WriteFloats(w, vectors[i]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("model", c.Model);
        UsageJson.WriteEmbeddings(w, c.Usage);
    }

    private static void WriteFloats(Utf8JsonWriter w, float[] vector)
    {
        w.WriteStartArray("embedding");
        foreach (var value in vector)
            w.WriteNumberValue(value);
        w.WriteEndArray();
    }

    // A string, an array of strings, a token array, or an array of token arrays, as the API accepts.
    private static List<string> Inputs(JsonElement request)
    {
        if (!request.TryGetProperty("input", out var input))
            return [""];
        var isOneInput = input.ValueKind != JsonValueKind.Array
            || input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number);
        if (isOneInput)
            return [input.GetRawText()];
        return [.. input.EnumerateArray().Select(e => e.GetRawText())];
    }

    private static int Dimensions(JsonElement request) =>
        request.TryGetProperty("dimensions", out var d) && d.TryGetInt32(out var n) && n is > 0 and <= MaxDimensions
            ? n
            : DefaultDimensions;

    // Seeded by the input text, so the same text always embeds to the same unit vector.
    private static float[] Vector(string text, int dimensions)
    {
        var state = Fnv1a(Encoding.UTF8.GetBytes(text)) | 1UL;
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            vector[i] = (float)((state >> 40) / (double)(1UL << 23) - 1.0);
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : [.. vector.Select(v => v / norm)];
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
            hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }

    private static byte[] LittleEndianBytes(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        return bytes;
    }
}
