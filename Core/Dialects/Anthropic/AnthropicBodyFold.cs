using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Dialects.Anthropic;

/// The Messages API body fold: the body's root `usage` value is kept as it passes (never the
/// body, so a body of any size is read) and normalised when the body ends.
public sealed record AnthropicBodyFold(JsonBodyUsageState State) : UsageFold
{
    public static AnthropicBodyFold Start() => new(JsonBodyUsage.Start(EndpointKind.Messages));

    public override UsageFold Fold(ReadOnlySpan<byte> chunk)
    {
        var next = JsonBodyUsage.Step(State, chunk);
        return ReferenceEquals(next, State) ? this : new AnthropicBodyFold(next);
    }

    public override StreamReading Finish() =>
        new(JsonBodyUsage.FinishValue(State) is { } value
            ? AnthropicUsageNormalisation.Normalise(AnthropicUsageJson.FromUsageValue(value))
            : null,
            Completed: JsonBodyUsage.IsWhole(State) && JsonBodyUsage.Error(State) is null,
            Error: JsonBodyUsage.Error(State), Ended: JsonBodyUsage.IsWhole(State));
}
