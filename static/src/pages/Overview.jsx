import { useMemo } from 'preact/hooks';
import { useInterval, useReport } from '../hooks.js';
import { navigate, href } from '../router.js';
import { fillSeries } from '../series.js';
import { browserTimeZone, fmtCompact, fmtCost, fmtInt, fmtMs, fmtPct, ratio } from '../format.js';
import { Card } from '../components/Card.jsx';
import { StackedChart } from '../components/StackedChart.jsx';
import { Loaded } from '../components/States.jsx';
import { BreakdownTable } from '../components/BreakdownTable.jsx';

export const PERIODS = [
  { days: 1, label: '24 h', bucket: 'hour' },
  { days: 7, label: '7 days', bucket: 'day' },
  { days: 14, label: '14 days', bucket: 'day' },
  { days: 30, label: '30 days', bucket: 'day' },
  { days: 90, label: '90 days', bucket: 'day' },
];
const PERIOD_KEY = 'menshen.period';

// Module constants: the chart rebuilds only when these identities change.
const TOKEN_LAYERS = [
  { label: 'Prompt', color: '--c-prompt', get: (r) => r.prompt_tokens },
  { label: 'Completion', color: '--c-completion', get: (r) => r.completion_tokens },
];
const REQUEST_LAYERS = [
  { label: 'OK', color: '--c-ok', get: (r) => r.request_count - r.error_requests - r.cache_hits },
  { label: 'Cached', color: '--c-cached', get: (r) => r.cache_hits },
  { label: 'Error', color: '--c-error', get: (r) => r.error_requests },
];

export function currentPeriod(params) {
  let days = Number(params.get('days'));
  if (!PERIODS.some((p) => p.days === days)) {
    try { days = Number(localStorage.getItem(PERIOD_KEY)); } catch { days = 0; }
  }
  return PERIODS.find((p) => p.days === days) ?? PERIODS[2];
}

function PeriodPicker({ period }) {
  const pick = (p) => {
    try { localStorage.setItem(PERIOD_KEY, String(p.days)); } catch { /* ignore */ }
    navigate(href('/', { days: p.days }), { replace: true });
  };
  return (
    <div class="seg" role="group" aria-label="Period">
      {PERIODS.map((p) => (
        <button type="button" key={p.days} class={p === period ? 'on' : ''} aria-pressed={p === period} onClick={() => pick(p)}>{p.label}</button>
      ))}
    </div>
  );
}

function Cards({ s }) {
  const saved = s.saved_cost_usd;
  return (
    <div class="cards">
      <Card label="Requests" value={fmtCompact(s.total_requests)} title={fmtInt(s.total_requests)}
        sub={`${fmtInt(s.cache_hits)} from cache`} />
      <Card label="Error rate" value={fmtPct(ratio(s.error_requests, s.total_requests))}
        tone={s.error_requests > 0 ? 'err' : null} sub={`${fmtInt(s.error_requests)} errors`} />
      <Card label="Total tokens" value={fmtCompact(s.total_tokens)}
        title={`${fmtInt(s.total_tokens)} tokens: ${fmtInt(s.prompt_tokens)} prompt (${fmtInt(s.cached_tokens)} read from and ${fmtInt(s.cache_write_tokens)} written to the provider's prompt cache), ${fmtInt(s.completion_tokens)} completion (${fmtInt(s.reasoning_tokens)} reasoning)`}
        sub={`${fmtCompact(s.prompt_tokens)} in · ${fmtCompact(s.completion_tokens)} out`} />
      <Card label="Cost" value={s.cost_usd == null ? '—' : fmtCost(s.cost_usd)}
        title={s.cost_usd == null ? 'No price configured for these models' : `${s.cost_usd} USD`}
        sub={s.cost_usd == null ? 'no price' : 'USD, priced models'} />
      <Card label="Cache hit rate" value={fmtPct(ratio(s.cache_hits, s.total_requests))}
        sub={`${fmtInt(s.cache_hits)} of ${fmtInt(s.total_requests)} requests`} />
      <Card label="Saved by cache" value={fmtCompact(s.saved_tokens)} title={`${fmtInt(s.saved_tokens)} tokens`}
        sub={saved == null ? 'tokens · no price' : `tokens · ${fmtCost(saved)}`} tone={s.saved_tokens > 0 ? 'good' : null} />
      <Card label="Provider prompt cache" value={fmtCompact(s.cached_tokens)}
        title={`${fmtInt(s.cached_tokens)} prompt tokens read from the providers' prompt caches, ${fmtInt(s.cache_write_tokens)} written to them (${fmtInt(s.cache_write_5m_tokens)} for 5 min, ${fmtInt(s.cache_write_1h_tokens)} for 1 h)`}
        sub={`tokens read · ${fmtCompact(s.cache_write_tokens ?? 0)} written`} />
      <Card label="Latency" value={s.total_requests ? fmtMs(s.p50_ms) : '—'} sub={s.total_requests ? `p50 · p95 ${fmtMs(s.p95_ms)}` : 'p50 · p95'} />
    </div>
  );
}

// One skeleton card per card of <Cards>, in its order, so the grid does not jump on load.
const CARD_LABELS = ['Requests', 'Error rate', 'Total tokens', 'Cost', 'Cache hit rate',
  'Saved by cache', 'Provider prompt cache', 'Latency'];

function CardsLoading() {
  return <div class="cards" aria-busy="true">{CARD_LABELS.map((l) => <Card key={l} label={l} value={'\u00a0'} sub={'\u00a0'} loading />)}</div>;
}

const noRequests = (rows) => !rows.some((r) => r.request_count > 0);

export function Overview({ params, tick, theme, refresh }) {
  const period = currentPeriod(params);
  const { days, bucket } = period;
  const tz = browserTimeZone();
  const summary = useReport('summary', { days }, tick);
  const series = useReport('series', { days, bucket, tz }, tick);
  const models = useReport('models', { days }, tick);
  const providers = useReport('providers', { days }, tick);
  const keys = useReport('keys', { days }, tick);
  useInterval(refresh, 60000, true);

  const rows = useMemo(() => (series.data ? fillSeries(series.data, { now: Date.now(), days, bucket }) : null), [series.data, days, bucket]);
  const seriesRes = { ...series, data: rows };

  return (
    <div class="page">
      <div class="toolbar">
        <h1>Overview</h1>
        <PeriodPicker period={period} />
        <span class="spacer" />
        <span class="muted small" title="Buckets follow this browser's time zone">{tz}</span>
      </div>

      <Loaded res={summary} onRetry={refresh} loading={<CardsLoading />}>{(s) => <Cards s={s} />}</Loaded>

      <div class="grid-2">
        <section class="panel">
          <header class="panel-head"><h2>Tokens</h2><span class="muted small">per {bucket}</span></header>
          <Loaded res={seriesRes} onRetry={refresh} isEmpty={noRequests}>
            {(r) => <StackedChart rows={r} bucket={bucket} layers={TOKEN_LAYERS} theme={theme} title={`Prompt and completion tokens per ${bucket}`} />}
          </Loaded>
        </section>
        <section class="panel">
          <header class="panel-head"><h2>Requests</h2><span class="muted small">per {bucket}</span></header>
          <Loaded res={seriesRes} onRetry={refresh} isEmpty={noRequests}>
            {(r) => <StackedChart rows={r} bucket={bucket} layers={REQUEST_LAYERS} theme={theme} title={`Requests per ${bucket}: OK, cached and errors`} />}
          </Loaded>
        </section>
      </div>

      <BreakdownTable title="By model" res={models} field="model" days={days} onRetry={refresh} />
      <BreakdownTable title="By provider" res={providers} field="provider" days={days} onRetry={refresh} withErrors />
      <BreakdownTable title="By client key" res={keys} field="key" days={days} onRetry={refresh} withErrors />
    </div>
  );
}
