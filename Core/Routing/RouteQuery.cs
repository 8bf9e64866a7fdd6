namespace Menshen.Core.Routing;

/// What a request asks of routing: its model after alias resolution, its endpoint, the provider
/// that produced its `previous_response_id` (affinity) and the provider its client key stuck to.
/// Hints name providers; an unknown or unfit name is ignored.
public readonly record struct RouteQuery(
    string Model,
    EndpointKind Endpoint,
    string? AffinityProvider = null,
    string? StickyProvider = null);
