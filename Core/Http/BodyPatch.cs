using LanguageExt;
using Menshen.Core.Routing;

namespace Menshen.Core.Http;

public static class BodyPatch
{
    /// Replaces only the root `model` value (when forcedModel is set) and, for streaming
    /// chat/completions and completions without `stream_options`, appends
    /// `"stream_options":{"include_usage":true}`. Every other byte is kept as sent.
    /// Fails when the body is not a JSON object.
    public static Fin<PatchedBody> Apply(ReadOnlyMemory<byte> body, EndpointKind kind, string? forcedModel) =>
        throw new NotImplementedException();
}
