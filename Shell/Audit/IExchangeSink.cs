using Menshen.Core.Audit;

namespace Menshen.Shell.Audit;

/// Where finished exchanges go. Submitting may wait (back-pressure) but never drops a record.
public interface IExchangeSink
{
    ValueTask SubmitAsync(Exchange exchange, CancellationToken cancellationToken);
}
