namespace Menshen.Core.Usage;

/// Line framing: splits chunks at LF, CRLF or CR, carries partial lines, enforces MaxLineBytes.
internal ref partial struct SseStepper
{
    public void Feed(ReadOnlySpan<byte> chunk)
    {
        if (_skipLeadingLf && !chunk.IsEmpty)
        {
            _skipLeadingLf = false;
            chunk = chunk[0] == (byte)'\n' ? chunk[1..] : chunk;
        }
        while (!chunk.IsEmpty)
        {
            var end = chunk.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                CarryOver(chunk);
                return;
            }
            CompleteLine(chunk[..end]);
            chunk = chunk[(end + TerminatorLength(chunk, end))..];
        }
    }

    /// End of stream: a last line without terminator still counts, and so does an event the
    /// upstream did not close with a blank line (a truncated JSON event still fails to parse).
    public void Flush()
    {
        if (_carry is not null || _discarding)
        {
            CompleteLine([]);
        }
        Dispatch();
    }

    private int TerminatorLength(ReadOnlySpan<byte> chunk, int end)
    {
        if (chunk[end] == (byte)'\n')
        {
            return 1;
        }
        if (end + 1 == chunk.Length)
        {
            _skipLeadingLf = true;
            return 1;
        }
        return chunk[end + 1] == (byte)'\n' ? 2 : 1;
    }

    private void CarryOver(ReadOnlySpan<byte> partial)
    {
        if (_discarding)
        {
            return;
        }
        if ((_carry?.Length ?? 0) + partial.Length > SseUsageParser.MaxLineBytes)
        {
            _carry = null;
            _discarding = true;
            return;
        }
        _carry = ByteRope.Append(_carry, partial);
    }

    private void CompleteLine(ReadOnlySpan<byte> tail)
    {
        if (_discarding || (_carry?.Length ?? 0) + tail.Length > SseUsageParser.MaxLineBytes)
        {
            // The same limit applies whether the line came in one chunk or many.
            _discarding = false;
            _carry = null;
            _eventBroken = true;
            return;
        }
        if (_carry is null)
        {
            ProcessLine(tail);
            return;
        }
        var line = _carry.Concat(tail);
        _carry = null;
        ProcessLine(line);
    }
}
