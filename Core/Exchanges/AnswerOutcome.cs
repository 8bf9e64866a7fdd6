using Menshen.Core.Audit;
using Menshen.Core.Errors;
using Menshen.Core.Usage;

namespace Menshen.Core.Exchanges;

/// What an answer means for the record: status, note, completeness, the response and its usage.
internal sealed record AnswerOutcome(
    int Status,
    ExchangeNote Note,
    bool ClientClosed,
    bool Complete,
    double? TtfbMs,
    long ResponseBytes = 0,
    CapturedBody? ResponseBody = null,
    string? ContentType = null,
    TokenUsage? Usage = null,
    UsageSource UsageSource = UsageSource.None,
    decimal? ReplayedCost = null)
{
    /// `keepErrorBody`: whether the gateway's own error body is kept (`[logging]
    /// log_response_body`); it is never replayed, so it is kept only for the log.
    public static AnswerOutcome Of(ExchangeParts parts, bool keepErrorBody = true) =>
        parts.Answer switch
    {
        Answer.Relayed relayed => OfRelay(relayed),
        Answer.Replayed replayed => new(replayed.Entry.Status,
            replayed.Completed ? ExchangeNote.None : new ExchangeNote(NoteKind.ClientClosed),
            !replayed.Completed, replayed.Completed, replayed.TtfbMs, replayed.Entry.Body.Length,
            null, replayed.Entry.ContentType, replayed.Entry.Usage,
            replayed.Entry.Usage is null ? UsageSource.None : UsageSource.Cache,
            replayed.Entry.CostUsd),
        Answer.Refused refused => GatewayMade(OpenAiErrorBody.Status(refused.Error.Kind),
            NoteOf(refused.Error), refused.ClientLeft, refused.Sent, keepErrorBody),
        Answer.Unanswered unanswered => GatewayMade(FailedAnswer.Status(unanswered),
            unanswered.ClientLeft ? new ExchangeNote(NoteKind.ClientClosed)
                : unanswered.Stopped ? new ExchangeNote(NoteKind.GatewayStopped)
                : new ExchangeNote(NoteKind.UpstreamUnreachable,
                    parts.Attempts.LastOrDefault()?.Record.Error),
            unanswered.ClientLeft, unanswered.Sent, keepErrorBody),
        _ => throw new ArgumentOutOfRangeException(nameof(parts), parts.Answer, "unknown answer"),
    };

    /// The note of a gateway-made error. "No provider is enabled" has none: its 503 says it all.
    public static ExchangeNote NoteOf(GatewayError error) => error.Kind switch
    {
        GatewayErrorKind.NoProvider => ExchangeNote.None,
        GatewayErrorKind.Unauthorized => new(NoteKind.Unauthorized),
        GatewayErrorKind.MalformedJson => new(NoteKind.MalformedJson),
        GatewayErrorKind.Internal => new(NoteKind.Internal),
        GatewayErrorKind.ShuttingDown => new(NoteKind.GatewayStopped),
        GatewayErrorKind.UpstreamUnreachable or GatewayErrorKind.UpstreamTimeout =>
            new(NoteKind.UpstreamUnreachable, error.Message),
        _ => new(NoteKind.RequestRejected, error.Message),
    };

    /// An answer the gateway made itself: its error body is the response, whole, like any other
    /// (the dashboard shows what the client was told).
    private static AnswerOutcome GatewayMade(int status, ExchangeNote note, bool clientLeft,
        ReadOnlyMemory<byte> sent, bool keepBody)
    {
        var kept = keepBody && !sent.IsEmpty;
        return new(status, note, clientLeft, false, null, sent.Length,
            kept ? new CapturedBody(sent, sent.Length) : null,
            kept ? GatewayError.ContentType : null);
    }

    private static bool IsSuccess(int status) => status is >= 200 and < 300;

    private static AnswerOutcome OfRelay(Answer.Relayed relayed)
    {
        var relay = relayed.Relay;
        var usage = relay.Usage;
        var note = relay.End switch
        {
            // The client got a 2xx that is no answer: its SDK may even take it for one. (An
            // error status says so itself.)
            RelayEnd.Completed when usage.StreamError is { } error && IsSuccess(relay.Status) =>
                new ExchangeNote(NoteKind.UpstreamErrorEvent, error),
            RelayEnd.Completed when !usage.AnswerEnded && IsSuccess(relay.Status) =>
                new ExchangeNote(NoteKind.UpstreamIncomplete),
            RelayEnd.Completed => relayed.LastResort
                ? new ExchangeNote(NoteKind.EveryProviderFailed) : ExchangeNote.None,
            RelayEnd.ClientClosed => new ExchangeNote(NoteKind.ClientClosed),
            RelayEnd.UpstreamTimedOut => new ExchangeNote(NoteKind.UpstreamIdleMidStream),
            RelayEnd.GatewayStopped => new ExchangeNote(NoteKind.GatewayStopped),
            _ => new ExchangeNote(NoteKind.UpstreamFailedMidStream),
        };
        // An answer that reported an error is not the answer, even if its stream then ended.
        var complete = relay.End == RelayEnd.Completed && usage.StreamCompleted
            && usage.StreamError is null;
        return new(relay.Status, note, relay.End == RelayEnd.ClientClosed, complete, relay.TtfbMs,
            relay.Bytes, relay.Body, relay.ContentType, usage.Usage, usage.Source);
    }
}
