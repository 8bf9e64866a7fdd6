using Menshen.Core.Usage;

namespace Menshen.Core.Dialects.Anthropic;

/// The Messages API stream fold: usage from `message_start` and `message_delta` (last value per
/// field wins), complete only after `message_stop` with no `error` event, and that error.
public sealed record AnthropicStreamFold(AnthropicStreamState State) : UsageFold
{
    public static AnthropicStreamFold Start() => new(AnthropicStreamParser.Start());

    public override UsageFold Fold(ReadOnlySpan<byte> chunk)
    {
        var next = AnthropicStreamParser.Step(State, chunk);
        return ReferenceEquals(next, State) ? this : new AnthropicStreamFold(next);
    }

    public override StreamReading Finish()
    {
        var summary = AnthropicStreamParser.Finish(State);
        return new StreamReading(
            AnthropicUsageNormalisation.Normalise(summary.Usage), summary.Complete,
            Error: ErrorText(summary.Error));
    }

    /// The audit's note for an `error` event: "upstream error event mid-stream: TYPE: MESSAGE".
    public static string? ErrorText(AnthropicStreamError? error) =>
        error is null ? null : StreamErrorText.Of(error.Type, error.Message);
}
