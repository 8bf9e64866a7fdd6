using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Dialects;

/// OpenAI's JSON body fold: the usage is read as the body passes, whatever its size.
public sealed record OpenAiBodyFold(JsonBodyUsageState State) : UsageFold
{
    public static OpenAiBodyFold Start(EndpointKind kind) => new(JsonBodyUsage.Start(kind));

    public override UsageFold Fold(ReadOnlySpan<byte> chunk)
    {
        var next = JsonBodyUsage.Step(State, chunk);
        return ReferenceEquals(next, State) ? this : new OpenAiBodyFold(next);
    }

    public override string? ResponseId => JsonBodyUsage.ResponseId(State);

    public override StreamReading Finish() =>
        new(JsonBodyUsage.Finish(State).MatchUnsafe(u => u, () => null),
            Completed: JsonBodyUsage.IsWhole(State) && JsonBodyUsage.Error(State) is null,
            JsonBodyUsage.ResponseId(State), JsonBodyUsage.Error(State),
            Ended: JsonBodyUsage.IsWhole(State));
}
