using CsCheck;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Config;
using Menshen.Core.Dialects;
using Menshen.Core.Errors;
using Menshen.Core.Exchanges;
using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

public class ExchangeComposerTests
{
    private static readonly Gen<(ExchangeParts Parts, Config.GatewayConfig Config)> Cases =
        Gen.Select(ExchangeGens.Parts, ExchangeGens.Config);

    // 499 is decided once: it means the client left before any answer, and nothing else.
    [Fact]
    public void Compose_status_is_499_iff_the_client_left_unanswered() =>
        Cases.Sample((parts, config) =>
            (ExchangeGens.Compose(parts, config).Status == FailedAnswer.ClientClosedStatus)
                == parts.Answer is Answer.Unanswered { ClientLeft: true });

    [Fact]
    public void Compose_gives_the_status_the_client_was_answered_with() =>
        Cases.Sample((parts, config) => ExchangeGens.Compose(parts, config).Status == parts.Answer switch
        {
            Answer.Relayed r => r.Relay.Status,
            Answer.Replayed r => r.Entry.Status,
            Answer.Refused r => OpenAiErrorBody.Status(r.Error.Kind),
            Answer.Unanswered u => FailedAnswer.Status(u),
            _ => -1,
        });

    // "client closed" is decided once: the note says so exactly when the record does, except a
    // body the client cut short, whose note says why the body could not be read.
    [Fact]
    public void Compose_client_closed_agrees_with_the_note() =>
        Cases.Sample((parts, config) =>
        {
            var actual = ExchangeGens.Compose(parts, config);
            return actual.ClientClosed == (actual.Note.Kind == NoteKind.ClientClosed
                || parts.Answer is Answer.Refused { ClientLeft: true });
        });

    [Fact]
    public void Compose_has_no_error_class_only_for_a_plain_answer() =>
        Cases.Sample((parts, config) =>
        {
            var actual = ExchangeGens.Compose(parts, config);

            var plain = parts.Answer switch
            {
                Answer.Relayed r => r.Relay.End == RelayEnd.Completed && !r.LastResort
                    // A 2xx that reported an error, or that did not end, is no answer.
                    && ((r.Relay.Usage.StreamError is null && r.Relay.Usage.AnswerEnded)
                        || r.Relay.Status is < 200 or >= 300),
                Answer.Replayed r => r.Completed,
                Answer.Refused r => r.Error.Kind == GatewayErrorKind.NoProvider,
                _ => false,
            };
            return (actual.Note.Class == ErrorClass.None) == plain;
        });

    // The one replay rule: nothing the composer marks storable is refused at write time.
    [Fact]
    public void Compose_marks_eligible_only_what_ReplayEligibility_accepts() =>
        Cases.Sample((parts, config) =>
        {
            var actual = ExchangeGens.Compose(parts, config);
            return !actual.CacheEligible || ReplayEligibility.Of(actual);
        });

    // The key is the first planned provider's body: an answer from a provider sent other bytes
    // (a failover to one that forces another model) must not be stored under it. Every other
    // condition here is one the cache stores under.
    [Fact]
    public void Compose_stores_an_answer_only_when_its_provider_was_sent_the_keyed_body() =>
        Gen.Select(Gen.Byte.Array[1, 6], Gen.Byte.Array[1, 6], Gen.Int[0, 2]).Sample(
            (keyed, sent, earlier) =>
            {
                PatchedBody Patch(byte[] body) => new(body, "gpt-4o", "gpt-4o-mini", false, false);
                var tried = Enumerable.Range(0, earlier)
                    .Select(_ => new TriedAttempt(new AttemptRecord("a", 500, null, 1), Patch(keyed)))
                    .Append(new TriedAttempt(new AttemptRecord("b", 200, null, 1), Patch(sent)));
                var body = new CapturedBody(new byte[4], 4);
                var answer = new Answer.Relayed(new RelayResult(200, "application/json", body, 4,
                    RelayEnd.Completed, new UsageReading(null, Usage.UsageSource.None, true, null,
                        null, AnswerEnded: true), 2), false);
                var parts = new ExchangeParts(
                    new RequestFacts("laptop", EndpointKind.ChatCompletions, 10, null, "a",
                        Patch(keyed)),
                    [.. tried], new CacheOutcome(CacheStatus.Miss, "key", CacheDirective.Normal),
                    answer);
                var config = TestConfigs.Valid(TestConfigs.Minimal with
                {
                    Cache = new Config.Raw.RawCache(true, null, null),
                });

                var actual = ExchangeGens.Compose(parts, config);

                var same = keyed.AsSpan().SequenceEqual(sent);
                return actual.CacheEligible == same
                    && actual.CacheRejection == (same ? CacheRejection.None
                        : CacheRejection.OtherBody);
            });

    [Fact]
    public void Compose_is_complete_only_for_an_answer_that_reached_its_end() =>
        Cases.Sample((parts, config) =>
        {
            var actual = ExchangeGens.Compose(parts, config);
            return !actual.Complete || parts.Answer is Answer.Relayed { Relay.End: RelayEnd.Completed }
                or Answer.Replayed { Completed: true };
        });

    // A stored note reads back as the same text, and as an error exactly when it was one (the
    // class of a detailed note is not stored: the reports only ask whether there was an error).
    [Fact]
    public void Compose_stores_a_note_text_that_reads_back_as_itself() =>
        Cases.Sample((parts, config) =>
        {
            var actual = ExchangeGens.Compose(parts, config);
            return ExchangeNote.Parse(actual.ErrorNote).Text == actual.ErrorNote
                && (ExchangeNote.ClassOf(actual.ErrorNote) == ErrorClass.None)
                    == (actual.Note.Class == ErrorClass.None);
        });

    // [logging] max_body_bytes bounds what the log keeps of a response, though the capture may
    // be larger for the cache; a replayable answer is kept whole (for the cache, not the log).
    [Fact]
    public void Compose_never_logs_more_of_a_response_than_the_log_cap() =>
        Cases.Sample((parts, config) =>
        {
            var actual = ExchangeGens.Compose(parts, config);
            var cap = config.Logging.MaxBodyBytes;

            var logged = actual.LoggedResponseBody;
            return cap == 0 || logged is null || logged.Bytes.Length <= cap;
        });

    // helper-58: a replayable answer over the log's cap was kept for the cache and not logged
    // at all (no body, no preview, not marked truncated). It is kept whole for the cache and
    // logged up to the cap, marked truncated.
    [Fact]
    public void Compose_logs_a_replayable_answer_over_the_log_cap_up_to_the_cap()
    {
        var body = new CapturedBody(new byte[30], 30);
        var usage = new UsageReading(new TokenUsage(3, 4, 7, null, null), UsageSource.Body, true,
            null, null, AnswerEnded: true);
        var relay = new RelayResult(200, "application/json", body, 30, RelayEnd.Completed, usage, 2);
        var parts = new ExchangeParts(
            new RequestFacts(null, Routing.EndpointKind.ChatCompletions, 10, null, "a", null),
            [new TriedAttempt(new AttemptRecord("a", 200, null, 1), null)],
            new CacheOutcome(CacheStatus.Miss, "key", Caching.CacheDirective.Normal),
            new Answer.Relayed(relay, false));
        var config = TestConfigs.Valid(TestConfigs.Minimal with
        {
            Cache = new Config.Raw.RawCache(true, 1000L, null),
            Logging = new Config.Raw.RawLogging(true, true, 8L),
        });

        var actual = ExchangeGens.Compose(parts, config);

        Assert.True(ReplayEligibility.Of(actual));
        Assert.Equal(30, actual.ResponseBody!.Bytes.Length);
        Assert.Equal((8, true), (actual.LoggedResponseBody!.Bytes.Length,
            actual.LoggedResponseBody.Truncated));
    }

    [Fact]
    public void Compose_keeps_a_replayable_answer_whole() =>
        Cases.Where((parts, _) => parts.Answer is Answer.Relayed)
            .Sample((parts, config) =>
            {
                var captured = ((Answer.Relayed)parts.Answer).Relay.Body!;

                var actual = ExchangeGens.Compose(parts, config);

                return !ReplayEligibility.Of(actual)
                    || actual.ResponseBody!.Bytes.Length == captured.Bytes.Length;
            });

    // "No price" means a provider was asked and the model has no price; a request no provider
    // was asked (refused, answered by the gateway) spent nothing, so its cost is 0.
    [Fact]
    public void Compose_costs_nothing_for_a_request_no_provider_was_asked() =>
        Cases.Where((parts, _) => parts.Attempts.IsEmpty && parts.Answer is not Answer.Replayed)
            .Sample((parts, config) => ExchangeGens.Compose(parts, config).CostUsd == 0m);

    // helper-47: a priced model read "no price" on the dashboard for requests that spent
    // nothing: a provider's own 4xx or 5xx without usage, a count_tokens call, a model list.
    // helper-48: not for an unpriced model (it stays "no price"), and not for a timeout or a
    // cut connection (the provider had the request and may have billed it).
    [Theory]
    [InlineData("POST", EndpointKind.ChatCompletions, "relayed 400", "gpt-4o", "0")]
    [InlineData("POST", EndpointKind.ChatCompletions, "relayed 500", "gpt-4o", "0")]
    [InlineData("POST", EndpointKind.ChatCompletions, "relayed 200", "gpt-4o", "null")]
    [InlineData("POST", EndpointKind.ChatCompletions, "timeout", "gpt-4o", "null")]
    [InlineData("POST", EndpointKind.ChatCompletions, "network error", "gpt-4o", "null")]
    [InlineData("POST", EndpointKind.ChatCompletions, "relayed 400", "unpriced", "null")]
    [InlineData("POST", EndpointKind.MessagesCountTokens, "relayed 200", "gpt-4o", "0")]
    [InlineData("POST", EndpointKind.MessagesCountTokens, "relayed 200", "unpriced", "null")]
    [InlineData("GET", EndpointKind.Passthrough, "relayed 200", "gpt-4o", "0", true)]
    [InlineData("GET", EndpointKind.Passthrough, "relayed 200", null, "0", true)]
    [InlineData("POST", EndpointKind.Passthrough, "relayed 200", null, "null")]
    // helper-50: a GET with a body or a method override is no plain read (an upstream may
    // serve it as a POST): not free.
    [InlineData("GET", EndpointKind.Passthrough, "relayed 200", null, "null", false)]
    [InlineData("POST", EndpointKind.Passthrough, "relayed 200", "gpt-4o", "null")]
    public void Compose_costs_a_priced_answer_without_usage_0_only_when_it_spent_nothing(
        string method, EndpointKind endpoint, string answer, string? model, string expected,
        bool plainRead = false)
    {
        // No model: a passed-through request has no patch (helper-49: a GET read "no price").
        var patch = model is null ? null : new PatchedBody(new byte[2], model, model, false, false);
        var relayed = (int status) => new Answer.Relayed(new RelayResult(status,
            "application/json", new CapturedBody(new byte[2], 2), 2, RelayEnd.Completed,
            new UsageReading(null, UsageSource.None, false, null, null, true), 2), false);
        Answer given = answer switch
        {
            "timeout" => new Answer.Unanswered(false, AttemptFailure.Timeout, false, false),
            "network error" => new Answer.Unanswered(false, AttemptFailure.NetworkError, false,
                false),
            _ => relayed(int.Parse(answer[8..], System.Globalization.CultureInfo.InvariantCulture)),
        };
        var parts = new ExchangeParts(new RequestFacts(null, endpoint, 10, null, "a", patch,
                PlainRead: plainRead),
            [new TriedAttempt(new AttemptRecord("a", 200, null, 1), patch)],
            CacheOutcome.NotCacheable, given);
        var config = TestConfigs.Valid(TestConfigs.Minimal) with
        {
            Pricing = System.Collections.Immutable.ImmutableDictionary<string, ModelPrice>.Empty
                .Add("gpt-4o", new ModelPrice(2.5m, 10m, null, null, null)),
        };

        var actual = ExchangeComposer.Compose(ExchangeGens.Start with { Method = method }, parts,
            5, config);

        Assert.Equal(expected, actual.CostUsd?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null");
    }

    [Fact]
    public void Compose_names_no_provider_for_a_replay() =>
        Gen.Select(ExchangeGens.Parts, ExchangeGens.Config)
            .Where((parts, _) => parts.Answer is Answer.Replayed)
            .Sample((parts, config) => ExchangeGens.Compose(parts, config).Provider is null);

    // An error event inside a stream that otherwise ended is the exchange's error: the status
    // stays what the client saw, the record is incomplete and not replayable.
    [Fact]
    public void Compose_records_a_stream_error_event_as_an_upstream_error() =>
        // A 2xx: an error status says so itself, and its body's `error` is no news.
        Gen.Select(ExchangeGens.Parts, ExchangeGens.Config, Gen.Bool, Gen.OneOf(200, 206))
            .Sample((parts, config, lastResort, status) =>
            {
                var relay = new RelayResult(status, "text/event-stream", new CapturedBody(new byte[5], 5), 5,
                    RelayEnd.Completed, new Dialects.UsageReading(new Usage.TokenUsage(3, 4, 7, null, null),
                        Usage.UsageSource.Stream, false, StreamError: "upstream error event mid-stream: overloaded_error"), 2);

                var actual = ExchangeGens.Compose(parts with { Answer = new Answer.Relayed(relay, lastResort) }, config);

                return actual.Note.Kind == NoteKind.UpstreamErrorEvent
                    && actual.Note.Class == ErrorClass.Upstream
                    && actual.Status == status
                    && !actual.Complete && !actual.CacheEligible;
            });

    // The end of the shutdown grace is the gateway's doing: a stream it stopped, or a request it
    // stopped waiting for, is recorded as the gateway's, never the client's leaving; the client
    // left first wins (it was gone before the gateway stopped anything).
    [Fact]
    public void Compose_records_the_gateways_stop_as_the_gateways_not_the_clients() =>
        Gen.Select(ExchangeGens.Parts, ExchangeGens.Config, Gen.Bool, Gen.Enum<AttemptFailure>())
            .Sample((parts, config, streamed, failure) =>
            {
                Answer answer = streamed
                    ? new Answer.Relayed(new RelayResult(200, "text/event-stream",
                        new CapturedBody(new byte[5], 5), 5, RelayEnd.GatewayStopped,
                        Dialects.UsageReading.Nothing, 2), LastResort: false)
                    : new Answer.Unanswered(false, failure, Passthrough: false, Stopped: true);

                var actual = ExchangeGens.Compose(parts with { Answer = answer }, config);

                return actual.Note.Kind == NoteKind.GatewayStopped
                    && actual.Note.Class == ErrorClass.Gateway
                    && actual.ErrorNote == ExchangeNote.GatewayStoppedText
                    && !actual.ClientClosed && !actual.Complete && !actual.CacheEligible
                    && actual.Status == (streamed ? 200 : 503)
                    && RelayEnds.CutsClient(RelayEnd.GatewayStopped);
            });

    // helper-54: a close-delimited body that stopped short read as a clean end to the client.
    // helper-56: one that ended with an error event was cut too, and lost its error; a 204 was
    // recorded as failed.
    [Fact]
    public void Only_a_judged_close_delimited_success_that_did_not_end_settles_as_a_failure() =>
        Gen.Select(Gen.Enum<RelayEnd>(), Gen.Int[100, 599], Gen.Bool, Gen.Bool,
            Gen.Bool, Gen.Bool).Sample((end, status, closeDelimited, judged, ended, errorEvent) =>
            {
                var usage = new UsageReading(null, UsageSource.None, ended,
                    StreamError: errorEvent ? "server_error: overloaded" : null,
                    AnswerEnded: ended);
                var settled = RelayEnds.Settle(end, status, closeDelimited, judged, usage);
                var cutShort = end == RelayEnd.Completed && closeDelimited && judged && !ended
                    && !errorEvent && status / 100 == 2 && status is not (204 or 205);
                return settled == (cutShort ? RelayEnd.UpstreamFailed : end)
                    && (!cutShort || RelayEnds.CutsClient(settled));
            });

    [Fact]
    public void A_client_gone_before_the_gateway_stopped_is_recorded_as_gone() =>
        Gen.Enum<AttemptFailure>().Sample(failure =>
            FailedAnswer.Error(new Answer.Unanswered(true, failure, false, Stopped: true)) is null
            && FailedAnswer.Status(new Answer.Unanswered(true, failure, false, true))
                == FailedAnswer.ClientClosedStatus);

    // Affinity remembers a response id only from a provider's own successful answer.
    [Fact]
    public void Compose_keeps_the_response_id_only_of_a_relayed_2xx_answer() =>
        Gen.Select(ExchangeGens.Parts, ExchangeGens.Config).Sample((parts, config) =>
        {
            var expected = parts.Answer is Answer.Relayed { Relay: var relay }
                && relay.Status is >= 200 and < 300
                ? relay.Usage.ResponseId
                : null;

            var actual = ExchangeGens.Compose(parts, config).ResponseId;

            return actual == expected;
        });

    // A refused request's model is the client's text: kept, but never more than a name's worth.
    [Fact]
    public void Compose_keeps_at_most_a_names_worth_of_each_model() =>
        Cases.Sample((parts, config) =>
        {
            var actual = ExchangeGens.Compose(parts, config);
            var used = parts.Attempts.IsEmpty ? parts.Request.FirstPatch
                : parts.Attempts[^1].Patch ?? parts.Request.FirstPatch;
            var asked = used?.RequestedModel;

            return new[] { actual.RequestedModel, actual.EffectiveModel, actual.ResolvedModel }
                    .All(m => m is null || m.Length <= ModelName.MaxLength + 1)
                && actual.RequestedModel == (asked is { Length: > ModelName.MaxLength }
                    ? asked[..ModelName.MaxLength] + "…" : asked);
        });

    // A 502 or 504 says how each attempt failed (the audit row's own words), so the client sees
    // more than "something failed"; never which provider (a host name may be internal).
    [Fact]
    public void A_failed_answer_says_how_each_attempt_failed() =>
        Gen.Select(Gen.Enum<AttemptFailure>(), Gen.Bool, Gen.Bool,
                Gen.Select(Gen.OneOf("10.0.3.7", "backup", "local"),
                    Gen.OneOf<string?>("upstream connection failed", "upstream timeout waiting for response headers", null),
                    (name, error) => new AttemptRecord(name, error is null ? 503 : null, error, 1)).Array[0, 3])
            .Sample((failure, passthrough, stopped, attempts) =>
            {
                var unanswered = new Answer.Unanswered(false, failure, passthrough, stopped);

                var error = FailedAnswer.Error(unanswered, attempts)!;

                return error.Kind == FailedAnswer.Error(unanswered)!.Kind
                    && (stopped || attempts.All(a => error.Message.Contains(a.Error ?? "status 503",
                        StringComparison.Ordinal)))
                    && attempts.All(a => !error.Message.Contains(a.Provider, StringComparison.Ordinal));
            });

    // The gateway's own error is what the client was told: the record keeps the body it sent
    // as the response, whole and as JSON, when response bodies are logged; nothing otherwise.
    [Fact]
    public void Compose_keeps_the_error_body_the_gateway_sent_only_when_bodies_are_logged() =>
        Gen.Select(Gen.Byte.Array[1, 300], Gen.Bool, Gen.Bool).Sample((sent, logged, refused) =>
        {
            Answer answer = refused
                ? new Answer.Refused(new GatewayError(GatewayErrorKind.BadRequest, "why"), false,
                    sent)
                : new Answer.Unanswered(false, AttemptFailure.NetworkError, false, Sent: sent);
            var parts = new ExchangeParts(new RequestFacts(null, EndpointKind.ChatCompletions), [],
                CacheOutcome.NotCacheable, answer);
            var config = TestConfigs.Valid(TestConfigs.Minimal with
            {
                Logging = new Config.Raw.RawLogging(null, logged, null),
            });

            var actual = ExchangeGens.Compose(parts, config);

            return actual.ResponseBytes == sent.Length && (logged
                ? actual.LoggedResponseBody is { Truncated: false } body
                    && body.Bytes.Span.SequenceEqual(sent)
                    && actual.ResponseContentType == "application/json"
                : actual.ResponseBody is null && actual.ResponseContentType is null);
        });

    // Nothing sent (the client had left, or the answer had begun): no body is made up.
    [Fact]
    public void Compose_keeps_no_error_body_when_none_was_sent()
    {
        var parts = new ExchangeParts(new RequestFacts(null, EndpointKind.ChatCompletions), [],
            CacheOutcome.NotCacheable, new Answer.Unanswered(true, AttemptFailure.None, false));

        var actual = ExchangeGens.Compose(parts, TestConfigs.Valid(TestConfigs.Minimal));

        Assert.Equal((null, null, 0L),
            (actual.ResponseBody, actual.ResponseContentType, actual.ResponseBytes));
    }
}
