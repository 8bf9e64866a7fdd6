import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeSse, parseEvents, reassemble } from '../src/sse.js';

const chat = [
  'data: {"id":"c1","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}',
  '',
  'data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}',
  '',
  'data: {"choices":[{"index":0,"delta":{"content":"lo <b>"}}]}',
  '',
  'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
  '',
  'data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}',
  '',
  'data: [DONE]',
  '',
].join('\n');

test('looksLikeSse_detects_data_and_event_prefixes', () => {
  assert.equal(looksLikeSse('data: {}'), true);
  assert.equal(looksLikeSse('\nevent: x\ndata: {}'), true);
  assert.equal(looksLikeSse('{"data": 1}'), false);
  assert.equal(looksLikeSse(null), false);
});

test('parseEvents_joins_multiline_data_and_skips_comments', () => {
  const evs = parseEvents(': ping\r\nevent: a\r\ndata: 1\r\ndata: 2\r\n\r\ndata:3\n\n');
  assert.deepEqual(evs, [{ event: 'a', data: '1\n2' }, { event: '', data: '3' }]);
});

test('reassemble_chat_concatenates_delta_content', () => {
  const r = reassemble(chat);
  assert.equal(r.kind, 'chat');
  assert.equal(r.outputs[0].text, 'Hello <b>');
  assert.equal(r.outputs[0].finishReason, 'stop');
  assert.equal(r.usage.total_tokens, 5);
  assert.equal(r.done, true);
});

test('reassemble_chat_collects_tool_calls_and_reasoning', () => {
  const r = reassemble([
    'data: {"choices":[{"index":0,"delta":{"reasoning_content":"think"}}]}',
    'data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"name":"get_","arguments":"{\\"a\\""}}]}}]}',
    'data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"name":"weather","arguments":":1}"}}]}}]}',
  ].join('\n\n'));
  assert.equal(r.outputs[0].reasoning, 'think');
  assert.deepEqual(r.outputs[0].toolCalls, [{ name: 'get_weather', arguments: '{"a":1}' }]);
});

test('reassemble_completions_concatenates_choice_text', () => {
  const r = reassemble('data: {"choices":[{"index":0,"text":"a"}]}\n\ndata: {"choices":[{"index":0,"text":"b"}]}\n\ndata: [DONE]\n\n');
  assert.equal(r.kind, 'completions');
  assert.equal(r.outputs[0].text, 'ab');
});

test('reassemble_responses_uses_output_text_deltas', () => {
  const r = reassemble([
    'event: response.created\ndata: {"type":"response.created","response":{"status":"in_progress"}}',
    'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","output_index":0,"delta":"Hi"}',
    'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","output_index":0,"delta":" there"}',
    'event: response.completed\ndata: {"type":"response.completed","response":{"status":"completed","usage":{"total_tokens":9}}}',
  ].join('\n\n'));
  assert.equal(r.kind, 'responses');
  assert.equal(r.outputs[0].text, 'Hi there');
  assert.equal(r.usage.total_tokens, 9);
  assert.equal(r.done, true);
});

test('reassemble_records_error_events_and_unparsable_data', () => {
  const r = reassemble('data: {"error":{"message":"boom"}}\n\ndata: not json\n\n');
  assert.deepEqual(r.errors, ['boom']);
  assert.equal(r.unparsed, 1);
  assert.equal(r.outputs.length, 0);
});
