// Cursor pages of the audit log. The hash holds the current page's cursor (`before`), so Back
// and "← Audit log" return to the same page; the trail of cursors seen before it (for
// "← Newer" and the page number) is memory that only this tab has.
//
// A trail: {key (the filters), cursors (cursors[i] is the `before` of page i, null for the
// newest), page (index of the current page), known (false: the page was opened by a link or
// a reload, and the pages before it were never walked)}.

export const firstTrail = (key) => ({ key, cursors: [null], page: 0, known: true });

/** The trail for `cursor` under the filters `key`, reusing `prev` when it walked there. */
export function placeCursor(prev, key, cursor) {
  const same = prev && prev.key === key;
  if (cursor == null) return same ? { ...prev, page: 0 } : firstTrail(key);
  const i = same ? prev.cursors.indexOf(cursor) : -1;
  if (i > 0) return { ...prev, page: i };
  return { key, cursors: [null, cursor], page: 1, known: false };
}

/** The trail one page older, `next` being the current answer's X-Next-Cursor. */
export function olderTrail(trail, next) {
  const cursors = [...trail.cursors.slice(0, trail.page + 1), next];
  return { ...trail, cursors, page: trail.page + 1 };
}

/** "Page 3", or "An older page" when the pages before it were never walked. */
export const pageLabel = (trail) => (trail.known ? `Page ${trail.page + 1}` : 'An older page');

/** The page sizes the select offers: the usual ones, and the current one when a link asked
 * for another (`limit=10` showed a blank select; helper-75). Values are strings, sorted. */
export function pageSizes(sizes, current) {
  const n = Number(current);
  const extra = Number.isInteger(n) && n >= 1 && n <= 1000 && !sizes.includes(n) ? [n] : [];
  return [...sizes, ...extra].sort((a, b) => a - b).map(String);
}
