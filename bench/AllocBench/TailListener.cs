using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Menshen.AllocBench;

/// Collects the intervals of what may delay a request: GC pauses (the runtime's suspend-to-restart
/// events), the audit writer's batches, the commits of its open transaction (sums and COMMIT) and
/// the console writer's flushes (Menshen-Gateway events), and new thread-pool threads (the
/// runtime's worker start events, a 100 µs mark each). Times are
/// DateTime ticks (UTC), the clock the client's timestamps use.
public sealed class TailListener : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const EventKeywords ThreadingKeyword = (EventKeywords)0x10000;
    private readonly ConcurrentQueue<(string Name, long Ticks)> _events = new();

    public IReadOnlyDictionary<string, List<(long Start, long End)>> Intervals()
    {
        var open = new Dictionary<string, long>(StringComparer.Ordinal);
        var result = new Dictionary<string, List<(long, long)>>(StringComparer.Ordinal)
        {
            ["writer batch"] = [],
            ["writer commit"] = [],
            ["GC pause"] = [],
            ["console flush"] = [],
            ["pool thread start"] = [],
        };
        foreach (var (name, ticks) in _events.OrderBy(e => e.Ticks))
        {
            var (kind, isStart) = Classify(name);
            if (kind is null) continue;
            if (isStart) open[kind] = ticks;
            else if (open.Remove(kind, out var start)) result[kind].Add((start, ticks));
            else if (kind == "pool thread start") result[kind].Add((ticks - 1000, ticks)); // 100 µs
        }
        return result;
    }

    private static (string? Kind, bool Start) Classify(string name) => name switch
    {
        "WriterBatchStart" => ("writer batch", true),
        "WriterBatchStop" => ("writer batch", false),
        "WriterCommitStart" => ("writer commit", true),
        "WriterCommitStop" => ("writer commit", false),
        "ConsoleFlushStart" => ("console flush", true),
        "ConsoleFlushStop" => ("console flush", false),
        _ when name.StartsWith("GCSuspendEEBegin", StringComparison.Ordinal) => ("GC pause", true),
        _ when name.StartsWith("GCRestartEEEnd", StringComparison.Ordinal) => ("GC pause", false),
        _ when name.StartsWith("ThreadPoolWorkerThreadStart", StringComparison.Ordinal)
            => ("pool thread start", false),
        _ => (null, false),
    };

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword | ThreadingKeyword);
        else if (eventSource.Name == "Menshen-Gateway")
            EnableEvents(eventSource, EventLevel.Informational);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is { } name) _events.Enqueue((name, eventData.TimeStamp.Ticks));
    }
}
