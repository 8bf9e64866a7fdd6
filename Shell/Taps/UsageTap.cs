using Menshen.Core.Audit;
using Menshen.Core.Dialects;

namespace Menshen.Shell.Taps;

/// Watches a forwarded body (decoded): captures it (capped) and feeds each chunk to the dialect's
/// fold as it passes, so usage is known the moment the body ends without buffering it. The
/// capture's cap limits what is stored, never what is counted.
public sealed class UsageTap(ResponseWatch watch, BodyCapture capture) : IResponseTap
{
    private UsageFold? _fold = watch.StartFold();

    public void OnChunk(ReadOnlySpan<byte> chunk)
    {
        capture.OnChunk(chunk);
        if (_fold is not null) _fold = _fold.Fold(chunk);
    }

    /// The capture and the usage read, once the body ended.
    public (CapturedBody Body, UsageReading Usage) Finish() =>
        (capture.ToCaptured()!, watch.Finish(_fold));
}
