using Menshen.Core.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Menshen.Shell.Logging;

/// The text log format (Core's LogLine): level and message, no category or event id.
internal sealed class PlainConsoleFormatter(bool journal) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "menshen";

    /// systemd sets JOURNAL_STREAM for a service whose output goes to the journal.
    public static bool UnderJournal(string? journalStream) => !string.IsNullOrEmpty(journalStream);

    public override void Write<TState>(
        in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? "";
        if (message.Length == 0 && logEntry.Exception is null) return;
        var severity = (LogSeverity)(int)logEntry.LogLevel;
        var now = DateTimeOffset.Now;
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(LogLine.Text(now, severity, message, exception.ToString(), journal));
            return;
        }
        Span<char> prefix = stackalloc char[LogLine.MaxPrefixLength];
        textWriter.Write(prefix[..LogLine.Prefix(prefix, now, severity, journal)]);
        textWriter.Write(message);
        textWriter.Write('\n');
    }
}
