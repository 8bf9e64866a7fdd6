using System.Globalization;
using Menshen.Core.Audit;
using Menshen.Core.Routing;

namespace Menshen.Core.Metrics;

/// The `outcome` label of an upstream attempt: its status, else `timeout` or `error` (no
/// connection, a reset, a broken answer), so that alerts on either do not fire on the other.
public static class AttemptLabel
{
    public static string Outcome(AttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return attempt.Status is { } status ? status.ToString(CultureInfo.InvariantCulture)
            : AttemptErrors.IsTimeout(attempt.Error) ? "timeout" : "error";
    }
}
