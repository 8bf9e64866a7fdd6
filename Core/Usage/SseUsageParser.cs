using Menshen.Core.Routing;

namespace Menshen.Core.Usage;

/// Reads usage from an SSE stream as a fold, chunk by chunk, while the Shell forwards the bytes
/// unchanged: `Start`, then `Step` for every chunk, then `Finish`. The result does not depend on
/// where the stream was cut into chunks.
public static class SseUsageParser
{
    /// A line (or an event's joined data) longer than this is dropped, and the parser picks up
    /// again at the next line; it bounds what one stream can make the gateway hold.
    public const int MaxLineBytes = 4 * 1024 * 1024;

    /// The state before the first chunk of a stream from an endpoint of `kind`.
    public static SseUsageState Start(EndpointKind kind) => new(kind);

    /// Folds one chunk of any size into the state; `state` itself is left unchanged.
    public static SseUsageState Step(SseUsageState state, ReadOnlySpan<byte> chunk)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (chunk.IsEmpty)
        {
            return state;
        }
        var stepper = new SseStepper(state);
        stepper.Feed(chunk);
        return stepper.ToState();
    }

    /// The usage and completion of the stream that ended after the chunks folded into `state`.
    public static SseSummary Finish(SseUsageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var stepper = new SseStepper(state);
        stepper.Flush();
        return new SseSummary(stepper.Usage, stepper.Completed, stepper.ResponseId,
            stepper.Error, stepper.Finished);
    }

    /// The response id read so far (a responses stream's `response.created` carries it first).
    public static string? ResponseId(SseUsageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ResponseId;
    }

    /// Start, Step over every chunk, Finish: for a stream that is already in memory (a replay).
    public static SseSummary ParseAll(EndpointKind kind, IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var state = Start(kind);
        foreach (var chunk in chunks)
        {
            state = Step(state, chunk.Span);
        }
        return Finish(state);
    }
}
