using System.Net;
using Menshen.Core.Gate;

namespace Menshen.Shell.Http;

/// The dashboard's wrong passwords per client address, kept in memory (LoginThrottle decides):
/// a guesser gets five tries, then waits that double up to 15 minutes. Behind a reverse proxy
/// every client shares the proxy's address, and so shares its waits.
public sealed class DashboardLogins(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private LoginThrottle _throttle = LoginThrottle.Empty;

    /// Records one attempt whose Basic password was `succeeded`; zero when it counts, else how
    /// long its address must still wait (the caller answers 429 whatever the password was).
    public TimeSpan Attempt(IPAddress? address, bool succeeded)
    {
        var key = LoginThrottle.KeyOf(address);
        lock (_lock)
        {
            (_throttle, var retryAfter) = _throttle.Attempt(key, succeeded, clock.GetUtcNow());
            return retryAfter;
        }
    }
}
