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

const messages = [
  'event: message_start',
  'data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"usage":{"input_tokens":12,"cache_read_input_tokens":100,"output_tokens":1}}}',
  '',
  'event: content_block_start',
  'data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
  '',
  'event: ping',
  'data: {"type":"ping"}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello "}}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"<b>world"}}',
  '',
  'event: content_block_stop',
  'data: {"type":"content_block_stop","index":0}',
  '',
  'event: content_block_start',
  'data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"Bash","input":{}}}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"command\\":"}}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\\"ls\\"}"}}',
  '',
  'event: content_block_stop',
  'data: {"type":"content_block_stop","index":1}',
  '',
  'event: message_delta',
  'data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":9}}',
  '',
  'event: message_stop',
  'data: {"type":"message_stop"}',
  '',
].join('\n');

test('reassemble_messages_puts_text_and_tool_use_blocks_back_together', () => {
  const r = reassemble(messages);
  assert.equal(r.kind, 'messages');
  assert.equal(r.model, 'claude-sonnet-4-5');
  assert.equal(r.outputs.length, 1);
  assert.equal(r.outputs[0].text, 'Hello <b>world');
  assert.deepEqual(r.outputs[0].toolCalls.map((c) => [c.name, c.arguments, c.id]), [['Bash', '{"command":"ls"}', 'toolu_1']]);
  assert.equal(r.outputs[0].finishReason, 'tool_use');
  assert.equal(r.done, true);
  assert.equal('blocks' in r, false);
});

test('reassemble_messages_usage_keeps_the_last_value_of_each_field', () => {
  const r = reassemble(messages);
  assert.deepEqual(r.usage, { input_tokens: 12, cache_read_input_tokens: 100, output_tokens: 9 });
});

test('reassemble_messages_collects_thinking_as_reasoning', () => {
  const r = reassemble([
    'data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}',
    'data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}}',
    'data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}',
    'data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"ok"}}',
  ].join('\n\n'));
  assert.equal(r.outputs[0].reasoning, 'hmm');
  assert.equal(r.outputs[0].text, 'ok');
});

test('reassemble_messages_without_message_stop_is_incomplete_and_keeps_the_error', () => {
  const cut = messages.slice(0, messages.indexOf('event: content_block_start\ndata: {"type":"content_block_start","index":1'));
  const r = reassemble(cut + 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n');
  assert.equal(r.kind, 'messages');
  assert.equal(r.outputs[0].text, 'Hello <b>world');
  assert.equal(r.done, false);
  assert.deepEqual(r.errors, ['Overloaded']);
});

// A coding agent writes a file through tens of thousands of deltas; the pieces are joined
// once (the speed is reported by the change's review, not asserted here).
test('reassemble_40000_chat_deltas_keeps_every_piece_in_order', () => {
  const frames = [];
  for (let i = 0; i < 40000; i++) {
    const delta = i === 0 ? { role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', function: { name: 'write_', arguments: '' } }] }
      : i === 1 ? { tool_calls: [{ index: 0, function: { name: 'file', arguments: '{"c":"' } }] }
        : { content: `t${i} `, tool_calls: [{ index: 0, function: { arguments: `${i % 10}` } }] };
    frames.push(`data: ${JSON.stringify({ model: 'm', choices: [{ index: 0, delta }] })}\n\n`);
  }
  frames.push('data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"}"}}]},"finish_reason":"tool_calls"}]}\n\ndata: [DONE]\n\n');
  const r = reassemble(frames.join(''));
  assert.equal(r.events, 40002);
  assert.equal(r.done, true);
  const [o] = r.outputs;
  let text = '';
  let digits = '';
  for (let i = 2; i < 40000; i++) { text += `t${i} `; digits += `${i % 10}`; }
  assert.equal(o.text, text);
  assert.equal(o.toolCalls.length, 1);
  assert.equal(o.toolCalls[0].name, 'write_file');
  assert.equal(o.toolCalls[0].arguments, `{"c":"${digits}"}`);
  assert.equal(typeof o.toolCalls[0].arguments, 'string');
  assert.equal(o.finishReason, 'tool_calls');
});

test('reassemble_40000_messages_deltas_joins_text_and_tool_input', () => {
  const ev = (name, o) => `event: ${name}\ndata: ${JSON.stringify(o)}\n\n`;
  const parts = [ev('message_start', { type: 'message_start', message: { model: 'claude-x', usage: { input_tokens: 5 } } }),
    ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'A' } })];
  for (let i = 0; i < 20000; i++) parts.push(ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ab' } }));
  parts.push(ev('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'write_file' } }));
  for (let i = 0; i < 20000; i++) parts.push(ev('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: 'x' } }));
  parts.push(ev('message_stop', { type: 'message_stop' }));
  const r = reassemble(parts.join(''));
  assert.equal(r.events, 40004);
  assert.equal(r.done, true);
  assert.equal(r.outputs[0].text, `A${'ab'.repeat(20000)}`);
  assert.deepEqual(r.outputs[0].toolCalls, [{ name: 'write_file', arguments: 'x'.repeat(20000), id: 'toolu_1' }]);
});
