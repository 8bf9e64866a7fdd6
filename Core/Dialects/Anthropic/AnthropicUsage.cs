namespace Menshen.Core.Dialects.Anthropic;

/// The usage fields of the Messages API as reported, each null while unknown (absent, `null` or
/// not a non-negative integer): never 0 by default. Input excludes cache reads and writes.
public sealed record AnthropicUsage(
    long? InputTokens,
    long? OutputTokens,
    long? CacheCreationInputTokens,
    long? CacheReadInputTokens,
    long? Ephemeral5mInputTokens,
    long? Ephemeral1hInputTokens)
{
    /// Nothing known yet.
    public static readonly AnthropicUsage Unknown = new(null, null, null, null, null, null);

    /// True when no field is known.
    public bool IsUnknown => this == Unknown;

    /// This usage updated by a later report: the last value of each field wins, and a field the
    /// later report leaves out keeps its earlier value (message_delta after message_start).
    public AnthropicUsage Then(AnthropicUsage later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return new(
            later.InputTokens ?? InputTokens,
            later.OutputTokens ?? OutputTokens,
            later.CacheCreationInputTokens ?? CacheCreationInputTokens,
            later.CacheReadInputTokens ?? CacheReadInputTokens,
            later.Ephemeral5mInputTokens ?? Ephemeral5mInputTokens,
            later.Ephemeral1hInputTokens ?? Ephemeral1hInputTokens);
    }
}
