using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Menshen.Core.Audit;

/// JSON string values decoded into one pooled buffer. The audit writer previews every row, and
/// a coding agent's message can be megabytes long: a string of its own per message made the
/// writer's previews a large-object allocation, and a background collection, per row.
internal sealed class JsonChars : IDisposable
{
    private char[] _buffer = ArrayPool<char>.Shared.Rent(256);

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// Forgets what was appended after `length` characters.
    public void Truncate(int length) => Length = Math.Min(Length, length);

    public void Append(char c)
    {
        Reserve(1);
        _buffer[Length++] = c;
    }

    /// Appends the decoded text of a JSON string; throws InvalidOperationException when it is
    /// not valid UTF-8, as `JsonElement.GetString` does.
    public void Append(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        // A UTF-8 byte or an escape decodes to at most one UTF-16 unit per byte.
        Reserve(raw.Length);
        Length += reader.CopyString(_buffer.AsSpan(Length));
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        Length = 0;
        if (buffer.Length > 0) ArrayPool<char>.Shared.Return(buffer);
    }

    private void Reserve(int more)
    {
        if (Length + more <= _buffer.Length) return;
        var next = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + more));
        Span.CopyTo(next);
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = next;
    }
}
