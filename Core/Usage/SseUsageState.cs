using LanguageExt;
using Menshen.Core.Routing;

namespace Menshen.Core.Usage;

/// The state of an SSE usage fold between two chunks: opaque to callers, immutable, and small.
/// It holds only the bytes of an unfinished line and of an unfinished event, never the stream.
public sealed record SseUsageState
{
    internal SseUsageState(EndpointKind kind) => Kind = kind;

    internal EndpointKind Kind { get; }

    /// The start of a line whose terminator has not arrived yet.
    internal ByteRope? Carry { get; init; }

    /// True while dropping an overlong line up to its terminator.
    internal bool Discarding { get; init; }

    /// The last chunk ended with CR: a LF opening the next chunk belongs to that CRLF.
    internal bool SkipLeadingLf { get; init; }

    /// The current event has at least one `data:` field.
    internal bool EventHasData { get; init; }

    /// The current event's data fields (joined with LF) when they started in an earlier chunk.
    internal ByteRope? EventData { get; init; }

    /// Part of the current event was dropped, so it is skipped when dispatched.
    internal bool EventBroken { get; init; }

    /// The current event is named `response.completed`.
    internal bool EventNamedCompleted { get; init; }

    /// The current event is named `error`.
    internal bool EventNamedError { get; init; }

    /// The first error an event reported (SseErrorReader), as the audit's note.
    internal string? Error { get; init; }

    /// An event said the answer ended (UsageMarker.MarksFinish), with or without an end marker.
    internal bool Finished { get; init; }

    internal Option<TokenUsage> Usage { get; init; }

    internal bool Completed { get; init; }

    /// The `response.id` of a responses stream, once an event carrying it has been read.
    internal string? ResponseId { get; init; }
}
