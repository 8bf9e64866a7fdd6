using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class RetryClassification
{
    /// Network errors and timeouts always move on; a status moves on when it is in `on_status`
    /// and failover is enabled; everything else (2xx, 400, ...) is final.
    public static AttemptOutcome Classify(int? status, AttemptFailure failure, FailoverConfig failover) =>
        throw new NotImplementedException();
}
