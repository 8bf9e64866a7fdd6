using Menshen.Core.Audit;
using Menshen.Core.Http;

namespace Menshen.Shell.Audit;

/// A sink that only logs one line per exchange (used when no database is configured, and in tests).
public sealed partial class LoggingExchangeSink(ILogger<LoggingExchangeSink> logger) : IExchangeSink
{
    public ValueTask SubmitAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        LogExchange(logger, exchange.Id, exchange.Method, LogValue.Escape(exchange.Path),
            exchange.Provider ?? "-", exchange.Status, exchange.DurationMs);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Id} {Method} {Path} provider={Provider} status={Status} {DurationMs:F1}ms")]
    private static partial void LogExchange(
        ILogger logger, long id, string method, string path, string provider, int status,
        double durationMs);
}
