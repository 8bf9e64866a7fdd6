import { useCallback, useEffect, useState } from 'preact/hooks';
import { UNAUTHORIZED } from './api.js';
import { useRoute } from './router.js';
import { useTheme } from './theme.js';
import { focusMain, useRouteA11y } from './a11y.js';
import { Overview } from './pages/Overview.jsx';
import { Logs } from './pages/Logs.jsx';
import { LogDetail } from './pages/LogDetail.jsx';
import { Empty, ErrorBox } from './components/States.jsx';

const THEME_NEXT = { auto: 'light', light: 'dark', dark: 'auto' };
const THEME_LABEL = { auto: 'Theme: follows the system', light: 'Theme: light', dark: 'Theme: dark' };

function ThemeIcon({ choice }) {
  if (choice === 'light') return <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="4.5" /><path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8" /></svg>;
  if (choice === 'dark') return <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z" /></svg>;
  return <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="8.5" /><path d="M12 3.5v17a8.5 8.5 0 0 0 0-17z" class="fill" /></svg>;
}

function Logo() {
  return (
    <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
      <rect x="3" y="5" width="26" height="22" rx="4" />
      <path d="M16 5v22M9 12v8M23 12v8" />
    </svg>
  );
}

export function App() {
  const route = useRoute();
  const [choice, theme, setChoice] = useTheme();
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const [unauthorized, setUnauthorized] = useState(false);
  useEffect(() => {
    const on = () => setUnauthorized(true);
    window.addEventListener(UNAUTHORIZED, on);
    return () => window.removeEventListener(UNAUTHORIZED, on);
  }, []);
  useRouteA11y(route, unauthorized);
  const nav = route.page === 'overview' ? 'overview' : route.page === 'notfound' ? '' : 'logs';
  return (
    <>
      {/* The hash is the router's: the skip link moves the focus itself instead of jumping to an anchor. */}
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); focusMain(); }}>Skip to content</a>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href="#/"><Logo /><span>Menshen</span></a>
          <nav class="nav" aria-label="Views">
            <a href="#/" class={nav === 'overview' ? 'on' : ''} aria-current={nav === 'overview' ? 'page' : undefined}>Overview</a>
            <a href="#/logs" class={nav === 'logs' ? 'on' : ''} aria-current={nav === 'logs' ? 'page' : undefined}>Audit log</a>
          </nav>
          <span class="spacer" />
          <button type="button" class="icon-btn" onClick={refresh} title="Refresh" aria-label="Refresh">
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7" /></svg>
          </button>
          <button type="button" class="icon-btn" onClick={() => setChoice(THEME_NEXT[choice])} title={THEME_LABEL[choice]} aria-label={THEME_LABEL[choice]}>
            <ThemeIcon choice={choice} />
          </button>
        </div>
      </header>
      <main class="main" id="main">
        {unauthorized && (
          <div class="page-center">
            <h1 class="sr-only">Sign-in required</h1>
            <ErrorBox error={{ status: 401, message: 'The dashboard API asked for the gateway\'s dashboard user and password. Reload the page and sign in when the browser asks.' }} />
          </div>
        )}
        {!unauthorized && route.page === 'overview' && <Overview params={route.params} tick={tick} theme={theme} refresh={refresh} />}
        {!unauthorized && route.page === 'logs' && <Logs params={route.params} tick={tick} />}
        {!unauthorized && route.page === 'log' && <LogDetail id={route.id} tick={tick} key={route.id} />}
        {route.page === 'notfound' && <Empty title="No such page" hint="Use the links above." />}
      </main>
    </>
  );
}
