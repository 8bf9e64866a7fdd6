using CsCheck;
using Menshen.Core.Caching;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class CacheKeyTests
{
    private static string Key(JsonTree body, int seed) =>
        FinAssert.Succ(CacheKey.Compute(
            EndpointKind.ChatCompletions, JsonRender.Varied(body, new Random(seed))));

    [Fact]
    public void CacheKey_ignores_key_order_whitespace_and_escapes() =>
        Gen.Select(CacheGens.ChatRequest, Gen.Int, Gen.Int).Sample((body, seedA, seedB) =>
            Key(body, seedA) == Key(body, seedB));

    [Fact]
    public void CacheKey_ignores_key_order_in_any_json_object() =>
        Gen.Select(CacheGens.Value, Gen.Int, Gen.Int).Sample((value, seedA, seedB) =>
        {
            var body = CacheGens.ObjectOf(("metadata", value));
            return Key(body, seedA) == Key(body, seedB);
        });

    [Fact]
    public void CacheKey_changes_with_any_output_field() =>
        Gen.Select(CacheGens.ChatRequest, Gen.OneOf(CacheGens.OutputFields), CacheGens.Value, Gen.Int)
            .Where((body, field, value, _) =>
                body.Get(field) is not { } old || JsonRender.Plain(old) != JsonRender.Plain(value))
            .Sample((body, field, value, seed) => Key(body, seed) != Key(body.With(field, value), seed));

    /// helper-85: a background Responses request's reply is a job handle ("queued"); replayed,
    /// a second identical request got the first job's id. Such a request has no key; one that
    /// says `"background": false` (or anything but true) keys as before, and chat ignores it.
    [Fact]
    public void A_background_responses_request_has_no_cache_key() =>
        Gen.Select(CacheGens.ChatRequest, Gen.OneOf("false", "null", "\"true\"", "1"), Gen.Int)
            .Sample((body, notTrue, seed) =>
            {
                string? KeyOf(EndpointKind kind, JsonTree tree) =>
                    CacheKey.Of(kind, JsonRender.Varied(tree, new Random(seed)));
                var background = body.With("background", new JsonTree.Raw("true"));
                return KeyOf(EndpointKind.Responses, background) is null
                    && KeyOf(EndpointKind.Responses,
                        body.With("background", new JsonTree.Raw(notTrue))) is not null
                    && KeyOf(EndpointKind.ChatCompletions, background) is not null;
            });

    [Fact]
    public void CacheKey_never_collides_stream_and_non_stream() =>
        Gen.Select(CacheGens.ChatRequest, Gen.OneOf("false", "null", "absent"), Gen.Int).Sample((body, off, seed) =>
        {
            var nonStream = off == "absent" ? body : body.With("stream", new JsonTree.Raw(off));
            return Key(body.With("stream", new JsonTree.Raw("true")), seed) != Key(nonStream, seed);
        });

    [Fact]
    public void CacheKey_stream_false_is_the_same_as_absent() =>
        Gen.Select(CacheGens.ChatRequest, Gen.OneOf("false", "null"), Gen.Int).Sample((body, off, seed) =>
            Key(body.With("stream", new JsonTree.Raw(off)), seed) == Key(body, seed));

    [Fact]
    public void CacheKey_ignores_user_and_stream_options() =>
        Gen.Select(CacheGens.ChatRequest, CacheGens.Value, CacheGens.Value, Gen.Int)
            .Sample((body, user, options, seed) =>
                Key(body.With("user", user).With("stream_options", options), seed) == Key(body, seed));

    [Fact]
    public void CacheKey_depends_on_the_endpoint() =>
        Gen.Select(CacheGens.ChatRequest, Gen.Int).Sample((body, seed) =>
        {
            var bytes = JsonRender.Varied(body, new Random(seed));
            EndpointKind[] kinds = [
                EndpointKind.ChatCompletions, EndpointKind.Completions,
                EndpointKind.Responses, EndpointKind.ResponsesCompact, EndpointKind.Embeddings,
            ];
            var keys = kinds.Select(kind => FinAssert.Succ(CacheKey.Compute(kind, bytes)));
            return keys.Distinct().Count() == kinds.Length;
        });

    [Fact]
    public void CacheKey_fails_on_a_truncated_body() =>
        Gen.Select(CacheGens.ChatRequest, Gen.Int)
            .Select((body, seed) => JsonRender.Varied(body, new Random(seed)))
            .SelectMany(bytes =>
                Gen.Int[0, Array.LastIndexOf(bytes, (byte)'}') - 1].Select(cut => (bytes, cut)))
            .Sample((bytes, cut) =>
                CacheKey.Compute(EndpointKind.ChatCompletions, bytes.AsSpan(0, cut)).IsFail);
}
