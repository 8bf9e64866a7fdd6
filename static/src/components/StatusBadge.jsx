import { statusClass } from '../format.js';
import { statusView } from '../audit.js';

// A status code as a badge. With an error note (a 200 whose stream failed midway) the badge
// turns red and carries a warning mark; the note is its tooltip and, for screen readers,
// hidden text. The note is untrusted text: it is only ever a text node or an attribute.
export function StatusBadge({ code, title, error }) {
  const view = statusView(code, error);
  const cls = view.tone ?? statusClass(code);
  const label = statusClass(code) === 'none' ? '—' : code;
  if (!view.mark) return <span class={`badge badge-${cls}`} title={title}>{label}</span>;
  return (
    <span class={`badge badge-${cls} badge-noted`} title={view.title}>
      {label}<span class="badge-mark" aria-hidden="true">⚠</span>
      <span class="sr-only">{`, ${view.title}`}</span>
    </span>
  );
}
