using System.Text.Json;

namespace Menshen.Core.Dialects.Anthropic;

/// What one parsed stream event changes: usage (message_start, message_delta), the end
/// (message_stop) and a mid-stream `error`. Other events (content blocks, ping) change nothing.
/// Usage after message_stop is not the message's (the message ended there; an upstream's zero
/// counts after it were taken over the real ones), but an `error` after it still counts: the
/// SDKs read on to the end of the stream and raise on it, so it must not be stored as complete.
internal static class AnthropicStreamEvents
{
    public static AnthropicStreamState Apply(AnthropicStreamState state, JsonElement data) =>
        AnthropicUsageJson.TypeOf(data) switch
        {
            "message_start" or "message_delta" when !state.SawMessageStop =>
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
