using Menshen.Core.Audit;

namespace Menshen.Shell.Taps;

/// Captures of bodies that are already in memory: a slice, never a copy.
public static class Captures
{
    /// At most `cap` bytes (0: all) of the body, or null when `cap` is null (capture off).
    public static CapturedBody? Of(ReadOnlyMemory<byte> body, long? cap) =>
        cap is not { } limit ? null
            : new(limit > 0 && body.Length > limit ? body[..(int)limit] : body, body.Length);
}
