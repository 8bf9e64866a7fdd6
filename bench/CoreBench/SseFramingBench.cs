using BenchmarkDotNet.Attributes;
using Menshen.Core.Http;

namespace Menshen.CoreBench;

/// Event framing as the usage-chunk filter does it on streams where the gateway asked for usage:
/// find each event's end, then ask whether it is the usage-only chunk.
[MemoryDiagnoser]
[ShortRunJob]
public class SseFramingBench
{
    private byte[] _oneEvent = [];
    private byte[] _wholeReply = [];

    [GlobalSetup]
    public void Setup()
    {
        var events = Samples.ChatStreamEvents();
        _oneEvent = events[1];
        _wholeReply = events.SelectMany(e => e).ToArray();
    }

    /// One content event (about 250 bytes).
    [Benchmark]
    public int FindEventEnd() => SseFraming.FindEventEnd(_oneEvent);

    /// Every event of a whole reply in one buffer (about 9 KB, 44 events).
    [Benchmark]
    public int FindEveryEventEnd()
    {
        ReadOnlySpan<byte> data = _wholeReply;
        var count = 0;
        for (var end = SseFraming.FindEventEnd(data); end > 0; end = SseFraming.FindEventEnd(data))
        {
            data = data[end..];
            count++;
        }
        return count;
    }

    /// The usage-only test on a content event (run for every event the filter forwards).
    [Benchmark]
    public bool IsUsageOnlyChunk() => SseFraming.IsUsageOnlyChunk(_oneEvent);
}
