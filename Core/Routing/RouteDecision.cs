using System.Collections.Immutable;
using Menshen.Core.Config;
using Menshen.Core.Errors;

namespace Menshen.Core.Routing;

/// How the first provider of a plan was chosen.
public enum RouteChoice
{
    /// The weighted draw within the lowest priority tier.
    Draw,

    /// The provider the client key stuck to (healthy, in the lowest tier).
    Sticky,

    /// The provider that produced `previous_response_id`: the only one in the plan.
    Affinity,

    /// No provider: the request is refused with `Refusal`.
    None,
}

/// The providers to try in order, how the first was chosen, or why none is tried (`Refusal`:
/// 404 model_not_found, or 503 when no provider is enabled). Nothing goes upstream on a refusal.
public sealed record RouteDecision(
    ImmutableArray<ProviderConfig> Order, RouteChoice Choice, GatewayError? Refusal)
{
    /// The trial of `Order[0]` this request claimed (PassiveHealth.ClaimTrial), by its number;
    /// null when it claimed none.
    public long? Trial { get; init; }

    /// A refusal naming the model and pointing to GET /v1/models. `clientModel`, when an alias
    /// turned it into `model`, is named too: the client never sent `model`.
    public static RouteDecision ModelNotFound(string model, string? clientModel = null) => new(
        [], RouteChoice.None, new GatewayError(
        GatewayErrorKind.ModelNotFound,
        $"The model '{GatewayError.Quoted(model)}'"
        + (clientModel is not null && clientModel != model
            ? $" (what the alias '{GatewayError.Quoted(clientModel)}' stands for)" : "")
        + " is not served by any provider of this gateway on this endpoint; "
        + "GET /v1/models lists the models it serves.",
        "model"));

    /// A request with no model to route by (none, not a string, or empty) while some provider
    /// serves only listed models: the client's mistake (400), not an unknown model.
    public static RouteDecision ModelMissing { get; } = new([], RouteChoice.None,
        new GatewayError(GatewayErrorKind.BadRequest,
            "This request names no model: 'model' must be a non-empty string, and the gateway "
            + "routes by it.", "model"));

    /// A model longer than <see cref="ModelName.MaxLength"/>: no provider serves such a name.
    public static RouteDecision ModelTooLong { get; } = new([], RouteChoice.None,
        new GatewayError(GatewayErrorKind.BadRequest,
            $"'model' is longer than {ModelName.MaxLength} characters; no model has such a name.",
            "model"));

    public static RouteDecision NoProvider { get; } = new([], RouteChoice.None, new GatewayError(
        GatewayErrorKind.NoProvider, "No provider is enabled."));
}
