namespace Menshen.Simulator.Http;

internal enum RouteKind
{
    NotFound,
    ChatCompletions,
    Completions,
    Responses,
    ResponsesCompact,
    Embeddings,
    Messages,
    CountTokens,
    Models,
    Model,
    Echo,
    EchoHeaders,
}

/// <summary>A matched path; <see cref="ModelId"/> is set for <c>models/{id}</c>.</summary>
internal readonly record struct Route(RouteKind Kind, string? ModelId = null)
{
    /// <summary>Matches a path with or without a leading <c>/v1</c> and trailing slash.</summary>
    public static Route Match(PathString path)
    {
        var p = (path.Value ?? "").TrimEnd('/');
        if (p.StartsWith("/v1/", StringComparison.Ordinal))
            p = p[3..];
        return p switch
        {
            "/chat/completions" => new(RouteKind.ChatCompletions),
            "/completions" => new(RouteKind.Completions),
            "/responses" => new(RouteKind.Responses),
            "/responses/compact" => new(RouteKind.ResponsesCompact),
            "/embeddings" => new(RouteKind.Embeddings),
            "/messages" => new(RouteKind.Messages),
            "/messages/count_tokens" => new(RouteKind.CountTokens),
            "/models" => new(RouteKind.Models),
            "/echo" => new(RouteKind.Echo),
            "/echo/headers" => new(RouteKind.EchoHeaders),
            _ when p.StartsWith("/models/", StringComparison.Ordinal) =>
                new(RouteKind.Model, p["/models/".Length..]),
            _ => new(RouteKind.NotFound),
        };
    }

    /// <summary>Generation endpoints take POST, model endpoints GET, echo anything.</summary>
    public bool Allows(string method) => Kind switch
    {
        RouteKind.ChatCompletions or RouteKind.Completions or RouteKind.Responses
            or RouteKind.ResponsesCompact or RouteKind.Embeddings or RouteKind.Messages or RouteKind.CountTokens => HttpMethods.IsPost(method),
        RouteKind.Models or RouteKind.Model => HttpMethods.IsGet(method) || HttpMethods.IsHead(method),
        _ => true,
    };

    /// <summary>True for the endpoints whose body is a JSON generation request.</summary>
    public bool TakesJson => Kind is RouteKind.ChatCompletions or RouteKind.Completions
        or RouteKind.Responses or RouteKind.ResponsesCompact or RouteKind.Embeddings
        or RouteKind.Messages or RouteKind.CountTokens;

    /// <summary>True for the Anthropic Messages API endpoints, whose errors take Anthropic's shape.</summary>
    public bool IsAnthropic => Kind is RouteKind.Messages or RouteKind.CountTokens;
}
