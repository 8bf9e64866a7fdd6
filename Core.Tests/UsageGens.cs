using CsCheck;
using LanguageExt;
using Menshen.Core.Routing;
using Menshen.Core.Usage;
using static Menshen.Core.Tests.UsageJsonText;

namespace Menshen.Core.Tests;

/// Generators for usage, upstream bodies and realistic SSE streams (chat, completions, responses).
public static class UsageGens
{
    private static readonly Gen<long?> MaybeCount =
        Gen.Select(Gen.Bool, Gen.Long[0, 5_000], (b, n) => b ? (long?)n : null);

    /// Usage as chat, completions and responses report it: total = prompt + completion.
    public static readonly Gen<TokenUsage> Tokens =
        Gen.Select(Gen.Long[0, 200_000], Gen.Long[0, 50_000], MaybeCount, MaybeCount,
            (p, c, cached, reasoning) => new TokenUsage(p, c, p + c,
                cached is { } x ? Math.Min(x, p) : null,
                reasoning is { } r ? Math.Min(r, c) : null));

    /// Usage as embeddings report it: prompt and total only.
    public static readonly Gen<TokenUsage> EmbeddingsTokens =
        Gen.Long[0, 200_000].Select(p => new TokenUsage(p, 0, p, null, null));

    /// Text that upstreams stream, with the bytes a careless parser trips on.
    public static readonly Gen<string> Text = Gen.OneOf(
        "Hello", " world", "\"", "\\", "\n", "\r\n", "é", "中文", "😀", "usage", "\"usage\":{", "[DONE]",
        "data: ", "response.completed", "}", ":").Array[0, 6].Select(parts => string.Concat(parts));

    public static readonly Gen<SseFormat> Format = Gen.Select(
        Gen.OneOf("\n", "\r\n", "\r"), Gen.Bool, Gen.Bool, Gen.Bool,
        (nl, space, comments, ids) => new SseFormat(nl, space, comments, ids));

    private static readonly SseEventSpec Done = new(null, ["[DONE]"], Option<TokenUsage>.None, true);

    private static readonly string[] ChatHead =
        ["\"id\":\"chatcmpl-9\"", "\"object\":\"chat.completion.chunk\"", "\"created\":1720000000",
            "\"model\":\"gpt-4o\""];

    private static readonly Gen<SseEventSpec> ChatContent = Gen.Select(Text, Gen.Bool, Gen.Bool,
        (text, nullUsage, multi) => Event(null, Obj(multi, [.. ChatHead,
            $"\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{Str(text)}}},\"finish_reason\":null}}]",
            .. nullUsage ? ["\"usage\":null"] : Array.Empty<string>()])));

    // The chunk include_usage adds at the end (`"choices":[]`), or, from servers that report
    // usage continuously, usage on a content chunk.
    private static readonly Gen<SseEventSpec> ChatUsage = Gen.Select(Tokens, Gen.Bool, Gen.Bool, Gen.Bool,
        (u, total, multi, usageOnly) => Event(null, Obj(multi, [.. ChatHead,
            usageOnly ? "\"choices\":[]" : "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]",
            $"\"usage\":{Chat(u, total)}"]), u));

    private static readonly string[] CompletionsHead =
        ["\"id\":\"cmpl-7\"", "\"object\":\"text_completion\"", "\"created\":1720000000",
            "\"model\":\"gpt-3.5-turbo-instruct\""];

    private static readonly Gen<SseEventSpec> CompletionsContent = Gen.Select(Text, Gen.Bool, (text, multi) =>
        Event(null, Obj(multi, [.. CompletionsHead,
            $"\"choices\":[{{\"text\":{Str(text)},\"index\":0,\"logprobs\":null,\"finish_reason\":null}}]"])));

    private static readonly Gen<SseEventSpec> CompletionsUsage = Gen.Select(Tokens, Gen.Bool, Gen.Bool,
        (u, total, multi) =>
        Event(null, Obj(multi, [.. CompletionsHead, "\"choices\":[]", $"\"usage\":{Chat(u, total)}"]), u));

    /// A chat stream, with or without include_usage chunks, ended by `[DONE]` or cut short.
    public static readonly Gen<SseScenario> ChatStream = Stream(EndpointKind.ChatCompletions,
        Gen.Frequency((4, ChatContent), (1, ChatUsage)));

    public static readonly Gen<SseScenario> ChatStreamWithoutUsage = Stream(EndpointKind.ChatCompletions, ChatContent);

    public static readonly Gen<SseScenario> CompletionsStream = Stream(EndpointKind.Completions,
        Gen.Frequency((4, CompletionsContent), (1, CompletionsUsage)));

    public static readonly Gen<SseScenario> AnyStream =
        Gen.OneOf(ChatStream, CompletionsStream, ResponsesGens.Stream);

    /// Events that look like usage but are not valid JSON; a parser must skip them.
    public static readonly Gen<SseEventSpec> MalformedUsageEvent = Gen.OneOf(
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":7,",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":7}}}",
        "{\"usage\":{\"prompt_tokens\":7}} trailing",
        "not json \"usage\":{\"prompt_tokens\":7}").Select(data => Event(null, [data]));

    public static SseEventSpec Event(
        string? name, string[] lines, Option<TokenUsage> usage = default, bool terminal = false) =>
        new(name, [.. lines], usage, terminal);

    private static Gen<SseScenario> Stream(EndpointKind kind, Gen<SseEventSpec> events) =>
        Gen.Select(events.Array[0, 8], Gen.Bool, Format, (body, done, format) =>
            new SseScenario(kind, [.. body, .. done ? [Done] : Array.Empty<SseEventSpec>()], format));
}
