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

    /// The audit's note for an `error` event: "upstream error event: TYPE: MESSAGE".
    public static string? ErrorText(AnthropicStreamError? error) => error switch
    {
        null => null,
        { Type: "", Message: "" } => Prefix,
        { Message: "" } e => $"{Prefix}: {e.Type}",
        { Type: "" } e => $"{Prefix}: {e.Message}",
        var e => $"{Prefix}: {e.Type}: {e.Message}",
    };

    private const string Prefix = "upstream error event mid-stream";
}
