import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstTrail, olderTrail, pageLabel, pageSizes, placeCursor } from '../src/pager.js';

test('walking older and coming back by the hash finds the same page and its trail', () => {
  const t0 = firstTrail('f');
  const t2 = olderTrail(olderTrail(t0, 'c1'), 'c2');

  const actual = placeCursor(t2, 'f', 'c1');

  assert.deepEqual(actual, { key: 'f', cursors: [null, 'c1', 'c2'], page: 1, known: true });
  assert.equal(pageLabel(actual), 'Page 2');
  assert.equal(placeCursor(t2, 'f', null).page, 0);
});

test('olderTrail forgets the pages after the current one', () => {
  const t = { key: 'f', cursors: [null, 'c1', 'c2'], page: 1, known: true };
  assert.deepEqual(olderTrail(t, 'x').cursors, [null, 'c1', 'x']);
});

test('a cursor from a link or other filters starts a trail without a page number', () => {
  const walked = olderTrail(firstTrail('f'), 'c1');
  const linked = placeCursor(walked, 'g', 'c1');
  assert.deepEqual(linked, { key: 'g', cursors: [null, 'c1'], page: 1, known: false });
  assert.equal(pageLabel(linked), 'An older page');
  assert.deepEqual(placeCursor(walked, 'g', null), firstTrail('g'));
  assert.equal(placeCursor(null, 'f', 'zz').known, false);
});

test('pageSizes offers the size a link asked for beside the usual ones', () => {
  assert.deepEqual(pageSizes([50, 100, 200, 500], '10'), ['10', '50', '100', '200', '500']);
  assert.deepEqual(pageSizes([50, 100, 200, 500], '100'), ['50', '100', '200', '500']);
  assert.deepEqual(pageSizes([50, 100], 'abc'), ['50', '100']);
  assert.deepEqual(pageSizes([50, 100], '5000'), ['50', '100']);
});
