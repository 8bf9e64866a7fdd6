using System.Globalization;
using System.Text;

namespace Menshen.Core.Logging;

/// The text log a person reads: `2026-12-07T20:17:50.288+08:00 INFO` and the message, no logger
/// category or event id (those stay in `-log-format json`). The time is local, with its date and
/// offset: a file of months of lines (launchd's, a redirect) names its day and zone (helper-91:
/// `01:45:50` alone, in a zone the reader could not know). Under systemd's journal the time is
/// left out (the journal stamps each line) and every line starts with its syslog priority in
/// angle brackets (6 for INFO), which the journal reads as the entry's priority.
public static class LogLine
{
    private const string Clock = "yyyy-MM-dd'T'HH:mm:ss.fffzzz";

    /// The longest prefix `Prefix` writes: "2026-12-07T20:17:50.288+08:00 ERROR " (36
    /// characters).
    public const int MaxPrefixLength = 40;

    public static string Text(
        DateTimeOffset time, LogSeverity severity, string message, string? exception, bool journal)
    {
        ArgumentNullException.ThrowIfNull(message);
        Span<char> prefix = stackalloc char[MaxPrefixLength];
        prefix = prefix[..Prefix(prefix, time, severity, journal)];
        var text = new StringBuilder(prefix.Length + message.Length + 1);
        text.Append(prefix).Append(message).Append('\n');
        if (!string.IsNullOrEmpty(exception))
        {
            // Under the journal each line is its own entry: each keeps the priority.
            foreach (var line in exception.Split('\n'))
            {
                if (journal) text.Append('<').Append(Priority(severity)).Append('>');
                text.Append(line.TrimEnd('\r')).Append('\n');
            }
        }
        return text.ToString();
    }

    /// Writes a line's prefix (the time or the journal's priority, then the level and a blank)
    /// into `destination`, of at least MaxPrefixLength characters, and returns its length. A
    /// line without an exception is this prefix, the message and LF, written where it goes
    /// without a string of its own (one a request, on the request's thread).
    public static int Prefix(
        Span<char> destination, DateTimeOffset time, LogSeverity severity, bool journal)
    {
        var written = 0;
        if (journal)
        {
            destination[written++] = '<';
            destination[written++] = (char)('0' + Priority(severity));
            destination[written++] = '>';
        }
        else
        {
            time.TryFormat(destination, out written, Clock, CultureInfo.InvariantCulture);
            destination[written++] = ' ';
        }
        var name = Name(severity);
        name.CopyTo(destination[written..]);
        written += name.Length;
        destination[written++] = ' ';
        return written;
    }

    public static string Name(LogSeverity severity) => severity switch
    {
        LogSeverity.Trace => "TRACE",
        LogSeverity.Debug => "DEBUG",
        LogSeverity.Information => "INFO",
        LogSeverity.Warning => "WARN",
        LogSeverity.Error => "ERROR",
        _ => "CRIT",
    };

    /// The syslog priority (sd-daemon(3)): 2 critical, 3 error, 4 warning, 6 info, 7 debug.
    public static int Priority(LogSeverity severity) => severity switch
    {
        LogSeverity.Trace or LogSeverity.Debug => 7,
        LogSeverity.Information => 6,
        LogSeverity.Warning => 4,
        LogSeverity.Error => 3,
        _ => 2,
    };
}
