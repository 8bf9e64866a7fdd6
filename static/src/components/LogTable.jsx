import { logHref, navigate } from '../router.js';
import { fmtAgo, fmtDateTime, fmtFull, fmtInt, fmtMs, fmtName } from '../format.js';
import { StatusBadge } from './StatusBadge.jsx';

// One page of audit records. Previews are untrusted text and render as text nodes.

function Flags({ row }) {
  return (
    <span class="flags">
      {row.stream && <span class="flag" title="Streamed (SSE)">stream</span>}
      {row.cached && <span class="flag flag-cache" title="Served from the gateway cache">cache</span>}
    </span>
  );
}

export function LogTable({ rows, fresh }) {
  return (
    <div class="table-wrap">
      <table class="table table-logs">
        <thead>
          <tr>
            <th>Time</th><th>Status</th><th>Model</th><th>Provider</th><th>Key</th><th>Path</th>
            <th class="num">Tokens</th><th class="num">Duration</th><th /><th>Request</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} class={`is-link${fresh.has(r.id) ? ' is-new' : ''}`} onClick={() => navigate(logHref(r.id))}>
              <td class="nowrap" title={`${fmtFull(r.created_at)} (${fmtAgo(r.created_at)})`}>
                <a href={logHref(r.id)} onClick={(e) => e.stopPropagation()}>{fmtDateTime(r.created_at)}</a>
              </td>
              <td><StatusBadge code={r.status_code} /></td>
              <td class="trunc mono-ish" title={fmtName(r.model) ?? ''}>{fmtName(r.model) ?? <span class="muted">—</span>}</td>
              <td class="trunc">{fmtName(r.provider) ?? <span class="muted">—</span>}</td>
              <td class="trunc">{fmtName(r.key) ?? <span class="muted">—</span>}</td>
              <td class="trunc mono small" title={fmtName(r.path) ?? ''}>{fmtName(r.path)}</td>
              <td class="num">{r.total_tokens == null ? <span class="muted">—</span> : fmtInt(r.total_tokens)}</td>
              <td class="num nowrap">{fmtMs(r.duration_ms)}</td>
              <td><Flags row={r} /></td>
              <td class="preview" title={r.request_preview ?? ''}>{r.request_preview}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
