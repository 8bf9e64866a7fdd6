namespace Menshen.Core.Routing;

/// The endpoints the gateway understands (audited with usage, patched, failed over, cached).
public enum EndpointKind
{
    Passthrough,
    ChatCompletions,
    Completions,
    Responses,
    Embeddings,

    /// Anthropic `messages` (SPEC §14); EndpointClassifier does not produce it yet.
    Messages,

    /// Anthropic `messages/count_tokens` (SPEC §14); not produced by EndpointClassifier yet.
    MessagesCountTokens,
}
