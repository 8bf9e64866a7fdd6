import { logHref, navigate } from '../router.js';
import { fmtAgo, fmtDateTime, fmtFull, fmtInt, fmtMs, fmtName } from '../format.js';
import { StatusBadge } from './StatusBadge.jsx';

// One page of audit records. Previews are untrusted text and render as text nodes, with
// control and text-direction characters shown as escapes (a preview must not reorder itself).

function Flags({ row }) {
  return (
    <span class="flags">
      {row.stream && <span class="flag" title="Streamed (SSE)">stream</span>}
      {row.cached && <span class="flag flag-cache" title="Served from the gateway cache">cache</span>}
    </span>
  );
}

const dash = <span class="muted">—</span>;

function Row({ r, isNew, withFlags }) {
  const preview = fmtName(r.request_preview);
  return (
    <tr class={`is-link${isNew ? ' is-new' : ''}`} onClick={() => navigate(logHref(r.id))}>
      <td class="nowrap" title={`${fmtFull(r.created_at)} (${fmtAgo(r.created_at)})`}>
        <a href={logHref(r.id)} onClick={(e) => e.stopPropagation()}>{fmtDateTime(r.created_at)}</a>
      </td>
      <td class="nowrap"><StatusBadge code={r.status_code} error={r.error} /></td>
      <td class="trunc trunc-wide mono-ish" title={fmtName(r.model) ?? ''}>
        {fmtName(r.model) ?? dash}
      </td>
      <td class="trunc">{fmtName(r.provider) ?? dash}</td>
      <td class="trunc">{fmtName(r.key) ?? dash}</td>
      <td class="trunc trunc-wide mono small" title={fmtName(r.path) ?? ''}>{fmtName(r.path)}</td>
      <td class="num">{r.total_tokens == null ? dash : fmtInt(r.total_tokens)}</td>
      <td class="num">{fmtMs(r.duration_ms)}</td>
      {withFlags && <td><Flags row={r} /></td>}
      <td class="preview" title={preview ?? ''}>{preview}</td>
    </tr>
  );
}

export function LogTable({ rows, fresh }) {
  // A column of nothing but blanks would cost its padding on every laptop screen.
  const withFlags = rows.some((r) => r.stream || r.cached);
  return (
    <div class="table-wrap">
      <table class="table table-logs">
        <caption class="sr-only">Requests, newest first</caption>
        <thead>
          <tr>
            <th>Time</th><th>Status</th><th>Model</th><th>Provider</th><th>Key</th><th>Path</th>
            <th class="num">Tokens</th><th class="num">Duration</th>
            {withFlags && <th><span class="sr-only">Flags</span></th>}
            <th>Request</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => <Row key={r.id} r={r} isNew={fresh.has(r.id)} withFlags={withFlags} />)}
        </tbody>
      </table>
    </div>
  );
}
