using System.Text.Json;

namespace Menshen.Core.Dialects.Anthropic;

/// What one parsed stream event changes: usage (message_start, message_delta), the end
/// (message_stop) and a mid-stream `error`. Other events (content blocks, ping) change nothing,
/// and nothing after message_stop does: the clients stop reading there, so the answer they got
/// is what is recorded (an upstream's zero counts after it were taken over the real ones).
internal static class AnthropicStreamEvents
{
    public static AnthropicStreamState Apply(AnthropicStreamState state, JsonElement data) =>
        state.SawMessageStop ? state : AnthropicUsageJson.TypeOf(data) switch
        {
            "message_start" or "message_delta" =>
                state with { Usage = state.Usage.Then(AnthropicUsageJson.FromEvent(data)) },
            "message_stop" => state with { SawMessageStop = true },
            "error" => state with { Error = state.Error ?? ErrorOf(data) },
            _ => state,
        };

    private static AnthropicStreamError ErrorOf(JsonElement data)
    {
        var error = AnthropicUsageJson.Member(data, "error");
        return new AnthropicStreamError(Text(error, "type"), Text(error, "message"));
    }

    private static string Text(JsonElement owner, string name) =>
        AnthropicUsageJson.Member(owner, name) is { ValueKind: JsonValueKind.String } s
            ? s.GetString() ?? ""
            : "";
}
