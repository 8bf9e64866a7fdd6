using CsCheck;
using Menshen.Core.Config;
using Menshen.Core.Errors;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

/// Only "models" keeps keys apart, and only for a response whose origin is known.
public class ResponseOwnershipTests
{
    private static readonly Gen<string?> Key = Gen.OneOf<string?>(null, "alice", "bob", "Alice");

    [Fact]
    public void Refused_exactly_when_models_and_a_known_origin_of_another_key() =>
        Gen.Select(Gen.Enum<PassthroughMode>(), Key, Key, Gen.Bool).Sample(
            (mode, made, asking, known) =>
            {
                var origin = known ? new ResponseOrigin("p0", made) : null;
                var refusal = ResponseOwnership.Refusal(mode, "resp_1", origin, asking);
                var expected = mode == PassthroughMode.Models && known && made != asking;
                return (refusal is not null) == expected
                    && (refusal is null || (refusal.Kind == GatewayErrorKind.Forbidden
                        && refusal.Param == "previous_response_id"
                        && refusal.Message.Contains("'resp_1'", StringComparison.Ordinal)));
            });
}
