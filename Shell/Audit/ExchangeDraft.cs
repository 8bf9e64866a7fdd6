using System.Collections.Immutable;
using System.Diagnostics;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Shell.Audit;

/// The request path's notes while it works; frozen once into an immutable <see cref="Exchange"/>.
public sealed class ExchangeDraft(long id, DateTimeOffset startedAt, string method, string path)
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly ImmutableArray<AttemptRecord>.Builder _attempts = ImmutableArray.CreateBuilder<AttemptRecord>();

    public long Id => id;
    public string? ClientKey { get; set; }
    public EndpointKind Endpoint { get; set; }
    public string? Provider { get; set; }
    public string? RequestedModel { get; set; }
    public string? EffectiveModel { get; set; }
    public bool Stream { get; set; }
    public int Status { get; set; }
    public double? TtfbMs { get; private set; }
    public string? ErrorNote { get; set; }
    public bool ClientClosed { get; set; }
    public long RequestBytes { get; set; }
    public long ResponseBytes { get; set; }
    public CapturedBody? RequestBody { get; set; }
    public CapturedBody? ResponseBody { get; set; }
    public string? ResponseContentType { get; set; }
    public bool Complete { get; set; }
    public TokenUsage? Usage { get; set; }
    public UsageSource UsageSource { get; set; }
    public decimal? CostUsd { get; set; }
    public CacheStatus Cache { get; set; }
    public long? CacheSourceId { get; set; }
    public string? CacheKey { get; set; }
    public bool CacheEligible { get; set; }
    public bool LogResponseBody { get; set; } = true;

    public IReadOnlyList<AttemptRecord> Attempts => _attempts;

    public double ElapsedMs => Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds;

    public void AddAttempt(string provider, int? status, string? error, double durationMs) =>
        _attempts.Add(new AttemptRecord(provider, status, error, durationMs));

    public void MarkFirstByte() => TtfbMs ??= ElapsedMs;

    public Exchange Freeze() => new()
    {
        Id = id,
        StartedAt = startedAt,
        ClientKey = ClientKey,
        Method = method,
        Path = path,
        Endpoint = Endpoint,
        Provider = Provider,
        RequestedModel = RequestedModel,
        EffectiveModel = EffectiveModel,
        Stream = Stream,
        Status = Status,
        DurationMs = ElapsedMs,
        TtfbMs = TtfbMs,
        Attempts = _attempts.ToImmutable(),
        ErrorNote = ErrorNote,
        ClientClosed = ClientClosed,
        RequestBytes = RequestBytes,
        ResponseBytes = ResponseBytes,
        RequestBody = RequestBody,
        ResponseBody = ResponseBody,
        ResponseContentType = ResponseContentType,
        Complete = Complete,
        Usage = Usage,
        UsageSource = UsageSource,
        CostUsd = CostUsd,
        Cache = Cache,
        CacheSourceId = CacheSourceId,
        CacheKey = CacheKey,
        CacheEligible = CacheEligible,
        ResponseBodyForLog = LogResponseBody,
    };
}
