import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { reportUrl } from '../api.js';
import { useDebounced, useInterval, useReport } from '../hooks.js';
import { href, logHref, navigate } from '../router.js';
import { Empty, Loaded } from '../components/States.jsx';
import { LogTable } from '../components/LogTable.jsx';
import { exportTitle, isRowByRow, tailGap, tailGapText } from '../audit.js';
import { firstTrail, olderTrail, pageLabel, pageSizes, placeCursor } from '../pager.js';
import { fmtName, unName } from '../format.js';
import { rowsStatus, takeReturnId } from '../a11y.js';

// The audit log: filters and the page's cursor (`before`) in the hash query, newest first,
// cursor pagination through the X-Next-Cursor header, optional live tail of the first page.

const RANGES = [[1, '24 h'], [7, '7 days'], [14, '14 days'], [30, '30 days'], [90, '90 days'], [365, '1 year']];
const SIZES = [50, 100, 200, 500];
const ENDPOINTS = ['chat/completions', 'completions', 'responses', 'responses/compact', 'embeddings', 'messages', 'messages/count_tokens'];
const TEXT_FIELDS = ['q', 'model', 'provider', 'tried', 'key', 'endpoint'];
const DEFAULTS = { days: '14', q: '', model: '', provider: '', tried: '', key: '', status: '', endpoint: '', cached: '', stream: '', limit: '100' };
const TAIL_MS = 4000;
// `error`: what the reports count as errors, a status of 400 or more (426 aside) or an error
// note (a 200 whose stream failed midway).
const STATUSES = [['', 'any'], ['2xx', '2xx'], ['4xx', '4xx'], ['5xx', '5xx'], ['error', 'Errors']];

let lastLogsHash = '#/logs';
export const logsBackHref = () => lastLogsHash;
// The cursors walked so far. Module state, so it outlives a visit to one record and Back
// finds "← Newer" and the page number as they were.
let lastTrail = firstTrail('');

function readFilters(params) {
  const f = { ...DEFAULTS };
  for (const k of Object.keys(DEFAULTS)) if (params.has(k)) f[k] = params.get(k);
  return f;
}

/** Hash params without defaults, so URLs stay short; `before` is the page's cursor. */
function toHash(f, before = null) {
  const out = {};
  for (const [k, v] of Object.entries(f)) if (v !== '' && v !== DEFAULTS[k]) out[k] = v;
  if (before) out.before = before;
  return href('/logs', out);
}

function Select({ label, value, onChange, options, wide }) {
  return (
    <label class={`field${wide ? ' field-wide' : ''}`}>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );
}

function TextField({ label, value, onInput, list, placeholder, wide, type = 'text' }) {
  return (
    <label class={`field${wide ? ' field-wide' : ''}`}>
      <span>{label}</span>
      <input type={type} value={value} list={list} placeholder={placeholder} spellcheck={false} autocomplete="off"
        onInput={(e) => onInput(e.currentTarget.value)} />
    </label>
  );
}

function Options({ id, res, field }) {
  const names = Array.isArray(res.data) ? res.data.map((r) => r[field]).filter((v) => typeof v === 'string' && v) : [];
  // Shown as the table shows names: a suggestion's value goes into a NameField, which reads it back.
  return <datalist id={id}>{names.map((n) => <option key={n} value={fmtName(n)} />)}</datalist>;
}

// A filter box for a name a client chose: shown with fmtName, read back with unName.
function NameField({ value, onInput, ...rest }) {
  return <TextField {...rest} value={fmtName(value)} onInput={(v) => onInput(unName(v))} />;
}

export function Logs({ params, tick }) {
  const filters = useMemo(() => readFilters(params), [params.toString()]);
  const [draft, setDraft] = useState(filters);
  const committed = useRef(params.toString());
  const cursor = params.get('before') || null;
  lastLogsHash = toHash(filters, cursor);

  // Follow the hash when it changes from outside (back button, a link from the overview).
  useEffect(() => {
    if (params.toString() !== committed.current) { committed.current = params.toString(); setDraft(filters); }
  }, [filters]);

  // New filters start at the newest page; paging keeps the filters and changes `before`.
  const commit = (f, before = null) => {
    const to = toHash(f, before);
    committed.current = to.includes('?') ? to.slice(to.indexOf('?') + 1) : '';
    navigate(to, { replace: true });
  };
  const setNow = (k, v) => { const f = { ...draft, [k]: v }; setDraft(f); commit(f); };
  const setText = (k, v) => setDraft((d) => ({ ...d, [k]: v }));
  const settled = useDebounced(draft, 400);
  useEffect(() => {
    if (TEXT_FIELDS.some((k) => settled[k] !== filters[k])) commit({ ...filters, ...Object.fromEntries(TEXT_FIELDS.map((k) => [k, settled[k]])) });
  }, [settled]);

  // Cursor pagination: the hash names the page's cursor, the trail the cursors before it.
  const filterKey = JSON.stringify(filters);
  const p = useMemo(() => placeCursor(lastTrail, filterKey, cursor), [filterKey, cursor]);
  lastTrail = p;
  const [live, setLive] = useState(false);
  const [liveTick, setLiveTick] = useState(0);
  useInterval(() => setLiveTick((t) => t + 1), TAIL_MS, live && p.page === 0);

  const apiFilters = { ...filters, status: filters.status, q: filters.q.trim() };
  const res = useReport('logs', { ...apiFilters, before: cursor }, tick + liveTick);
  const { days } = filters;
  const models = useReport('models', { days });
  const providers = useReport('providers', { days });
  const keys = useReport('keys', { days });

  // Highlight rows that arrived since the previous load of the same page, and on the newest
  // page say so when more arrived than it holds (live tail at a high rate skips rows).
  const seen = useRef({ key: null, ids: [] });
  const { fresh, gap } = useMemo(() => {
    if (!Array.isArray(res.data) || res.stale) return { fresh: new Set(), gap: false };
    const pageKey = `${filterKey}#${cursor ?? ''}`;
    const prev = seen.current.key === pageKey ? seen.current.ids : [];
    const prevSet = new Set(prev);
    seen.current = { key: pageKey, ids: res.data.map((r) => r.id) };
    const newIds = prev.length ? res.data.filter((r) => !prevSet.has(r.id)).map((r) => r.id) : [];
    const out = new Set(newIds);
    return { fresh: out, gap: cursor == null && tailGap(prev, res.data, !!res.next).gap };
  }, [res.data, res.stale]);

  // Back from a record: the focus goes to the row it was opened from (if it is on this page).
  useEffect(() => {
    if (!Array.isArray(res.data) || res.stale) return;
    const id = takeReturnId();
    if (id == null) return;
    document.querySelector(`.table-logs a[href="${CSS.escape(logHref(id))}"]`)?.focus();
  }, [res.data, res.stale]);
  const form = useRef(null);

  const goTrail = (t) => { lastTrail = t; commit(filters, t.cursors[t.page]); };
  const goNewest = () => goTrail({ ...p, page: 0 });
  const newer = () => goTrail({ ...p, page: p.page - 1 });
  const older = () => res.next && goTrail(olderTrail(p, res.next));
  const toggleLive = () => { setLive((l) => !l); goNewest(); };
  // The export is one page walk of the API, from the page on screen back.
  const exportParams = { ...apiFilters, before: cursor, limit: 1000 };
  const exportHint = exportTitle({ fromCursor: cursor != null, rowByRow: isRowByRow(apiFilters) });
  const anyFilter = Object.keys(DEFAULTS).some((k) => k !== 'days' && k !== 'limit' && filters[k] !== DEFAULTS[k]);
  const rows = Array.isArray(res.data) ? res.data : [];
  const status = Array.isArray(res.data) && !res.stale ? rowsStatus(rows.length, fresh.size) : '';
  // The button goes away with the filters; the focus goes to the first filter, not the page top.
  const clear = () => {
    setDraft({ ...DEFAULTS, days: filters.days });
    commit({ ...DEFAULTS, days: filters.days });
    form.current?.elements[0]?.focus();
  };
  // A pager button that cannot act stays focusable (aria-disabled): a disabled button drops the
  // focus to the top of the page, and "Older" is off while every page it asked for loads.
  const pagerButton = (label, off, act) => (
    <button type="button" class="btn btn-small" aria-disabled={off ? 'true' : undefined} onClick={off ? undefined : act}>{label}</button>
  );

  return (
    <div class="page">
      <div class="toolbar">
        <h1>Audit log</h1>
        <span class="spacer" />
        <button type="button" class={`switch${live ? ' on' : ''}`} role="switch" aria-checked={live} onClick={toggleLive}
          title={`Reload the newest page every ${TAIL_MS / 1000} s`}>
          <span class="switch-track"><span class="switch-dot" /></span> Live tail
        </button>
        <a class="btn btn-ghost" href={reportUrl('logs', { ...exportParams, format: 'csv-bom' })} download="menshen-logs.csv"
          title={exportHint}>Export CSV</a>
        <a class="btn btn-ghost" href={reportUrl('logs', { ...exportParams, format: 'json' })} download="menshen-logs.json"
          title={exportHint}>Export JSON</a>
      </div>

      <form class="panel filters" ref={form} aria-label="Filters" onSubmit={(e) => { e.preventDefault(); commit({ ...filters, ...draft }); }}>
        <TextField label="Search bodies" value={draft.q} onInput={(v) => setText('q', v)} placeholder="text in prompts or responses" wide type="search" />
        <Select label="Time range" value={draft.days} onChange={(v) => setNow('days', v)} options={RANGES.map(([d, t]) => [String(d), t])} />
        <NameField label="Model" value={draft.model} onInput={(v) => setText('model', v)} list="dl-models" placeholder="any" />
        <NameField label="Provider" value={draft.provider} onInput={(v) => setText('provider', v)} list="dl-providers" placeholder="any" />
        <NameField label="Tried" value={draft.tried} onInput={(v) => setText('tried', v)} list="dl-providers" placeholder="any (failed over too)" />
        <NameField label="Client key" value={draft.key} onInput={(v) => setText('key', v)} list="dl-keys" placeholder="any" />
        <TextField label="Endpoint" value={draft.endpoint} onInput={(v) => setText('endpoint', v)} list="dl-endpoints" placeholder="any" />
        <Select label="Status" value={draft.status} onChange={(v) => setNow('status', v)}
          options={STATUSES} />
        <Select label="Cache" value={draft.cached} onChange={(v) => setNow('cached', v)} options={[['', 'any'], ['true', 'hits only'], ['false', 'not cached']]} />
        <Select label="Streamed" value={draft.stream} onChange={(v) => setNow('stream', v)} options={[['', 'any'], ['true', 'streamed'], ['false', 'not streamed']]} />
        <Select label="Page size" value={draft.limit} onChange={(v) => setNow('limit', v)} options={pageSizes(SIZES, draft.limit).map((n) => [n, n])} />
        {anyFilter && <button type="button" class="btn btn-ghost btn-small filters-clear" onClick={clear}>Clear filters</button>}
        <Options id="dl-models" res={models} field="model" />
        <Options id="dl-providers" res={providers} field="provider" />
        <Options id="dl-keys" res={keys} field="key" />
        <datalist id="dl-endpoints">{ENDPOINTS.map((e) => <option key={e} value={e} />)}</datalist>
      </form>

      <section class="panel panel-flush">
        <p class="sr-only" role="status">{status}</p>
        {gap && <p class="tail-gap" role="status">{tailGapText(rows.length)}</p>}
        <Loaded res={res} isEmpty={(d) => !Array.isArray(d) || d.length === 0}
          empty={res.next
            // A text search or a filter tested row by row reads a bounded number of rows per
            // page; an empty page with a cursor has not reached the end of the range yet.
            ? <Empty title="No match in the rows searched so far" hint="Each page searches a bounded number of rows, newest first. Older → searches further back." />
            : <Empty title={anyFilter ? 'No requests match these filters' : 'No requests in this period'} hint={anyFilter ? 'Try a wider time range or clear the filters.' : 'Send a request through the gateway and it shows up here.'} />}>
          {() => <LogTable rows={rows} fresh={fresh} />}
        </Loaded>
        <footer class="pager">
          <span class="muted small">
            {live && p.page === 0 ? <span class="live-dot" aria-hidden="true" /> : null}
            {pageLabel(p)}
            {rows.length ? ` · ${rows.length} rows` : ''}{res.loading ? ' · loading…' : ''}
          </span>
          <span class="spacer" />
          {pagerButton('Newest', p.page === 0, goNewest)}
          {pagerButton('← Newer', p.page === 0, newer)}
          {pagerButton('Older →', !res.next || res.stale, older)}
        </footer>
      </section>
    </div>
  );
}
