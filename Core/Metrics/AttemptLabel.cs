using System.Globalization;
using Menshen.Core.Audit;
using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Metrics;

/// The `outcome` label of an upstream attempt: its status, else `timeout`, `client_closed` (the
/// client left before the answer began: not the provider's failure) or `error` (no connection,
/// a reset, a broken answer), so that alerts on one do not fire on another.
/// A 200 stream that opened with an error event and was failed over is labelled by the status
/// that event stands for (an `overloaded_error` is a 529), as the failover judged it.
public static class AttemptLabel
{
    public static string Outcome(AttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (StreamErrorText.IsAtStart(attempt.Error))
            return Text(StreamErrorStatus.Of(StreamErrorText.TypeOf(attempt.Error!)));
        return attempt.Status is { } status ? Text(status)
            : AttemptErrors.IsTimeout(attempt.Error) ? "timeout"
            : attempt.Error == ExchangeNote.ClientClosedText ? ExchangeNote.ClientClosedText
            : "error";
    }

    private static string Text(int status) => status.ToString(CultureInfo.InvariantCulture);
}
