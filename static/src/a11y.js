import { useEffect, useRef } from 'preact/hooks';
import { fmtInt } from './format.js';

// What a screen-reader or keyboard user needs beyond the markup: a page title per view, focus
// moved to the new view's heading when the route changes (a hash route reloads nothing, so
// nothing else tells them), focus returned to the audit row a record was opened from, and the
// charts' numbers as words.

const SITE = 'Menshen';

/** The document title of a route (WCAG 2.4.2): the view first, the site last. */
export function pageTitle(route, unauthorized = false) {
  const view = unauthorized ? 'Sign-in required' : route.page === 'overview' ? 'Overview'
    : route.page === 'logs' ? 'Audit log'
      : route.page === 'log' ? `Request ${route.id}`
        : 'Not found';
  return `${view} · ${SITE}`;
}

/** Same key: same view (a filter or the period changed, the view did not). */
export const viewKey = (route) => (route.page === 'log' ? `log:${route.id}` : route.page);

// The record opened last from the audit log: when Back (or "← Audit log") returns there, the
// focus goes to that record's row instead of the top of the page.
let returnId = null;

/** Takes (once) the id of the record whose row should get the focus back. */
export function takeReturnId() {
  const id = returnId;
  returnId = null;
  return id;
}

/** Puts the focus on the current view's heading (or <main>), as if the page had loaded. */
export function focusMain() {
  const main = document.getElementById('main');
  if (!main) return;
  const target = main.querySelector('h1') ?? main;
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus();
}

/** Keeps the title in step with the route and moves the focus when the view changes. */
export function useRouteA11y(route, unauthorized) {
  const last = useRef(null);
  const key = viewKey(route);
  useEffect(() => { document.title = pageTitle(route, unauthorized); }, [key, unauthorized]);
  useEffect(() => {
    const prev = last.current;
    last.current = route;
    if (route.page === 'log') returnId = route.id;
    else if (!(route.page === 'logs' && prev?.page === 'log')) returnId = null;
    // The first view is the page load itself: the browser starts at the top as usual.
    if (prev && viewKey(prev) !== key) focusMain();
  }, [key]);
}

/**
 * What the audit log tells a screen reader after a load: how many rows the page holds and how
 * many are new since the previous load (live tail), '' while nothing is loaded.
 */
export function rowsStatus(count, fresh = 0) {
  if (count == null) return '';
  const shown = count === 0 ? 'No requests on this page' : count === 1 ? '1 request on this page' : `${fmtInt(count)} requests on this page`;
  return fresh > 0 ? `${shown}, ${fmtInt(fresh)} new` : shown;
}

/** A chart's accessible name: what it shows and the period totals of each layer. */
export function chartLabel(title, layers, totals) {
  const parts = layers.map((l, i) => `${l.label} ${fmtInt(totals[i])}`);
  return `${title}. Whole period: ${parts.join(', ')}. The numbers per bar are in the table below the chart.`;
}
