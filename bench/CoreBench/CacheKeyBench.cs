using BenchmarkDotNet.Attributes;
using LanguageExt;
using Menshen.Core.Caching;
using Menshen.Core.Routing;

namespace Menshen.CoreBench;

/// The cache key (canonical JSON + SHA-256) computed for every cacheable request.
[MemoryDiagnoser]
[ShortRunJob]
public class CacheKeyBench
{
    private byte[] _short = [];
    private byte[] _long = [];

    [GlobalSetup]
    public void Setup()
    {
        _short = Samples.ChatRequest(stream: false);
        _long = Samples.LongChatRequest();
    }

    /// A ~600-byte chat request.
    [Benchmark]
    public Fin<string> ShortRequest() => CacheKey.Compute(EndpointKind.ChatCompletions, _short);

    /// An ~8 KB conversation.
    [Benchmark]
    public Fin<string> LongRequest() => CacheKey.Compute(EndpointKind.ChatCompletions, _long);
}
