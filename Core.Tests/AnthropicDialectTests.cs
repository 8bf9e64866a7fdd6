using System.Text;
using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Dialects;
using Menshen.Core.Dialects.Anthropic;
using Menshen.Core.Errors;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class AnthropicDialectTests
{
    private static Dialect Dialect => AnthropicDialect.Instance;

    private static StreamReading Fold(UsageFold fold, IEnumerable<ReadOnlyMemory<byte>> chunks) =>
        chunks.Aggregate(fold, (f, c) => f.Fold(c.Span)).Finish();

    private static byte[] MessageBody(AnthropicUsage usage, string text) => Encoding.UTF8.GetBytes(
        $$$"""{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":{{{System.Text.Json.JsonSerializer.Serialize(text)}}}}],"stop_reason":"end_turn","usage":{{{AnthropicGens.UsageJson(usage)}}}}""");

    [Theory]
    [InlineData("/v1/messages", EndpointKind.Messages)]
    [InlineData("/messages", EndpointKind.Messages)]
    [InlineData("/v1/messages/count_tokens", EndpointKind.MessagesCountTokens)]
    [InlineData("/messages/count_tokens/", EndpointKind.MessagesCountTokens)]
    [InlineData("/v1/messages/batches", EndpointKind.Passthrough)]
    public void Route_finds_the_messages_endpoints_with_or_without_v1(string path, EndpointKind expected)
    {
        var actual = EndpointClassifier.Classify(CanonicalPath.Parse(path).Path!);

        Assert.Equal(expected, actual.Kind);
        if (expected != EndpointKind.Passthrough) Assert.Same(Dialect, actual.Dialect);
    }

    [Fact]
    public void Stream_fold_is_the_stream_parser_normalised_for_any_chunking() =>
        Gen.Select(AnthropicGens.Stream, Gen.Int[1, 64].Array[0, 16]).Sample((stream, cuts) =>
        {
            var actual = Fold(Dialect.StartStream(EndpointKind.Messages), Chunking.Split(stream.Bytes, cuts));

            return actual.Usage == AnthropicUsageNormalisation.Normalise(stream.Usage)
                && actual.Completed == stream.Complete
                && (actual.Error is null) == (stream.Error is null);
        });

    [Fact]
    public void Body_fold_reads_the_usage_of_a_message_body_for_any_chunking() =>
        Gen.Select(AnthropicGens.Report, Gen.String, Gen.Int[1, 64].Array[0, 16]).Sample((usage, text, cuts) =>
        {
            var body = MessageBody(usage, text);

            var actual = Fold(Dialect.StartBody(EndpointKind.Messages), Chunking.Split(body, cuts));

            return actual.Usage == AnthropicUsageNormalisation.Normalise(usage) && actual.Completed;
        });

    [Fact]
    public void Body_fold_of_a_body_cut_short_has_no_usage()
    {
        var body = MessageBody(new AnthropicUsage(5, 8, null, null, null, null), "hi");

        var actual = Fold(Dialect.StartBody(EndpointKind.Messages), [body.AsMemory(0, body.Length - 1)]);

        Assert.Null(actual.Usage);
    }

    [Fact]
    public void Count_tokens_spends_nothing_and_has_no_usage()
    {
        var body = """{"input_tokens":42,"usage":{"input_tokens":42,"output_tokens":0}}"""u8.ToArray();

        var actual = Fold(Dialect.StartBody(EndpointKind.MessagesCountTokens), [body]);

        Assert.Null(actual.Usage);
        Assert.True(actual.Completed);
    }

    [Fact]
    public void A_mid_stream_error_event_is_the_readings_error()
    {
        var stream = """
            event: message_start
            data: {"type":"message_start","message":{"usage":{"input_tokens":3,"output_tokens":1}}}

            event: error
            data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}


            """u8.ToArray();

        var actual = Fold(Dialect.StartStream(EndpointKind.Messages), [stream]);

        Assert.Equal("upstream error event mid-stream: overloaded_error: Overloaded", actual.Error);
        Assert.False(actual.Completed);
    }

    [Fact]
    public void Patch_rewrites_only_the_model_and_never_injects_stream_options()
    {
        var body = """{ "model" : "claude-3-5-haiku-latest", "stream":true, "max_tokens":1e3 }"""u8.ToArray();

        var actual = Dialect.Patch(body, EndpointKind.Messages, "claude-haiku-4-5").Body!;

        Assert.Equal("""{ "model" : "claude-haiku-4-5", "stream":true, "max_tokens":1e3 }""",
            Encoding.UTF8.GetString(actual.Body.Span));
        Assert.False(actual.HideUsageChunk);
        Assert.True(actual.Stream);
    }

    [Fact]
    public void Errors_are_anthropic_shaped()
    {
        var actual = Encoding.UTF8.GetString(Dialect.ErrorJson(new GatewayError(GatewayErrorKind.Unauthorized, "no")));

        Assert.Equal("""{"type":"error","error":{"type":"authentication_error","message":"no"}}""", actual);
    }

    [Fact]
    public void Messages_of_a_dialect_nobody_serves_stay_passthrough()
    {
        var route = EndpointClassifier.Classify(CanonicalPath.Parse("/v1/messages").Path!);
        ProviderConfig openai = new("o", new Uri("http://o"), "k", [], null, 1, null);
        var anthropic = openai with { Name = "a", Api = ProviderApi.Anthropic };

        Assert.Equal(EndpointKind.Passthrough, route.ServedBy([openai]).Kind);
        Assert.Equal(EndpointKind.Passthrough, route.ServedBy([openai, anthropic with { Weight = 0 }]).Kind);
        Assert.Equal(EndpointKind.Messages, route.ServedBy([openai, anthropic]).Kind);
    }

    [Fact]
    public void Default_failover_statuses_include_529_overloaded() =>
        Assert.Contains(529, Core.Config.Validation.FailoverValidation.DefaultOnStatus);
}
