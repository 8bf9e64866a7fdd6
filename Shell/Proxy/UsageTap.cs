using Menshen.Core.Routing;
using Menshen.Core.Usage;
using Menshen.Shell.Audit;

namespace Menshen.Shell.Proxy;

/// Watches a forwarded body: captures it (capped) and folds each chunk into the usage parser (SSE
/// or JSON) as it passes, so usage is known the moment the body ends without buffering it.
public sealed class UsageTap(EndpointKind kind, bool isSse, BodyCapture capture) : IResponseTap
{
    private SseUsageState? _sse = isSse && kind != EndpointKind.Passthrough ? SseUsageParser.Start(kind) : null;

    // A JSON body is read as it passes too: the capture's cap limits what is stored, never what
    // is counted.
    private JsonBodyUsageState? _json =
        !isSse && kind != EndpointKind.Passthrough ? JsonBodyUsage.Start(kind) : null;

    public BodyCapture Capture => capture;

    public void OnChunk(ReadOnlySpan<byte> chunk)
    {
        capture.OnChunk(chunk);
        if (_sse is not null) _sse = SseUsageParser.Step(_sse, chunk);
        if (_json is not null) _json = JsonBodyUsage.Step(_json, chunk);
    }

    /// The usage read, where it came from, and whether a stream ended properly.
    public (TokenUsage? Usage, UsageSource Source, bool StreamCompleted) Finish()
    {
        if (_sse is not null)
        {
            var summary = SseUsageParser.Finish(_sse);
            var usage = summary.Usage.MatchUnsafe(u => u, () => null);
            return (usage, usage is null ? UsageSource.None : UsageSource.Stream, summary.Completed);
        }
        if (_json is null) return (null, UsageSource.None, true);
        var parsed = JsonBodyUsage.Finish(_json).MatchUnsafe(u => u, () => null);
        return (parsed, parsed is null ? UsageSource.None : UsageSource.Body, true);
    }
}
