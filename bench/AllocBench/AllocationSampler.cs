using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Menshen.AllocBench;

/// Listens to the runtime's GC AllocationTick events (one per ~100 KB allocated per heap) and adds
/// up the sampled bytes by type name: a cheap, in-process allocation profile.
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    public IReadOnlyList<KeyValuePair<string, long>> Top(int count) =>
        [.. _bytesByType.OrderByDescending(p => p.Value).Take(count)];

    /// This run's bytes by type less <paramref name="baseline"/>'s (the client alone, the same
    /// number of requests): what the gateway allocates, by type, give or take the sampling.
    public IReadOnlyList<KeyValuePair<string, long>> TopBeyond(AllocationSampler baseline,
        int count) =>
        [.. _bytesByType
            .Select(p => KeyValuePair.Create(p.Key,
                p.Value - baseline._bytesByType.GetValueOrDefault(p.Key)))
            .OrderByDescending(p => p.Value).Take(count)];

    public long SampledBytes => _bytesByType.Values.Sum();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal)) return;
        var payload = eventData.PayloadNames;
        if (payload is null || eventData.Payload is null) return;
        var type = eventData.Payload[payload.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[payload.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, old) => old + amount);
    }
}
