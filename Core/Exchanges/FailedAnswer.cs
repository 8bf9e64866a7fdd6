using Menshen.Core.Errors;
using Menshen.Core.Routing;

namespace Menshen.Core.Exchanges;

/// The answer when no provider answered: 504 when the last failure was a timeout, else 502;
/// 503 when the gateway's shutdown grace ran out first; nothing (null) when the client already
/// left. The one place 499 is decided.
public static class FailedAnswer
{
    /// The status recorded for a client that left before it was answered (nginx's convention).
    public const int ClientClosedStatus = 499;

    public static GatewayError? Error(Answer.Unanswered unanswered)
    {
        ArgumentNullException.ThrowIfNull(unanswered);
        if (unanswered.ClientLeft) return null;
        if (unanswered.Stopped)
            return new GatewayError(GatewayErrorKind.ShuttingDown,
                "The gateway is shutting down; retry the request.");
        return unanswered.LastFailure == AttemptFailure.Timeout
            ? new GatewayError(GatewayErrorKind.UpstreamTimeout,
                "The upstream provider did not answer in time.")
            : new GatewayError(GatewayErrorKind.UpstreamUnreachable, unanswered.Passthrough
                ? "The upstream provider could not be reached."
                : "No upstream provider could be reached.");
    }

    /// <see cref="Error(Answer.Unanswered)"/>, its message saying how each attempt failed, as the
    /// audit row records it. Not which provider: an unnamed one is named by its base_url host,
    /// which may be an internal one; the audit row and the log line name them.
    public static GatewayError? Error(
        Answer.Unanswered unanswered, IReadOnlyList<Audit.AttemptRecord> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var error = Error(unanswered);
        if (error is null || attempts.Count == 0 || error.Kind == GatewayErrorKind.ShuttingDown)
            return error;
        var causes = string.Join("; ", attempts.Select(a => a.Error ?? $"status {a.Status}"));
        var tried = attempts.Count == 1 ? "1 provider tried"
            : $"{attempts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} "
                + "providers tried";
        return error with { Message = $"{error.Message.TrimEnd('.')} ({tried}: {causes})." };
    }

    public static int Status(Answer.Unanswered unanswered) =>
        Error(unanswered) is { } error ? OpenAiErrorBody.Status(error.Kind) : ClientClosedStatus;
}
