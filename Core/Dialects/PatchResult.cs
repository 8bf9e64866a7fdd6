using LanguageExt;
using Menshen.Core.Errors;
using Menshen.Core.Http;

namespace Menshen.Core.Dialects;

/// A patched body, or the error that refuses it (its message goes back to the client).
public sealed record PatchResult(PatchedBody? Body, GatewayError? Error)
{
    public static PatchResult Of(PatchedBody body) => new(body, null);

    public static PatchResult Fail(GatewayError error) => new(null, error);

    /// BodyPatch's answer as the client will read it: a body that is no JSON object is
    /// MalformedJson; valid JSON the gateway cannot route (a repeated `previous_response_id`)
    /// is a BadRequest naming the parameter.
    public static PatchResult From(Fin<PatchedBody> patched) => patched.Match(
        Of,
        e => Fail(e.Code == BodyPatch.RepeatedPreviousResponseId
            ? new GatewayError(GatewayErrorKind.BadRequest,
                "The body names previous_response_id more than once; name it once.",
                "previous_response_id")
            : new GatewayError(GatewayErrorKind.MalformedJson,
                $"We could not parse the JSON body of your request: {e.Message}.")));
}
