// Reassembles a captured Server-Sent Events body into the text the client finally saw.
// Handles chat/completions (choices[].delta), completions (choices[].text), the
// Responses API (response.*.delta events) and Anthropic's Messages API (message_start,
// content_block_* and message_delta events). Pure: text in, plain data out.

export function looksLikeSse(text) {
  if (typeof text !== 'string') return false;
  const t = text.trimStart();
  return t.startsWith('data:') || t.startsWith('event:');
}

/** Splits an SSE body into events `{event, data}` per the SSE framing rules. */
export function parseEvents(text) {
  const events = [];
  let event = '';
  let data = [];
  const flush = () => {
    if (data.length) events.push({ event, data: data.join('\n') });
    event = '';
    data = [];
  };
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (raw === '') { flush(); continue; }
    if (raw.startsWith(':')) continue;
    const colon = raw.indexOf(':');
    const field = colon < 0 ? raw : raw.slice(0, colon);
    let value = colon < 0 ? '' : raw.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
  }
  flush();
  return events;
}

// While events are applied, text, reasoning, tool names and arguments are arrays of pieces,
// joined once at the end: a stream of 40,000 deltas costs its length, never its square.
function output(acc, index) {
  const key = Number.isFinite(index) ? index : 0;
  if (!acc.has(key)) acc.set(key, { index: key, text: [], reasoning: [], toolCalls: [], finishReason: null });
  return acc.get(key);
}

function toolCall(out, index) {
  const i = Number.isFinite(index) ? index : out.toolCalls.length;
  while (out.toolCalls.length <= i) out.toolCalls.push({ name: [], arguments: [] });
  return out.toolCalls[i];
}

function applyChoice(acc, choice, state) {
  const out = output(acc, choice.index);
  if (typeof choice.text === 'string') { out.text.push(choice.text); state.kind ??= 'completions'; }
  const d = choice.delta;
  if (d && typeof d === 'object') {
    state.kind ??= 'chat';
    if (typeof d.content === 'string') out.text.push(d.content);
    const r = d.reasoning_content ?? d.reasoning;
    if (typeof r === 'string') out.reasoning.push(r);
    for (const tc of Array.isArray(d.tool_calls) ? d.tool_calls : []) {
      const call = toolCall(out, tc?.index);
      if (typeof tc?.function?.name === 'string') call.name.push(tc.function.name);
      if (typeof tc?.function?.arguments === 'string') call.arguments.push(tc.function.arguments);
    }
  }
  if (choice.finish_reason) out.finishReason = choice.finish_reason;
}

function applyResponses(acc, type, msg, state) {
  state.kind = 'responses';
  const out = () => output(acc, msg.output_index);
  if (type === 'response.output_text.delta' && typeof msg.delta === 'string') out().text.push(msg.delta);
  else if (/^response\.reasoning(_summary)?_text\.delta$/.test(type) && typeof msg.delta === 'string') out().reasoning.push(msg.delta);
  else if (type === 'response.output_item.added' && msg.item?.type === 'function_call') {
    toolCall(out(), 0).name = [String(msg.item.name ?? '')];
  } else if (type === 'response.function_call_arguments.delta' && typeof msg.delta === 'string') {
    toolCall(out(), 0).arguments.push(msg.delta);
  } else if (/^response\.(completed|incomplete|failed)$/.test(type)) {
    state.status = msg.response?.status ?? type.slice('response.'.length);
    if (msg.response?.usage) state.usage = msg.response.usage;
    if (msg.response?.error) state.errors.push(errorText(msg.response.error));
  }
}

// Anthropic's Messages API: each content block (by index) is text, thinking or a tool call;
// one output (the message) holds them in order. Usage: message_start's, updated per field by
// message_delta (the last value of each field wins). Complete only after message_stop.
const MESSAGE_EVENTS = new Set(['message_start', 'message_delta', 'message_stop', 'content_block_start',
  'content_block_delta', 'content_block_stop', 'ping']);

function applyMessages(acc, type, msg, state) {
  state.kind = 'messages';
  const out = output(acc, 0);
  state.blocks ??= new Map();
  if (type === 'message_start') {
    if (typeof msg.message?.model === 'string') state.model ??= msg.message.model;
    if (msg.message?.usage && typeof msg.message.usage === 'object') state.usage = { ...msg.message.usage };
  } else if (type === 'content_block_start') {
    const b = msg.content_block ?? {};
    if (b.type === 'tool_use') {
      out.toolCalls.push({ name: [String(b.name ?? '')], arguments: [], id: b.id ?? null });
      state.blocks.set(msg.index, { type: 'tool_use', call: out.toolCalls[out.toolCalls.length - 1] });
    } else {
      state.blocks.set(msg.index, { type: b.type });
      if (b.type === 'text' && typeof b.text === 'string') out.text.push(b.text);
    }
  } else if (type === 'content_block_delta') {
    const d = msg.delta ?? {};
    const block = state.blocks.get(msg.index);
    if (d.type === 'text_delta' && typeof d.text === 'string') out.text.push(d.text);
    else if (d.type === 'thinking_delta' && typeof d.thinking === 'string') out.reasoning.push(d.thinking);
    else if (d.type === 'input_json_delta' && typeof d.partial_json === 'string' && block?.call) block.call.arguments.push(d.partial_json);
  } else if (type === 'message_delta') {
    if (msg.delta?.stop_reason) out.finishReason = msg.delta.stop_reason;
    if (msg.usage && typeof msg.usage === 'object') state.usage = { ...(state.usage ?? {}), ...msg.usage };
  } else if (type === 'message_stop') {
    state.status = 'completed';
  }
}

function errorText(err) {
  if (typeof err === 'string') return err;
  return err?.message ? String(err.message) : JSON.stringify(err);
}

/**
 * @returns {{kind: string|null, outputs: Array, usage: object|null, model: string|null,
 *   status: string|null, done: boolean, errors: string[], events: number, unparsed: number}}
 */
export function reassemble(text) {
  const state = { kind: null, usage: null, model: null, status: null, done: false, errors: [], events: 0, unparsed: 0 };
  const acc = new Map();
  for (const ev of parseEvents(String(text ?? ''))) {
    state.events++;
    if (ev.data.trim() === '[DONE]') { state.done = true; continue; }
    let msg;
    try { msg = JSON.parse(ev.data); } catch { state.unparsed++; continue; }
    if (!msg || typeof msg !== 'object') continue;
    const type = typeof msg.type === 'string' ? msg.type : ev.event;
    if (type && type.startsWith('response.')) { applyResponses(acc, type, msg, state); continue; }
    if (MESSAGE_EVENTS.has(type)) { applyMessages(acc, type, msg, state); continue; }
    if (type === 'error') { state.errors.push(errorText(msg.error ?? msg)); continue; }
    if (msg.error) { state.errors.push(errorText(msg.error)); continue; }
    if (typeof msg.model === 'string') state.model ??= msg.model;
    if (msg.usage) state.usage = msg.usage;
    for (const choice of Array.isArray(msg.choices) ? msg.choices : []) if (choice) applyChoice(acc, choice, state);
  }
  if ((state.kind === 'responses' || state.kind === 'messages') && state.status === 'completed') state.done = true;
  const outputs = [...acc.values()].sort((a, b) => a.index - b.index).map((o) => ({
    ...o,
    text: o.text.join(''),
    reasoning: o.reasoning.join(''),
    toolCalls: o.toolCalls.map((c) => ({ ...c, name: c.name.join(''), arguments: c.arguments.join('') })),
  }));
  const { blocks, ...rest } = state;
  return { ...rest, outputs };
}
