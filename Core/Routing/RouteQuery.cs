namespace Menshen.Core.Routing;

/// What a request asks of routing: its model after alias resolution, its endpoint, the provider
/// that produced its `previous_response_id` (affinity) and the provider its client key stuck to.
/// Hints name providers; an unknown or unfit name is ignored. `PassthroughApi` is the dialect
/// a passed-through request speaks (null: OpenAI's); understood endpoints have their own.
/// `ClientModel` is the model as the client sent it, before aliases (named in a refusal).
/// `Resendable`: a passed-through request that can be sent again (PassthroughRetry) gets the
/// whole failover order; any other passed-through request gets its first provider only.
public readonly record struct RouteQuery(
    string Model,
    EndpointKind Endpoint,
    string? AffinityProvider = null,
    string? StickyProvider = null,
    Config.ProviderApi? PassthroughApi = null,
    string? ClientModel = null,
    bool Resendable = false);
