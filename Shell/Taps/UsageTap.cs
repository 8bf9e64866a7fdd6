using Menshen.Core.Audit;
using Menshen.Core.Dialects;

namespace Menshen.Shell.Taps;

/// Watches a forwarded body (decoded): captures it (capped) and feeds each chunk to the dialect's
/// fold as it passes, so usage is known the moment the body ends without buffering it. The
/// capture's cap limits what is stored, never what is counted. When the fold reads a response
/// id, `ids` learns it at once, before the chunk that carried it goes to the client.
public sealed class UsageTap(ResponseWatch watch, BodyCapture capture,
    IResponseIdSink? ids = null, string? provider = null, string? clientKey = null)
    : IResponseTap
{
    private readonly string? _provider = provider;
    private UsageFold? _fold = watch.StartFold();
    private IResponseIdSink? _ids = provider is null ? null : ids;

    public void OnChunk(ReadOnlySpan<byte> chunk)
    {
        capture.OnChunk(chunk);
        if (_fold is null) return;
        _fold = _fold.Fold(chunk);
        if (_ids is not null) TellId();
    }

    /// The capture and the usage read, once the body ended.
    public (CapturedBody Body, UsageReading Usage) Finish()
    {
        if (_ids is not null && _fold is not null) TellId();
        return (capture.ToCaptured()!, watch.Finish(_fold));
    }

    private void TellId()
    {
        if (_fold!.ResponseId is not { } id) return;
        _ids!.Remember(id, _provider!, clientKey);
        _ids = null; // once per answer
    }
}
