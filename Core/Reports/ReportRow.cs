using Menshen.Core.Exchanges;

namespace Menshen.Core.Reports;

/// What the reports read of one audit row. Token counts are null when the usage could not be
/// read; `CostUsd` is null when the model had no price (as stored: a double). Cache-write
/// tokens (Anthropic's prompt-cache creation, 5 m and 1 h) are null when not reported.
public sealed record ReportRow(
    long CreatedAtMs,
    string? Model,
    string? Provider,
    string? Key,
    bool CacheHit,
    int Status,
    ErrorClass Error,
    long? PromptTokens,
    long? CompletionTokens,
    long? TotalTokens,
    long? CachedTokens,
    long? ReasoningTokens,
    double? CostUsd,
    double DurationMs,
    long? CacheWrite5mTokens = null,
    long? CacheWrite1hTokens = null)
{
    /// An error for the reports: a status of 400 or more, or a note of any error class; but not
    /// a refused upgrade (426), the WebSocket try a client such as Codex makes first on every
    /// run before it falls back to HTTP.
    public bool IsError => IsErrorOf(Status, Error);

    /// The rule of IsError for a status and a note's class (the metrics count by it too).
    public static bool IsErrorOf(int status, ErrorClass note) =>
        status != UpgradeRefused && (status >= 400 || note != ErrorClass.None);

    /// A refused upgrade (426): never an error (LogSql's `status=error` names it too).
    public const int UpgradeRefused = 426;

    /// Whether its duration is in the p50/p95: not a cache hit, and not a refusal the gateway
    /// made itself (a 401, a model no provider serves, a refused path, Codex's 426: no
    /// provider, ~0.1 ms each), which would flatter the upstream latency. Rows imported from
    /// ai-menshen have no provider either, but are answers: they count.
    public bool CountsForLatency => !CacheHit && !(Provider is null && Status >= 400);

    /// The cost in whole nano-dollars, as summed (0 when there is no price).
    public long CostNanos => CostUsd is { } usd
        ? (long)Math.Round(usd * 1e9, MidpointRounding.AwayFromZero) : 0;
}
