using Menshen.Core.Audit;
using Menshen.Core.Logging;

namespace Menshen.Shell.Audit;

/// Writes the one info line per request (never a secret: no headers, no bodies; see
/// RequestLogState), then hands the exchange on to the audit writer.
public sealed class RequestLogSink(IExchangeSink next, ILogger<RequestLogSink> logger)
    : IExchangeSink
{
    public ValueTask SubmitAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var level = RequestLogFields.Warns(exchange.Status, exchange.Note.Class)
            ? LogLevel.Warning : LogLevel.Information;
        if (logger.IsEnabled(level))
        {
            logger.Log(level, RequestLogState.Event, new RequestLogState(exchange), null,
                RequestLogState.Format);
        }
        return next.SubmitAsync(exchange, cancellationToken);
    }

    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken) =>
        next.WaitForRoomAsync(cancellationToken);
}
