namespace Menshen.Core.Usage;

/// The audit's note for an error a stream reported in an event after its 200, in every dialect:
/// "upstream error event mid-stream: TYPE: MESSAGE" (either part left out when empty).
public static class StreamErrorText
{
    /// The longest message kept: the provider chose it, and the audit row keeps it.
    public const int MaxMessageChars = 500;

    public static string Of(string type, string message) => Text(Prefix, type, message);

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
    private const string BodyPrefix = "upstream answered 2xx with an error";
}
