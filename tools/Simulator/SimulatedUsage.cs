using System.Text.Json;

namespace Menshen.Simulator;

/// <summary>
/// The token usage the simulator reports, a pure function of the request so tests can assert exact numbers.
/// </summary>
/// <remarks>
/// Prompt tokens: the words (runs of non-whitespace) in the request's <c>messages</c>, <c>prompt</c>,
/// <c>input</c> and <c>instructions</c>, walked like this: a string counts its words, a number counts 1
/// (a pre-tokenized prompt), an array sums its items, an object sums only its <c>content</c> and
/// <c>text</c> properties (so roles and types are not counted); at least 1 in total.
/// Completion tokens: the number of content pieces emitted (0 for embeddings).
/// Cached and reasoning tokens: taken as given (headers <c>x-sim-cached-tokens</c> and
/// <c>x-sim-reasoning-tokens</c>); they are reported as details and do not change the totals.
/// The Messages API counts <c>system</c> too and reports cached tokens as cache reads and the
/// cache-write tokens (headers <c>x-sim-cache-write-tokens</c>, <c>x-sim-cache-write-1h-tokens</c>)
/// beside <c>input_tokens</c>, which stays the word count (Anthropic's input excludes cache traffic).
/// </remarks>
public sealed record SimulatedUsage(
    int PromptTokens, int CompletionTokens, int CachedTokens, int ReasoningTokens,
    int CacheWrite5mTokens = 0, int CacheWrite1hTokens = 0)
{
    private static readonly string[] PromptFields = ["messages", "prompt", "input", "instructions", "system"];

    /// <summary>All cache-write tokens (5 minute and 1 hour).</summary>
    public int CacheWriteTokens => CacheWrite5mTokens + CacheWrite1hTokens;

    /// <summary>Prompt plus completion tokens.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>The usage reported for this request JSON when <paramref name="contentPieces"/> are emitted.</summary>
    public static SimulatedUsage For(
        string requestJson, int contentPieces, int cachedTokens = 0, int reasoningTokens = 0)
    {
        using var document = JsonDocument.Parse(requestJson);
        return For(document.RootElement, contentPieces, cachedTokens, reasoningTokens);
    }

    /// <summary>The usage reported for this parsed request when <paramref name="contentPieces"/> are emitted.</summary>
    public static SimulatedUsage For(
        JsonElement request, int contentPieces, int cachedTokens = 0, int reasoningTokens = 0) =>
        new(PromptTokensOf(request), contentPieces, cachedTokens, reasoningTokens);

    /// <summary>The prompt token count of a request, by the word rule above; at least 1.</summary>
    public static int PromptTokensOf(JsonElement request)
    {
        var words = 0;
        if (request.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in PromptFields)
            {
                if (request.TryGetProperty(field, out var value))
                    words += WordsIn(value);
            }
        }
        return Math.Max(1, words);
    }

    private static int WordsIn(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => CountWords(element.GetString()),
        JsonValueKind.Number => 1,
        JsonValueKind.Array => element.EnumerateArray().Sum(WordsIn),
        JsonValueKind.Object => element.EnumerateObject()
            .Where(p => p.NameEquals("content") || p.NameEquals("text"))
            .Sum(p => WordsIn(p.Value)),
        _ => 0,
    };

    /// <summary>The number of maximal runs of non-whitespace characters.</summary>
    public static int CountWords(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace && !inWord)
                count++;
            inWord = !isSpace;
        }
        return count;
    }
}
