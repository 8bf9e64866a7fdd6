using Menshen.Core.Audit;
using Menshen.Core.Dialects;

namespace Menshen.Shell.Taps;

/// Watches a forwarded body: captures it (capped) and, for a stream, feeds each chunk to the
/// dialect's fold as it passes, so usage is known the moment the body ends without buffering it.
public sealed class UsageTap(ResponseWatch watch, BodyCapture capture) : IResponseTap
{
    private UsageFold? _fold = watch.StartFold();

    public void OnChunk(ReadOnlySpan<byte> chunk)
    {
        capture.OnChunk(chunk);
        if (_fold is not null) _fold = _fold.Fold(chunk);
    }

    /// The capture and the usage read, once the body ended.
    public (CapturedBody Body, UsageReading Usage) Finish()
    {
        var body = capture.ToCaptured()!;
        return (body, watch.Finish(_fold, body));
    }
}
