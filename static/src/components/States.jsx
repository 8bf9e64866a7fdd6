// Loading, error and empty states shared by every page. Messages from the API are shown
// as text only.

export function Spinner({ label = 'Loading…' }) {
  return (
    <div class="state state-loading" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorBox({ error, onRetry }) {
  if (!error) return null;
  const auth = error.status === 401;
  return (
    <div class={`state state-error${auth ? ' state-auth' : ''}`} role="alert">
      <strong>{auth ? 'Sign-in required' : error.status === 404 ? 'Not found' : 'Could not load this view'}</strong>
      <span>{error.message || String(error)}</span>
      {onRetry && !auth && <button type="button" class="btn btn-small" onClick={onRetry}>Try again</button>}
      {auth && <button type="button" class="btn btn-small" onClick={() => location.reload()}>Reload</button>}
    </div>
  );
}

export function Empty({ title = 'No requests in this period', hint }) {
  return (
    <div class="state state-empty">
      <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
        <path d="M4 13h4l2 3h4l2-3h4M5 13l2-7h10l2 7v5a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
      </svg>
      <strong>{title}</strong>
      {hint && <span>{hint}</span>}
    </div>
  );
}

/**
 * Renders children with data, or the right state for a `useReport` result. While a new
 * request runs, the older data stays visible but dimmed (unless keepStale is false).
 */
export function Loaded({ res, onRetry, isEmpty, empty, loading, keepStale = true, children }) {
  const usable = res.data != null && (keepStale || !res.stale);
  if (!usable) return res.error ? <ErrorBox error={res.error} onRetry={onRetry} /> : (loading ?? <Spinner />);
  const body = isEmpty && isEmpty(res.data) ? (empty ?? <Empty />) : children(res.data);
  return (
    <div class={res.loading && res.stale ? 'refreshing' : 'settled'}>
      {res.error && <ErrorBox error={res.error} onRetry={onRetry} />}
      {body}
    </div>
  );
}
