using Menshen.Core.Routing;

namespace Menshen.Core.Audit;

/// The stored (and report API) name of each endpoint kind. Values are stored: keep them stable.
public static class EndpointNames
{
    public const string Passthrough = "passthrough";

    /// Every stored name, in the order the report API's errors and the dashboard list them.
    public static readonly IReadOnlyList<string> All =
    [
        "chat/completions", "completions", "responses", "responses/compact", "embeddings",
        "messages", "messages/count_tokens", Passthrough,
    ];

    /// The endpoint's path without `/v1`, or "passthrough".
    public static string Of(EndpointKind kind) => kind switch
    {
        EndpointKind.ChatCompletions => "chat/completions",
        EndpointKind.Completions => "completions",
        EndpointKind.Responses => "responses",
        EndpointKind.ResponsesCompact => "responses/compact",
        EndpointKind.Embeddings => "embeddings",
        EndpointKind.Messages => "messages",
        EndpointKind.MessagesCountTokens => "messages/count_tokens",
        _ => Passthrough,
    };

    /// The kind a stored name stands for; unknown names are passthrough.
    public static EndpointKind Parse(string? name) => name switch
    {
        "chat/completions" => EndpointKind.ChatCompletions,
        "completions" => EndpointKind.Completions,
        "responses" => EndpointKind.Responses,
        "responses/compact" => EndpointKind.ResponsesCompact,
        "embeddings" => EndpointKind.Embeddings,
        "messages" => EndpointKind.Messages,
        "messages/count_tokens" => EndpointKind.MessagesCountTokens,
        _ => EndpointKind.Passthrough,
    };
}
