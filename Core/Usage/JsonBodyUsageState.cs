using LanguageExt;
using Menshen.Core.Routing;

namespace Menshen.Core.Usage;

/// The state of a JSON body usage fold between two chunks: opaque to callers, immutable, small.
/// It holds the structure read so far, the key being read and the `usage` value being read.
public sealed record JsonBodyUsageState
{
    internal JsonBodyUsageState(EndpointKind kind) => Kind = kind;

    internal EndpointKind Kind { get; }

    internal bool Started { get; init; }
    internal bool RootClosed { get; init; }
    internal bool Invalid { get; init; }
    internal int Depth { get; init; }
    internal bool InString { get; init; }
    internal bool Escaped { get; init; }

    /// The next string at depth 1 (the root), or at depth 2 inside `response`, is a key.
    internal bool RootExpectsKey { get; init; }
    internal bool ResponseExpectsKey { get; init; }

    /// The root's `response` member is an object, and the reader is inside it.
    internal bool InResponse { get; init; }

    /// The root's `response` key and colon were read; its value has not started yet.
    internal bool ResponsePending { get; init; }

    /// The key string being read (quotes included), when it is a key the fold tracks.
    internal bool InKey { get; init; }
    internal ByteRope? Key { get; init; }

    /// The last key read at the root and inside `response`.
    internal TrackedKey RootKey { get; init; }
    internal TrackedKey ResponseKey { get; init; }

    /// The depth of the `usage` value being read (0: none), and its bytes so far.
    internal int CaptureDepth { get; init; }
    internal ByteRope? Capture { get; init; }
    internal bool CaptureTooLong { get; init; }

    /// Which key's value is being captured (`usage`, or a responses body's root `id`).
    internal TrackedKey CaptureKey { get; init; }

    internal Option<TokenUsage> Usage { get; init; }

    /// The bytes of the last root `usage` value read (at most MaxUsageBytes), as sent: for a
    /// dialect whose usage fields are not OpenAI's (Anthropic's).
    internal byte[]? UsageValue { get; init; }

    /// The root `id` of a `responses` body, once read (the response id, for affinity).
    internal string? ResponseId { get; init; }

    /// The note for a root `error` member that is not null (StreamErrorText.InBody).
    internal string? Error { get; init; }
}

internal enum TrackedKey
{
    Other,
    Usage,
    Response,
    Id,
    Error,
}
