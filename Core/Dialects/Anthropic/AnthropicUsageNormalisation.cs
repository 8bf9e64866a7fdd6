using Menshen.Core.Usage;

namespace Menshen.Core.Dialects.Anthropic;

/// Maps Messages API usage onto the audit's usage (docs/anthropic.md): prompt = input + cache
/// creation + cache read (all the input the model saw), cached = cache read, cache write = cache
/// creation split 5 m / 1 h (all 5 m without a split), completion = output.
public static class AnthropicUsageNormalisation
{
    /// The audit usage, or null (usage unknown, never zeros) while input or output is unknown.
    /// Unknown cache fields add nothing to the prompt and stay unknown (null) in the result.
    public static TokenUsage? Normalise(AnthropicUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (usage is not { InputTokens: { } input, OutputTokens: { } output })
        {
            return null;
        }
        var (write5m, write1h) = CacheWrites(usage);
        var prompt = input + (usage.CacheReadInputTokens ?? 0) + (write5m ?? 0) + (write1h ?? 0);
        return new TokenUsage(
            prompt, output, prompt + output, usage.CacheReadInputTokens, ReasoningTokens: null,
            write5m, write1h);
    }

    // The total is cache_creation_input_tokens (else the split's sum); 1 h is the split's 1 h
    // part, at most the total; the rest of the total is 5 m.
    private static (long? Write5m, long? Write1h) CacheWrites(AnthropicUsage usage)
    {
        var (m5, h1) = (usage.Ephemeral5mInputTokens, usage.Ephemeral1hInputTokens);
        var split = m5 is not null || h1 is not null;
        var total = usage.CacheCreationInputTokens ?? (split ? (m5 ?? 0) + (h1 ?? 0) : null);
        if (total is not { } t)
        {
            return (null, null);
        }
        var hour = Math.Min(h1 ?? 0, t);
        return (t - hour, hour);
    }
}
