using Menshen.Core.Config;
using Menshen.Core.Errors;

namespace Menshen.Core.Routing;

/// Who made a stored response: the provider that holds it (affinity, SPEC §13) and the client
/// key whose request it answered (null without gateway keys).
public sealed record ResponseOrigin(string Provider, string? ClientKey);

/// `[server] passthrough = "models"` is the setting for a team sharing one provider key: its
/// members must not read each other's stored data. Continuing or compacting a response
/// (`previous_response_id`) returns that conversation, so under "models" only the client key
/// that made the response may name it. An unknown origin is not refused (it routes as if the
/// id were absent); "all" and "read" let stored data be read anyway, so they do not check.
public static class ResponseOwnership
{
    public static GatewayError? Refusal(
        PassthroughMode mode, string responseId, ResponseOrigin? origin, string? clientKey) =>
        mode != PassthroughMode.Models || origin is null
            || string.Equals(origin.ClientKey, clientKey, StringComparison.Ordinal)
            ? null
            : new GatewayError(GatewayErrorKind.Forbidden,
                $"The response '{GatewayError.Quoted(responseId)}' was made for another client "
                + "key; this gateway lets only that key continue it "
                + "([server] passthrough = \"models\").", "previous_response_id");
}
