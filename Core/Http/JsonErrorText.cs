using System.Text.Json;

namespace Menshen.Core.Http;

/// Why a body is not JSON, as the client reads it: the reader's reason without .NET's own
/// wording of where it stopped (`LineNumber: 0 | BytePositionInLine: 1.`) and of its buffering
/// (`when isFinalBlock is true`), and the place counted from 1 (helper-58).
public static class JsonErrorText
{
    private const string Place = " LineNumber:";
    private const string Buffering = ", when isFinalBlock is true";

    // The reader's wording that speaks of its own settings or internals, in a client's terms.
    private static readonly (string Starts, string Reads)[] Plain =
    [
        ("The JSON array contains a trailing comma", "a trailing comma is not allowed in JSON"),
        ("The JSON object contains a trailing comma", "a trailing comma is not allowed in JSON"),
        ("Expected depth to be zero at the end of the JSON payload",
            "the body ends before its JSON object or array is closed"),
    ];

    public static string Of(JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var reason = error.Message;
        foreach (var (starts, reads) in Plain)
        {
            if (reason.StartsWith(starts, StringComparison.Ordinal))
            {
                // The place is added from the exception below.
                reason = reads;
                break;
            }
        }
        var place = reason.IndexOf(Place, StringComparison.Ordinal);
        if (place >= 0) reason = reason[..place];
        reason = reason.Replace(Buffering, "", StringComparison.Ordinal).TrimEnd(' ', '.');
        return error.LineNumber is { } line && error.BytePositionInLine is { } column
            ? $"{reason} (line {line + 1}, byte {column + 1})"
            : reason;
    }
}
