using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Menshen.Core.Dialects;
using Menshen.Core.Errors;
using Menshen.Core.Http;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class BodyPatchTests
{
    private const string IncludeUsage = ",\"stream_options\":{\"include_usage\":true}";

    private static readonly Gen<(JsonBody Body, EndpointKind Kind, string? Forced)> Inputs =
        Gen.Select(RoutingGens.Body, Gen.Enum<EndpointKind>(), RoutingGens.ForcedModel);

    private static readonly Gen<(JsonBody Body, EndpointKind Kind)> Injecting = Gen.Select(
        RoutingGens.BodyOf(Gen.Const<string?>("true"), Gen.Const((string?)null)),
        Gen.OneOf(EndpointKind.ChatCompletions, EndpointKind.Completions));

    [Fact]
    public void Apply_changes_nothing_but_model_and_injected_stream_options() =>
        Inputs.Sample((body, kind, forced) =>
        {
            var expected = JsonNode.Parse(body.Text)!.AsObject();
            if (forced is not null)
            {
                expected["model"] = forced;
            }
            if (Injects(body, kind))
            {
                var options = expected["stream_options"] as JsonObject ?? [];
                options["include_usage"] = true;
                expected["stream_options"] = options.DeepClone();
            }

            var actual = JsonNode.Parse(Patch(body, kind, forced).Body.Span);

            return JsonNode.DeepEquals(actual, expected);
        });

    [Fact]
    public void Apply_keeps_every_byte_before_and_after_the_model_value() =>
        Inputs.Where((b, _, f) => b.ModelRaw is not null && f is not null && !b.StreamTrue)
            .Sample((body, kind, forced) =>
            {
                var actual = Patch(body, kind, forced).Body.ToArray();

                return actual.AsSpan().StartsWith(Encoding.UTF8.GetBytes(body.Before))
                    && actual.AsSpan().EndsWith(Encoding.UTF8.GetBytes(body.After));
            });

    [Fact]
    public void Apply_inserts_a_missing_model_right_after_the_opening_brace() =>
        Inputs.Where((b, _, f) => b.ModelRaw is null && f is not null && !b.StreamTrue)
            .Sample((body, kind, forced) =>
            {
                var brace = body.Text.IndexOf('{', StringComparison.Ordinal) + 1;

                var actual = Encoding.UTF8.GetString(Patch(body, kind, forced).Body.Span);

                return actual.StartsWith(body.Text[..brace], StringComparison.Ordinal)
                    && actual.EndsWith(body.Text[brace..], StringComparison.Ordinal)
                    && actual[brace..].StartsWith("\"model\":\"", StringComparison.Ordinal);
            });

    [Fact]
    public void Apply_injection_only_adds_include_usage_to_the_original_bytes() =>
        Injecting.Sample((body, kind) =>
        {
            var actual = Encoding.UTF8.GetString(Patch(body, kind, null).Body.Span);

            return actual.Replace(IncludeUsage, "", StringComparison.Ordinal) == body.Text
                && actual.Contains(IncludeUsage, StringComparison.Ordinal);
        });

    [Fact]
    public void Apply_for_a_provider_refusing_stream_options_changes_only_the_model() =>
        Inputs.Sample((body, kind, forced) =>
        {
            var expected = JsonNode.Parse(body.Text)!.AsObject();
            if (forced is not null) expected["model"] = forced;

            var patched = BodyPatch.Apply(body.Bytes, kind, forced, askStreamUsage: false)
                .ThrowIfFail();

            return JsonNode.DeepEquals(JsonNode.Parse(patched.Body.Span), expected)
                && !patched.HideUsageChunk;
        });

    [Fact]
    public void Apply_hides_the_usage_chunk_exactly_when_it_injects() =>
        Inputs.Sample((body, kind, forced) => Patch(body, kind, forced).HideUsageChunk == Injects(body, kind));

    [Fact]
    public void Apply_is_idempotent() =>
        Inputs.Sample((body, kind, forced) =>
        {
            var once = Patch(body, kind, forced).Body;

            var actual = BodyPatch.Apply(once, kind, forced).ThrowIfFail().Body;

            return actual.Span.SequenceEqual(once.Span);
        });

    [Fact]
    public void Apply_without_changes_returns_the_original_memory() =>
        Inputs.Where((b, k, _) => !Injects(b, k)).Sample((body, kind, _) =>
        {
            ReadOnlyMemory<byte> original = body.Bytes;

            var actual = BodyPatch.Apply(original, kind, null).ThrowIfFail().Body;

            return actual.Equals(original);
        });

    [Fact]
    public void Apply_reports_requested_and_effective_model_and_stream() =>
        Inputs.Sample((body, kind, forced) =>
        {
            var model = JsonNode.Parse(body.Text)!["model"];
            var isString = model?.GetValueKind() == System.Text.Json.JsonValueKind.String;
            var requested = isString ? model!.GetValue<string>() : null;

            var actual = Patch(body, kind, forced);

            return actual.RequestedModel == requested
                && actual.EffectiveModel == (forced ?? requested)
                && actual.Stream == body.StreamTrue;
        });

    [Fact]
    public void Apply_malformed_bodies_fail_as_unparsed_json() =>
        RoutingGens.MalformedBody.Sample(bytes =>
            PatchResult.From(BodyPatch.Apply(bytes, EndpointKind.ChatCompletions, "m")).Error
                is { Kind: GatewayErrorKind.MalformedJson, Param: null } error
            && error.Message.StartsWith(
                "We could not parse the JSON body", StringComparison.Ordinal));

    // helper-58: the reason read like .NET's parser ("LineNumber: 0 | BytePositionInLine: 1.",
    // "when isFinalBlock is true"); it names the place as a person counts it.
    [Fact]
    public void Apply_malformed_bodies_say_why_without_the_parsers_own_words() =>
        RoutingGens.MalformedBody.Sample(bytes =>
        {
            var message = PatchResult.From(BodyPatch.Apply(bytes, EndpointKind.ChatCompletions,
                "m")).Error!.Message;

            return !message.Contains("LineNumber", StringComparison.Ordinal)
                && !message.Contains("isFinalBlock", StringComparison.Ordinal);
        });

    [Theory]
    [InlineData("", "We could not parse the JSON body of your request: the request body holds " +
        "no JSON (it is empty or blank); send a JSON object.")]
    [InlineData(" \r\n", "We could not parse the JSON body of your request: the request body " +
        "holds no JSON (it is empty or blank); send a JSON object.")]
    // helper-59: the reader's own advice ("Change the reader options") and wording.
    [InlineData("{\"a\":[1,]}", "We could not parse the JSON body of your request: a trailing " +
        "comma is not allowed in JSON (line 1, byte 9).")]
    [InlineData("{\"a\":1,}", "We could not parse the JSON body of your request: a trailing " +
        "comma is not allowed in JSON (line 1, byte 8).")]
    [InlineData("{\"a\":[1]", "We could not parse the JSON body of your request: the body ends " +
        "before its JSON object or array is closed (line 1, byte 9).")]
    [InlineData("\uFEFF{}", "We could not parse the JSON body of your request: the body starts " +
        "with a byte order mark (BOM), which JSON does not allow; send it without one.")]
    [InlineData("{bad", "We could not parse the JSON body of your request: 'b' is an invalid " +
        "start of a property name. Expected a '\"' (line 1, byte 2).")]
    [InlineData("{\"a\":1,\n\"b\":}", "We could not parse the JSON body of your request: '}' " +
        "is an invalid start of a value (line 2, byte 5).")]
    // Mutation testing (helper-93): JSON that is no object is named as such.
    [InlineData("[1]", "We could not parse the JSON body of your request: the request body " +
        "must be a JSON object.")]
    public void Apply_malformed_body_reason(string body, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var actual = PatchResult.From(BodyPatch.Apply(bytes, EndpointKind.ChatCompletions, null));

        Assert.Equal(expected, actual.Error!.Message);
    }

    [Fact]
    public void Apply_seed_12345678901234567890_is_kept_byte_for_byte()
    {
        var body = "{\"seed\": 12345678901234567890, \"model\": \"gpt-4o\", \"temperature\": 1e400}"u8.ToArray();

        var actual = BodyPatch.Apply(body, EndpointKind.ChatCompletions, "forced").ThrowIfFail();

        Assert.Equal(
            "{\"seed\": 12345678901234567890, \"model\": \"forced\", \"temperature\": 1e400}",
            Encoding.UTF8.GetString(actual.Body.Span));
    }

    [Theory]
    [InlineData("{}", "m", "{\"model\":\"m\"}")]
    [InlineData(" { } ", "m", " {\"model\":\"m\" } ")]
    [InlineData("{\"a\":1}", "m", "{\"model\":\"m\",\"a\":1}")]
    [InlineData("{\"mod\\u0065l\":\"a\"}", "b", "{\"mod\\u0065l\":\"b\"}")]
    [InlineData("{\"model\":\"a\",\"x\":{\"model\":\"a\"},\"model\":\"c\"}", "b",
        "{\"model\":\"b\",\"x\":{\"model\":\"a\"},\"model\":\"b\"}")]
    [InlineData("{\"model\":null}", "b", "{\"model\":\"b\"}")]
    // Mutation testing (helper-93): one root `model` already forced is not all of them.
    [InlineData("{\"model\":\"b\",\"model\":\"c\"}", "b", "{\"model\":\"b\",\"model\":\"b\"}")]
    [InlineData("{\"model\":\"a\"}", "a\"b\\c\n", "{\"model\":\"a\\\"b\\\\c\\n\"}")]
    [InlineData("{\"model\":\"a\"}", "模型+x", "{\"model\":\"模型+x\"}")]
    public void Apply_forced_model_example_gives_body(string body, string forced, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var actual = BodyPatch.Apply(bytes, EndpointKind.Embeddings, forced).ThrowIfFail();

        Assert.Equal(expected, Encoding.UTF8.GetString(actual.Body.Span));
    }

    [Theory]
    [InlineData("{\"model\":\"a\",\"stream\":true}", EndpointKind.ChatCompletions,
        "{\"model\":\"a\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}")]
    [InlineData("{\"stream\":true\n}", EndpointKind.Completions,
        "{\"stream\":true,\"stream_options\":{\"include_usage\":true}\n}")]
    [InlineData("{\"stream\":true,\"stream_options\":null}", EndpointKind.ChatCompletions,
        "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}")]
    [InlineData("{\"stream\":true,\"stream_options\":{}}", EndpointKind.ChatCompletions,
        "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}")]
    [InlineData("{\"stream\":true,\"stream_options\":{ \"include_obfuscation\":false }}",
        EndpointKind.Completions,
        "{\"stream\":true,\"stream_options\":{\"include_usage\":true, \"include_obfuscation\":false }}")]
    [InlineData("{\"stream_options\":{\"include_usage\":false},\"stream\":true}",
        EndpointKind.ChatCompletions,
        "{\"stream_options\":{\"include_usage\":true},\"stream\":true}")]
    [InlineData("{\"stream\":true,\"stream_options\":\"x\"}", EndpointKind.ChatCompletions,
        "{\"stream\":true,\"stream_options\":\"x\"}")]
    [InlineData("{\"stream\":true}", EndpointKind.Responses, "{\"stream\":true}")]
    [InlineData("{\"stream\":\"true\"}", EndpointKind.ChatCompletions, "{\"stream\":\"true\"}")]
    public void Apply_streaming_example_gives_body(string body, EndpointKind kind, string expected)
    {
        var actual = BodyPatch.Apply(Encoding.UTF8.GetBytes(body), kind, null).ThrowIfFail();

        Assert.Equal(expected, Encoding.UTF8.GetString(actual.Body.Span));
    }

    [Fact]
    public void Apply_duplicate_root_models_requested_is_the_last()
    {
        var body = "{\"model\":\"first\",\"model\":\"last\"}"u8.ToArray();

        var actual = BodyPatch.Apply(body, EndpointKind.ChatCompletions, null).ThrowIfFail();

        Assert.Equal("last", actual.RequestedModel);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"a\":1}{}")]
    [InlineData("{\"model\":\"\xff\"}")]
    public void Apply_not_one_json_object_fails(string body)
    {
        var bytes = Encoding.Latin1.GetBytes(body);

        var actual = BodyPatch.Apply(bytes, EndpointKind.ChatCompletions, null);

        Assert.True(actual.IsFail);
    }

    [Theory]
    [InlineData("{\"model\":\"lone\\ud800model\",\"messages\":[]}")]
    [InlineData("{\"model\":\"lone\\udc00\",\"messages\":[]}")]
    public void Apply_a_lone_surrogate_escape_in_the_model_fails_saying_so(string body)
    {
        var actual = BodyPatch.Apply(Encoding.UTF8.GetBytes(body), EndpointKind.ChatCompletions,
            null);

        var message = actual.Match(_ => "", e => e.Message);
        Assert.Contains("half of a surrogate pair", message, StringComparison.Ordinal);
    }

    // The upstream is asked for usage when the client streams chat or completions, did not ask
    // itself (its stream_options' include_usage is true), and sent no stream_options the upstream
    // would refuse (neither null nor an object).
    [Theory]
    [InlineData(100, true)]
    [InlineData(255, true)]
    [InlineData(300, false)]
    public void Apply_accepts_nesting_as_deep_as_the_usage_readers(int depth, bool accepted)
    {
        var body = "{\"model\":\"m\",\"tools\":" + new string('[', depth - 1)
            + new string(']', depth - 1) + "}";

        var actual = BodyPatch.Apply(Encoding.UTF8.GetBytes(body), EndpointKind.ChatCompletions,
            "forced");

        Assert.Equal(accepted, actual.IsSucc);
    }

    private static bool Injects(JsonBody body, EndpointKind kind)
    {
        if (!body.StreamTrue || kind is not (EndpointKind.ChatCompletions or EndpointKind.Completions))
            return false;
        var options = body.StreamOptionsRaw is null ? null : JsonNode.Parse(body.StreamOptionsRaw);
        return body.StreamOptionsRaw is null || options is null
            || options is JsonObject o && o["include_usage"]?.GetValueKind() != System.Text.Json.JsonValueKind.True;
    }

    private static PatchedBody Patch(JsonBody body, EndpointKind kind, string? forced) =>
        BodyPatch.Apply(body.Bytes, kind, forced).ThrowIfFail();

    [Theory]
    [InlineData(EndpointKind.Responses, false)]
    [InlineData(EndpointKind.ResponsesCompact, false)]
    [InlineData(EndpointKind.ChatCompletions, true)]
    public void A_second_previous_response_id_is_refused_where_it_routes(
        EndpointKind kind, bool accepted)
    {
        // helper-53: the gateway checked the last one, a provider may continue the first.
        var body = Encoding.UTF8.GetBytes(
            """{"model":"m","previous_response_id":"resp_a","previous_response_id":"resp_b"}""");

        var actual = BodyPatch.Apply(body, kind, null);

        Assert.Equal(accepted, actual.IsSucc);
        if (accepted) return;
        // Valid JSON: a bad request naming the parameter, not a parse failure.
        var error = PatchResult.From(actual).Error!;
        Assert.Equal(GatewayErrorKind.BadRequest, error.Kind);
        Assert.Equal("previous_response_id", error.Param);
        Assert.Contains(
            "previous_response_id more than once", error.Message, StringComparison.Ordinal);
    }

    // Mutation testing (helper-93): one previous_response_id is the affinity hint of a
    // responses request, and no hint elsewhere.
    [Theory]
    [InlineData(EndpointKind.Responses, "resp_a")]
    [InlineData(EndpointKind.ResponsesCompact, "resp_a")]
    [InlineData(EndpointKind.ChatCompletions, null)]
    public void One_previous_response_id_is_read_where_it_routes(EndpointKind kind,
        string? expected)
    {
        var body = Encoding.UTF8.GetBytes("""{"model":"m","previous_response_id":"resp_a"}""");

        var actual = BodyPatch.Apply(body, kind, null).ThrowIfFail();

        Assert.Equal(expected, actual.PreviousResponseId);
    }
}
