using System.Text.Json;
using Menshen.Core.Usage;

namespace Menshen.Core.Dialects.Anthropic;

/// Reads usage out of Messages API JSON: a message body, or the data of one stream event.
public static class AnthropicUsageJson
{
    /// The usage of a JSON message body (`{"type":"message",…,"usage":{…}}`); Unknown when the
    /// body is not JSON, not an object or has no usage object (count_tokens, errors).
    public static AnthropicUsage FromBody(ReadOnlySpan<byte> json) =>
        Parse(json, root => Read(Member(root, "usage")));

    /// The usage in a `usage` object standing alone (`{"input_tokens":…}`), as the body fold
    /// keeps it; Unknown when it is not an object.
    public static AnthropicUsage FromUsageValue(ReadOnlySpan<byte> json) => Parse(json, Read);

    /// The usage one stream event's data carries: `message.usage` of message_start, `usage` of
    /// message_delta; Unknown for any other event.
    public static AnthropicUsage FromEvent(JsonElement data) => TypeOf(data) switch
    {
        "message_start" => Read(Member(Member(data, "message"), "usage")),
        "message_delta" => Read(Member(data, "usage")),
        _ => AnthropicUsage.Unknown,
    };

    /// The `type` member of an object, or null.
    public static string? TypeOf(JsonElement data) =>
        Member(data, "type") is { ValueKind: JsonValueKind.String } type ? type.GetString() : null;

    /// The member `name` of an object, or an undefined element.
    public static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : default;

    /// Runs `read` on the parsed root of `json`; `Unknown` when it does not parse.
    internal static AnthropicUsage Parse(
        ReadOnlySpan<byte> json, Func<JsonElement, AnthropicUsage> read)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return reader.Read() ? AnthropicUsage.Unknown : read(document.RootElement);
        }
        catch (JsonException)
        {
            return AnthropicUsage.Unknown;
        }
    }

    private static AnthropicUsage Read(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return AnthropicUsage.Unknown;
        }
        var split = Member(usage, "cache_creation");
        return new AnthropicUsage(
            Count(usage, "input_tokens"),
            Count(usage, "output_tokens"),
            Count(usage, "cache_creation_input_tokens"),
            Count(usage, "cache_read_input_tokens"),
            Count(split, "ephemeral_5m_input_tokens"),
            Count(split, "ephemeral_1h_input_tokens"));
    }

    private static long? Count(JsonElement owner, string name) =>
        Member(owner, name) is { ValueKind: JsonValueKind.Number } n
        && n.TryGetInt64(out var v)
            ? TokenCount.Plausible(v)
            : null;
}
