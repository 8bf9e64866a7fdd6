// Thin client for the gateway's /__report/* routes (SPEC §8). Same origin only: the
// browser adds the Basic-auth credentials it already holds for this page.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** Window event fired when the API answers 401 (the Basic-auth session is gone). */
export const UNAUTHORIZED = 'menshen:unauthorized';

/** Query string from an object, leaving out empty values. */
export function query(params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  return q.toString();
}

export function reportUrl(route, params) {
  const qs = query(params);
  return `/__report/${route}${qs ? `?${qs}` : ''}`;
}

async function errorMessage(res) {
  try {
    const body = await res.json();
    if (body?.error?.message) return String(body.error.message);
  } catch { /* not JSON: fall through */ }
  return `The gateway answered ${res.status} ${res.statusText || ''}`.trim();
}

/** How long a report may take before the view gives up and shows an error. */
export const REPORT_TIMEOUT_MS = 30000;

/**
 * GETs a report route. Resolves to `{data, next}`; `next` is the X-Next-Cursor header.
 * A gateway that never answers must not leave "Loading…" up forever: after `timeoutMs` the
 * request is aborted and rejects with an ApiError that says so. Aborting `signal` (the view
 * moved on) rejects with the AbortError as before.
 */
export async function getReport(route, params, signal, timeoutMs = REPORT_TIMEOUT_MS) {
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; ctl.abort(); }, timeoutMs);
  const onAbort = () => ctl.abort();
  if (signal?.aborted) ctl.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await fetchReport(route, params, ctl.signal);
  } catch (e) {
    if (!timedOut) throw e;
    const s = timeoutMs / 1000;
    throw new ApiError(0, `The gateway did not answer within ${s} s. It may be busy or stuck: `
      + 'try again.');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

async function fetchReport(route, params, signal) {
  let res;
  try {
    res = await fetch(reportUrl(route, params), {
      signal,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    throw new ApiError(0, 'Cannot reach the gateway. Is it still running?');
  }
  if (res.status === 401) {
    // One page-wide notice is clearer than an error in every panel (see app.jsx).
    window.dispatchEvent(new Event(UNAUTHORIZED));
    throw new ApiError(401, 'Reload the page and enter the dashboard user and password.');
  }
  if (!res.ok) throw new ApiError(res.status, await errorMessage(res));
  let data;
  try {
    data = await res.json();
  } catch {
    throw new ApiError(res.status, 'The gateway sent a response that is not JSON.');
  }
  return { data, next: res.headers.get('X-Next-Cursor') || null };
}
