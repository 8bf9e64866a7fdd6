using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Menshen.Shell.Tests.Storage;

/// Keeps every log line, so tests can assert that a failure was reported loudly.
public sealed class ListLogger : ILogger, ILogger<Menshen.Shell.Storage.AuditWriter>,
    ILogger<Menshen.Shell.Storage.RetentionService>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((logLevel, formatter(state, exception)));
}
