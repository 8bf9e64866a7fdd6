namespace Menshen.Shell.Hosting;

/// Runs each request on the socket thread that read it, instead of handing every read, upstream
/// answer and write to the thread pool: Kestrel's UnsafePreferInlineScheduling plus the runtime's
/// inline socket completions (one socket thread per core). Measured in docs/performance.md
/// ("Inline scheduling"): less CPU per request, more requests a second at 64 connections. Safe
/// only while nothing after a socket await blocks a thread: the same section lists each step
/// that could and how it is kept off the socket thread (reports, cache and affinity reads and
/// the health probe run on the pool; a full console queue drops lines instead of waiting).
///
/// With PostgreSQL, one more rule: a synchronous Npgsql call on a socket that has done
/// asynchronous work waits for that socket's thread to report it ready, so it must never run on
/// a socket thread, i.e. never after any socket await (a request's body, HttpClient, an
/// asynchronous Npgsql call) without a hop back to the pool. The writer and the spool
/// replay are synchronous on the pool; the report API runs on the pool (ReportQueryGate); the
/// cache and affinity reads are asynchronous throughout; the import, the retention purge, the
/// log detail and the spool's opening hop back to the pool before their synchronous part
/// (`-import-sqlite` hung before that). Outside, `DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0`
/// turns both halves off.
public static class InlineScheduling
{
    private const string SocketsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// Chooses before the process creates its first socket: the runtime reads the variable once.
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(SocketsVariable) is null)
            Environment.SetEnvironmentVariable(SocketsVariable, "1");
        KeepPoolThreadsFree();
    }

    // The pool is where blocking work goes (report queries, cache reads, the health probe, the
    // audit writer). With only one thread per core, two slow report queries took them all, and
    // new connections (Kestrel starts each on the pool) waited ~0.1 s for the pool to grow
    // (docs/performance.md, "Inline scheduling"): two threads more start without that delay.
    private static void KeepPoolThreadsFree()
    {
        ThreadPool.GetMinThreads(out var workers, out var completions);
        var wanted = Environment.ProcessorCount + 2;
        if (workers < wanted) ThreadPool.SetMinThreads(wanted, completions);
    }

    /// Whether Kestrel runs requests inline: only when socket completions are inline too (not in
    /// tests that start the gateway in process, where Apply never ran).
    public static bool Enabled => Environment.GetEnvironmentVariable(SocketsVariable) == "1";
}
