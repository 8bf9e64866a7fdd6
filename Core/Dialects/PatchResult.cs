using Menshen.Core.Http;

namespace Menshen.Core.Dialects;

/// A patched body, or why the body could not be read (the reason goes back to the client).
public sealed record PatchResult(PatchedBody? Body, string? Error)
{
    public static PatchResult Of(PatchedBody body) => new(body, null);

    public static PatchResult Fail(string reason) => new(null, reason);
}
