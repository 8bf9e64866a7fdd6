namespace Menshen.Shell.Runtime;

/// The end of `[server] shutdown_grace`: cancelled that long after the host begins to stop. The
/// proxy stops its upstream waits on it, so a request still running then is ended by the gateway
/// (a 503, or a cut stream) and recorded as the gateway's stop. Kestrel's own deadline comes a
/// little later (<see cref="KestrelDeadline"/>); it would abort the connection, which reads to the
/// request as the client's leaving.
public sealed class ShutdownGrace : IDisposable
{
    /// Time after the grace for the ended requests to write their last bytes and audit records.
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _expired = new();

    public CancellationToken Expired => _expired.Token;

    public static TimeSpan KestrelDeadline(TimeSpan grace) => grace + Margin;

    /// Starts the grace (the host calls it when it begins to stop).
    public void Begin(TimeSpan grace)
    {
        if (grace <= TimeSpan.Zero) _expired.Cancel();
        else _expired.CancelAfter(grace);
    }

    /// Ends the grace at once (the operator's second stop signal).
    public void EndNow() => _expired.Cancel();

    public void Dispose() => _expired.Dispose();
}
