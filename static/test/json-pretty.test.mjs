import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isJson, prettyHead, prettyText, prettyTokens } from '../src/json-pretty.js';

test('prettyText_keeps_number_tokens_exactly', () => {
  const out = prettyText('{"id":12345678901234567890,"x":1.50e+2}');
  assert.match(out, /12345678901234567890/);
  assert.match(out, /1\.50e\+2/);
});

test('prettyText_indents_nested_and_keeps_empty_containers', () => {
  assert.equal(prettyText('{"a":[1,{"b":null}],"c":{},"d":[ ]}'),
    '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ],\n  "c": {},\n  "d": []\n}');
});

test('prettyText_is_idempotent_and_parses_to_same_value', () => {
  const src = '{"s":"a,b:{c}\\"]","n":[true,false,-0.5]}';
  const once = prettyText(src);
  assert.equal(prettyText(once), once);
  assert.deepEqual(JSON.parse(once), JSON.parse(src));
});

test('prettyTokens_marks_keys_and_string_values', () => {
  const toks = prettyTokens('{"k":"v"}').filter((t) => t.t === 'key' || t.t === 'str');
  assert.deepEqual(toks, [{ t: 'key', v: '"k"' }, { t: 'str', v: '"v"' }]);
});

test('isJson_rejects_text_and_sse', () => {
  assert.equal(isJson('data: {}'), false);
  assert.equal(isJson(''), false);
  assert.equal(isJson(' [1] '), true);
});

// helper-62: a 40 KB body nested 20,000 deep made the detail page hang (each line indented by
// its depth: quadratic output). Indentation stops growing at a depth the eye can follow.
test('prettyText_of_a_deeply_nested_body_stays_linear_in_size', () => {
  const depth = 20000;
  const src = '{"x":' + '['.repeat(depth) + ']'.repeat(depth) + '}';
  const out = prettyText(src);
  assert.ok(out.length < src.length * 60, `output ${out.length} chars for ${src.length}`);
  assert.equal(out.replace(/\s/g, ''), src);
});

test('prettyText_indents_the_first_levels_as_before', () => {
  const src = '[[[[1]]]]';
  assert.equal(prettyText(src), '[\n  [\n    [\n      [\n        1\n      ]\n    ]\n  ]\n]');
});

test('prettyHead_is_the_start_of_prettyTokens_and_says_when_cut', () => {
  const src = JSON.stringify({ a: Array.from({ length: 2000 }, (_, i) => ({ i, s: `v${i}` })) });
  const full = prettyText(src);
  const head = prettyHead(src, 1000);
  const text = head.tokens.map((t) => t.v).join('');
  assert.equal(head.cut, true);
  assert.ok(text.length >= 1000 && text.length < 1100);
  assert.ok(full.startsWith(text));
  const all = prettyHead(src, Infinity);
  assert.equal(all.cut, false);
  assert.equal(all.tokens.map((t) => t.v).join(''), full);
  assert.equal(prettyHead('  {"a":1}  ', 1000).cut, false);
});

test('prettyHead_cuts_a_long_string_token_at_the_limit_outside_surrogate_pairs', () => {
  const src = JSON.stringify({ image: '😀'.repeat(100000), n: 1 });
  const head = prettyHead(src, 501);
  const text = head.tokens.map((t) => t.v).join('');
  assert.equal(head.cut, true);
  assert.ok(text.length <= 501);
  assert.ok(prettyText(src).startsWith(text));
  assert.ok(!/[\ud800-\udbff]$/.test(text));
});

test('prettyHead_of_an_8_MiB_body_walks_only_its_start', () => {
  const src = JSON.stringify({ messages: Array.from({ length: 80000 }, (_, i) => ({ role: 'user', content: `turn ${i} ${'x'.repeat(80)}` })) });
  assert.ok(src.length > 8e6);
  const head = prettyHead(src, 64 * 1024);
  assert.equal(head.cut, true);
  assert.ok(head.tokens.length < 20000);
});
