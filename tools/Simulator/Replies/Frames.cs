using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Menshen.Simulator.Replies;

/// <summary>Serializes JSON with <see cref="Utf8JsonWriter"/> (no reflection) into bodies and SSE frames.</summary>
internal static class Frames
{
    public static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    // Like OpenAI's bodies: apostrophes, quotes-in-HTML and non-ASCII text stay readable, not \uXXXX.
    private static readonly JsonWriterOptions WriterOptions =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A plain JSON body.</summary>
    public static byte[] Json<TState>(TState state, Action<Utf8JsonWriter, TState> write) =>
        Build([], state, write, []);

    /// <summary>An unnamed SSE event: <c>data: {json}</c> and a blank line.</summary>
    public static byte[] Data<TState>(TState state, Action<Utf8JsonWriter, TState> write) =>
        Build("data: "u8, state, write, "\n\n"u8);

    /// <summary>A named SSE event, as the Responses API sends them.</summary>
    public static byte[] Event<TState>(string name, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var prefix = System.Text.Encoding.UTF8.GetBytes($"event: {name}\ndata: ");
        return Build(prefix, state, write, "\n\n"u8);
    }

    private static byte[] Build<TState>(
        ReadOnlySpan<byte> prefix, TState state, Action<Utf8JsonWriter, TState> write, ReadOnlySpan<byte> suffix)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(prefix);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            write(writer, state);
            writer.WriteEndObject();
        }
        buffer.Write(suffix);
        return buffer.WrittenSpan.ToArray();
    }
}
