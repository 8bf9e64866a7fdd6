using Menshen.Core.Audit;
using Menshen.Core.Http;
using Menshen.Core.Logging;

namespace Menshen.Shell.Audit;

/// Writes the one info line per request (never a secret: no headers, no bodies), then hands the
/// exchange on to the audit writer.
public sealed partial class RequestLogSink(IExchangeSink next, ILogger<RequestLogSink> logger)
    : IExchangeSink
{
    public ValueTask SubmitAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        var level = RequestLogFields.Warns(exchange.Status, exchange.Note.Class)
            ? LogLevel.Warning : LogLevel.Information;
        if (logger.IsEnabled(level))
        {
            LogRequest(logger, level, exchange.Id, exchange.Method, LogValue.Field(exchange.Path),
                exchange.Provider ?? "-", ModelOf(exchange), exchange.Status, exchange.DurationMs,
                exchange.Usage?.TotalTokens, RequestLogFields.Cache(exchange.Cache),
                RequestLogFields.Tried(exchange.Attempts),
                RequestLogFields.Note(exchange.ErrorNote));
        }
        return next.SubmitAsync(exchange, cancellationToken);
    }

    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken) =>
        next.WaitForRoomAsync(cancellationToken);

    // The model the provider was asked for (after aliases and a forced model): clients choose
    // model names, so it is escaped like the path, blanks included (no field can be forged).
    private static string ModelOf(Exchange exchange) =>
        exchange.EffectiveModel is { } model ? LogValue.Field(model) : "-";

    [LoggerMessage(Message =
        "{Id} {Method} {Path} provider={Provider} model={Model} status={Status} " +
            "duration_ms={DurationMs:F1} tokens={Tokens} cache={Cache}{Tried}{Note}")]
    private static partial void LogRequest(ILogger logger, LogLevel level, long id,
        string method, string path, string provider, string model, int status, double durationMs,
        long? tokens, string cache, string tried, string note);
}
