using System.Text;
using CsCheck;
using LanguageExt;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

/// The usage of a JSON body read as it passes, chunk by chunk, is the usage read from the whole
/// body, however the body was cut; the fold keeps only the usage value, never the body.
public class JsonBodyUsageTests
{
    private static readonly Gen<int[]> Cuts = Gen.Int[1, 64].Array[0, 12];

    private static readonly Gen<EndpointKind> Kind = Gen.OneOf(
        Gen.Const(EndpointKind.ChatCompletions), Gen.Const(EndpointKind.Completions),
        Gen.Const(EndpointKind.Embeddings), Gen.Const(EndpointKind.Responses),
        Gen.Const(EndpointKind.ResponsesCompact));

    // Objects with other members around a usage value, and for responses a `response` object
    // that may hold one too, written with varied spacing, member order and escapes.
    private static readonly Gen<(EndpointKind Kind, byte[] Json)> Documents = Gen.Select(
        Kind, CacheGens.Value, UsageGens.Tokens, Gen.Int[0, 3], Gen.Int,
        (kind, other, usage, shape, seed) =>
        {
            var responses = kind.SpeaksResponses();
            var usageText = responses
                ? UsageJsonText.Responses(usage, writeTotal: true)
                : UsageJsonText.Chat(usage, writeTotal: true);
            var root = new JsonTree.Obj([KeyValuePair.Create("other", other)]);
            if (shape is 1 or 3) root = root.With("usage", new JsonTree.Raw(usageText));
            if (shape >= 2)
            {
                var other2 = usageText.Replace("1", "2", StringComparison.Ordinal);
                var inner = new JsonTree.Obj(
                    [KeyValuePair.Create("usage", (JsonTree)new JsonTree.Raw(other2))]);
                root = root.With("response", inner);
            }
            return (kind, JsonRender.Varied(root, new Random(seed)));
        });

    [Fact]
    public void Folded_usage_is_the_whole_body_usage_for_every_endpoint() =>
        Gen.Select(UsageBodyGens.Any, Cuts).Sample((body, cuts) =>
            Fold(body.Kind, body.Bytes, cuts) == Option<TokenUsage>.Some(body.Usage));

    [Fact]
    public void Folded_usage_matches_the_whole_body_reader_on_varied_documents() =>
        Gen.Select(Documents, Cuts).Sample((doc, cuts) =>
            Fold(doc.Kind, doc.Json, cuts) == JsonUsage.Parse(doc.Json, doc.Kind),
            print: t => Encoding.UTF8.GetString(t.Item1.Json));

    [Fact]
    public void Folded_usage_byte_by_byte_matches_the_whole_body_reader() =>
        Documents.Sample(doc =>
            Fold(doc.Kind, doc.Json, Enumerable.Repeat(1, doc.Json.Length))
                == JsonUsage.Parse(doc.Json, doc.Kind));

    [Fact]
    public void Folded_usage_of_a_truncated_body_is_none() =>
        UsageBodyGens.Any
            .SelectMany(body => Gen.Int[0, body.Bytes.Length - 1].Select(cut => (body, cut)))
            .Sample((body, cut) => Fold(body.Kind, body.Bytes[..cut], []).IsNone);

    [Fact]
    public void Folded_usage_after_the_root_object_is_none() =>
        UsageBodyGens.Any.Sample(body =>
            Fold(body.Kind, [.. body.Bytes, .. "{}"u8], []).IsNone);

    [Fact]
    public void Fold_never_throws_on_arbitrary_bytes() =>
        Gen.Select(Kind, Gen.Byte.Array[0, 200], Cuts).Sample((kind, bytes, cuts) =>
        {
            _ = Fold(kind, bytes, cuts);
        });

    [Fact]
    public void Fold_is_none_for_passthrough_like_bodies_without_usage()
    {
        var body = "{\"object\":\"list\",\"data\":[]}"u8.ToArray();

        Assert.True(Fold(EndpointKind.ChatCompletions, body, []).IsNone);
    }

    // The usage value and the error are read from a whole body only: a body cut short gives
    // neither, even when both have passed.
    [Fact]
    public void FinishValue_and_Error_are_given_only_for_a_whole_body()
    {
        var body = "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"},"u8.ToArray()
            .Concat("\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},\"x\":1}"u8.ToArray())
            .ToArray();
        var whole = JsonBodyUsage.Step(JsonBodyUsage.Start(EndpointKind.ChatCompletions), body);
        var cut = JsonBodyUsage.Step(JsonBodyUsage.Start(EndpointKind.ChatCompletions),
            body.AsSpan(0, body.Length - 1));

        Assert.Equal("{\"prompt_tokens\":1,\"completion_tokens\":2}",
            Encoding.UTF8.GetString(JsonBodyUsage.FinishValue(whole)!));
        Assert.NotNull(JsonBodyUsage.Error(whole));
        Assert.Null(JsonBodyUsage.FinishValue(cut));
        Assert.Null(JsonBodyUsage.Error(cut));
    }

    // A root that is not an object is no answer, whatever it holds.
    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"usage\":{\"prompt_tokens\":1}}]")]
    [InlineData("\"x\"")]
    [InlineData("{}")]
    public void Only_one_whole_object_is_a_whole_body(string body)
    {
        var state = JsonBodyUsage.Step(JsonBodyUsage.Start(EndpointKind.ChatCompletions),
            Encoding.UTF8.GetBytes(body));

        Assert.Equal(body == "{}", JsonBodyUsage.IsWhole(state));
    }

    // A responses body's usage is the root's or its `response` object's, wherever it stands
    // among their members; a `usage` inside any other object is not the answer's.
    [Theory]
    [InlineData("{\"response\":{\"id\":\"r\",\"status\":\"completed\","
        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}}", 3L)]
    [InlineData("{\"id\":\"r\",\"metadata\":{\"usage\":{\"input_tokens\":1,"
        + "\"output_tokens\":2}}}", null)]
    [InlineData("{\"id\":\"r\",\"metadata\":{\"a\":1},\"response\":{\"x\":{\"usage\":"
        + "{\"input_tokens\":1,\"output_tokens\":2}}}}", null)]
    public void A_responses_body_s_usage_is_the_root_s_or_the_response_s(
        string body, long? total)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var actual = Fold(EndpointKind.Responses, bytes, []);

        Assert.Equal(total, actual.MatchUnsafe(u => (long?)u.TotalTokens, () => null));
        Assert.Equal(JsonUsage.Parse(bytes, EndpointKind.Responses), actual);
    }

    private static Option<TokenUsage> Fold(EndpointKind kind, byte[] bytes, IEnumerable<int> cuts)
    {
        var state = JsonBodyUsage.Start(kind);
        foreach (var chunk in Chunking.Split(bytes, cuts))
        {
            state = JsonBodyUsage.Step(state, chunk.Span);
        }
        return JsonBodyUsage.Finish(state);
    }
}
