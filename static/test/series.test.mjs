import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketStarts, fillSeries, HOUR } from '../src/series.js';

const now = new Date(2025, 2, 10, 15, 42).getTime();

test('bucketStarts_hour_covers_window_with_aligned_hours', () => {
  const s = bucketStarts(now, 1, 'hour');
  assert.equal(s.length, 25);
  assert.ok(s.every((t) => new Date(t).getMinutes() === 0));
  assert.ok(s[s.length - 1] <= now && s[s.length - 1] + HOUR > now);
});

test('bucketStarts_day_starts_at_local_midnight', () => {
  const s = bucketStarts(now, 7, 'day');
  assert.equal(s.length, 8);
  assert.ok(s.every((t) => new Date(t).getHours() === 0));
});

test('fillSeries_fills_missing_buckets_with_zeros', () => {
  const starts = bucketStarts(now, 1, 'hour');
  const rows = fillSeries([{ start: starts[3], request_count: 4 }], { now, days: 1, bucket: 'hour' });
  assert.equal(rows.length, starts.length);
  assert.equal(rows[3].request_count, 4);
  assert.equal(rows[4].request_count, 0);
  assert.equal(rows[4].prompt_tokens, 0);
});

test('fillSeries_keeps_unaligned_rows_as_sent', () => {
  const rows = fillSeries([{ start: now - 5 }, { start: now - 100 }], { now, days: 1, bucket: 'hour' });
  assert.deepEqual(rows.map((r) => r.start), [now - 100, now - 5]);
});
