using System.Buffers;
using System.IO.Pipelines;
using Menshen.Core.Dialects;
using Menshen.Core.Http;

namespace Menshen.Shell.Wire;

/// Forwards whole SSE events, leaving out those the gateway asked for on the client's behalf (the
/// dialect says which). Only an incomplete trailing event is held back, never the stream.
public sealed class SseEventFilter(SseEventTest hidden)
{
    private readonly ArrayBufferWriter<byte> _pending = new(4096);

    public void Write(ReadOnlySpan<byte> chunk, PipeWriter client)
    {
        if (_pending.WrittenCount == 0)
        {
            var consumed = WriteCompleteEvents(chunk, client);
            _pending.Write(chunk[consumed..]);
            return;
        }
        _pending.Write(chunk);
        var pending = _pending.WrittenSpan;
        var used = WriteCompleteEvents(pending, client);
        var rest = pending[used..].ToArray();
        _pending.ResetWrittenCount();
        _pending.Write(rest);
    }

    /// Whatever is left when the upstream ends goes out as it is.
    public void Complete(PipeWriter client)
    {
        if (_pending.WrittenCount > 0) client.Write(_pending.WrittenSpan);
        _pending.ResetWrittenCount();
    }

    private int WriteCompleteEvents(ReadOnlySpan<byte> data, PipeWriter client)
    {
        var position = 0;
        while (position < data.Length)
        {
            var end = SseFraming.FindEventEnd(data[position..]);
            if (end < 0) break;
            var sseEvent = data.Slice(position, end);
            if (!hidden(sseEvent)) client.Write(sseEvent);
            position += end;
        }
        return position;
    }
}
