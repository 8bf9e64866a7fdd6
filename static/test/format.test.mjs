import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmtBody, fmtMs, fmtName, unName } from '../src/format.js';

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

test('fmtBucket names the zone of an hour the clocks go back over, and only there', async () => {
  // The zone is read when the formatters are made: a fresh copy of the module under New York.
  const previous = process.env.TZ;
  process.env.TZ = 'America/New_York';
  try {
    const { fmtBucket } = await import(`../src/format.js?tz=${Date.now()}`);
    const first = fmtBucket(Date.UTC(2026, 10, 1, 5), 'hour'); // 01:00 EDT
    const second = fmtBucket(Date.UTC(2026, 10, 1, 6), 'hour'); // 01:00 EST
    const plain = fmtBucket(Date.UTC(2026, 10, 1, 12), 'hour'); // 07:00 EST
    assert.notEqual(first, second);
    assert.match(first, /EDT|GMT-4/);
    assert.match(second, /EST|GMT-5/);
    assert.doesNotMatch(plain, /EST|GMT/);
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
});

test('fmtBody escapes only the characters that reorder text', () => {
  // "\u202Egnp.exe" displays as "exe.png": a spoofed file name in a prompt.
  assert.equal(fmtBody('a \u202Egnp.exe\u202C b'), 'a \\u202Egnp.exe\\u202C b');
  assert.equal(fmtBody('\u2066x\u2069\u202A\u202B\u202D'), '\\u2066x\\u2069\\u202A\\u202B\\u202D');
  // Newlines, tabs and the marks real right-to-left text uses are kept.
  assert.equal(fmtBody('line\n\tשלום\u200F'), 'line\n\tשלום\u200F');
  assert.equal(fmtBody(null), null);
});

test('fmtBody keeps JSON valid and meaning the same character', () => {
  const json = JSON.stringify({ p: 'x\u202Ey' });
  assert.equal(JSON.parse(fmtBody(json)).p, 'x\u202Ey');
});

test('unName reads back what fmtName shows, and leaves other \\u text as typed', () => {
  for (const name of ['gpt\u202E4o-mini\u202C', 'exe.\u202Etxt', '\u2067abc\u2069', 'a\u200Fb', 'plain', '模型-😀']) {
    assert.equal(unName(fmtName(name)), name);
  }
  assert.equal(unName('gpt\\u202e4o'), 'gpt\u202E4o');
  assert.equal(unName('\\u0041 and \\u4e2d'), '\\u0041 and \\u4e2d');
  assert.equal(unName('\\u202'), '\\u202');
  assert.equal(unName(null), null);
});
