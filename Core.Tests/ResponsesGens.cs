using CsCheck;
using Menshen.Core.Routing;
using static Menshen.Core.Tests.UsageGens;
using static Menshen.Core.Tests.UsageJsonText;

namespace Menshen.Core.Tests;

/// Generators for `/responses` event streams: usage arrives in `response.completed` (or
/// `response.incomplete`), and only `response.completed` ends the stream (SPEC §7).
public static class ResponsesGens
{
    private static readonly Gen<SseEventSpec> Created = Gen.Select(Gen.Bool, Gen.Bool, (named, multi) =>
        Event(named ? "response.created" : null, Obj(multi, "\"type\":\"response.created\"", "\"sequence_number\":0",
            "\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\","
            + "\"output\":[],\"usage\":null}")));

    private static readonly Gen<SseEventSpec> Delta = Gen.Select(Text, Gen.Bool, (text, named) =>
        Event(named ? "response.output_text.delta" : null, Obj(false, "\"type\":\"response.output_text.delta\"",
            "\"item_id\":\"msg_1\"", "\"output_index\":0", "\"content_index\":0", $"\"delta\":{Str(text)}")));

    /// `response.completed`, or `response.incomplete` (usage, and the answer's end, but not the
    /// stream's end marker), each with usage.
    public static readonly Gen<SseEventSpec> Finished = Gen.Select(Tokens, Text, Gen.Bool, Gen.Bool, Gen.Bool,
        (u, text, complete, named, multi) =>
        {
            var type = complete ? "response.completed" : "response.incomplete";
            var status = complete ? "completed" : "incomplete";
            var response = $"{{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"{status}\","
                + "\"output\":[{\"type\":\"message\","
                + $"\"content\":[{{\"type\":\"output_text\",\"text\":{Str(text)}}}]}}],"
                + $"\"usage\":{Responses(u, writeTotal: true)}}}";
            return Event(named ? type : null, Obj(multi, $"\"type\":\"{type}\"", "\"sequence_number\":9",
                $"\"response\":{response}"), u, terminal: complete);
        });

    private static readonly Gen<SseEventSpec> Failed = Gen.Const(Event("response.failed",
        ["{\"type\":\"response.failed\",\"response\":{\"id\":\"resp_1\",\"status\":\"failed\",\"usage\":null}}"]));

    public static readonly Gen<SseScenario> Stream = Gen.Select(
        Created, Delta.Array[0, 6], Gen.Frequency((6, Finished.Array[1, 2]), (1, Failed.Array[1])), Format,
        (created, deltas, end, format) =>
            new SseScenario(EndpointKind.Responses, [created, .. deltas, .. end], format));

    /// A responses stream that ends with `response.completed`.
    public static readonly Gen<SseScenario> CompletedStream =
        Stream.Where(s => s.Events[^1].Terminal);
}
