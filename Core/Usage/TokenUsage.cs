namespace Menshen.Core.Usage;

/// Token counts reported by an upstream. Prompt, completion and total are always set (a missing
/// total is prompt + completion); cached and reasoning are null when the upstream did not say.
public sealed record TokenUsage(
    long PromptTokens,
    long CompletionTokens,
    long TotalTokens,
    long? CachedTokens,
    long? ReasoningTokens);
