using Menshen.Core.Http;
using Menshen.Core.Routing;

namespace Menshen.Core.Dialects.Anthropic;

/// Anthropic's Messages API (SPEC §14): `messages` and `messages/count_tokens`, served natively
/// by `api = "anthropic"` providers. Only `model` is ever rewritten; `count_tokens` spends
/// nothing and is audited without usage.
public static class AnthropicDialect
{
    public static readonly Dialect Instance = new(
        Name: "anthropic",
        Api: Config.ProviderApi.Anthropic,
        Endpoints:
        [
            new("messages", EndpointKind.Messages),
            new("messages/count_tokens", EndpointKind.MessagesCountTokens),
        ],
        Patch: Patch,
        StartStream: kind => kind == EndpointKind.Messages
            ? AnthropicStreamFold.Start() : NoUsageFold.Instance,
        StartBody: kind => kind == EndpointKind.Messages
            ? AnthropicBodyFold.Start() : NoUsageFold.Instance,
        IsInjectedEvent: _ => false,
        ErrorJson: AnthropicErrorBody.Json,
        InjectKey: AnthropicKeyInjection.Injected,
        RequestPreview: AnthropicRequestPreview.Of,
        ResponsePreview: AnthropicResponsePreview.Of,
        // Anthropic's SDKs and Claude Code send the version with every request; a script may
        // send only a beta header (the Files API's).
        ClientHeaders: ["anthropic-version", "anthropic-beta"]);

    // BodyPatch injects stream options only for OpenAI's chat and completions: for the Messages
    // API it rewrites `model` alone.
    private static PatchResult Patch(ReadOnlyMemory<byte> body, EndpointKind kind, string? model,
        bool askStreamUsage) =>
        PatchResult.From(BodyPatch.Apply(body, kind, model, askStreamUsage));
}
