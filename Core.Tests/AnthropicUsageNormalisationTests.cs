using CsCheck;
using Menshen.Core.Dialects.Anthropic;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

public class AnthropicUsageNormalisationTests
{
    private static readonly Gen<AnthropicUsage> Known = AnthropicGens.Report.Where(u =>
        u.InputTokens is not null && u.OutputTokens is not null);

    private static TokenUsage Normalise(AnthropicUsage u) => AnthropicUsageNormalisation.Normalise(u)!;

    [Fact]
    public void Normalise_prompt_is_input_plus_cache_read_plus_cache_write() =>
        Known.Where(u => u.CacheCreationInputTokens is not null).Sample(u =>
            Normalise(u).PromptTokens
                == u.InputTokens + (u.CacheReadInputTokens ?? 0) + u.CacheCreationInputTokens);

    [Fact]
    public void Normalise_cached_is_cache_read_and_completion_is_output() =>
        Known.Sample(u => Normalise(u).CachedTokens == u.CacheReadInputTokens
            && Normalise(u).CompletionTokens == u.OutputTokens
            && Normalise(u).TotalTokens == Normalise(u).PromptTokens + Normalise(u).CompletionTokens);

    [Fact]
    public void Normalise_cache_write_is_cache_creation_split_into_5m_and_1h() =>
        Known.Where(u => u.CacheCreationInputTokens is not null).Sample(u =>
            Normalise(u).CacheWriteTokens == u.CacheCreationInputTokens
            && Normalise(u).CacheWrite1hTokens == Math.Min(u.Ephemeral1hInputTokens ?? 0, u.CacheCreationInputTokens!.Value));

    [Fact]
    public void Normalise_without_a_split_counts_every_write_as_5m() =>
        Known.Select(u => u with { Ephemeral5mInputTokens = null, Ephemeral1hInputTokens = null })
            .Where(u => u.CacheCreationInputTokens is not null)
            .Sample(u => Normalise(u).CacheWrite5mTokens == u.CacheCreationInputTokens
                && Normalise(u).CacheWrite1hTokens == 0);

    [Fact]
    public void Normalise_without_cache_fields_leaves_them_unknown() =>
        Known.Select(u => u with
        {
            CacheCreationInputTokens = null,
            CacheReadInputTokens = null,
            Ephemeral5mInputTokens = null,
            Ephemeral1hInputTokens = null,
        }).Sample(u => Normalise(u) == new TokenUsage(
            u.InputTokens!.Value, u.OutputTokens!.Value, u.InputTokens.Value + u.OutputTokens.Value, null, null));

    [Fact]
    public void Normalise_is_null_while_input_or_output_is_unknown() =>
        AnthropicGens.Report.Where(u => u.InputTokens is null || u.OutputTokens is null)
            .Sample(u => AnthropicUsageNormalisation.Normalise(u) is null);

    [Fact]
    public void Normalise_example_with_every_field()
    {
        var usage = new AnthropicUsage(10, 20, 300, 4000, 100, 200);

        var actual = AnthropicUsageNormalisation.Normalise(usage);

        Assert.Equal(new TokenUsage(4310, 20, 4330, 4000, null, 100, 200), actual);
    }
}
