using System.Globalization;
using Menshen.Core.Audit;
using Menshen.Core.Caching;
using Menshen.Core.Metrics;
using Prometheus;

namespace Menshen.Shell.Metrics;

/// The gateway's Prometheus metrics, in a registry of its own (so two gateways in one process, as
/// in
/// tests, never share counters). Fed from finished exchanges, never from the request path itself.
public sealed class GatewayMetrics
{
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly Counter _requests;
    private readonly Counter _errors;
    private readonly Counter _tokens;
    private readonly Counter _refusalsUnrecorded;
    private readonly Counter _cost;
    private readonly Counter _cacheHits;
    private readonly Counter _failovers;
    private readonly Histogram _upstreamSeconds;
    private readonly Histogram _requestSeconds;
    private readonly Gauge _auditQueue;
    private readonly HashSet<string> _models = new(StringComparer.Ordinal);

    public GatewayMetrics(Func<int>? auditQueueDepth = null, Func<long>? spoolDepth = null,
        Func<long>? auditRowsLost = null)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(_registry);
        _requests = factory.CreateCounter("menshen_requests_total",
            "Proxied requests by endpoint, provider and status.",
            new CounterConfiguration { LabelNames = ["endpoint", "provider", "status"] });
        _errors = factory.CreateCounter("menshen_request_errors_total",
            "Requests the reports count as errors (a status of 400 or more, or a note: a stream "
            + "cut mid-way, a client that left) by endpoint, provider and class (client, "
            + "upstream, gateway).",
            new CounterConfiguration { LabelNames = ["endpoint", "provider", "class"] });
        _tokens = factory.CreateCounter("menshen_tokens_total",
            "Tokens by model and kind (prompt, completion, cached, reasoning, cache_write, "
            + "cache_write_1h). cached, cache_write and cache_write_1h are parts of prompt, "
            + "reasoning of completion, cache_write_1h of cache_write.",
            new CounterConfiguration { LabelNames = ["model", "kind"] });
        _cost = factory.CreateCounter("menshen_cost_usd_total",
            "Cost in USD of priced requests, by model.",
            new CounterConfiguration { LabelNames = ["model"] });
        _cacheHits = factory.CreateCounter("menshen_cache_hits_total",
            "Requests answered from the cache.");
        _failovers = factory.CreateCounter("menshen_failovers_total",
            "Attempts that moved on to another provider, by the provider left.",
            new CounterConfiguration { LabelNames = ["provider"] });
        _upstreamSeconds = factory.CreateHistogram("menshen_upstream_attempt_seconds",
            "Upstream attempt latency (to the first byte) by provider and outcome.",
            new HistogramConfiguration
            {
                LabelNames = ["provider", "outcome"],
                Buckets = Histogram.ExponentialBuckets(0.005, 2, 14)
            });
        _requestSeconds = factory.CreateHistogram("menshen_request_seconds",
            "Whole request duration by endpoint.",
            new HistogramConfiguration
            {
                LabelNames = ["endpoint"],
                // 5 ms to ~11 min: an agent's long stream is a request too.
                Buckets = Histogram.ExponentialBuckets(0.005, 2, 18)
            });
        _refusalsUnrecorded = factory.CreateCounter("menshen_refusals_unrecorded_total",
            "Requests refused before routing (Host, Origin, cross-site, path, method, a missing "
            + "or wrong client key) beyond the audit's budget of 30 at once and 1 a second per "
            + "kind: answered, not recorded.");
        _auditQueue = factory.CreateGauge("menshen_audit_queue_depth",
            "Exchanges waiting for the audit writer.");
        if (auditQueueDepth is not null) _registry.AddBeforeCollectCallback(() =>
            _auditQueue.Set(auditQueueDepth()));
        // What an operator alerts on: each is also a CRIT "AUDIT RECORD LOST" line (helper-60).
        if (auditRowsLost is not null)
        {
            var lost = factory.CreateCounter("menshen_audit_rows_lost_total",
                "Audit rows the database refused and the writer gave up on (each logged).");
            _registry.AddBeforeCollectCallback(() => lost.IncTo(auditRowsLost()));
        }
        if (spoolDepth is null) return;
        var spool = factory.CreateGauge("menshen_audit_spool_depth",
            "Audit rows waiting in the local spool for the shared database (SPEC §15).");
        _registry.AddBeforeCollectCallback(() => spool.Set(spoolDepth()));
    }

    public void Observe(Exchange exchange)
    {
        var endpoint = EndpointNames.Of(exchange.Endpoint);
        var provider = exchange.Provider ?? (exchange.Cache == CacheStatus.Hit ? "cache" : "none");
        // Labels as spans (collection expressions): prometheus-net takes them without an array
        // when the series exists, which is every request but a series' first.
        _requests.WithLabels([endpoint, provider,
            exchange.Status.ToString(CultureInfo.InvariantCulture)]).Inc();
        _requestSeconds.WithLabels([endpoint]).Observe(exchange.DurationMs / 1000);
        if (ErrorLabel.Of(exchange.Status, exchange.Note.Class) is { } errorClass)
            _errors.WithLabels([endpoint, provider, errorClass]).Inc();
        if (exchange.Cache == CacheStatus.Hit) _cacheHits.Inc();
        else ObserveSpend(exchange);
        for (var i = 0; i < exchange.Attempts.Length; i++)
        {
            var attempt = exchange.Attempts[i];
            _upstreamSeconds.WithLabels([attempt.Provider,
                AttemptLabel.Outcome(attempt)]).Observe(attempt.DurationMs / 1000);
            if (i < exchange.Attempts.Length - 1) _failovers.WithLabels([attempt.Provider]).Inc();
        }
    }

    public Task WriteAsync(Stream output, CancellationToken cancellationToken) =>
        _registry.CollectAndExportAsTextAsync(output, cancellationToken);

    // Clients choose model names: past LabelBudget's limit they share the `other` series.
    private string BoundedModel(string model)
    {
        lock (_models)
        {
            var label = LabelBudget.Bound(_models, model);
            _models.Add(label);
            return label;
        }
    }

    /// A refusal answered without an audit row (RefusalBudget).
    public void RefusalUnrecorded() => _refusalsUnrecorded.Inc();

    private void ObserveSpend(Exchange exchange)
    {
        if (exchange.Usage is not { } usage) return;
        var model = BoundedModel(exchange.EffectiveModel ?? "unknown");
        _tokens.WithLabels([model, "prompt"]).Inc(usage.PromptTokens);
        _tokens.WithLabels([model, "completion"]).Inc(usage.CompletionTokens);
        if (usage.CachedTokens is { } cached) _tokens.WithLabels([model, "cached"]).Inc(cached);
        if (usage.ReasoningTokens is { } reasoning)
            _tokens.WithLabels([model, "reasoning"]).Inc(reasoning);
        // Anthropic prompt-cache writes: `cache_write` all of them, as the report's
        // cache_write_tokens (helper-67: it counted the 5-minute ones only), `cache_write_1h`
        // the part kept an hour, as `cached` is a part of `prompt`.
        if (usage.CacheWrite5mTokens is not null || usage.CacheWrite1hTokens is not null)
        {
            _tokens.WithLabels([model, "cache_write"]).Inc(
                (usage.CacheWrite5mTokens ?? 0) + (usage.CacheWrite1hTokens ?? 0));
        }
        if (usage.CacheWrite1hTokens is { } writtenHour)
            _tokens.WithLabels([model, "cache_write_1h"]).Inc(writtenHour);
        if (exchange.CostUsd is { } cost) _cost.WithLabels([model]).Inc((double)cost);
    }
}
