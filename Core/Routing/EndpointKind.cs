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
    /// Whether the answer takes the Responses API's shapes (the Responses API and its
    /// compaction): usage named `input_tokens`/`output_tokens` rather than
    /// `prompt_tokens`/`completion_tokens`, and a stream of `response.*` events that wrap the
    /// response and end with `response.completed` rather than `[DONE]`.
    public static bool SpeaksResponses(this EndpointKind kind) =>
        kind is EndpointKind.Responses or EndpointKind.ResponsesCompact;

    /// Whether the answer's id is a response's, which a later `previous_response_id` names
    /// (recorded for affinity): not a compaction's.
    public static bool MakesAResponse(this EndpointKind kind) => kind == EndpointKind.Responses;

    /// Whether a request may name `previous_response_id`, which pins it to the provider that
    /// holds that response (SPEC §13 affinity): a response and the compaction of one.
    public static bool MayContinueAResponse(this EndpointKind kind) =>
        kind is EndpointKind.Responses or EndpointKind.ResponsesCompact;
}
