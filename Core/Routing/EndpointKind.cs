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

    /// OpenAI `responses/compact` (Codex's remote compaction): one JSON answer whose usage is
    /// named as the Responses API names it.
    ResponsesCompact,
}

public static class EndpointKinds
{
    /// Whether the answer's usage names its counts `input_tokens`/`output_tokens` (the
    /// Responses API and its compaction) rather than `prompt_tokens`/`completion_tokens`.
    public static bool NamesUsageAsResponses(this EndpointKind kind) =>
        kind is EndpointKind.Responses or EndpointKind.ResponsesCompact;

    /// Whether a request may name `previous_response_id`, which pins it to the provider that
    /// holds that response (SPEC §13 affinity): a response and the compaction of one.
    public static bool MayContinueAResponse(this EndpointKind kind) =>
        kind is EndpointKind.Responses or EndpointKind.ResponsesCompact;
}
