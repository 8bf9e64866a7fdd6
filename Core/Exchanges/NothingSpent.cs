using Menshen.Core.Routing;

namespace Menshen.Core.Exchanges;

/// Whether an answer whose usage could not be read still spent nothing, so that a priced
/// model's cost is 0 rather than unknown (the dashboard read "no price" for it): an error the
/// provider itself answered (providers bill no 4xx or 5xx; a timeout or a cut connection is not
/// one: the provider had the request and may have billed it), a token count (Anthropic's
/// count_tokens is free) and a passed-through plain read (a model list, a file's or batch's
/// status; not a GET with a body or a method override, which an upstream may serve as a POST).
public static class NothingSpent
{
    /// `providerAnswered`: the status is the provider's own answer (Answer.Relayed);
    /// `plainRead`: PassthroughPolicy.IsPlainRead of a passed-through request.
    public static bool Of(EndpointKind endpoint, int status, bool providerAnswered,
        bool plainRead) =>
        (providerAnswered && status >= 400)
        || endpoint == EndpointKind.MessagesCountTokens
        || (endpoint == EndpointKind.Passthrough && plainRead);
}
