import { useMemo, useState } from 'preact/hooks';
import { isJson, prettyText, prettyTokens } from '../json-pretty.js';
import { looksLikeSse, reassemble } from '../sse.js';
import { fmtBytes, fmtName } from '../format.js';

// Shows a stored request or response body. The body is untrusted (prompts, model output):
// it is only ever rendered as text nodes inside <pre>, never as markup.

const COLOR_LIMIT = 300 * 1024; // beyond this, skip per-token spans to keep the page fast

function JsonText({ text }) {
  const view = useMemo(() => (text.length > COLOR_LIMIT ? { plain: prettyText(text) } : { tokens: prettyTokens(text) }), [text]);
  if (view.plain != null) return <pre class="code">{view.plain}</pre>;
  return <pre class="code">{view.tokens.map((t, i) => (t.t === 'ws' || t.t === 'punct' ? t.v : <span key={i} class={`j-${t.t}`}>{t.v}</span>))}</pre>;
}

function ToolCall({ call }) {
  const args = isJson(call.arguments) ? <JsonText text={call.arguments} /> : <pre class="code">{call.arguments}</pre>;
  return (
    <div class="tool-call">
      <div class="tool-name">tool call <code>{call.name || '(unnamed)'}</code></div>
      {call.arguments && args}
    </div>
  );
}

const KIND_LABELS = { responses: 'Responses API', chat: 'chat completion', completions: 'completion', messages: 'Messages API' };

function StreamText({ text }) {
  const r = useMemo(() => reassemble(text), [text]);
  const many = r.outputs.length > 1;
  return (
    <div class="stream">
      <div class="stream-meta">
        <span>{r.events} events</span>
        {r.kind && <span>{KIND_LABELS[r.kind] ?? r.kind}</span>}
        {r.model && <span>model <code>{fmtName(r.model)}</code></span>}
        {r.done ? <span class="badge badge-ok">complete</span> : <span class="badge badge-warn" title="No [DONE], response.completed or message_stop was seen">incomplete</span>}
      </div>
      {r.errors.map((e, i) => <div class="stream-error" key={`e${i}`}>{e}</div>)}
      {r.outputs.length === 0 && !r.errors.length && <p class="muted">The stream carried no text. Switch to Raw to see the events.</p>}
      {r.outputs.map((o) => (
        <div class="stream-output" key={o.index}>
          {many && <div class="stream-choice">choice {o.index}</div>}
          {o.reasoning && (
            <details class="reasoning">
              <summary>Reasoning ({o.reasoning.length.toLocaleString()} chars)</summary>
              <pre class="prose">{o.reasoning}</pre>
            </details>
          )}
          {o.text && <pre class="prose">{o.text}</pre>}
          {o.toolCalls.map((c, i) => <ToolCall call={c} key={i} />)}
          {o.finishReason && <div class="finish">finish reason: <code>{o.finishReason}</code></div>}
        </div>
      ))}
    </div>
  );
}

function CopyButton({ text }) {
  const [done, setDone] = useState(false);
  const copy = () => navigator.clipboard.writeText(text).then(() => {
    setDone(true);
    setTimeout(() => setDone(false), 1500);
  }, () => {});
  return <button type="button" class="btn btn-small btn-ghost" onClick={copy}>{done ? 'Copied' : 'Copy'}</button>;
}

export function BodyView({ title, text, empty }) {
  const kind = useMemo(() => (typeof text !== 'string' || text === '' ? 'none' : looksLikeSse(text) ? 'sse' : isJson(text) ? 'json' : 'text'), [text]);
  const size = useMemo(() => (typeof text === 'string' ? new Blob([text]).size : 0), [text]);
  const [raw, setRaw] = useState(false);
  const canCopy = kind !== 'none' && !!navigator.clipboard;
  const modes = kind === 'sse' ? ['Text', 'Raw'] : kind === 'json' ? ['Pretty', 'Raw'] : null;
  return (
    <section class="panel body-view">
      <header class="panel-head">
        <h3>{title}</h3>
        <span class="muted small">{kind === 'none' ? '' : `${fmtBytes(size)} · ${kind === 'sse' ? 'event stream' : kind === 'json' ? 'JSON' : 'text'}`}</span>
        <span class="spacer" />
        {modes && (
          <div class="seg seg-small" role="group" aria-label={`${title} view`}>
            {modes.map((m, i) => (
              <button type="button" key={m} class={(i === 1) === raw ? 'on' : ''} aria-pressed={(i === 1) === raw} onClick={() => setRaw(i === 1)}>{m}</button>
            ))}
          </div>
        )}
        {canCopy && <CopyButton text={text} />}
      </header>
      <div class="body-content">
        {kind === 'none' && (empty || <p class="muted">Not recorded (body logging may be off for this gateway).</p>)}
        {kind === 'text' && <pre class="code">{text}</pre>}
        {kind !== 'none' && kind !== 'text' && raw && <pre class="code">{text}</pre>}
        {kind === 'json' && !raw && <JsonText text={text} />}
        {kind === 'sse' && !raw && <StreamText text={text} />}
      </div>
    </section>
  );
}
