using CsCheck;
using Menshen.Core.Audit;
using Menshen.Core.Metrics;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class AttemptLabelTests
{
    [Fact]
    public void An_answered_attempt_is_labelled_by_its_status_else_timeout_or_error() =>
        Gen.Select(Gen.Frequency((1, Gen.Const((int?)null)), (3, Gen.Int[100, 599].Select(i => (int?)i))),
                Gen.OneOf<string?>(null, AttemptErrors.HeaderTimeout,
                    AttemptErrors.IdleBeforeFirstByte, "upstream connection failed",
                    "gateway shut down before the upstream answered"))
            .Sample((status, error) =>
            {
                var label = AttemptLabel.Outcome(new AttemptRecord("p", status, error, 1));

                return status is { } s ? label == s.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : label == (error is not null && error.Contains("timeout", StringComparison.Ordinal)
                        ? "timeout" : "error");
            });
}
