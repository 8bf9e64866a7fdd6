using Menshen.Core.Routing;

namespace Menshen.Core.Usage;

/// Event assembly: fields of a line, data joined across lines, and what a finished event means.
internal ref partial struct SseStepper
{
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
            _eventNamedError = value.SequenceEqual("error"u8);
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
        if ((_eventData?.Length ?? 0) + 1 + value.Length > SseUsageParser.MaxLineBytes)
        {
            _eventBroken = true;
            _eventData = null;
            return;
        }
        _eventData = ByteRope.AppendLine(_eventData, value);
    }

    private void Dispatch()
    {
        if (_eventHasData && !_eventBroken)
        {
            Evaluate(_hasDeferred ? _deferred : _eventData?.Concat([]) ?? []);
        }
        _eventHasData = false;
        _eventData = null;
        _eventBroken = false;
        _eventNamedCompleted = false;
        _eventNamedError = false;
        _deferred = [];
        _hasDeferred = false;
    }

    private void Evaluate(ReadOnlySpan<byte> data)
    {
        // A client stops reading at [DONE] (the one end of a chat or completions stream): an
        // event after it (an upstream's zero usage, say) does not change what the answer was.
        if (_completed && !_origin.Kind.SpeaksResponses()) return;
        if (UsageMarker.IsDone(data))
        {
            _completed = true;
            return;
        }
        if (_error is null && (_eventNamedError || SseErrorReader.MightReport(data)))
            _error = SseErrorReader.Read(data, _eventNamedError);
        _finished |= UsageMarker.MarksFinish(data);
        var wantsId = _responseId is null && _origin.Kind.MakesAResponse();
        if (!UsageMarker.MightMatter(data, _origin.Kind, _eventNamedCompleted)
            && !(wantsId && UsageMarker.MightCarryResponseId(data)))
        {
            return;
        }
        var scan = UsageJsonReader.Scan(data, _origin.Kind, streamChunk: true);
        if (!scan.Valid)
        {
            return;
        }
        _usage = scan.Usage.IsSome ? scan.Usage : _usage;
        if (_origin.Kind.MakesAResponse()) _responseId = scan.ResponseId ?? _responseId;
        var endsResponse = _eventNamedCompleted || scan.IsResponseCompleted;
        _completed |= _origin.Kind.SpeaksResponses() && endsResponse;
    }

    private void StoreDeferred()
    {
        if (_hasDeferred)
        {
            _eventData = ByteRope.Append(null, _deferred);
            _deferred = [];
            _hasDeferred = false;
        }
    }
}
