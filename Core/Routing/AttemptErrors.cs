namespace Menshen.Core.Routing;

/// The words an attempt without an answer is recorded with (the audit row's `attempts`, the
/// 502/504 message): the timeouts are named here so the metrics can tell them from the rest.
public static class AttemptErrors
{
    public const string HeaderTimeout = "upstream timeout waiting for response headers";
    public const string IdleBeforeFirstByte = "upstream idle timeout before the first byte";

    public static bool IsTimeout(string? error) => error is HeaderTimeout or IdleBeforeFirstByte;
}
