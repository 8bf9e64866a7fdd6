using System.Collections.Immutable;
using Menshen.Core.Caching;
using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Audit;

/// One proxied request as the audit sees it: produced once by the request path, never mutated.
public sealed record Exchange
{
    public required long Id { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public string? ClientKey { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required EndpointKind Endpoint { get; init; }
    public string? Provider { get; init; }
    public string? RequestedModel { get; init; }
    public string? EffectiveModel { get; init; }

    /// The client's model after alias resolution (SPEC §13), before a provider's forced `model`.
    public string? ResolvedModel { get; init; }
    public bool Stream { get; init; }
    public int Status { get; init; }
    public double DurationMs { get; init; }
    public double? TtfbMs { get; init; }
    public ImmutableArray<AttemptRecord> Attempts { get; init; } = [];

    /// Why the exchange did not end as a plain answer (the closed set); `ErrorNote` is its text.
    public ExchangeNote Note { get; init; } = ExchangeNote.None;

    /// The stored text of <see cref="Note"/> (the `error` column); null for none.
    public string? ErrorNote => Note.Text;

    public bool ClientClosed { get; init; }
    public long RequestBytes { get; init; }
    public long ResponseBytes { get; init; }
    public CapturedBody? RequestBody { get; init; }
    public CapturedBody? ResponseBody { get; init; }

    /// False when `[logging] log_response_body` is off: the body is kept only as a cache entry.
    public bool ResponseBodyForLog { get; init; } = true;

    /// How many bytes of ResponseBody the log shows, when fewer than all: a replayable answer
    /// over `[logging] max_body_bytes` is kept whole for the cache and logged up to the cap.
    public long? ResponseLogLimit { get; init; }

    /// The response body as the log shows it: null when not logged, else cut to
    /// ResponseLogLimit (and so marked truncated).
    public CapturedBody? LoggedResponseBody =>
        !ResponseBodyForLog || ResponseBody is not { } body ? null
        : ResponseLogLimit is { } limit && body.Bytes.Length > limit
            ? body with { Bytes = body.Bytes[..(int)limit] }
            : body;
    public string? ResponseContentType { get; init; }

    /// True when a stream ended properly (`[DONE]` or `response.completed`), or a plain body was
    /// read whole.
    public bool Complete { get; init; }

    /// Null when the usage could not be read (`UsageSource.None`): never recorded as zeros.
    public TokenUsage? Usage { get; init; }
    public UsageSource UsageSource { get; init; }

    /// Null when the model has no price ("no price"), never 0 for an unpriced model.
    public decimal? CostUsd { get; init; }

    public CacheStatus Cache { get; init; }

    /// For a hit: the id of the request whose stored response was replayed.
    public long? CacheSourceId { get; init; }

    /// The cache key of a cacheable request (hex SHA-256), and whether its response may be
    /// replayed.
    public string? CacheKey { get; init; }
    public bool CacheEligible { get; init; }

    /// The id of the response a provider produced (`resp_…` of a `responses` answer, 2xx only):
    /// affinity finds the provider of a `previous_response_id` by it after a restart.
    public string? ResponseId { get; init; }

    /// Why a cacheable answer was not stored (`None` when stored, or when there was no lookup).
    public CacheRejection CacheRejection { get; init; }
}

/// A body as captured for the audit: at most the configured cap, with the untruncated size.
public sealed record CapturedBody(ReadOnlyMemory<byte> Bytes, long TotalBytes)
{
    public bool Truncated => TotalBytes > Bytes.Length;
}
