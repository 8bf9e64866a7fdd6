using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class RetryClassification
{
    /// Network errors and timeouts always move on; a status moves on when it is in `on_status`
    /// and failover is enabled; everything else (2xx, 400, ...) is final.
    public static AttemptOutcome Classify(int? status, AttemptFailure failure,
        FailoverConfig failover)
    {
        ArgumentNullException.ThrowIfNull(failover);
        if (failure != AttemptFailure.None)
        {
            // No response came back, so nothing can be handed to the client: another provider
            // is the only chance. Without failover the plan holds one provider: 502 or 504.
            return AttemptOutcome.TryNext;
        }
        if (status is not { } code)
        {
            throw new ArgumentException("an attempt without a failure has a status",
                nameof(status));
        }
        var movesOn = failover.Enabled && failover.FailsOverOn(code);
        return movesOn ? AttemptOutcome.TryNext : AttemptOutcome.Final;
    }

    // Why the default `on_status` is [401, 403, 408, 429, 500..599] and not every error:
    // 401, 403  this provider's key is wrong, expired or lacks access; another key may work.
    // 408       the provider gave up waiting; a different upstream may well answer in time.
    // 429       this provider's rate limit or quota is used up; the others have their own.
    // 5xx       the provider is broken or overloaded (500, 502, 503, 504, 529), not the request.
    // 400, 404, 413, 422 and the like say the request itself is wrong: every provider would reject
    //           it the same way, so retrying only adds latency and hides the client's error.
    // 2xx, 3xx  an answer; the client gets it as it is.
    // The list is configuration, so this function only asks it; the reasons live here.
}
