using System.Text;
using System.Text.Json;

namespace Menshen.Core.Dialects.Anthropic;

/// How content_block_start and content_block_delta events build the blocks of a message.
internal static class AnthropicBlockEvents
{
    public static void Apply(
        SortedDictionary<int, (string Type, StringBuilder Text, string? Name, string? Id)> blocks,
        JsonElement data)
    {
        if (!(AnthropicUsageJson.Member(data, "index") is { ValueKind: JsonValueKind.Number } i
              && i.TryGetInt32(out var index)))
        {
            return;
        }
        switch (AnthropicUsageJson.TypeOf(data))
        {
            case "content_block_start":
                Start(blocks, index, AnthropicUsageJson.Member(data, "content_block"));
                break;
            case "content_block_delta" when blocks.TryGetValue(index, out var block):
                block.Text.Append(DeltaText(AnthropicUsageJson.Member(data, "delta")));
                break;
        }
    }

    private static void Start(
        SortedDictionary<int, (string Type, StringBuilder Text, string? Name, string? Id)> blocks,
        int index, JsonElement block)
    {
        var type = AnthropicUsageJson.TypeOf(block);
        if (type is "text")
        {
            blocks[index] = (type, new StringBuilder(String(block, "text")), null, null);
        }
        else if (type is "tool_use")
        {
            blocks[index] = (type, new StringBuilder(), String(block, "name"), String(block, "id"));
        }
    }

    private static string DeltaText(JsonElement delta) => AnthropicUsageJson.TypeOf(delta) switch
    {
        "text_delta" => String(delta, "text"),
        "input_json_delta" => String(delta, "partial_json"),
        _ => "",
    };

    private static string String(JsonElement owner, string name) =>
        AnthropicUsageJson.Member(owner, name) is { ValueKind: JsonValueKind.String } s
            ? s.GetString() ?? ""
            : "";
}
