using System.Text.Encodings.Web;
using System.Text.Json;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

/// Writes the JSON that upstreams send, the way they write it, for the generators.
public static class UsageJsonText
{
    public static string Str(string value) =>
        "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    /// `{...}` in one line, or spread over several lines (JSON allows a LF between members).
    public static string[] Obj(bool multiLine, params string[] members) =>
        multiLine && members.Length > 1
            ? [.. members.Select((m, i) => (i == 0 ? "{" : "") + m + (i == members.Length - 1 ? "}" : ","))]
            : ["{" + string.Join(",", members) + "}"];

    public static string Chat(TokenUsage u, bool writeTotal) => Usage(u, writeTotal,
        "prompt_tokens", "completion_tokens", "prompt_tokens_details", "completion_tokens_details");

    public static string Responses(TokenUsage u, bool writeTotal) => Usage(u, writeTotal,
        "input_tokens", "output_tokens", "input_tokens_details", "output_tokens_details");

    public static string Embeddings(TokenUsage u) =>
        $"{{\"prompt_tokens\":{u.PromptTokens},\"total_tokens\":{u.TotalTokens}}}";

    private static string Usage(
        TokenUsage u, bool writeTotal, string prompt, string completion, string inDetails, string outDetails)
    {
        var members = new List<string> { $"\"{prompt}\":{u.PromptTokens}", $"\"{completion}\":{u.CompletionTokens}" };
        if (writeTotal)
        {
            members.Add($"\"total_tokens\":{u.TotalTokens}");
        }
        if (u.CachedTokens is { } cached)
        {
            members.Add($"\"{inDetails}\":{{\"cached_tokens\":{cached},\"audio_tokens\":0}}");
        }
        if (u.ReasoningTokens is { } reasoning)
        {
            members.Add($"\"{outDetails}\":{{\"reasoning_tokens\":{reasoning},\"audio_tokens\":0}}");
        }
        return "{" + string.Join(",", members) + "}";
    }
}
