using Menshen.Core.Errors;
using Menshen.Core.Http;
using Menshen.Core.Routing;

namespace Menshen.Core.Dialects;

/// OpenAI's API: chat/completions, completions, responses, responses/compact, embeddings. Also
/// the dialect of passthrough paths and of the gateway's own routes (its error shape).
public static class OpenAiDialect
{
    public static readonly Dialect Instance = new(
        Name: "openai",
        Api: Config.ProviderApi.OpenAi,
        Endpoints:
        [
            new("chat/completions", EndpointKind.ChatCompletions),
            new("completions", EndpointKind.Completions),
            new("responses", EndpointKind.Responses),
            new("responses/compact", EndpointKind.ResponsesCompact),
            new("embeddings", EndpointKind.Embeddings),
        ],
        Patch: Patch,
        StartStream: OpenAiStreamFold.Start,
        StartBody: OpenAiBodyFold.Start,
        IsInjectedEvent: SseFraming.IsUsageOnlyChunk,
        ErrorJson: OpenAiErrorBody.Json,
        InjectKey: (provider, client, gatewayAuth) =>
            RequestHeaderPolicy.Injected(provider, client.Authorization, gatewayAuth),
        RequestPreview: body => Audit.RequestPreview.Of(body),
        ResponsePreview: (body, contentType) => Audit.ResponsePreview.Of(body, contentType),
        InjectedPart: SseFraming.NullUsageMember);

    private static PatchResult Patch(ReadOnlyMemory<byte> body, EndpointKind kind, string? model,
        bool askStreamUsage) =>
        PatchResult.From(BodyPatch.Apply(body, kind, model, askStreamUsage));
}
