import { useMemo } from 'preact/hooks';
import { DataTable } from './DataTable.jsx';
import { Loaded } from './States.jsx';
import { href } from '../router.js';
import { fmtCost, fmtInt, fmtMs, fmtName, fmtPct, ratio } from '../format.js';

// The "by model / provider / client key" tables of the overview. A row links to the audit
// log filtered on that value.

const blank = (v) => (v == null || v === '' ? null : v);

function columnsFor(field, withErrors, maxTokens) {
  const name = {
    id: 'name', label: field === 'key' ? 'Client key' : field[0].toUpperCase() + field.slice(1),
    value: (r) => blank(r[field]),
    render: (r) => (blank(r[field]) == null ? <span class="muted" title={NO_VALUE_TITLE[field]}>{field === 'key' ? '(no key)' : '(none)'}</span> : fmtName(r[field])),
  };
  const cols = [name, { id: 'req', label: 'Requests', num: true, value: (r) => r.request_count, render: (r) => fmtInt(r.request_count) }];
  if (withErrors) {
    cols.push({ id: 'err', label: 'Errors', num: true, value: (r) => r.error_requests,
      render: (r) => <span class={r.error_requests > 0 ? 'text-err' : ''}>{fmtInt(r.error_requests)} <span class="muted">({fmtPct(ratio(r.error_requests, r.request_count))})</span></span> });
  }
  // A provider rescued by failover every time answers no request of its own: its failed tries
  // are the only sign of it.
  if (field === 'provider') {
    cols.push({ id: 'failed', label: 'Failed tries', num: true,
      title: 'Tries at this provider that failed and were passed on to another provider (failover), or whose answer an earlier provider\'s replaced (last resort); the requests count under the provider whose answer the client got',
      value: (r) => r.failed_attempts ?? 0,
      render: (r) => <span class={r.failed_attempts > 0 ? 'text-err' : ''}>{fmtInt(r.failed_attempts ?? 0)}</span> });
  }
  cols.push(
    { id: 'hits', label: 'Cache hits', num: true, value: (r) => r.cache_hits, render: (r) => fmtInt(r.cache_hits) },
    { id: 'in', label: 'Prompt', num: true, value: (r) => r.prompt_tokens, render: (r) => fmtInt(r.prompt_tokens) },
    { id: 'out', label: 'Completion', num: true, value: (r) => r.completion_tokens, render: (r) => fmtInt(r.completion_tokens) },
    { id: 'cached', label: 'Cached', num: true, title: 'Prompt tokens served from the provider\'s prompt cache', value: (r) => r.cached_tokens, render: (r) => fmtInt(r.cached_tokens) },
    { id: 'cachewrite', label: 'Cache write', num: true, title: 'Prompt tokens written to the provider\'s prompt cache (5 min and 1 h)', value: (r) => r.cache_write_tokens, render: (r) => fmtInt(r.cache_write_tokens) },
    {
      id: 'total', label: 'Total tokens', num: true, value: (r) => r.total_tokens,
      render: (r) => (
        <span class="share">
          <span class="share-track" aria-hidden="true">
            <span class="share-bar" style={{ width: `${maxTokens ? Math.round((100 * (r.total_tokens || 0)) / maxTokens) : 0}%` }} />
          </span>
          <span class="share-num">{fmtInt(r.total_tokens)}</span>
        </span>
      ),
    },
    { id: 'cost', label: 'Cost', num: true, value: (r) => r.cost_usd, render: (r) => (r.cost_usd == null ? <span class="muted" title="No price configured">no price</span> : fmtCost(r.cost_usd)) },
  );
  if (withErrors) cols.push({ id: 'p95', label: 'p95', num: true, title: '95th percentile latency', value: (r) => r.p95_ms, render: (r) => fmtMs(r.p95_ms) });
  return cols;
}

// What a blank group holds: requests that never named one.
const NO_VALUE_TITLE = {
  key: 'Requests without a named client key (auth off, or the single token)',
  provider: 'Requests no upstream answered: cache hits and gateway-made errors',
  model: 'Requests without a model (passthrough routes)',
};

// A provider that answered nothing (every try failed over) is found by the tries it had.
const linkParam = (field, r) => (field === 'provider' && !r.request_count ? 'tried' : field === 'key' ? 'key' : field);

export function BreakdownTable({ title, res, field, days, withErrors, onRetry }) {
  const rows = Array.isArray(res.data) ? res.data : [];
  const max = rows.reduce((m, r) => Math.max(m, r.total_tokens || 0), 0);
  const columns = useMemo(() => columnsFor(field, withErrors, max), [field, withErrors, max]);
  return (
    <section class="panel">
      <header class="panel-head"><h2>{title}</h2>{rows.length > 0 && <span class="muted small">{rows.length}</span>}</header>
      <Loaded res={res} onRetry={onRetry} isEmpty={(d) => !Array.isArray(d) || d.length === 0}>
        {() => (
          <DataTable columns={columns} rows={rows} caption={title}
            initialSort={{ id: 'total', desc: true }}
            rowHref={(r) => (blank(r[field]) == null ? null : href('/logs', { days, [linkParam(field, r)]: r[field] }))} />
        )}
      </Loaded>
    </section>
  );
}
