using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Dialects;

/// OpenAI's stream fold: the SSE usage parser (`[DONE]` or `response.completed` ends a stream).
public sealed record OpenAiStreamFold(SseUsageState State) : UsageFold
{
    public static OpenAiStreamFold Start(EndpointKind kind) => new(SseUsageParser.Start(kind));

    public override UsageFold Fold(ReadOnlySpan<byte> chunk)
    {
        var next = SseUsageParser.Step(State, chunk);
        return ReferenceEquals(next, State) ? this : new OpenAiStreamFold(next);
    }

    public override string? ResponseId => SseUsageParser.ResponseId(State);

    public override StreamReading Finish()
    {
        var summary = SseUsageParser.Finish(State);
        return new StreamReading(summary.Usage.MatchUnsafe(u => u, () => null), summary.Completed,
            summary.ResponseId, summary.Error, summary.Completed || summary.Finished);
    }
}
