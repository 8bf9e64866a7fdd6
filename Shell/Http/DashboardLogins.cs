using System.Net;
using Menshen.Core.Gate;

namespace Menshen.Shell.Http;

/// The dashboard's wrong passwords per client address, kept in memory (LoginThrottle decides):
/// a guesser gets five tries, then waits that double up to 15 minutes. Behind a reverse proxy
/// every client shares the proxy's address, and so shares its waits. An address that starts
/// waiting is logged once (a WARN line with the address, never the password).
public sealed partial class DashboardLogins(TimeProvider clock, ILogger<DashboardLogins> logger)
{
    private readonly Lock _lock = new();
    private LoginThrottle _throttle = LoginThrottle.Empty;

    /// Records one attempt whose Basic password was `succeeded`; zero when it counts, else how
    /// long its address must still wait (the caller answers 429 whatever the password was).
    public TimeSpan Attempt(IPAddress? address, bool succeeded)
    {
        var key = LoginThrottle.KeyOf(address);
        LoginAttempt attempt;
        lock (_lock)
        {
            attempt = _throttle.Attempt(key, succeeded, clock.GetUtcNow());
            _throttle = attempt.Next;
        }
        if (attempt.StartsWaiting) LogWaiting(logger, LoginThrottle.FreeFailures, key);
        return attempt.RetryAfter;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "dashboard: {Failures} wrong passwords " +
        "from {Address}; each further try waits 1 s, then twice as long, up to 15 min")]
    private static partial void LogWaiting(ILogger logger, int failures, string address);
}
