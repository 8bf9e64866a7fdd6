import { useReport } from '../hooks.js';
import { fmtBody, fmtCost, fmtFull, fmtInt, fmtMs, fmtName } from '../format.js';
import { missingBodyNote } from '../audit.js';
import { Card } from '../components/Card.jsx';
import { BodyView } from '../components/BodyView.jsx';
import { FailoverChain } from '../components/FailoverChain.jsx';
import { Loaded } from '../components/States.jsx';
import { StatusBadge } from '../components/StatusBadge.jsx';
import { logsBackHref } from './Logs.jsx';
import { logHref } from '../router.js';

// One audit record: what was asked, what came back, which providers were tried.

const dash = <span class="muted">—</span>;
const text = (v) => (v == null || v === '' ? dash : fmtName(v));

function Fact({ label, children }) {
  return (
    <div class="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

// The client's model, the alias it resolved to, the provider's forced model: each step shown
// only when it changed the name.
function ModelFact({ log }) {
  const requested = log.requested_model ?? log.model;
  const resolved = log.resolved_model ?? requested;
  const effective = log.effective_model ?? log.model;
  if (!effective) return dash;
  const steps = [];
  if (requested && requested !== resolved) steps.push([requested, 'Renamed by an alias']);
  if (resolved && resolved !== effective) steps.push([resolved, "Rewritten by the provider's model override"]);
  return (
    <span>
      {steps.map(([name, why]) => <span key={name}><code>{fmtName(name)}</code> <span class="muted" title={why}>→</span> </span>)}
      <code>{fmtName(effective)}</code>
    </span>
  );
}

// A cache hit stores no response of its own: it names the request whose answer it replayed.
const replayedId = (log) => (log.cache_status === 'hit' && log.cache_source_id != null ? String(log.cache_source_id) : null);

function Replayed({ log }) {
  const source = replayedId(log);
  if (!source) return null;
  return <span class="muted small"> replayed the answer of <a class="replayed-link" href={logHref(source)}>request {source}</a></span>;
}

function Facts({ log }) {
  return (
    <dl class="panel facts">
      <Fact label="Time">{fmtFull(log.created_at)}</Fact>
      <Fact label="Status"><StatusBadge code={log.status_code} error={log.error} /></Fact>
      <Fact label="Endpoint"><code>{fmtName(log.endpoint || log.path) || '—'}</code>{log.endpoint && log.path && log.path !== log.endpoint ? <span class="muted small"> {fmtName(log.path)}</span> : null}</Fact>
      <Fact label="Model"><ModelFact log={log} /></Fact>
      <Fact label="Provider">{text(log.provider)}</Fact>
      <Fact label="Client key">{text(log.key)}</Fact>
      <Fact label="Streamed">{log.stream ? 'yes' : 'no'}</Fact>
      <Fact label="Cache">{log.cache_status ? <span class={`badge badge-cache-${String(log.cache_status).toLowerCase()}`}>{log.cache_status}</span> : (log.cached ? 'hit' : dash)}<Replayed log={log} /></Fact>
    </dl>
  );
}

function Usage({ log }) {
  const priced = log.cost_usd != null;
  return (
    <div class="cards cards-tight">
      <Card label="Duration" value={fmtMs(log.duration_ms)} sub={log.ttfb_ms != null ? `first byte after ${fmtMs(log.ttfb_ms)}` : 'time to first byte not recorded'} />
      <Card label="Total tokens" value={fmtInt(log.total_tokens)} sub={`${fmtInt(log.prompt_tokens)} prompt · ${fmtInt(log.completion_tokens)} completion`} />
      <Card label="Cached / reasoning" value={`${fmtInt(log.cached_tokens)} / ${fmtInt(log.reasoning_tokens)}`} sub="prompt tokens cached · reasoning tokens" />
      {log.cache_write_tokens != null && (
        <Card label="Cache write" value={fmtInt(log.cache_write_tokens)}
          sub={`${fmtInt(log.cache_write_5m_tokens)} for 5 min · ${fmtInt(log.cache_write_1h_tokens)} for 1 h`}
          title="Prompt tokens written to the provider's prompt cache (Anthropic cache creation)" />
      )}
      <Card label="Cost" value={priced ? fmtCost(log.cost_usd) : '—'} sub={priced ? 'USD' : 'no price'} title={priced ? `${log.cost_usd} USD` : 'No price configured for this model'} />
    </div>
  );
}

function Detail({ log }) {
  const attempts = Array.isArray(log.attempts) ? log.attempts : [];
  const sides = { provider: log.provider, cached: log.cached };
  return (
    <>
      <Facts log={log} />
      {log.error && (
        <div class="callout callout-err">
          <strong>Error</strong><span>{fmtBody(String(log.error))}</span>
        </div>
      )}
      <Usage log={log} />
      {attempts.length > 0 && <FailoverChain attempts={attempts} />}
      <BodyView title="Request body" text={log.request_body}
        missing={missingBodyNote({ ...sides, side: 'request', bytes: log.request_bytes })}
        truncated={log.request_body_truncated} totalBytes={log.request_bytes}
        binary={log.request_body_binary} storedBytes={log.request_body_stored_bytes}
        textCut={log.request_body_text_truncated} lossy={log.request_body_lossy} />
      <BodyView title="Response body" text={log.response_body}
        missing={missingBodyNote({ ...sides, side: 'response', bytes: log.response_bytes })}
        truncated={log.response_body_truncated} totalBytes={log.response_bytes}
        binary={log.response_body_binary} storedBytes={log.response_body_stored_bytes}
        textCut={log.response_body_text_truncated} lossy={log.response_body_lossy}
        complete={typeof log.complete === 'boolean' ? log.complete : null}
        empty={replayedId(log) && <p class="muted">A cache hit stores no response body of its own: it replayed the answer of <a href={logHref(replayedId(log))}>request {replayedId(log)}</a>.</p>} />
    </>
  );
}

export function LogDetail({ id, tick }) {
  const res = useReport('log', { id }, tick);
  return (
    <div class="page">
      <div class="toolbar">
        <a class="btn btn-ghost" href={logsBackHref()}>← Audit log</a>
        <h1>Request</h1>
        <code class="muted id-code" title="Audit id (the X-Request-Id header)">{id}</code>
      </div>
      <Loaded res={res} keepStale={false}>{(log) => <Detail log={log} />}</Loaded>
    </div>
  );
}
