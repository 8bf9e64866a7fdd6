using System.Text;
using CsCheck;
using Menshen.Core.Dialects;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

/// Affinity needs the id of each `responses` answer, read as the body passes (no buffering):
/// the root `id` of a JSON body, the `response.id` of a stream's `response.created` (or
/// `response.completed`). However the body is cut into chunks, the id read is the same, and it
/// is known as soon as the bytes carrying it have passed.
public class ResponseIdReadingTests
{
    private static readonly Gen<int[]> Cuts = Gen.Int[1, 64].Array[0, 12];

    private static readonly Gen<string> Id =
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-/é"].Array[1, 48]
            .Select(chars => "resp_" + new string(chars));

    // A responses body: the root id among other members (an output item and a nested response
    // object have ids of their own that must not be taken for it), written in varied ways.
    private static readonly Gen<(string Id, byte[] Json)> Bodies = Gen.Select(
        Id, CacheGens.Value, Gen.Int, (id, other, seed) =>
        {
            var item = new JsonTree.Obj([KeyValuePair.Create("id", (JsonTree)new JsonTree.Str("msg_1"))]);
            var root = new JsonTree.Obj([KeyValuePair.Create("other", other)])
                .With("id", new JsonTree.Str(id))
                .With("object", new JsonTree.Str("response"))
                .With("output", new JsonTree.Arr([item]))
                .With("response", item);
            return (id, JsonRender.Varied(root, new Random(seed)));
        });

    private static readonly Gen<(string Id, SseScenario Stream)> Streams = Gen.Select(
        Id, ResponsesGens.Stream, (id, stream) => (id, stream));

    private static byte[] WithId(SseScenario stream, string id) =>
        Encoding.UTF8.GetBytes(stream.Render().Replace("\"resp_1\"", UsageJsonText.Str(id),
            StringComparison.Ordinal));

    private static JsonBodyUsageState FoldBody(EndpointKind kind, IEnumerable<ReadOnlyMemory<byte>> chunks) =>
        chunks.Aggregate(JsonBodyUsage.Start(kind), (state, chunk) => JsonBodyUsage.Step(state, chunk.Span));

    [Fact]
    public void Body_response_id_is_the_root_id_however_the_body_is_cut() =>
        Gen.Select(Bodies, Cuts).Sample((body, cuts) =>
        {
            var actual = JsonBodyUsage.ResponseId(
                FoldBody(EndpointKind.Responses, Chunking.Split(body.Json, cuts)));

            return actual == body.Id;
        });

    [Fact]
    public void Body_response_id_byte_by_byte_is_the_root_id() =>
        Bodies.Sample(body =>
            JsonBodyUsage.ResponseId(FoldBody(EndpointKind.Responses, Chunking.Bytewise(body.Json)))
                == body.Id, iter: 50);

    [Fact]
    public void Body_of_another_endpoint_has_no_response_id() =>
        Gen.Select(Bodies, Gen.OneOf(Gen.Const(EndpointKind.ChatCompletions),
            Gen.Const(EndpointKind.Completions), Gen.Const(EndpointKind.Embeddings)))
            .Sample((body, kind) => JsonBodyUsage.ResponseId(FoldBody(kind, [body.Json])) is null);

    [Fact]
    public void Body_response_id_is_known_before_the_body_ends() =>
        Id.Sample(id =>
        {
            var head = Encoding.UTF8.GetBytes($"{{\"id\":{UsageJsonText.Str(id)},\"object\":\"response\",");

            var actual = OpenAiBodyFold.Start(EndpointKind.Responses).Fold(head).ResponseId;

            return actual == id;
        });

    [Fact]
    public void Body_whose_id_is_not_a_string_has_none()
    {
        var body = "{\"id\":42,\"object\":\"response\",\"output\":[{\"id\":\"msg_1\"}]}"u8.ToArray();

        var actual = JsonBodyUsage.ResponseId(FoldBody(EndpointKind.Responses, [body]));

        Assert.Null(actual);
    }

    [Fact]
    public void Stream_response_id_is_read_however_the_stream_is_cut() =>
        Gen.Select(Streams, Cuts).Sample((s, cuts) =>
        {
            var actual = SseUsageParser.ParseAll(EndpointKind.Responses, Chunking.Split(WithId(s.Stream, s.Id), cuts));

            return actual.ResponseId == s.Id;
        });

    [Fact]
    public void Stream_response_id_is_known_once_response_created_has_passed() =>
        Streams.Sample(s =>
        {
            var created = WithId(s.Stream with { Events = [s.Stream.Events[0]] }, s.Id);

            var actual = OpenAiStreamFold.Start(EndpointKind.Responses).Fold(created).ResponseId;

            return actual == s.Id;
        });

    [Fact]
    public void Stream_of_another_endpoint_has_no_response_id() =>
        Gen.OneOf(UsageGens.ChatStream, UsageGens.CompletionsStream).Sample(stream =>
            SseUsageParser.ParseAll(stream.Kind, [stream.Bytes]).ResponseId is null);

    [Fact]
    public void Watch_reports_the_response_id_with_the_usage()
    {
        var body = "{\"id\":\"resp_abc\",\"object\":\"response\",\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}"u8;
        var watch = ResponseWatch.For(EndpointKind.Responses, "application/json");

        var actual = watch.Finish(watch.StartFold()!.Fold(body));

        Assert.Equal("resp_abc", actual.ResponseId);
        Assert.NotNull(actual.Usage);
    }
}
