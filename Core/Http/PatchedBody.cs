namespace Menshen.Core.Http;

/// The body to send upstream, and what the patch learned about the request.
/// `HideUsageChunk` is true when the gateway injected `stream_options.include_usage` and so must
/// remove the usage-only chunk from what the client receives. `PreviousResponseId` is the root
/// `previous_response_id` of a `responses` request (null elsewhere): routing's affinity hint.
public sealed record PatchedBody(
    ReadOnlyMemory<byte> Body,
    string? RequestedModel,
    string? EffectiveModel,
    bool Stream,
    bool HideUsageChunk,
    string? PreviousResponseId = null);
