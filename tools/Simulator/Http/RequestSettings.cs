using System.Globalization;

namespace Menshen.Simulator.Http;

/// <summary>The behaviour of one request: the instance options, overridden by <c>x-sim-*</c> headers.</summary>
internal sealed record RequestSettings(
    int? FailStatus, int HeaderDelayMs, int ChunkIntervalMs, int Chunks, int? DropAfter,
    int CachedTokens, int ReasoningTokens, string ContentText, bool Fast, int? StallAfter = null, int StallMs = 0,
    int CacheWrite5mTokens = 0, int CacheWrite1hTokens = 0, int? ErrorAfter = null, bool ToolUse = true,
    IReadOnlyList<string>? Models = null, string IdPrefix = "sim")
{
    /// <summary>True when a knob only the Messages API reads is set (bench mode then skips its memo).</summary>
    public bool HasMessagesKnobs =>
        CacheWrite5mTokens != 0 || CacheWrite1hTokens != 0 || ErrorAfter is not null || !ToolUse;

    public static RequestSettings From(SimulatorOptions options, IHeaderDictionary headers) => new(
        FailStatus: Int(headers, "x-sim-status") switch
        {
            0 or 200 => null,
            >= 100 and <= 599 and var s => s,
            _ => options.FailStatus,
        },
        HeaderDelayMs: Math.Max(0, Int(headers, "x-sim-header-delay-ms") ?? options.HeaderDelayMs),
        ChunkIntervalMs: Math.Max(0, Int(headers, "x-sim-chunk-interval-ms") ?? options.ChunkIntervalMs),
        Chunks: Math.Max(1, Int(headers, "x-sim-chunks") ?? options.Chunks),
        DropAfter: Int(headers, "x-sim-drop-after") is { } d ? (d < 0 ? null : d)
            : options.DropAfter is { } dropAfter && options.TakeDrop() ? dropAfter : null,
        CachedTokens: Math.Max(0, Int(headers, "x-sim-cached-tokens") ?? 0),
        ReasoningTokens: Math.Max(0, Int(headers, "x-sim-reasoning-tokens") ?? 0),
        ContentText: options.ContentText,
        Fast: options.Fast,
        // A single long gap mid-stream: x-sim-stall-after frames, then x-sim-stall-ms of silence.
        StallAfter: Int(headers, "x-sim-stall-after") is >= 0 and var after ? after : null,
        StallMs: Math.Max(0, Int(headers, "x-sim-stall-ms") ?? 0),
        // Messages API only: prompt-cache writes (5 m and 1 h), an `error` event after N frames,
        // and x-sim-tool-use: 0 to answer with text even when tools are offered.
        CacheWrite5mTokens: Math.Max(0, Int(headers, "x-sim-cache-write-tokens") ?? 0),
        CacheWrite1hTokens: Math.Max(0, Int(headers, "x-sim-cache-write-1h-tokens") ?? 0),
        ErrorAfter: Int(headers, "x-sim-error-after") is >= 0 and var errorAfter ? errorAfter
            : options.ErrorAfter,
        ToolUse: Int(headers, "x-sim-tool-use") != 0,
        Models: options.Models,
        IdPrefix: options.IdPrefix);

    private static int? Int(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values)
            && int.TryParse(values.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? n
                : null;
}
