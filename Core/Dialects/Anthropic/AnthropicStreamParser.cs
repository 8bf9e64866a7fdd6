using System.Text.Json;
using Menshen.Core.Http;
using Menshen.Core.Usage;

namespace Menshen.Core.Dialects.Anthropic;

/// Reads a Messages API event stream as a fold while the Shell relays the bytes unchanged:
/// `Start`, `Step` for every chunk, `Finish`. Any split of the stream into chunks gives the same
/// summary. Events are framed as SSE (blank-line separated, LF, CRLF or CR line ends).
public static class AnthropicStreamParser
{
    /// An event longer than this (in bytes) is dropped; it bounds what one stream makes us hold.
    public const int MaxEventBytes = SseUsageParser.MaxLineBytes;

    /// The state before the first chunk.
    public static AnthropicStreamState Start() => AnthropicStreamState.Initial;

    /// Folds one chunk of any size into the state; `state` itself is left unchanged.
    public static AnthropicStreamState Step(AnthropicStreamState state, ReadOnlySpan<byte> chunk)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (chunk.IsEmpty)
        {
            return state;
        }
        byte[] buffer = [.. state.Pending.AsSpan(), .. chunk];
        var offset = 0;
        for (var end = SseFraming.FindEventEnd(buffer); end >= 0;
             end = SseFraming.FindEventEnd(buffer.AsSpan(offset)))
        {
            state = Dispatch(state, buffer.AsSpan(offset, end)) with { Skipping = false };
            offset += end;
        }
        return Keep(state, buffer.AsSpan(offset));
    }

    /// The summary of the stream that ended after the chunks folded into `state`. An event the
    /// upstream did not close with a blank line still counts (a truncated one fails to parse).
    public static AnthropicStreamSummary Finish(AnthropicStreamState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var last = state.Pending.IsEmpty ? state : Dispatch(state, state.Pending.AsSpan());
        return new AnthropicStreamSummary(
            last.Usage, last.SawMessageStop && last.Error is null, last.Error);
    }

    /// Start, Step over every chunk, Finish: for a stream already in memory (a replay).
    public static AnthropicStreamSummary ParseAll(IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var state = Start();
        foreach (var chunk in chunks)
        {
            state = Step(state, chunk.Span);
        }
        return Finish(state);
    }

    // An event that is already too long will be dropped whatever else arrives: keep only a
    // placeholder and its last two bytes, which tell FindEventEnd whether a line or a CRLF is open.
    private static AnthropicStreamState Keep(AnthropicStreamState state, ReadOnlySpan<byte> rest)
    {
        if (!state.Skipping && rest.Length <= MaxEventBytes)
        {
            return state with { Pending = [.. rest] };
        }
        var tail = rest[Math.Max(0, rest.Length - 2)..];
        return state with { Skipping = true, Pending = [(byte)'x', .. tail] };
    }

    private static AnthropicStreamState Dispatch(
        AnthropicStreamState state, ReadOnlySpan<byte> sseEvent)
    {
        if (state.Skipping || sseEvent.Length > MaxEventBytes)
        {
            return state;
        }
        var data = SseData.Of(sseEvent);
        return data.IsEmpty ? state : Evaluate(state, data);
    }

    private static AnthropicStreamState Evaluate(
        AnthropicStreamState state, ReadOnlySpan<byte> data)
    {
        try
        {
            using var document = JsonDocument.Parse(data.ToArray());
            return AnthropicStreamEvents.Apply(state, document.RootElement);
        }
        catch (JsonException)
        {
            return state; // a broken event says nothing
        }
    }
}
