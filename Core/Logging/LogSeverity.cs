namespace Menshen.Core.Logging;

/// How serious a log line is; the order (and numbers) of the framework's log levels.
public enum LogSeverity
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
    Critical,
}
