import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isJson, prettyText, prettyTokens } from '../src/json-pretty.js';

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
