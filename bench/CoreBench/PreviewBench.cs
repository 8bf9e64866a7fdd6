using BenchmarkDotNet.Attributes;
using Menshen.Core.Audit;

namespace Menshen.CoreBench;

/// The audit writer's previews, computed for every row it writes: the request's last user
/// message and the response's text, from a chat request, a long conversation and an agent's
/// request of about 100 KB (tool definitions and long tool results, as coding agents send).
[MemoryDiagnoser]
[ShortRunJob]
public class PreviewBench
{
    private ReadOnlyMemory<byte> _chat;
    private ReadOnlyMemory<byte> _long;
    private ReadOnlyMemory<byte> _agent;
    private ReadOnlyMemory<byte> _answer;

    [GlobalSetup]
    public void Setup()
    {
        _chat = Samples.ChatRequest(stream: false);
        _long = Samples.LongChatRequest();
        _agent = Samples.AgentRequest();
        _answer = Samples.ChatAnswer();
    }

    [Benchmark(Baseline = true)]
    public string? RequestChat() => RequestPreview.Of(_chat);

    [Benchmark]
    public string? RequestLong() => RequestPreview.Of(_long);

    [Benchmark]
    public string? RequestAgent() => RequestPreview.Of(_agent);

    [Benchmark]
    public string? ResponseChat() => ResponsePreview.Of(_answer, "application/json");
}
