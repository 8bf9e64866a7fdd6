using System.Text.Json;

namespace Menshen.Simulator.Replies.Messages;

/// <summary>
/// The tool_use block the simulator adds when a request offers tools: the chosen tool, and its input
/// JSON cut into the pieces that a stream sends as <c>input_json_delta</c>s.
/// </summary>
internal sealed record ToolCall(string Id, string Name, IReadOnlyList<string> InputPieces)
{
    private const int PieceCount = 3;

    /// <summary>The whole input JSON (an object).</summary>
    public string InputJson => string.Concat(InputPieces);

    /// <summary>
    /// The call for this request, or null: no tools offered, <c>tool_choice</c> "none", or the last
    /// message already carries a tool_result (the agent ran the tool; now the answer is text, so an
    /// agent's loop ends after one round trip).
    /// </summary>
    public static ToolCall? For(JsonElement request, string idSuffix, string argument)
    {
        if (!request.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array
            || ChoiceIs(request, "none") || LastMessageHasToolResult(request))
            return null;
        var name = ChosenName(request) ?? tools.EnumerateArray()
            .Select(t => t.ValueKind == JsonValueKind.Object ? StringOf(t, "name") : null)
            .FirstOrDefault(n => n is not null);
        return name is null ? null : new ToolCall("toolu_" + idSuffix, name, Cut(InputFor(argument)));
    }

    // One made-up argument: no real tool requires it, so an agent that runs the call gets a
    // validation error back instead of running anything.
    private static string InputFor(string argument) => System.Text.Encoding.UTF8.GetString(
        Frames.Json(argument, static (w, a) => w.WriteString("sim_argument", a)));

    private static string[] Cut(string json)
    {
        var pieces = new List<string>(PieceCount);
        var start = 0;
        for (var i = 1; i <= PieceCount; i++)
        {
            var end = i == PieceCount ? json.Length : json.Length * i / PieceCount;
            if (end < json.Length && char.IsLowSurrogate(json[end]))
                end++;
            pieces.Add(json[start..end]);
            start = end;
        }
        return [.. pieces];
    }

    private static string? ChosenName(JsonElement request) =>
        ChoiceIs(request, "tool") ? StringOf(request.GetProperty("tool_choice"), "name") : null;

    private static bool ChoiceIs(JsonElement request, string type) =>
        request.TryGetProperty("tool_choice", out var choice) && choice.ValueKind == JsonValueKind.Object
        && StringOf(choice, "type") == type;

    private static bool LastMessageHasToolResult(JsonElement request) =>
        request.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
        && messages.GetArrayLength() > 0
        && messages[messages.GetArrayLength() - 1] is { ValueKind: JsonValueKind.Object } last
        && last.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array
        && content.EnumerateArray().Any(b => b.ValueKind == JsonValueKind.Object
            && StringOf(b, "type") == "tool_result");

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
