using System.Collections;
using System.Globalization;
using Menshen.Core.Audit;
using Menshen.Core.Http;
using Menshen.Core.Logging;

namespace Menshen.Shell.Audit;

/// The one line per request as a log entry's state. The text format shows `Text`, the line it
/// always was; `-log-format json` writes each field as its value (helper-72: the JSON fields
/// were the text line's pieces, " tried=a:503,b:200", "-" for no provider, the model escaped for
/// the text line): the path and model as sent (the JSON writer escapes them), `Tried` as
/// "a:503,b:200", the note's text, null for what is absent, and the client key's name and the
/// endpoint besides. Never a secret: no headers, no bodies.
internal readonly struct RequestLogState(Exchange exchange)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// The event the line had as a source-generated LoggerMessage, kept for those who filter
    /// on it.
    public static readonly EventId Event = new(1330097018, "LogRequest");

    public static readonly Func<RequestLogState, Exception?, string> Format =
        static (state, _) => state.Text();

    private const string Template =
        "{Id} {Method} {Path} provider={Provider} model={Model} status={Status} " +
        "duration_ms={DurationMs:F1} tokens={Tokens} cache={Cache}{Tried}{Note}";

    public int Count => 14;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("Id", exchange.Id),
        1 => new("Method", exchange.Method),
        2 => new("Path", exchange.Path),
        3 => new("Provider", exchange.Provider),
        4 => new("Model", exchange.EffectiveModel),
        5 => new("Status", exchange.Status),
        6 => new("DurationMs", Math.Round(exchange.DurationMs, 1)),
        7 => new("Tokens", exchange.Usage?.TotalTokens),
        8 => new("Cache", RequestLogFields.Cache(exchange.Cache)),
        9 => new("Tried", RequestLogFields.TriedList(exchange.Attempts)),
        10 => new("Note", exchange.ErrorNote),
        11 => new("Key", exchange.ClientKey),
        12 => new("Endpoint", EndpointNames.Of(exchange.Endpoint)),
        13 => new("{OriginalFormat}", Template),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Text();

    // Clients choose model names and paths: escaped like every field, blanks included, so no
    // field of the text line can be forged.
    private string Text()
    {
        var e = exchange;
        var model = e.EffectiveModel is { } m ? LogValue.Field(m) : "-";
        // No usage read: `tokens=` and nothing, as the LoggerMessage line wrote it.
        var tokens = e.Usage?.TotalTokens is { } t
            ? t.ToString(CultureInfo.InvariantCulture) : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{e.Id} {e.Method} {LogValue.Field(e.Path)} provider={e.Provider ?? "-"} " +
            $"model={model} status={e.Status} duration_ms={e.DurationMs:F1} tokens={tokens} " +
            $"cache={RequestLogFields.Cache(e.Cache)}{RequestLogFields.Tried(e.Attempts)}" +
            $"{RequestLogFields.Note(e.ErrorNote)}");
    }
}
