using System.Collections.Immutable;

namespace Menshen.Core.Dialects.Anthropic;

/// The state of the Messages API stream fold between two chunks: immutable, and holding only the
/// bytes of the event not finished yet (never the stream), plus what the finished events said.
public sealed record AnthropicStreamState
{
    internal static readonly AnthropicStreamState Initial = new();

    private AnthropicStreamState()
    {
    }

    /// The start of an event whose blank line has not arrived yet (or, while Skipping, a
    /// placeholder byte and the last two bytes seen, enough to find where the event ends).
    internal ImmutableArray<byte> Pending { get; init; } = [];

    /// The unfinished event is already longer than the limit: it is dropped when it ends.
    internal bool Skipping { get; init; }

    internal AnthropicUsage Usage { get; init; } = AnthropicUsage.Unknown;

    internal bool SawMessageStop { get; init; }

    internal AnthropicStreamError? Error { get; init; }
}
