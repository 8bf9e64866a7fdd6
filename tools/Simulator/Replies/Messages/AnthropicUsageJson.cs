using System.Text.Json;

namespace Menshen.Simulator.Replies.Messages;

/// <summary>The Messages API usage object, cache fields included.</summary>
internal static class AnthropicUsageJson
{
    /// <summary>
    /// The usage object; <paramref name="outputTokens"/> differs from the final count only in
    /// <c>message_start</c>, which (like Anthropic's) reports output so far.
    /// </summary>
    public static void Write(Utf8JsonWriter w, SimulatedUsage usage, int outputTokens)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", usage.PromptTokens);
        w.WriteNumber("cache_creation_input_tokens", usage.CacheWriteTokens);
        w.WriteNumber("cache_read_input_tokens", usage.CachedTokens);
        w.WriteStartObject("cache_creation");
        w.WriteNumber("ephemeral_5m_input_tokens", usage.CacheWrite5mTokens);
        w.WriteNumber("ephemeral_1h_input_tokens", usage.CacheWrite1hTokens);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", outputTokens);
        w.WriteString("service_tier", "standard");
        w.WriteEndObject();
    }
}
