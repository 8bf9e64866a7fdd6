namespace Menshen.Shell.Logging;

/// Formats each entry on the logging thread with the framework's console formatter (the same text
/// or JSON as the framework's console logger), and queues the line for the console writer.
internal sealed class BatchedConsoleLogger(string category, BatchedConsoleLoggerProvider provider)
    : ILogger
{
    [ThreadStatic]
    private static StringWriter? t_writer;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
        provider.ScopeProvider?.Push(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState,
        Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel) || exception is ConnectionCutException
            || IsStartFailureReportedElsewhere(eventId, exception)) return;
        ArgumentNullException.ThrowIfNull(formatter);
        var writer = t_writer ??= new StringWriter(
            System.Globalization.CultureInfo.InvariantCulture);
        var entry = new Microsoft.Extensions.Logging.Abstractions.LogEntry<TState>(
            logLevel, category, eventId, state, exception, formatter);
        provider.Formatter.Write(in entry, provider.ScopeProvider, writer);
        var builder = writer.GetStringBuilder();
        if (builder.Length == 0) return;
        var line = builder.ToString();
        builder.Clear();
        if (builder.Capacity > 4096) builder.Capacity = 4096;
        provider.Lines.Enqueue(line, logLevel >= provider.ErrorThreshold);
    }

    // The host logs a failed start ("Hosting failed to start") with the whole stack trace before
    // it throws; a listen address that cannot be bound (an IOException: in use, not allowed; a
    // SocketException: not this machine's, a name that does not resolve) is then reported by
    // the gateway itself in one line ("cannot listen on …"), so the host's entry is left out.
    private bool IsStartFailureReportedElsewhere(EventId eventId, Exception? exception) =>
        eventId.Id == HostingStartupError
        && exception is IOException or System.Net.Sockets.SocketException
        && category == HostCategory;

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    // Microsoft.Extensions.Hosting's event id of "Hosting failed to start".
    private const int HostingStartupError = 11;
}
