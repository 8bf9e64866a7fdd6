using Menshen.Core.Audit;

namespace Menshen.Shell.Audit;

/// Captures of bodies that are already in memory: a slice, never a copy.
public static class Captures
{
    public static CapturedBody Of(ReadOnlyMemory<byte> body, long cap) =>
        new(cap > 0 && body.Length > cap ? body[..(int)cap] : body, body.Length);
}
