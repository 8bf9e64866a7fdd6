using Menshen.Core.Config;

namespace Menshen.Core.Routing;

public static class EndpointDialect
{
    /// The dialect whose providers serve `kind`; null for passthrough paths, which have none.
    public static ProviderApi? Of(EndpointKind kind) => kind switch
    {
        EndpointKind.ChatCompletions or EndpointKind.Completions or EndpointKind.Responses
            or EndpointKind.ResponsesCompact or EndpointKind.Embeddings => ProviderApi.OpenAi,
        EndpointKind.Messages or EndpointKind.MessagesCountTokens => ProviderApi.Anthropic,
        _ => null,
    };
}
