import { fmtMs, statusClass } from '../format.js';
import { StatusBadge } from './StatusBadge.jsx';
import { attemptsSummary } from '../attempts.js';

// The providers tried for one request, in order. The last attempt is the one the client saw.

export function FailoverChain({ attempts }) {
  return (
    <section class="panel">
      <header class="panel-head">
        <h2>Attempts</h2>
        <span class="muted small">{attemptsSummary(attempts)}</span>
      </header>
      <ol class="chain">
        {attempts.map((a, i) => {
          const last = i === attempts.length - 1;
          const tone = a.error ? 'err' : statusClass(a.status_code);
          return (
            <li key={i} class={`chain-step tone-${tone}${last ? ' is-last' : ''}`}>
              <div class="chain-top">
                <span class="chain-n">{i + 1}</span>
                <strong class="chain-provider">{a.provider ?? 'unknown provider'}</strong>
              </div>
              <div class="chain-mid">
                {a.status_code ? <StatusBadge code={a.status_code} /> : null}
                <span class="muted small">{fmtMs(a.duration_ms)}</span>
              </div>
              {a.error && <div class="chain-error" title={String(a.error)}>{String(a.error)}</div>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
