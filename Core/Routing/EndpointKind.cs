namespace Menshen.Core.Routing;

/// The endpoints the gateway understands (audited with usage, patched, failed over, cached).
public enum EndpointKind
{
    Passthrough,
    ChatCompletions,
    Completions,
    Responses,
    Embeddings,

    /// Anthropic `messages` (SPEC §14).
    Messages,

    /// Anthropic `messages/count_tokens` (SPEC §14): spends nothing, audited without usage.
    MessagesCountTokens,
}
