import { useEffect, useRef, useState } from 'preact/hooks';
import { getReport, query } from './api.js';

/**
 * Loads a report route and reloads it whenever the route, the params or `tick` change.
 * The previous data stays on screen while a reload runs (`stale` says it belongs to an
 * older request), so refreshes and live tail do not flicker.
 */
export function useReport(route, params, tick = 0) {
  const key = route ? `${route}?${query(params)}` : null;
  const [state, setState] = useState({ key: null, data: null, next: null, error: null, loading: !!key });
  useEffect(() => {
    if (!key) return undefined;
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    getReport(route, params, ctl.signal).then(
      (r) => setState({ key, data: r.data, next: r.next, error: null, loading: false }),
      (e) => {
        if (e?.name === 'AbortError') return;
        // Keep data only when it answers this same request (a failed refresh).
        setState((s) => ({ ...s, data: s.key === key ? s.data : null, next: s.key === key ? s.next : null, key, error: e, loading: false }));
      },
    );
    return () => ctl.abort();
  }, [key, tick]);
  return { ...state, stale: state.key !== key };
}

/** Calls `fn` every `ms` while `on`, skipping ticks while the tab is hidden. */
export function useInterval(fn, ms, on) {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    if (!on) return undefined;
    const id = setInterval(() => { if (!document.hidden) saved.current(); }, ms);
    return () => clearInterval(id);
  }, [ms, on]);
}

/** A value that follows `value` after it has been still for `ms`. */
export function useDebounced(value, ms) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}
