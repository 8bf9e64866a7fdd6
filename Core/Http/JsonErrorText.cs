using System.Text.Json;

namespace Menshen.Core.Http;

/// Why a body is not JSON, as the client reads it: the reader's reason without .NET's own
/// wording of where it stopped (`LineNumber: 0 | BytePositionInLine: 1.`) and of its buffering
/// (`when isFinalBlock is true`), and the place counted from 1 (helper-58).
public static class JsonErrorText
{
    private const string Place = " LineNumber:";
    private const string Buffering = ", when isFinalBlock is true";

    public static string Of(JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var reason = error.Message;
        var place = reason.IndexOf(Place, StringComparison.Ordinal);
        if (place >= 0) reason = reason[..place];
        reason = reason.Replace(Buffering, "", StringComparison.Ordinal).TrimEnd(' ', '.');
        return error.LineNumber is { } line && error.BytePositionInLine is { } column
            ? $"{reason} (line {line + 1}, byte {column + 1})"
            : reason;
    }
}
