import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmtMs } from '../src/format.js';

test('fmtMs keeps a decimal under 10 ms, whole ms above, seconds past 1 s', () => {
  assert.equal(fmtMs(0.42), '0.4 ms');
  assert.equal(fmtMs(3), '3.0 ms');
  assert.equal(fmtMs(42.6), '43 ms');
  assert.equal(fmtMs(1500), '1.50 s');
  assert.equal(fmtMs(null), '—');
});
