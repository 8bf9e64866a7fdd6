import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  binaryNote, errorNote, exportTitle, isRowByRow, missingBodyNote, statusView, streamEnd,
  tailGap, tailGapText, textCapNote, truncationNote, lossyNote,
} from '../src/audit.js';

test('statusView marks a 200 with an error note and keeps a plain 200 plain', () => {
  const failed = statusView(200, 'upstream failed mid-stream');
  assert.deepEqual(failed, { code: 200, tone: 'err', mark: true,
    title: 'Error: upstream failed mid-stream' });
  assert.deepEqual(statusView(200, null), { code: 200, tone: null, mark: false, title: undefined });
  assert.equal(statusView(200, undefined).mark, false); // field absent: older gateway
  assert.equal(statusView(200, '').mark, false);
});

// helper-75: Codex's WebSocket try (a 426 with a note) is no error for the reports, the
// metrics or the Errors filter, so the table must not mark it either.
test('statusView leaves a refused upgrade (426) unmarked, as the reports do', () => {
  const refused = statusView(426, 'This gateway does not carry WebSocket upgrades');
  assert.equal(refused.mark, false);
  assert.equal(refused.tone, null);
});

test('statusView shows the note as escaped text, never obeying its direction marks', () => {
  assert.equal(statusView(200, 'bad \u202Eevent').title, 'Error: bad \\u202Eevent');
  assert.equal(errorNote({ error: 'x\u2066y' }), 'x\\u2066y');
  assert.equal(errorNote({}), null);
});

test('truncationNote says how much of the whole body is shown, only when cut', () => {
  assert.equal(truncationNote(true, 1024, 2048), 'truncated: showing 1.0 KB of 2.0 KB');
  assert.equal(truncationNote(true, 10, null), 'truncated: showing 10 B of an unknown size');
  assert.equal(truncationNote(false, 10, 10), null);
  assert.equal(truncationNote(undefined, 10, 10), null);
});

// helper-85: an mp3 showed as garbled text; the API now sends no text and says it is binary.
test('binaryNote names a binary body and its size, and the whole size when cut', () => {
  assert.equal(binaryNote(8388608, 8388608), 'binary, 8388608 bytes (8.0 MB)');
  assert.equal(binaryNote(1000, 5000), 'binary, 1000 bytes (1000 B) stored of 5000');
  assert.equal(binaryNote(null, 12), 'binary, 12 bytes (12 B)');
  assert.equal(binaryNote(undefined, undefined), 'binary');
});

test('lossyNote names a body with bytes that are not UTF-8, only when the API says so', () => {
  assert.equal(lossyNote(true), 'not all UTF-8');
  assert.equal(lossyNote(false), null);
  assert.equal(lossyNote(undefined), null);
});

test('textCapNote says the view shows the start of a long text, only when capped', () => {
  assert.equal(textCapNote(true, 1048576, 3145728), 'showing the first 1.0 MB of 3.0 MB');
  assert.equal(textCapNote(true, 10, null), 'showing the first 10 B');
  assert.equal(textCapNote(false, 10, 10), null);
  assert.equal(textCapNote(undefined, 10, 10), null);
});

test('streamEnd trusts the gateway over a cut body', () => {
  assert.equal(streamEnd(true, false, true).done, true);
  assert.match(streamEnd(true, false, true).title, /cut/);
  assert.equal(streamEnd(false, true, false).done, false);
  assert.equal(streamEnd(null, true, false).done, true);
  assert.equal(streamEnd(undefined, false, false).done, false);
  assert.match(streamEnd(null, false, true).title, /cut/);
});

test('missingBodyNote blames body logging only where it may be the reason', () => {
  const note = (o) => missingBodyNote({ provider: 'openai', cached: false, ...o });
  assert.equal(note({ side: 'request', bytes: 0 }), 'No body.');
  assert.equal(note({ side: 'response', bytes: 0 }), 'No body.');
  assert.match(note({ side: 'response', bytes: 131, provider: null }), /gateway's own answer /);
  assert.match(note({ side: 'request', bytes: 40, provider: null }), /body logging/);
  assert.match(note({ side: 'request', bytes: 40 }), /body logging/);
  assert.match(note({ side: 'response', bytes: null }), /body logging/); // older API: no sizes
  assert.match(note({ side: 'response', bytes: 50, provider: null, cached: true }), /body logging/);
});

test('exportTitle says an export is one page walk and may stop at the scan budget', () => {
  assert.match(exportTitle({ fromCursor: false, rowByRow: false }), /from the newest back/);
  assert.match(exportTitle({ fromCursor: true, rowByRow: false }), /from the top of this page/);
  assert.doesNotMatch(exportTitle({ fromCursor: false, rowByRow: false }), /fewer/);
  assert.match(exportTitle({ fromCursor: false, rowByRow: true }), /fewer rows, even none/);
});

test('isRowByRow: text search, tried, or two filters at once', () => {
  assert.equal(isRowByRow({ q: 'x' }), true);
  assert.equal(isRowByRow({ tried: 'openai' }), true);
  assert.equal(isRowByRow({ status: 'error' }), true);
  assert.equal(isRowByRow({ status: '4xx' }), false);
  assert.equal(isRowByRow({ model: 'a', status: 'error' }), true);
  assert.equal(isRowByRow({ model: 'a', status: '' }), false);
  assert.equal(isRowByRow({}), false);
});

test('tailGap is a gap only when no earlier row is left on the page and older rows exist', () => {
  const rows = (...ids) => ids.map((id) => ({ id }));
  assert.deepEqual(tailGap([3, 2, 1], rows(5, 4, 3), true), { newRows: 2, gap: false });
  assert.deepEqual(tailGap([3, 2, 1], rows(9, 8, 7), true), { newRows: 3, gap: true });
  assert.equal(tailGap([3, 2, 1], rows(9, 8, 7), false).gap, false); // the whole window is shown
  assert.equal(tailGap([], rows(9, 8), true).gap, false); // first load: nothing to compare
  assert.equal(tailGap([3], [], true).gap, false);
  assert.match(tailGapText(100), /More than 100 rows arrived/);
});
