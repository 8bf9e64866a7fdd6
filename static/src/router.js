import { useEffect, useState } from 'preact/hooks';

// Hash routes: #/ (overview), #/logs (audit log), #/logs/<id> (one record).
// Filters live in the hash query so a view can be bookmarked and survives a reload.

export function parseHash(hash = location.hash) {
  const h = hash.replace(/^#/, '') || '/';
  const qi = h.indexOf('?');
  const path = qi < 0 ? h : h.slice(0, qi);
  const params = new URLSearchParams(qi < 0 ? '' : h.slice(qi + 1));
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'logs' && parts.length > 1) return { page: 'log', id: decodeURIComponent(parts.slice(1).join('/')), params };
  if (parts[0] === 'logs') return { page: 'logs', params };
  if (parts.length === 0) return { page: 'overview', params };
  return { page: 'notfound', params };
}

export function href(path, params) {
  const qs = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null)).toString() : '';
  return `#${path}${qs ? `?${qs}` : ''}`;
}

export const logHref = (id) => `#/logs/${encodeURIComponent(id)}`;

export function navigate(to, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', to);
  else location.hash = to.slice(1);
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute() {
  const [route, setRoute] = useState(() => parseHash());
  useEffect(() => {
    const on = () => setRoute(parseHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
