import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, getReport } from '../src/api.js';

// A fetch that never answers, like a gateway stuck on a report, until its signal aborts.
function hangingFetch() {
  return (url, { signal }) => new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
}

test('a report that never answers fails with a clear message after the time limit', async () => {
  const saved = globalThis.fetch;
  globalThis.fetch = hangingFetch();
  try {
    const actual = await getReport('summary', { days: 1 }, undefined, 20).catch((e) => e);

    assert.ok(actual instanceof ApiError);
    assert.match(actual.message, /did not answer within 0.02 s/);
  } finally {
    globalThis.fetch = saved;
  }
});

test('the caller aborting is still an AbortError, not a time-out', async () => {
  const saved = globalThis.fetch;
  globalThis.fetch = hangingFetch();
  try {
    const ctl = new AbortController();
    const pending = getReport('summary', {}, ctl.signal, 10000).catch((e) => e);
    ctl.abort();

    const actual = await pending;

    assert.equal(actual.name, 'AbortError');
  } finally {
    globalThis.fetch = saved;
  }
});

test('an answer in time resolves with the data and the cursor', async () => {
  const saved = globalThis.fetch;
  globalThis.fetch = async () => new Response('[1]', { headers: { 'X-Next-Cursor': '42' } });
  try {
    assert.deepEqual(await getReport('logs', {}, undefined, 1000), { data: [1], next: '42' });
  } finally {
    globalThis.fetch = saved;
  }
});
