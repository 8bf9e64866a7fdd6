using Menshen.Core.Audit;
using Menshen.Shell.Audit;

namespace Menshen.Shell.Metrics;

/// Counts each finished exchange into the metrics, then hands it on.
public sealed class MetricsSink(GatewayMetrics metrics, IExchangeSink next) : IExchangeSink
{
    public ValueTask SubmitAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        metrics.Observe(exchange);
        return next.SubmitAsync(exchange, cancellationToken);
    }
}
