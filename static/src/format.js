// Display formatting. Every function accepts null/undefined (the API may send null for
// unknown values) and answers with an em dash rather than a misleading zero.

const DASH = '—';
const intFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compactFmt = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const pctFmt = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const usd2 = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

export const fmtInt = (v) => (isNum(v) ? intFmt.format(v) : DASH);

export const fmtCompact = (v) => (isNum(v) ? (Math.abs(v) < 10000 ? intFmt.format(v) : compactFmt.format(v)) : DASH);

/** A ratio in [0, 1]; null when the denominator is zero. */
export const ratio = (part, whole) => (isNum(part) && isNum(whole) && whole > 0 ? part / whole : null);

export const fmtPct = (r) => (isNum(r) ? pctFmt.format(r) : DASH);

/** USD. Null means "no price" (unpriced model), which must never read as $0. */
export function fmtCost(v) {
  if (!isNum(v)) return DASH;
  if (v === 0) return usd2.format(0);
  const a = Math.abs(v);
  if (a < 0.01) return (v < 0 ? '-$' : '$') + a.toPrecision(2).replace(/0+$/, '');
  return usd2.format(v);
}

export function fmtMs(v) {
  if (!isNum(v)) return DASH;
  if (v < 10) return `${v.toFixed(1)} ms`; // the gateway's own cost is often under 1 ms
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60000) return `${(v / 1000).toFixed(v < 10000 ? 2 : 1)} s`;
  const m = Math.floor(v / 60000);
  const s = Math.round((v % 60000) / 1000);
  return `${m}m ${String(s).padStart(2, '0')}s`;
}

export function fmtBytes(n) {
  if (!isNum(n)) return DASH;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const dateTimeFmt = new Intl.DateTimeFormat(undefined, {
  month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
});
const fullFmt = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  timeZoneName: 'short',
});
const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const hourFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const hourZoneFmt = new Intl.DateTimeFormat(undefined, {
  weekday: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
});
const HOUR_MS = 3600 * 1000;

// The hour the clocks go back comes twice: both get their zone ("01:00 AM EDT", "01:00 AM EST").
function fmtHour(ms) {
  const text = hourFmt.format(ms);
  const repeated = hourFmt.format(ms - HOUR_MS) === text || hourFmt.format(ms + HOUR_MS) === text;
  return repeated ? hourZoneFmt.format(ms) : text;
}

export const fmtDateTime = (ms) => (isNum(ms) ? dateTimeFmt.format(ms) : DASH);
export const fmtFull = (ms) => (isNum(ms) ? fullFmt.format(ms) : DASH);
export const fmtBucket = (ms, bucket) => (isNum(ms) ? (bucket === 'hour' ? fmtHour(ms) : dayFmt.format(ms)) : DASH);

export function fmtAgo(ms, now = Date.now()) {
  if (!isNum(ms)) return DASH;
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

export function browserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function statusClass(code) {
  if (!isNum(code) || code <= 0) return 'none';
  if (code < 300) return 'ok';
  if (code < 400) return 'info';
  if (code < 500) return 'warn';
  return 'err';
}

// C0 and C1 controls, and Unicode's direction marks, embeddings, overrides and isolates.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A name a client chose (model, path, key, provider) as text to show: each control or
 * text-direction character is written as its escape (`\u202E`), so that none can reorder or
 * hide the text around it. Null and '' pass through.
 */
export function fmtName(v) {
  if (v == null) return v;
  return String(v).replace(HIDDEN, (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
}

const ESCAPED = /\\u([0-9a-fA-F]{4})/g;

/**
 * The name a filter box's text means: fmtName undone, each `\uXXXX` of a character fmtName
 * escapes becoming that character again (any other `\u` text stays as typed). The filter boxes
 * show a name as the table does (helper-92: a raw U+202E in a suggestion reordered the box), and
 * a name copied from the table finds its rows.
 */
export function unName(v) {
  if (v == null) return v;
  return String(v).replace(ESCAPED, (whole, hex) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return c.replace(HIDDEN, '') === '' ? c : whole;
  });
}

// Only the characters that reorder text: embeddings and overrides (U+202A-202E) and isolates
// (U+2066-2069). Bodies keep their newlines, tabs and the direction marks real RTL text uses.
const REORDER = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Body text (a prompt, model output, a raw stream) as text to show: each embedding, override
 * or isolate is written as its escape, so "\u202Egnp.exe" cannot display as "exe.png".
 * Inside a JSON string the escape means the same character. Null and '' pass through.
 */
export function fmtBody(v) {
  if (v == null) return v;
  return String(v).replace(REORDER, (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase());
}
