// Turns the sparse /__report/series answer into one row per bucket so the charts show
// quiet hours as gaps rather than joining distant points. Buckets are aligned in the
// browser's own time zone, which is the `tz` the page sends.

export const HOUR = 3600000;
export const DAY = 86400000;

const ZERO = { request_count: 0, error_requests: 0, cache_hits: 0, prompt_tokens: 0, completion_tokens: 0 };

function floorLocal(ms, bucket) {
  const d = new Date(ms);
  if (bucket === 'day') d.setHours(0, 0, 0, 0);
  else d.setMinutes(0, 0, 0);
  return d.getTime();
}

function nextLocal(ms, bucket) {
  const d = new Date(ms);
  if (bucket === 'day') d.setDate(d.getDate() + 1);
  else d.setTime(ms + HOUR); // hours are fixed-length even across DST
  return d.getTime();
}

/** Bucket starts covering the rolling window (now - days, now], oldest first. */
export function bucketStarts(now, days, bucket) {
  const starts = [];
  let t = floorLocal(now - days * DAY, bucket);
  // Guard against a runaway loop on a bad clock or absurd `days`.
  for (let i = 0; t <= now && i < 20000; i++) {
    starts.push(t);
    t = nextLocal(t, bucket);
  }
  return starts;
}

/**
 * Dense rows for the window. When the API's buckets do not line up with the browser's
 * (a different alignment than expected), its rows are used as they came, sorted.
 */
export function fillSeries(rows, { now, days, bucket }) {
  const list = Array.isArray(rows) ? rows.filter((r) => r && Number.isFinite(r.start)) : [];
  const starts = bucketStarts(now, days, bucket);
  const byStart = new Map(list.map((r) => [r.start, r]));
  const expected = new Set(starts);
  if (list.some((r) => !expected.has(r.start))) return [...list].sort((a, b) => a.start - b.start);
  return starts.map((start) => ({ ...ZERO, ...byStart.get(start), start }));
}
