using System.Text.Json;

namespace Menshen.Core.Audit;

/// Small JSON reading helpers for previews: a body that does not parse simply has no JSON text.
internal static class JsonText
{
    /// Applies `read` to the parsed root, or returns null when `json` is not a JSON document (or
    /// holds a string that is not valid UTF-8).
    public static string? TryParse(ReadOnlyMemory<byte> json, Func<JsonElement, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        string? text = null;
        TryRead(json, read, (root, r) =>
        {
            text = r(root);
            return true;
        });
        return text;
    }

    /// What `read` answers for the parsed root; false when `json` is not a JSON document or
    /// `read` meets a string that is not valid UTF-8 (the caller falls back to the raw start).
    public static bool TryRead<TState>(ReadOnlyMemory<byte> json, TState state,
        Func<JsonElement, TState, bool> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            using var document = JsonDocument.Parse(json);
            return read(document.RootElement, state);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// The value when it is a JSON string, else null.
    public static string? StringOf(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    /// Follows object properties and array indexes (`"choices", 0, "message"`); null when absent.
    public static JsonElement? At(JsonElement element, params object[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = element;
        foreach (var step in path)
        {
            if (!TryStep(current, step, out current)) return null;
        }
        return current;
    }

    private static bool TryStep(JsonElement current, object step, out JsonElement next)
    {
        next = default;
        return step switch
        {
            string name => current.ValueKind == JsonValueKind.Object
                && current.TryGetProperty(name, out next),
            int index => current.ValueKind == JsonValueKind.Array
            && index < current.GetArrayLength()
                && Assign(current[index], out next),
            _ => false,
        };
    }

    private static bool Assign(JsonElement value, out JsonElement next)
    {
        next = value;
        return true;
    }
}
