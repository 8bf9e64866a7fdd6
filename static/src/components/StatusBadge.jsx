import { statusClass } from '../format.js';

export function StatusBadge({ code, title }) {
  const cls = statusClass(code);
  return <span class={`badge badge-${cls}`} title={title}>{cls === 'none' ? '—' : code}</span>;
}
