using BenchmarkDotNet.Attributes;
using LanguageExt;
using Menshen.Core.Http;
using Menshen.Core.Routing;

namespace Menshen.CoreBench;

/// The request patch run before every upstream attempt (and once more to validate the body).
[MemoryDiagnoser]
[ShortRunJob]
public class BodyPatchBench
{
    private ReadOnlyMemory<byte> _plain;
    private ReadOnlyMemory<byte> _stream;

    [GlobalSetup]
    public void Setup()
    {
        _plain = Samples.ChatRequest(stream: false);
        _stream = Samples.ChatRequest(stream: true);
    }

    /// Nothing to change: no forced model, not a stream (the body is passed on as it is).
    [Benchmark(Baseline = true)]
    public Fin<PatchedBody> Unchanged() => BodyPatch.Apply(_plain, EndpointKind.ChatCompletions, null);

    [Benchmark]
    public Fin<PatchedBody> ForcedModel() => BodyPatch.Apply(_plain, EndpointKind.ChatCompletions, "gpt-4.1-mini");

    [Benchmark]
    public Fin<PatchedBody> StreamOptionsInjected() => BodyPatch.Apply(_stream, EndpointKind.ChatCompletions, null);

    [Benchmark]
    public Fin<PatchedBody> ForcedModelAndStreamOptions() =>
        BodyPatch.Apply(_stream, EndpointKind.ChatCompletions, "gpt-4.1-mini");
}
