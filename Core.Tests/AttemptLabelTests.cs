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
    [Fact]
    public void A_stream_failed_over_by_its_opening_error_event_is_labelled_by_what_it_stands_for() =>
        Gen.Select(Gen.OneOf(Gen.Const("overloaded_error"), Gen.Const("rate_limit_error"),
                Gen.Const("api_error"), Gen.Const("503"), Gen.Const("")),
                // A message of more than one word: a lone word reads as a type (TypeOf).
                Gen.String[0, 40].Select(m => "busy " + m))
            .Sample((type, message) =>
            {
                var note = Usage.StreamErrorText.AtStart(type, message);
                var label = AttemptLabel.Outcome(new AttemptRecord("p", 200, note, 1));
                var midStream = AttemptLabel.Outcome(
                    new AttemptRecord("p", 200, Usage.StreamErrorText.Of(type, message), 1));

                return label == Usage.StreamErrorStatus.Of(type)
                        .ToString(System.Globalization.CultureInfo.InvariantCulture)
                    && midStream == "200";
            });
}
