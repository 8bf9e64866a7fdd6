import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCK_CHARS, HEAD_CHARS, blocksFor, cutIndex, splitBlocks, utf8Bytes } from '../src/long-text.js';

test('splitBlocks_joins_back_to_the_text_and_bounds_every_block', () => {
  const text = 'line one\nzwei\n' + '漢字😀e\u0301 '.repeat(5000) + '\n' + 'x'.repeat(20000);
  const blocks = splitBlocks(text, 1000);
  assert.equal(blocks.join(''), text);
  assert.ok(blocks.every((b) => b.length > 0 && b.length <= 1000));
});

test('splitBlocks_never_cuts_a_surrogate_pair', () => {
  const text = '😀'.repeat(10000); // no line breaks: every cut is forced
  for (const size of [7, 100, 1001, BLOCK_CHARS]) {
    const blocks = splitBlocks(text, size);
    assert.equal(blocks.join(''), text);
    for (const b of blocks) {
      assert.ok(!/^[\udc00-\udfff]/.test(b) && !/[\ud800-\udbff]$/.test(b), `size ${size}`);
    }
  }
});

test('splitBlocks_cuts_after_a_line_break_near_the_limit', () => {
  const text = `${'a'.repeat(90)}\n${'b'.repeat(200)}`;
  assert.deepEqual(splitBlocks(text, 100).map((b) => b.length), [91, 100, 100]);
  assert.equal(cutIndex(text, 100, 0), 91);
  // A break far before the limit is not used: blocks stay near their size.
  assert.equal(cutIndex(`a\n${'b'.repeat(200)}`, 100, 0), 100);
  // No line break near the limit: after the last space there.
  assert.equal(cutIndex(`${'c'.repeat(80)} ${'d'.repeat(200)}`, 100, 0), 81);
  assert.equal(cutIndex(`${'c'.repeat(80)} ${'d'.repeat(10)}\n${'e'.repeat(200)}`, 100, 0), 92);
});

test('splitBlocks_handles_empty_and_short_text', () => {
  assert.deepEqual(splitBlocks(''), []);
  assert.deepEqual(splitBlocks(null), []);
  assert.deepEqual(splitBlocks('short'), ['short']);
});

test('splitBlocks_of_8_MiB_without_line_breaks_is_linear', () => {
  // A stored request is often one line of JSON: the cut must not scan back to the start.
  const text = 'x'.repeat(8 * 1024 * 1024);
  const blocks = splitBlocks(text);
  assert.equal(blocks.length, (8 * 1024 * 1024) / BLOCK_CHARS);
  assert.equal(blocks.join('').length, text.length);
});

test('blocksFor_reaches_at_least_the_characters_asked_for', () => {
  const blocks = splitBlocks('y'.repeat(HEAD_CHARS * 3), BLOCK_CHARS);
  const head = blocksFor(blocks, HEAD_CHARS);
  assert.equal(blocks.slice(0, head).join('').length, HEAD_CHARS);
  assert.equal(blocksFor(blocks, 1, head), head + 1);
  assert.equal(blocksFor(blocks, Infinity, head), blocks.length);
  assert.equal(blocksFor([], 10), 0);
});

test('utf8Bytes_counts_as_the_encoder_does', () => {
  const samples = ['', 'abc', 'é', '漢字テスト', '😀👍🏽e\u0301', '\u202e', 'a\ud800b', '\udc00', 'x\ud83d', '\u07ff\u0800\uffff'];
  for (const s of samples) assert.equal(utf8Bytes(s), Buffer.byteLength(s), JSON.stringify(s));
  const big = '{"a":"漢字😀 x"}'.repeat(300000);
  assert.equal(utf8Bytes(big), Buffer.byteLength(big));
  assert.equal(utf8Bytes(null), 0);
});
