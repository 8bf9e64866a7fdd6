using System.Buffers;
using System.IO.Pipelines;
using Menshen.Core.Dialects;
using Menshen.Core.Http;

namespace Menshen.Shell.Wire;

/// Forwards whole SSE events, leaving out those the gateway asked for on the client's behalf, and
/// the part of an event that only its request added (`cut`; the dialect says which). Only an
/// incomplete trailing event is held back, never the stream.
public sealed class SseEventFilter(SseEventTest hidden, SseEventCut? cut = null)
{
    /// An event held longer than this cannot be one the gateway hides (a usage chunk is a few
    /// hundred bytes): the rest of it is passed on as it comes, then filtering resumes.
    public const int MaxHeldBytes = 8 * 1024 * 1024;

    private ArrayBufferWriter<byte> _pending = new(4096);

    // Where the next search for an event's end starts in `_pending`: the start of its last
    // unfinished line. Bytes from `_scannedTo` on are new. Searching the whole held event for
    // each chunk made one multi-MB event cost quadratic time.
    private int _searchFrom;
    private int _scannedTo;

    // Passing an oversized event on: whether the last byte passed ended a line (a blank line
    // next ends the event), and whether it was a CR whose LF may follow.
    private bool _passing;
    private bool _passAtLineStart;
    private bool _passPendingCr;

    public void Write(ReadOnlySpan<byte> chunk, PipeWriter client)
    {
        if (_passing)
        {
            var end = PassEnd(chunk);
            client.Write(end < 0 ? chunk : chunk[..end]);
            if (end < 0) return;
            _passing = false;
            chunk = chunk[end..];
        }
        if (_pending.WrittenCount == 0)
        {
            var consumed = WriteCompleteEvents(chunk, 0, client);
            Hold(chunk[consumed..], client);
            return;
        }
        var heldEndsWithCr = _pending.WrittenSpan[^1] == (byte)'\r';
        _pending.Write(chunk);
        var pending = _pending.WrittenSpan;
        // No line ended in the new bytes: no event can have (a held CR may still end a line).
        if (!heldEndsWithCr && chunk.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            _scannedTo = pending.Length;
            if (pending.Length > MaxHeldBytes) PassOn(client);
            return;
        }
        var used = WriteCompleteEvents(pending, _searchFrom, client);
        if (used == 0)
        {
            _searchFrom = SseFraming.LastLineStart(pending);
            _scannedTo = pending.Length;
            if (pending.Length > MaxHeldBytes) PassOn(client);
            return;
        }
        var rest = pending[used..].ToArray();
        _pending.ResetWrittenCount();
        Hold(rest, client);
    }

    /// Whatever is left when the upstream ends goes out as it is.
    /// Writes what is still held; true when that was anything (it then needs a flush).
    public bool Complete(PipeWriter client)
    {
        var held = _pending.WrittenCount > 0;
        if (held) client.Write(_pending.WrittenSpan);
        _pending.ResetWrittenCount();
        _searchFrom = _scannedTo = 0;
        return held;
    }

    private void Hold(ReadOnlySpan<byte> unfinished, PipeWriter client)
    {
        _pending.Write(unfinished);
        _searchFrom = SseFraming.LastLineStart(unfinished);
        _scannedTo = unfinished.Length;
        if (unfinished.Length > MaxHeldBytes) PassOn(client);
    }

    // The held start of an oversized event goes out; the rest of it follows as it comes.
    private void PassOn(PipeWriter client)
    {
        var held = _pending.WrittenSpan;
        _passAtLineStart = held[^1] is (byte)'\r' or (byte)'\n';
        _passPendingCr = held[^1] == (byte)'\r';
        Complete(client);
        _pending = new ArrayBufferWriter<byte>(4096);
        _passing = true;
    }

    // Where the event being passed on ends in `chunk` (after its blank line), or -1.
    private int PassEnd(ReadOnlySpan<byte> chunk)
    {
        var i = 0;
        while (i < chunk.Length)
        {
            var b = chunk[i];
            if (b == (byte)'\n' && _passPendingCr)
            {
                _passPendingCr = false;
                i++;
                continue;
            }
            _passPendingCr = false;
            if (b is (byte)'\r' or (byte)'\n')
            {
                if (_passAtLineStart) return i + 1;
                _passAtLineStart = true;
                _passPendingCr = b == (byte)'\r';
                i++;
                continue;
            }
            _passAtLineStart = false;
            var next = chunk[i..].IndexOfAny((byte)'\r', (byte)'\n');
            if (next < 0) return -1;
            i += next;
        }
        return -1;
    }

    // Writes the complete events at the start of `data`, the first one's end searched from
    // `searchFrom` (a line start with no blank line before it); returns the bytes consumed.
    private int WriteCompleteEvents(ReadOnlySpan<byte> data, int searchFrom, PipeWriter client)
    {
        var position = 0;
        while (position < data.Length)
        {
            var from = position == 0 ? searchFrom : position;
            var found = SseFraming.FindEventEnd(data[from..]);
            if (found < 0) break;
            var end = from + found;
            var sseEvent = data[position..end];
            position = end;
            if (hidden(sseEvent)) continue;
            if (cut?.Invoke(sseEvent) is not { } part)
            {
                client.Write(sseEvent);
                continue;
            }
            var (start, length) = part.GetOffsetAndLength(sseEvent.Length);
            client.Write(sseEvent[..start]);
            client.Write(sseEvent[(start + length)..]);
        }
        return position;
    }
}
