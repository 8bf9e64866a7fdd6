using System.Collections.Immutable;

namespace Menshen.Core.Exchanges;

/// Everything the steps of one request returned, ready to be composed into its audit record.
public sealed record ExchangeParts(
    RequestFacts Request,
    ImmutableArray<TriedAttempt> Attempts,
    CacheOutcome Cache,
    Answer Answer);
