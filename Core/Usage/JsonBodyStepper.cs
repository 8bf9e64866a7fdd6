using System.Buffers;
using System.Text.Json;
using LanguageExt;
using Menshen.Core.Routing;

namespace Menshen.Core.Usage;

/// One step of the JSON body usage fold (see JsonBodyUsage): tracks strings and depth byte by
/// byte, jumping to the next quote, bracket, comma or colon, and keeps the bytes of a `usage`
/// value until its end, where the usage reader reads it as if it stood in a small document.
internal sealed class JsonBodyStepper(JsonBodyUsageState s)
{
    private const int MaxDepth = 256; // as the whole-body reader
    private const int MaxKeyBytes = 64;
    private const int SmallDocument = 512; // a usage object's usual size, read on the stack
    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"{}[],:"u8);
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> Blank = SearchValues.Create(" \t\r\n"u8);
    private static readonly SearchValues<byte> BlankOrMark =
        SearchValues.Create([(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', 0xEF, 0xBB, 0xBF]);

    private readonly JsonBodyUsageState _s = s;
    private bool _started = s.Started, _rootClosed = s.RootClosed, _invalid = s.Invalid;
    private int _depth = s.Depth;
    private bool _inString = s.InString, _escaped = s.Escaped;
    private bool _rootExpectsKey = s.RootExpectsKey, _responseExpectsKey = s.ResponseExpectsKey;
    private bool _inResponse = s.InResponse, _responsePending = s.ResponsePending;
    private bool _inKey = s.InKey;
    private ByteRope? _key = s.Key;
    private TrackedKey _rootKey = s.RootKey, _responseKey = s.ResponseKey;
    private int _captureDepth = s.CaptureDepth;
    private ByteRope? _capture = s.Capture;
    private bool _captureTooLong = s.CaptureTooLong;
    private TrackedKey _captureKey = s.CaptureKey;
    private Option<TokenUsage> _usage = s.Usage;
    private byte[]? _usageValue = s.UsageValue;
    private string? _responseId = s.ResponseId;
    private string? _error = s.Error;

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        var keyFrom = _inKey ? 0 : -1;
        var captureFrom = _captureDepth > 0 ? 0 : -1;
        var i = 0;
        while (i < chunk.Length && !_invalid)
        {
            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                    i++;
                    continue;
                }
                var end = chunk[i..].IndexOfAny(StringEnd);
                if (end < 0) break;
                i += end;
                if (chunk[i] == (byte)'\\')
                {
                    _escaped = true;
                    i++;
                    continue;
                }
                _inString = false;
                i++;
                if (_inKey)
                {
                    EndKey(chunk[keyFrom..i]);
                    keyFrom = -1;
                }
                continue;
            }
            if (!_started || _rootClosed)
            {
                // Before the root only blanks (and a byte order mark); after it only blanks.
                var skip = chunk[i..].IndexOfAnyExcept(_started ? Blank : BlankOrMark);
                if (skip < 0) break;
                i += skip;
                if (_rootClosed || chunk[i] != (byte)'{')
                {
                    _invalid = true;
                    break;
                }
                _started = true;
                _depth = 1;
                _rootExpectsKey = true;
                i++;
                continue;
            }
            var next = chunk[i..].IndexOfAny(Structure);
            if (next < 0) break;
            i += next;
            var b = chunk[i];
            var pending = _responsePending;
            _responsePending = false;
            switch (b)
            {
                case (byte)'"':
                    _inString = true;
                    if (IsKeyPosition())
                    {
                        _inKey = true;
                        _key = null;
                        keyFrom = i;
                    }
                    break;
                case (byte)'{' or (byte)'[':
                    _depth++;
                    if (_depth > MaxDepth) _invalid = true;
                    if (pending && b == (byte)'{' && _depth == 2)
                    {
                        _inResponse = true;
                        _responseExpectsKey = true;
                    }
                    break;
                case (byte)'}' or (byte)']':
                    if (_captureDepth == _depth) EndCapture(chunk[captureFrom..i], ref captureFrom);
                    _depth--;
                    if (_depth == 1) _inResponse = false;
                    if (_depth == 0) _rootClosed = true;
                    break;
                case (byte)',':
                    if (_captureDepth == _depth) EndCapture(chunk[captureFrom..i], ref captureFrom);
                    if (_depth == 1) _rootExpectsKey = true;
                    else if (_depth == 2 && _inResponse) _responseExpectsKey = true;
                    break;
                default: // ':'
                    Colon(i + 1, ref captureFrom);
                    break;
            }
            i++;
        }
        if (_inKey && keyFrom >= 0) AppendKey(chunk[keyFrom..]);
        if (_captureDepth > 0 && captureFrom >= 0) AppendCapture(chunk[captureFrom..]);
    }

    public JsonBodyUsageState ToState() => _s with
    {
        Started = _started,
        RootClosed = _rootClosed,
        Invalid = _invalid,
        Depth = _depth,
        InString = _inString,
        Escaped = _escaped,
        RootExpectsKey = _rootExpectsKey,
        ResponseExpectsKey = _responseExpectsKey,
        InResponse = _inResponse,
        ResponsePending = _responsePending,
        InKey = _inKey,
        Key = _key,
        RootKey = _rootKey,
        ResponseKey = _responseKey,
        CaptureDepth = _captureDepth,
        Capture = _capture,
        CaptureTooLong = _captureTooLong,
        CaptureKey = _captureKey,
        Usage = _usage,
        UsageValue = _usageValue,
        ResponseId = _responseId,
        Error = _error,
    };

    private bool IsKeyPosition() =>
        (_depth == 1 && _rootExpectsKey) || (_depth == 2 && _inResponse && _responseExpectsKey);

    private void Colon(int valueStart, ref int captureFrom)
    {
        if (_depth == 1)
        {
            _rootExpectsKey = false;
            if (_rootKey is TrackedKey.Usage or TrackedKey.Id or TrackedKey.Error)
                StartCapture(valueStart, ref captureFrom, _rootKey);
            _responsePending = _rootKey == TrackedKey.Response;
        }
        else if (_depth == 2 && _inResponse)
        {
            _responseExpectsKey = false;
            if (_responseKey == TrackedKey.Usage)
                StartCapture(valueStart, ref captureFrom, TrackedKey.Usage);
        }
    }

    // A key within one chunk is read where it lies; only a key split across chunks is joined.
    private void EndKey(ReadOnlySpan<byte> last)
    {
        _inKey = false;
        var name = _key is null ? Name(last)
            : _key.Length + last.Length > MaxKeyBytes ? TrackedKey.Other
            : Name(_key.Concat(last));
        _key = null;
        if (_depth == 1) _rootKey = name;
        else _responseKey = name == TrackedKey.Usage ? name : TrackedKey.Other;
    }

    private TrackedKey Name(ReadOnlySpan<byte> quoted)
    {
        if (quoted.Length > MaxKeyBytes) return TrackedKey.Other;
        try
        {
            var reader = new Utf8JsonReader(quoted);
            if (!reader.Read()) return TrackedKey.Other;
            if (reader.ValueTextEquals("usage"u8)) return TrackedKey.Usage;
            // A 200 whose root says `error` (OpenRouter once a model has started, some relays).
            if (_depth == 1 && reader.ValueTextEquals("error"u8)) return TrackedKey.Error;
            if (!_s.Kind.SpeaksResponses()) return TrackedKey.Other;
            return reader.ValueTextEquals("response"u8) ? TrackedKey.Response
                : reader.ValueTextEquals("id"u8) && _s.Kind.MakesAResponse() ? TrackedKey.Id
                : TrackedKey.Other;
        }
        catch (JsonException)
        {
            return TrackedKey.Other;
        }
    }

    private void AppendKey(ReadOnlySpan<byte> bytes)
    {
        if ((_key?.Length ?? 0) <= MaxKeyBytes) _key = ByteRope.Append(_key, bytes);
    }

    private void StartCapture(int valueStart, ref int captureFrom, TrackedKey key)
    {
        _captureDepth = _depth;
        _captureKey = key;
        _capture = null;
        _captureTooLong = false;
        captureFrom = valueStart;
    }

    private void AppendCapture(ReadOnlySpan<byte> bytes)
    {
        if (_captureTooLong) return;
        if ((_capture?.Length ?? 0) + bytes.Length > JsonBodyUsage.MaxUsageBytes)
        {
            _captureTooLong = true;
            _capture = null;
            return;
        }
        _capture = ByteRope.Append(_capture, bytes);
    }

    // The value ended: read it as the whole-body reader reads a value in that place. A value
    // within one chunk is read where it lies; only a value split across chunks is joined.
    private void EndCapture(ReadOnlySpan<byte> last, ref int captureFrom)
    {
        if ((_capture?.Length ?? 0) + last.Length > JsonBodyUsage.MaxUsageBytes)
            _captureTooLong = true;
        var joined = _captureTooLong ? null : _capture?.Concat(last);
        ReadOnlySpan<byte> value = joined ?? last;
        var nested = _captureDepth == 2;
        if (_captureKey == TrackedKey.Id)
        {
            if (!_captureTooLong) _responseId = ResponseIdValue.ReadCaptured(value) ?? _responseId;
        }
        else if (_captureKey == TrackedKey.Error)
        {
            // Too long to read is still an error; `null` (some servers send it) is none.
            _error ??= _captureTooLong ? StreamErrorText.InBody("", "")
                : SseErrorReader.DescribeValue(joined ?? value.ToArray());
        }
        else if (!_captureTooLong)
        {
            ReadOnlySpan<byte> open = nested ? "{\"response\":{\"usage\":"u8 : "{\"usage\":"u8;
            ReadOnlySpan<byte> close = nested ? "}}"u8 : "}"u8;
            var length = open.Length + value.Length + close.Length;
            Span<byte> document = length <= SmallDocument
                ? stackalloc byte[SmallDocument] : new byte[length];
            document = document[..length];
            open.CopyTo(document);
            value.CopyTo(document[open.Length..]);
            close.CopyTo(document[(open.Length + value.Length)..]);
            var found = UsageJsonReader.Scan(document, _s.Kind).Usage;
            if (found.IsSome) _usage = found;
            if (!nested) _usageValue = joined ?? value.ToArray();
        }
        _captureDepth = 0;
        _capture = null;
        _captureTooLong = false;
        captureFrom = -1;
    }
}
