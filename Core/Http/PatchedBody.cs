namespace Menshen.Core.Http;

/// The body to send upstream, and what the patch learned about the request.
/// `HideUsageChunk` is true when the gateway injected `stream_options.include_usage` and so must
/// remove the usage-only chunk from what the client receives.
public sealed record PatchedBody(
    ReadOnlyMemory<byte> Body,
    string? RequestedModel,
    string? EffectiveModel,
    bool Stream,
    bool HideUsageChunk);
