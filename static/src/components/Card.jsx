export function Card({ label, value, title, sub, tone, loading }) {
  return (
    <div class={`card${tone ? ` tone-${tone}` : ''}${loading ? ' is-loading' : ''}`}>
      <div class="card-label">{label}</div>
      <div class="card-value" title={title}>{value}</div>
      <div class="card-sub">{sub}</div>
    </div>
  );
}
