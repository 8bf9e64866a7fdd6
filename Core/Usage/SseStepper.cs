using LanguageExt;

namespace Menshen.Core.Usage;

/// The working copy of an SseUsageState during one Step: mutable, on the stack, never shared.
/// An event whose single data line lies inside the current chunk is read straight from the chunk
/// (`_deferred`) and copied into the state only if the chunk ends before the event does.
internal ref partial struct SseStepper
{
    private readonly SseUsageState _origin;
    private ByteRope? _carry;
    private bool _discarding;
    private bool _skipLeadingLf;
    private bool _eventHasData;
    private ByteRope? _eventData;
    private bool _eventBroken;
    private bool _eventNamedCompleted;
    private bool _eventNamedError;
    private string? _error;
    private bool _finished;
    private ReadOnlySpan<byte> _deferred;
    private bool _hasDeferred;
    private Option<TokenUsage> _usage;
    private bool _completed;
    private string? _responseId;

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
        _eventNamedError = state.EventNamedError;
        _error = state.Error;
        _finished = state.Finished;
        _usage = state.Usage;
        _completed = state.Completed;
        _responseId = state.ResponseId;
    }

    public readonly Option<TokenUsage> Usage => _usage;

    public readonly bool Completed => _completed;

    public readonly string? ResponseId => _responseId;

    public readonly string? Error => _error;

    public readonly bool Finished => _finished;

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
            EventNamedError = _eventNamedError,
            Error = _error,
            Finished = _finished,
            Usage = _usage,
            Completed = _completed,
            ResponseId = _responseId,
        };
    }

    private readonly bool Unchanged() =>
        ReferenceEquals(_carry, _origin.Carry)
        && _discarding == _origin.Discarding
        && _skipLeadingLf == _origin.SkipLeadingLf
        && _eventHasData == _origin.EventHasData
        && ReferenceEquals(_eventData, _origin.EventData)
        && _eventBroken == _origin.EventBroken
        && _eventNamedCompleted == _origin.EventNamedCompleted
        && _eventNamedError == _origin.EventNamedError
        && ReferenceEquals(_error, _origin.Error)
        && _finished == _origin.Finished
        && _usage.Equals(_origin.Usage)
        && _completed == _origin.Completed
        && ReferenceEquals(_responseId, _origin.ResponseId);
}
