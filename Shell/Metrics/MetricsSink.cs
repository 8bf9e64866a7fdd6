using Menshen.Core.Audit;
using Menshen.Shell.Audit;

namespace Menshen.Shell.Metrics;

/// Counts each finished exchange into the metrics, then hands it on. A failure to count is
/// logged and never stops the record: the audit is the record, the metrics only a view of it.
public sealed partial class MetricsSink(GatewayMetrics metrics, IExchangeSink next,
    ILogger<MetricsSink> logger) : IExchangeSink
{
    public ValueTask SubmitAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        try
        {
            metrics.Observe(exchange);
        }
        catch (Exception e)
        {
            LogNotCounted(logger, exchange.Id, e.Message);
        }
        return next.SubmitAsync(exchange, cancellationToken);
    }

    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken) =>
        next.WaitForRoomAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "metrics: request {Id} not counted ({Reason}); its audit record is kept")]
    private static partial void LogNotCounted(ILogger logger, long id, string reason);
}
