namespace Menshen.Core.Exchanges;

/// Why an exchange did not end as a plain answer: the closed set behind the audit's error note.
/// The stored text of each lives in <see cref="ExchangeNote"/>.
public enum NoteKind
{
    None,

    /// No valid gateway key.
    Unauthorized,

    /// The body could not be read (too large, too slow, cut short): the detail says which.
    RequestRejected,

    /// The body is not a JSON object.
    MalformedJson,

    /// The client went away before the answer was whole.
    ClientClosed,

    /// No provider answered at all: the detail is the last attempt's error.
    UpstreamUnreachable,

    /// Every provider failed; the last upstream answer was passed on.
    EveryProviderFailed,

    UpstreamIdleMidStream,

    UpstreamFailedMidStream,

    /// The stream reported an error in an event of its own after the answer had started
    /// (Anthropic's `error` event): the detail is its type and message.
    UpstreamErrorEvent,

    /// A 2xx answer that ended without being one: a stream without its end marker (`[DONE]`,
    /// `message_stop`), a JSON endpoint's body that is not one whole JSON object.
    UpstreamIncomplete,

    /// A defect in the gateway (an exception nobody expected).
    Internal,

    /// The gateway's shutdown grace ran out before the answer was whole.
    GatewayStopped,
}
