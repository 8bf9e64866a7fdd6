// Pure decisions about audit records that the log table and the detail view show: which rows
// failed, what a missing or cut body means, whether a stream ended. Text in, text out; the
// components only render what these return.

import { fmtBytes, fmtInt, fmtName } from './format.js';

/** The row's error note as text to show, or null. Absent (older gateways) reads as none. */
export function errorNote(row) {
  const e = row?.error;
  if (e == null || e === '') return null;
  return fmtName(String(e));
}

const UPGRADE_REFUSED = 426;

/**
 * The status badge of a row: a 200 whose stream failed midway is an error the reports count,
 * so it must not look healthy. `{code, tone, mark, title}`; `tone` null keeps the status colour.
 */
export function statusView(code, error) {
  const note = error == null || error === '' ? null : fmtName(String(error));
  // A refused upgrade (Codex's WebSocket try, every run) is no error for the reports.
  if (!note || code === UPGRADE_REFUSED) return { code, tone: null, mark: false, title: undefined };
  return { code, tone: 'err', mark: true, title: `Error: ${note}` };
}

/** "truncated: showing 64 KB of 1.2 MB" for a body stored cut, else null. */
export function truncationNote(truncated, shownBytes, totalBytes) {
  if (truncated !== true) return null;
  const whole = typeof totalBytes === 'number' ? fmtBytes(totalBytes) : 'an unknown size';
  return `truncated: showing ${fmtBytes(shownBytes)} of ${whole}`;
}

/**
 * What the detail shows for a body that is no text (an mp3, a downloaded file): the API sends
 * no text for it, only `*_body_binary` and its size. `stored`: the bytes the gateway kept;
 * `total`: the body's whole size (more when the capture was cut).
 */
export function binaryNote(stored, total) {
  const n = typeof stored === 'number' ? stored : total;
  if (typeof n !== 'number') return 'binary';
  const of = typeof total === 'number' && total > n ? ` stored of ${total}` : '';
  return `binary, ${n} bytes (${fmtBytes(n)})${of}`;
}

/**
 * "showing the first 1.0 MB of 3.0 MB" when the API sent only the start of a long text body
 * (`*_body_text_truncated`; the gateway keeps all of it), else null.
 */
export function textCapNote(textTruncated, shownBytes, storedBytes) {
  if (textTruncated !== true) return null;
  const of = typeof storedBytes === 'number' ? ` of ${fmtBytes(storedBytes)}` : '';
  return `showing the first ${fmtBytes(shownBytes)}${of}`;
}

/**
 * "not all UTF-8" when the API says a text body holds bytes that are not UTF-8
 * (`*_body_lossy`): each bad sequence is shown as U+FFFD, the gateway keeps the bytes. Else null.
 */
export function lossyNote(lossy) {
  return lossy === true ? 'not all UTF-8' : null;
}

/**
 * Whether a stream ended properly. The gateway's own `complete` flag wins when present: the
 * logged body may be cut before its [DONE], and a cut body proves nothing about the stream.
 * `{done, title}`.
 */
export function streamEnd(apiComplete, sawEnd, truncated) {
  if (apiComplete === true) {
    const title = sawEnd ? 'The gateway saw the stream end'
      : 'The gateway saw the stream end; the stored body was cut before its last events';
    return { done: true, title };
  }
  if (apiComplete === false) {
    return { done: false, title: 'The gateway did not see the stream end (cut or failed)' };
  }
  if (sawEnd) return { done: true, title: 'A [DONE], response.completed or message_stop was seen' };
  const title = truncated ? 'The stored body was cut, so its end cannot be seen'
    : 'No [DONE], response.completed or message_stop was seen';
  return { done: false, title };
}

/**
 * What to say where a body is missing. `side` is 'request' or 'response'; `bytes` is the
 * body's whole size (null when the API does not say). Body logging is blamed only when it may
 * really be why: a body of 0 bytes never existed. The gateway's own answers (no provider, not
 * a cache hit) are stored with body logging on, but not in rows recorded before they were.
 */
export function missingBodyNote({ side, bytes, provider, cached }) {
  const own = side === 'response' && (provider == null || provider === '') && !cached;
  if (own) {
    return 'No provider answered, and the gateway\'s own answer was not recorded (body '
      + 'logging may be off, or the row is older than the recording of such answers).';
  }
  if (bytes === 0) return 'No body.';
  return 'Not recorded (body logging may be off for this gateway).';
}

/**
 * The export links' tooltip. An export is one page walk (at most 1,000 rows) from where the
 * user is; a walk that tests rows one by one stops at the API's scan budget.
 */
export function exportTitle({ fromCursor, rowByRow }) {
  const start = fromCursor ? 'from the top of this page back' : 'from the newest back';
  const base = `Up to 1,000 rows matching these filters, ${start} (one page of the API).`;
  if (!rowByRow) return base;
  return `${base} This search reads a bounded number of rows, so the file may hold fewer ` +
    'rows, even none, while older rows still match: page with Older → to go further.';
}

/**
 * Filters the API tests row by row (text search, tried, two or more filters): bounded walks.
 * `status=error` counts too: an error note is not a status class, so it may be tested row by
 * row, and saying "may hold fewer" where it does not is the safer mistake.
 */
export function isRowByRow(filters) {
  if (filters.q || filters.tried || filters.status === 'error') return true;
  const keys = ['model', 'provider', 'key', 'status', 'endpoint', 'cached', 'stream'];
  return keys.filter((k) => filters[k]).length >= 2;
}

/**
 * Live tail: did more rows arrive between two loads of the first page than it shows? True
 * when none of the previous rows is still on the page and older rows exist: the rows between
 * the two loads were never on screen. `{newRows, gap}`.
 */
export function tailGap(prevIds, rows, hasOlder) {
  const prev = new Set(prevIds);
  const newRows = rows.filter((r) => !prev.has(r.id)).length;
  const gap = prev.size > 0 && rows.length > 0 && newRows === rows.length && !!hasOlder;
  return { newRows, gap };
}

/** The notice for a live-tail gap. */
export const tailGapText = (shown) =>
  `More than ${fmtInt(shown)} rows arrived since the last refresh: live tail shows the newest ` +
  `${fmtInt(shown)}, the rows between are not shown. Turn live tail off and use Older → to ` +
  'see them.';
