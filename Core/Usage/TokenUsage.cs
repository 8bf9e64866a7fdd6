namespace Menshen.Core.Usage;

/// Token counts reported by an upstream. Prompt, completion and total are always set (a missing
/// total is prompt + completion); cached and reasoning are null when the upstream did not say.
/// Cache-write tokens (Anthropic's prompt-cache creation, part of the prompt) are null unless the
/// upstream reports them, split by the cache's lifetime: 5 minutes and 1 hour.
public sealed record TokenUsage(
    long PromptTokens,
    long CompletionTokens,
    long TotalTokens,
    long? CachedTokens,
    long? ReasoningTokens,
    long? CacheWrite5mTokens = null,
    long? CacheWrite1hTokens = null)
{
    /// All cache-write tokens (5 m + 1 h), or null when the upstream reported none.
    public long? CacheWriteTokens =>
        CacheWrite5mTokens is null && CacheWrite1hTokens is null
            ? null
            : (CacheWrite5mTokens ?? 0) + (CacheWrite1hTokens ?? 0);
}
