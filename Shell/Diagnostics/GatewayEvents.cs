using System.Diagnostics.Tracing;

namespace Menshen.Shell.Diagnostics;

/// Start and stop events of the gateway's background work (the audit writer's batches and the
/// commits of its open transaction, the console writer's flushes), so a harness can line each
/// slow request up with what ran beside it (bench/AllocBench `--tail`, docs/performance.md).
/// Native AOT builds leave EventSource out (`EventSourceSupport` is off), so there `IsEnabled()`
/// is false and each call is one branch.
[EventSource(Name = "Menshen-Gateway")]
public sealed class GatewayEvents : EventSource
{
    public static readonly GatewayEvents Log = new();

    private GatewayEvents()
    {
    }

    [Event(1, Level = EventLevel.Informational)]
    public void WriterBatchStart(int rows)
    {
        if (IsEnabled()) WriteEvent(1, rows);
    }

    [Event(2, Level = EventLevel.Informational)]
    public void WriterBatchStop(int rows)
    {
        if (IsEnabled()) WriteEvent(2, rows);
    }

    [Event(3, Level = EventLevel.Informational)]
    public void ConsoleFlushStart(int lines)
    {
        if (IsEnabled()) WriteEvent(3, lines);
    }

    [Event(4, Level = EventLevel.Informational)]
    public void ConsoleFlushStop(int lines)
    {
        if (IsEnabled()) WriteEvent(4, lines);
    }

    [Event(5, Level = EventLevel.Informational)]
    public void WriterCommitStart(int rows)
    {
        if (IsEnabled()) WriteEvent(5, rows);
    }

    [Event(6, Level = EventLevel.Informational)]
    public void WriterCommitStop(int rows)
    {
        if (IsEnabled()) WriteEvent(6, rows);
    }
}
