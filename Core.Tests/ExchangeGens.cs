using System.Collections.Immutable;
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

/// Generators of the request path's step results, every combination of outcomes included.
public static class ExchangeGens
{
    public static readonly ExchangeStart Start = new(7, RoutingGens.Epoch, "POST", "/v1/chat/completions");

    public static readonly Gen<GatewayConfig> Config = Gen.Select(Gen.Bool, Gen.OneOf(0L, 10L, 1000L),
        Gen.Bool, Gen.OneOf(0L, 8L, 20L, 8_388_608L),
        (enabled, max, logResponse, logCap) => TestConfigs.Valid(TestConfigs.Minimal with
        {
            Cache = new Config.Raw.RawCache(enabled, max, null),
            Logging = new Config.Raw.RawLogging(true, logResponse, logCap),
        }));

    private static readonly Gen<TokenUsage?> Usage = Gen.OneOf(
        Gen.Const((TokenUsage?)null), Gen.Const((TokenUsage?)new TokenUsage(3, 4, 7, null, null)));

    private static readonly Gen<string?> StreamError = Gen.Frequency(
        (3, Gen.Const((string?)null)), (1, Gen.Const((string?)"upstream error event mid-stream: overloaded_error")));

    private static readonly Gen<CapturedBody> Body = Gen.Select(Gen.Int[0, 40], Gen.Int[0, 40],
        (kept, extra) => new CapturedBody(new byte[kept], kept + extra));

    // Mostly a plain model; now and then one over the limit (refused, but still recorded).
    private static readonly Gen<string> Model = Gen.Frequency(
        (4, Gen.Const("gpt-4o")), (1, Gen.Int[1, 3 * ModelName.MaxLength].Select(n => new string('m', n))));

    private static readonly Gen<PatchedBody> Patch = Gen.Select(Gen.Bool, Gen.Bool, Model,
        (stream, hide, model) => new PatchedBody(new byte[2], model, "gpt-4o-mini", stream, hide));

    private static readonly Gen<TriedAttempt> Attempt = Gen.Select(
        Gen.OneOf("a", "b", "c"), Gen.OneOf<int?>(null, 200, 429, 500),
        Gen.OneOf<string?>(null, "upstream connection failed"), Patch,
        (provider, status, error, patch) => new TriedAttempt(
            new AttemptRecord(provider, status, status is null ? error ?? AttemptErrors.HeaderTimeout : null, 1), patch));

    private static readonly Gen<RelayResult> Relay = Gen.Select(
        Gen.OneOf(200, 200, 400, 429, 500), Gen.OneOf<string?>(null, "application/json", "text/event-stream"),
        Body, Gen.Enum<RelayEnd>(), Gen.Select(Usage, Gen.Bool, Gen.OneOf<string?>(null, "resp_1"), StreamError, Gen.Bool,
            (u, done, id, error, ended) => new UsageReading(
                u, u is null ? UsageSource.None : UsageSource.Stream, done && error is null, id, error,
                AnswerEnded: done || ended)),
        (status, type, body, end, usage) => new RelayResult(status, type, body, body.TotalBytes, end, usage, 2));

    private static readonly Gen<CacheEntry> Entry = Gen.Select(Gen.OneOf(200, 200), Usage,
        (status, usage) => new CacheEntry(3, status, "application/json", new byte[5], usage, 0.01m, RoutingGens.Epoch));

    public static readonly Gen<Answer> Answer = Gen.OneOf<Answer>(
        Gen.Select(Relay, Gen.Bool, (r, last) => new Answer.Relayed(r, last)),
        Gen.Select(Entry, Gen.Bool, (e, done) => new Answer.Replayed(e, done, 1)),
        Gen.Select(Gen.Enum<GatewayErrorKind>().Where(k => k != GatewayErrorKind.BadParameter), Gen.Bool,
            (kind, left) => new Answer.Refused(new GatewayError(kind, "why"), left)),
        Gen.Select(Gen.Bool, Gen.Enum<AttemptFailure>(), Gen.Bool, Gen.Bool,
            (left, failure, passthrough, stopped) =>
                new Answer.Unanswered(left, failure, passthrough, stopped)));

    private static readonly Gen<CacheOutcome> Cache = Gen.OneOf(
        Gen.Const(CacheOutcome.NotCacheable),
        Gen.Select(Gen.OneOf(CacheStatus.Miss, CacheStatus.Bypass), Gen.Enum<CacheDirective>(),
            (status, directive) => new CacheOutcome(status, "key", directive)));

    public static readonly Gen<ExchangeParts> Parts = Gen.Select(
        Gen.Select(Gen.OneOf<string?>(null, "laptop"), Gen.Enum<EndpointKind>(), Patch.Null(),
            (key, kind, patch) => new RequestFacts(key, kind, 10, null, "a", patch)),
        Attempt.Array[0, 3], Cache, Answer,
        (facts, attempts, cache, answer) => new ExchangeParts(facts, [.. attempts], cache, answer));

    public static Exchange Compose(ExchangeParts parts, GatewayConfig config) =>
        ExchangeComposer.Compose(Start, parts, 5, config);

    public static ImmutableArray<NoteKind> AllNotes => [.. Enum.GetValues<NoteKind>()];
}
