using System.Text.Json;
using LanguageExt;

namespace Menshen.Core.Usage;

/// Reads the inside of a `usage` object. Chat, completions and embeddings name the counts
/// `prompt_tokens`/`completion_tokens`; responses name them `input_tokens`/`output_tokens`.
internal static class UsageObjectReader
{
    /// The reader is on the object's StartObject; it is left on the matching EndObject.
    public static Option<TokenUsage> Read(ref Utf8JsonReader reader, bool responses)
    {
        long? prompt = null, completion = null, total = null, cached = null, reasoning = null;
        long? cacheHits = null, rootCached = null, writes = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(responses ? "input_tokens"u8 : "prompt_tokens"u8))
            {
                prompt = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals(responses ? "output_tokens"u8 : "completion_tokens"u8))
            {
                completion = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                total = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals(
                responses ? "input_tokens_details"u8 : "prompt_tokens_details"u8))
            {
                var (detailCached, detailWrites) = ReadPromptDetails(ref reader);
                cached = detailCached ?? cached;
                writes = detailWrites ?? writes;
            }
            else if (!responses && reader.ValueTextEquals("prompt_cache_hit_tokens"u8))
            {
                // DeepSeek's name for its prompt-cache hits (billed at the cached price).
                cacheHits = ReadCount(ref reader);
            }
            else if (!responses && reader.ValueTextEquals("cached_tokens"u8))
            {
                // Moonshot/Kimi's (and others') cached count, at the usage's root (helper-97).
                rootCached = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals(
                responses ? "output_tokens_details"u8 : "completion_tokens_details"u8))
            {
                reasoning = ReadDetail(ref reader, "reasoning_tokens"u8) ?? reasoning;
            }
            else
            {
                UsageJsonReader.SkipValue(ref reader);
            }
        }
        return Build(prompt, completion, total, cached ?? cacheHits ?? rootCached, reasoning)
            .Map(u => writes is null ? u : u with { CacheWrite5mTokens = writes });
    }

    // `prompt_tokens_details`: its cached count, and the cache-write count OpenRouter reports
    // there (`cache_write_tokens`, an Anthropic model's prompt-cache writes: helper-97 found
    // them priced as plain input).
    private static (long? Cached, long? Writes) ReadPromptDetails(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (null, null);
        }

        long? cached = null, writes = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("cached_tokens"u8))
            {
                cached = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("cache_write_tokens"u8))
            {
                writes = ReadCount(ref reader);
            }
            else
            {
                UsageJsonReader.SkipValue(ref reader);
            }
        }
        return (cached, writes);
    }

    // A usage object without any of the three main counts says nothing: None, never zeros.
    private static Option<TokenUsage> Build(
        long? prompt, long? completion, long? total, long? cached, long? reasoning) =>
        prompt is null && completion is null && total is null
            ? Option<TokenUsage>.None
            : new TokenUsage(
                prompt ?? 0,
                completion ?? 0,
                total ?? (prompt ?? 0) + (completion ?? 0),
                cached,
                reasoning);

    private static long? ReadDetail(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        long? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                value = ReadCount(ref reader);
            }
            else
            {
                UsageJsonReader.SkipValue(ref reader);
            }
        }
        return value;
    }

    // A count is a whole number within TokenCount's bound; `12.0` is accepted, anything else
    // counts as not given.
    private static long? ReadCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return null;
        }
        if (reader.TryGetInt64(out var whole))
        {
            return TokenCount.Plausible(whole);
        }
        return reader.TryGetDecimal(out var d)
            && d >= 0 && d <= TokenCount.Max && d == decimal.Truncate(d)
            ? (long)d
            : null;
    }
}
