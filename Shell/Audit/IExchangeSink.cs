using Menshen.Core.Audit;

namespace Menshen.Shell.Audit;

/// Where finished exchanges go. Submitting may wait (back-pressure) but never drops a record.
public interface IExchangeSink
{
    ValueTask SubmitAsync(Exchange exchange, CancellationToken cancellationToken);

    /// Waits while the sink has no room, before a request is served: the wait after the answer
    /// never slowed a client that opens a connection per request (helper-66). A sink without
    /// a bound has room.
    ValueTask WaitForRoomAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
