using System.Collections.Immutable;
using System.Runtime.InteropServices;
using LanguageExt;
using Menshen.Core.Routing;

namespace Menshen.Core.Usage;

/// The working copy of an SseUsageState during one Step: mutable, on the stack, never shared.
/// An event whose single data line lies inside the current chunk is read straight from the chunk
/// (`_deferred`) and copied into the state only if the chunk ends before the event does.
internal ref struct SseStepper
{
    private readonly SseUsageState _origin;
    private ByteRope? _carry;
    private bool _discarding;
    private bool _skipLeadingLf;
    private bool _eventHasData;
    private ImmutableArray<byte> _eventData;
    private bool _eventBroken;
    private bool _eventNamedCompleted;
    private ReadOnlySpan<byte> _deferred;
    private bool _hasDeferred;
    private Option<TokenUsage> _usage;
    private bool _completed;

    public SseStepper(SseUsageState state)
    {
        _origin = state;
        _carry = state.Carry;
        _discarding = state.Discarding;
        _skipLeadingLf = state.SkipLeadingLf;
        _eventHasData = state.EventHasData;
        _eventData = state.EventData;
        _eventBroken = state.EventBroken;
        _eventNamedCompleted = state.EventNamedCompleted;
        _usage = state.Usage;
        _completed = state.Completed;
    }

    public readonly Option<TokenUsage> Usage => _usage;

    public readonly bool Completed => _completed;

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

    private void ProcessLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            Dispatch();
            return;
        }
        if (line[0] == (byte)':')
        {
            return;
        }
        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        value = value is [(byte)' ', ..] ? value[1..] : value;
        if (name.SequenceEqual("data"u8))
        {
            AddData(value);
        }
        else if (name.SequenceEqual("event"u8))
        {
            _eventNamedCompleted = value.SequenceEqual("response.completed"u8);
        }
    }

    private void AddData(ReadOnlySpan<byte> value)
    {
        if (!_eventHasData)
        {
            _eventHasData = true;
            _deferred = value;
            _hasDeferred = true;
            return;
        }
        StoreDeferred();
        if (_eventData.Length + 1 + value.Length > SseUsageParser.MaxLineBytes)
        {
            _eventBroken = true;
            _eventData = [];
            return;
        }
        _eventData = [.. _eventData, (byte)'\n', .. value];
    }

    private void Dispatch()
    {
        if (_eventHasData && !_eventBroken)
        {
            Evaluate(_hasDeferred ? _deferred : _eventData.AsSpan());
        }
        _eventHasData = false;
        _eventData = [];
        _eventBroken = false;
        _eventNamedCompleted = false;
        _deferred = [];
        _hasDeferred = false;
    }

    private void Evaluate(ReadOnlySpan<byte> data)
    {
        if (UsageMarker.IsDone(data))
        {
            _completed = true;
            return;
        }
        if (!UsageMarker.MightMatter(data, _origin.Kind, _eventNamedCompleted))
        {
            return;
        }
        var scan = UsageJsonReader.Scan(data, _origin.Kind);
        if (!scan.Valid)
        {
            return;
        }
        _usage = scan.Usage.IsSome ? scan.Usage : _usage;
        var endsResponse = _eventNamedCompleted || scan.IsResponseCompleted;
        _completed |= _origin.Kind == EndpointKind.Responses && endsResponse;
    }

    private void StoreDeferred()
    {
        if (_hasDeferred)
        {
            _eventData = ImmutableCollectionsMarshal.AsImmutableArray(_deferred.ToArray());
            _deferred = [];
            _hasDeferred = false;
        }
    }

    /// The new state, or the old instance when nothing it holds changed (the common case for a
    /// chunk made of whole events), so the hot path allocates nothing.
    public SseUsageState ToState()
    {
        StoreDeferred();
        if (Unchanged())
        {
            return _origin;
        }
        return _origin with
        {
            Carry = _carry,
            Discarding = _discarding,
            SkipLeadingLf = _skipLeadingLf,
            EventHasData = _eventHasData,
            EventData = _eventData,
            EventBroken = _eventBroken,
            EventNamedCompleted = _eventNamedCompleted,
            Usage = _usage,
            Completed = _completed,
        };
    }

    private readonly bool Unchanged() =>
        ReferenceEquals(_carry, _origin.Carry)
        && _discarding == _origin.Discarding
        && _skipLeadingLf == _origin.SkipLeadingLf
        && _eventHasData == _origin.EventHasData
        && _eventData == _origin.EventData
        && _eventBroken == _origin.EventBroken
        && _eventNamedCompleted == _origin.EventNamedCompleted
        && _usage.Equals(_origin.Usage)
        && _completed == _origin.Completed;
}
