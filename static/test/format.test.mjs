import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmtMs, fmtName } from '../src/format.js';

test('fmtMs keeps a decimal under 10 ms, whole ms above, seconds past 1 s', () => {
  assert.equal(fmtMs(0.42), '0.4 ms');
  assert.equal(fmtMs(3), '3.0 ms');
  assert.equal(fmtMs(42.6), '43 ms');
  assert.equal(fmtMs(1500), '1.50 s');
  assert.equal(fmtMs(null), '—');
});

test('fmtName shows control and text-direction characters instead of obeying them', () => {
  // U+202E would display "claude-xevil" as "claude-xlive": a spoofed log entry.
  assert.equal(fmtName('claude-x\u202Eevil'), 'claude-x\\u202E' + 'evil');
  assert.equal(fmtName('a\u2066b\u2069c\u200Fd\u061Ce'), 'a\\u2066b\\u2069c\\u200Fd\\u061Ce');
  assert.equal(fmtName('esc\u001b[31m\u0085'), 'esc\\u001B[31m\\u0085');
  assert.equal(fmtName('gpt-4o 模型 ✓'), 'gpt-4o 模型 ✓');
  assert.equal(fmtName(null), null);
  assert.equal(fmtName(''), '');
});
