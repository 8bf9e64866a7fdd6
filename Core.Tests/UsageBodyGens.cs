using CsCheck;
using Menshen.Core.Routing;
using static Menshen.Core.Tests.UsageJsonText;

namespace Menshen.Core.Tests;

/// Generators for whole JSON answers of each endpoint, usage placed among other members.
public static class UsageBodyGens
{
    public static readonly Gen<UsageBody> Chat = Gen.Select(UsageGens.Tokens, UsageGens.Text, Gen.Bool, Gen.Bool,
        (u, text, total, legacy) => new UsageBody(
            legacy ? EndpointKind.Completions : EndpointKind.ChatCompletions,
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1720000000,\"model\":\"gpt-4o\","
            + $"\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":{Str(text)}}},"
            + $"\"finish_reason\":\"stop\"}}],\"usage\":{UsageJsonText.Chat(u, total)},"
            + "\"system_fingerprint\":\"fp_1\"}",
            u));

    public static readonly Gen<UsageBody> Embeddings = UsageGens.EmbeddingsTokens.Select(u => new UsageBody(
        EndpointKind.Embeddings,
        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.0023,-0.0093,1e-5]}],"
        + $"\"model\":\"text-embedding-3-small\",\"usage\":{UsageJsonText.Embeddings(u)}}}",
        u));

    public static readonly Gen<UsageBody> Responses = Gen.Select(UsageGens.Tokens, UsageGens.Text, (u, text) =>
        new UsageBody(EndpointKind.Responses,
            "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"output\":[{\"type\":\"message\","
            + $"\"content\":[{{\"type\":\"output_text\",\"text\":{Str(text)}}}]}}],"
            + $"\"usage\":{UsageJsonText.Responses(u, writeTotal: true)},\"metadata\":{{}}}}",
            u));

    // Codex's remote compaction: usage named as a response's, beside an opaque compaction item.
    public static readonly Gen<UsageBody> Compaction = Gen.Select(UsageGens.Tokens, UsageGens.Text,
        (u, text) => new UsageBody(EndpointKind.ResponsesCompact,
            "{\"id\":\"cmp_1\",\"object\":\"response.compaction\",\"created_at\":1764000000,"
            + $"\"output\":[{{\"id\":\"cmp_item_1\",\"type\":\"compaction\",\"encrypted_content\":{Str(text)}}}],"
            + $"\"usage\":{UsageJsonText.Responses(u, writeTotal: true)}}}",
            u));

    public static readonly Gen<UsageBody> Any = Gen.OneOf(Chat, Embeddings, Responses, Compaction);
}
