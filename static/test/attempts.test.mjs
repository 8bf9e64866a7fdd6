import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attemptsSummary } from '../src/attempts.js';

test('one attempt is "served" only when it answered without an error', () => {
  assert.equal(attemptsSummary([{ provider: 'a', status_code: 200 }]), 'served by the first provider');
  assert.equal(attemptsSummary([{ provider: 'a', status_code: 500 }]), 'one attempt, no failover');
  assert.equal(attemptsSummary([{ provider: 'a', status_code: 200, error: 'cut' }]),
    'one attempt, no failover');
  assert.equal(attemptsSummary([{ provider: 'a', status_code: null, error: 'timeout' }]),
    'one attempt, no failover');
  assert.equal(attemptsSummary([{ status_code: 500 }, { status_code: 200 }]),
    'failover across 2 attempts');
});
