namespace Menshen.Shell.Taps;

/// Sees every upstream body chunk as it is forwarded (for usage folds and body capture).
public interface IResponseTap
{
    void OnChunk(ReadOnlySpan<byte> chunk);
}
