namespace Menshen.Core.Usage;

/// The audit's note for an error a stream reported in an event after its 200, in every dialect:
/// "upstream error event mid-stream: TYPE: MESSAGE" (either part left out when empty).
public static class StreamErrorText
{
    /// The longest message kept: the provider chose it, and the audit row keeps it.
    public const int MaxMessageChars = 500;

    public static string Of(string type, string message) => Text(Prefix, type, message);

    /// The note for an error event in the first chunk of a stream, before any of it was
    /// relayed (the attempt then failed over: StreamStart).
    public static string AtStart(string type, string message) =>
        Text(StartPrefix, type, message);

    /// Whether `note` is an <see cref="AtStart"/> note: the attempt was failed over by it.
    public static bool IsAtStart(string? note) =>
        note is not null && note.StartsWith(StartPrefix, StringComparison.Ordinal);

    /// The error's type (or code) in a note made here, or "" when it names none: the inverse of
    /// the notes' `TYPE: MESSAGE`. A type is one word (`overloaded_error`, `429`); a lone word
    /// could be a message, and is read as a type of no known status (a server error).
    public static string TypeOf(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var rest = "";
        foreach (var prefix in (string[])[Prefix, StartPrefix, BodyPrefix])
        {
            if (note.StartsWith(prefix + ": ", StringComparison.Ordinal))
                rest = note[(prefix.Length + 2)..];
        }
        var colon = rest.IndexOf(": ", StringComparison.Ordinal);
        var head = colon < 0 ? rest : rest[..colon];
        return head.Length > 0 && head.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'
            or '.') ? head : "";
    }

    /// The note for a 2xx body whose root is an error: "upstream answered 200 with an error: …".
    public static string InBody(string type, string message) =>
        Text(BodyPrefix, type, message);

    private static string Text(string prefix, string type, string message)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(message);
        var kept = message.Length > MaxMessageChars ? message[..MaxMessageChars] + "…" : message;
        return (type, kept) switch
        {
            ("", "") => prefix,
            (_, "") => $"{prefix}: {type}",
            ("", _) => $"{prefix}: {kept}",
            _ => $"{prefix}: {type}: {kept}",
        };
    }

    private const string Prefix = "upstream error event mid-stream";
    private const string StartPrefix = "upstream error event at the start of the stream";
    private const string BodyPrefix = "upstream answered 2xx with an error";
}
