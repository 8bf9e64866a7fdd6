using BenchmarkDotNet.Attributes;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.CoreBench;

/// The usage fold the gateway runs over every streamed reply: Start, Step per read, Finish.
/// One operation is one whole reply (44 events, about 9 KB).
[MemoryDiagnoser]
[ShortRunJob]
public class SseUsageParserBench
{
    private IReadOnlyList<byte[]> _perEvent = [];
    private IReadOnlyList<byte[]> _oneRead = [];
    private IReadOnlyList<byte[]> _smallReads = [];

    [GlobalSetup]
    public void Setup()
    {
        _perEvent = Samples.ChatStreamEvents();
        _oneRead = Samples.Cut(_perEvent, 16 * 1024);
        _smallReads = Samples.Cut(_perEvent, 100);
    }

    /// One read per event: how a provider's flushed SSE frames usually arrive.
    [Benchmark(Baseline = true)]
    public SseSummary OneReadPerEvent() => Fold(_perEvent);

    /// The whole reply in one 16 KB read (a fast upstream, or a replay).
    [Benchmark]
    public SseSummary OneRead() => Fold(_oneRead);

    /// 100-byte reads: lines split across reads, the worst case for carried state.
    [Benchmark]
    public SseSummary HundredByteReads() => Fold(_smallReads);

    private static SseSummary Fold(IReadOnlyList<byte[]> chunks)
    {
        var state = SseUsageParser.Start(EndpointKind.ChatCompletions);
        for (var i = 0; i < chunks.Count; i++) state = SseUsageParser.Step(state, chunks[i]);
        return SseUsageParser.Finish(state);
    }
}
