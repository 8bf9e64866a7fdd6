using System.Collections.Frozen;

namespace Menshen.Core.Exchanges;

/// An exchange's note: its kind, and for the kinds whose text is not fixed, the detail.
public sealed record ExchangeNote(NoteKind Kind, string? Detail = null)
{
    public static readonly ExchangeNote None = new(NoteKind.None);

    public const string ClientClosedText = "client_closed";

    public const string GatewayStoppedText = "gateway shut down before the answer was whole";

    /// The stored text (the audit's `error` column); null for no note.
    public string? Text => Kind switch
    {
        NoteKind.None => null,
        NoteKind.Unauthorized => "unauthorized",
        NoteKind.MalformedJson => "malformed JSON body",
        NoteKind.ClientClosed => ClientClosedText,
        NoteKind.EveryProviderFailed =>
        "every provider failed; passing on the last upstream answer",
        NoteKind.UpstreamIdleMidStream => "upstream idle timeout mid-stream",
        NoteKind.UpstreamFailedMidStream => "upstream failed mid-stream",
        NoteKind.UpstreamIncomplete =>
        "upstream answer ended incomplete (no end marker, or not one whole JSON object)",
        NoteKind.Internal => "internal error",
        NoteKind.GatewayStopped => GatewayStoppedText,
        NoteKind.RequestRejected => Detail ?? "request rejected",
        NoteKind.UpstreamUnreachable => Detail ?? "no upstream answered",
        NoteKind.UpstreamErrorEvent => Detail ?? "upstream error event mid-stream",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown note kind"),
    };

    /// Whose fault the note says it was.
    public ErrorClass Class => Kind switch
    {
        NoteKind.None => ErrorClass.None,
        NoteKind.Unauthorized or NoteKind.RequestRejected or NoteKind.MalformedJson
            or NoteKind.ClientClosed => ErrorClass.Client,
        NoteKind.Internal or NoteKind.GatewayStopped => ErrorClass.Gateway,
        _ => ErrorClass.Upstream,
    };

    /// The note a stored text stands for. Fixed texts give their kind back; any other text is
    /// a detail, read as an upstream failure (the reports only ask whether there was a note).
    public static ExchangeNote Parse(string? text) =>
        text is null ? None
        : ByText.TryGetValue(text, out var note) ? note
        : new ExchangeNote(NoteKind.UpstreamUnreachable, text);

    /// The error class of a stored text, without building a note (report scans read many rows).
    public static ErrorClass ClassOf(string? text) =>
        text is null ? ErrorClass.None
        : ByText.TryGetValue(text, out var note) ? note.Class
        : ErrorClass.Upstream;

    private static readonly FrozenDictionary<string, ExchangeNote> ByText = new[]
    {
        NoteKind.Unauthorized, NoteKind.MalformedJson, NoteKind.ClientClosed,
        NoteKind.EveryProviderFailed, NoteKind.UpstreamIdleMidStream,
        NoteKind.UpstreamFailedMidStream, NoteKind.Internal, NoteKind.UpstreamErrorEvent,
        NoteKind.GatewayStopped, NoteKind.UpstreamIncomplete,
    }.Select(kind => new ExchangeNote(kind)).ToFrozenDictionary(note => note.Text!,
    StringComparer.Ordinal);
}
