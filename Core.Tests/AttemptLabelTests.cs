using CsCheck;
using Menshen.Core.Audit;
using Menshen.Core.Exchanges;
using Menshen.Core.Metrics;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class AttemptLabelTests
{
    [Fact]
    public void An_answered_attempt_is_labelled_by_its_status_else_timeout_client_closed_or_error() =>
        Gen.Select(Gen.Frequency((1, Gen.Const((int?)null)), (3, Gen.Int[100, 599].Select(i => (int?)i))),
                Gen.OneOf<string?>(null, AttemptErrors.HeaderTimeout,
                    AttemptErrors.IdleBeforeFirstByte, "upstream connection failed",
                    ExchangeNote.ClientClosedText,
                    "gateway shut down before the upstream answered"))
            .Sample((status, error) =>
            {
                var label = AttemptLabel.Outcome(new AttemptRecord("p", status, error, 1));

                return status is { } s ? label == s.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : label == (error is not null && error.Contains("timeout", StringComparison.Ordinal)
                        ? "timeout" : error == "client_closed" ? "client_closed" : "error");
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

    // The metrics count exactly the requests the reports count as errors.
    [Fact]
    public void An_error_class_is_labelled_exactly_for_the_requests_the_reports_count() =>
        Gen.Select(Gen.Int[100, 599], Gen.Enum<ErrorClass>()).Sample((status, note) =>
        {
            var label = ErrorLabel.Of(status, note);
            var row = new Reports.ReportRow(0, null, null, null, false, status, note, null, null,
                null, null, null, null, 0);

            return (label is not null) == row.IsError
                && (label is null || note == ErrorClass.None
                    ? label is null || label == (status < 500 ? "client" : "upstream")
                    : string.Equals(label, note.ToString(), StringComparison.OrdinalIgnoreCase));
        });

    [Theory]
    [InlineData(200, NoteKind.None, false)]
    [InlineData(404, NoteKind.None, false)]
    [InlineData(503, NoteKind.None, true)]
    [InlineData(200, NoteKind.UpstreamFailedMidStream, true)]
    [InlineData(200, NoteKind.UpstreamIdleMidStream, true)]
    [InlineData(200, NoteKind.UpstreamErrorEvent, true)]
    [InlineData(200, NoteKind.GatewayStopped, true)]
    [InlineData(200, NoteKind.ClientClosed, false)]
    [InlineData(499, NoteKind.ClientClosed, false)]
    public void A_log_line_warns_for_a_server_error_or_an_answer_broken_after_its_status(
        int status, NoteKind note, bool expected)
    {
        var actual = Logging.RequestLogFields.Warns(status, new ExchangeNote(note).Class);

        Assert.Equal(expected, actual);
    }
}
