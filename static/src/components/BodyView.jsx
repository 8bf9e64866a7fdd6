import { useMemo, useState } from 'preact/hooks';
import { isJson, prettyHead, prettyText, prettyTokens } from '../json-pretty.js';
import { looksLikeSse, reassemble } from '../sse.js';
import { fmtBody, fmtBytes, fmtName } from '../format.js';
import { binaryNote, lossyNote, streamEnd, textCapNote, truncationNote } from '../audit.js';
import { BLOCK_CHARS, HEAD_CHARS, utf8Bytes } from '../long-text.js';
import { LongText, MoreNote } from './LongText.jsx';

// Shows a stored request or response body. The body is untrusted (prompts, model output):
// it is only ever rendered as text nodes inside <pre>, never as markup, and every character
// that could reorder the text around it is shown as its escape (fmtBody).

const COLOR_LIMIT = 300 * 1024; // beyond this, skip per-token spans to keep the page fast

const tokenNodes = (tokens) =>
  tokens.map((t, i) => (t.t === 'ws' || t.t === 'punct' ? t.v : <span key={i} class={`j-${t.t}`}>{t.v}</span>));

// In a JSON string the escape fmtBody writes means the same character, so escaping before
// the token walk shows the same JSON. A large body shows its first HEAD_CHARS pretty-printed
// characters (found without walking the rest) until "Show all".
function JsonText({ text }) {
  const safe = useMemo(() => fmtBody(text), [text]);
  const head = useMemo(() => prettyHead(safe, HEAD_CHARS), [safe]);
  const [allOf, setAllOf] = useState(null);
  const all = allOf === safe || !head.cut;
  const full = useMemo(() => {
    if (!all || !head.cut) return null;
    if (safe.length > COLOR_LIMIT) return { plain: prettyText(safe) };
    // One long string (a file a tool call writes) is one paragraph: blocks, without colour.
    const tokens = prettyTokens(safe);
    return tokens.some((t) => t.v.length > BLOCK_CHARS) ? { plain: tokens.map((t) => t.v).join('') } : { tokens };
  }, [all, head, safe]);
  if (full?.plain != null) return <LongText text={full.plain} cls="code" startAll />;
  if (full) return <pre class="code">{tokenNodes(full.tokens)}</pre>;
  if (!head.cut) return <pre class="code">{tokenNodes(head.tokens)}</pre>;
  const shown = head.tokens.reduce((a, t) => a + t.v.length, 0);
  return (
    <>
      <pre class="code">{tokenNodes(head.tokens)}</pre>
      <MoreNote onAll={() => setAllOf(safe)}
        text={`Showing the start, pretty-printed (${shown.toLocaleString()} characters); the body has ${safe.length.toLocaleString()}.`} />
    </>
  );
}

function ToolCall({ call }) {
  const args = isJson(call.arguments) ? <JsonText text={call.arguments} />
    : <LongText text={fmtBody(call.arguments)} cls="code" />;
  return (
    <div class="tool-call">
      <div class="tool-name">tool call <code>{fmtName(call.name) || '(unnamed)'}</code></div>
      {call.arguments && args}
    </div>
  );
}

const KIND_LABELS = { responses: 'Responses API', chat: 'chat completion', completions: 'completion', messages: 'Messages API' };

// `complete` is the gateway's word on the stream (null: not sent); `truncated` says the stored
// body was cut, so a missing [DONE] in it proves nothing.
function StreamText({ text, complete, truncated }) {
  const r = useMemo(() => reassemble(text), [text]);
  const end = streamEnd(complete, r.done, truncated);
  const many = r.outputs.length > 1;
  return (
    <div class="stream">
      <div class="stream-meta">
        <span>{r.events} events</span>
        {r.kind && <span>{KIND_LABELS[r.kind] ?? r.kind}</span>}
        {r.model && <span>model <code>{fmtName(r.model)}</code></span>}
        {end.done ? <span class="badge badge-ok" title={end.title}>complete</span>
          : <span class="badge badge-warn" title={end.title}>incomplete</span>}
      </div>
      {r.errors.map((e, i) => <div class="stream-error" key={`e${i}`}>{fmtBody(e)}</div>)}
      {r.outputs.length === 0 && !r.errors.length && <p class="muted">The stream carried no text. Switch to Raw to see the events.</p>}
      {r.outputs.map((o) => (
        <div class="stream-output" key={o.index}>
          {many && <div class="stream-choice">choice {o.index}</div>}
          {o.reasoning && (
            <details class="reasoning">
              <summary>Reasoning ({o.reasoning.length.toLocaleString()} chars)</summary>
              <LongText text={fmtBody(o.reasoning)} cls="prose" />
            </details>
          )}
          {o.text && <LongText text={fmtBody(o.text)} cls="prose" />}
          {o.toolCalls.map((c, i) => <ToolCall call={c} key={i} />)}
          {o.finishReason && (
            <div class="finish">finish reason: <code>{fmtName(o.finishReason)}</code></div>
          )}
        </div>
      ))}
    </div>
  );
}

function CopyButton({ text, what }) {
  const [done, setDone] = useState(false);
  const copy = () => navigator.clipboard.writeText(text).then(() => {
    setDone(true);
    setTimeout(() => setDone(false), 1500);
  }, () => {});
  return (
    <>
      <button type="button" class="btn btn-small btn-ghost" aria-label={`Copy ${what}`} onClick={copy}>{done ? 'Copied' : 'Copy'}</button>
      <span class="sr-only" role="status">{done ? 'Copied' : ''}</span>
    </>
  );
}

const CUT_TITLE = 'The gateway stored only the start of this body';
const CAP_TITLE = 'The API sends at most 1 MiB of a body; the gateway keeps all of it';
const LOSSY_TITLE = 'Some bytes of this body are not UTF-8: each bad sequence shows as \uFFFD. '
  + 'The gateway keeps the bytes as they came';
const KIND_NAMES = { sse: 'event stream', json: 'JSON', text: 'text' };

function bodyKind(text) {
  if (typeof text !== 'string' || text === '') return 'none';
  return looksLikeSse(text) ? 'sse' : isJson(text) ? 'json' : 'text';
}

/**
 * `missing`: what to say when there is no body (see missingBodyNote); `empty` replaces it with
 * markup of the caller's. `truncated`, `totalBytes`: the API's flag and the body's whole
 * size. `complete`: the gateway's word on whether the answer ended properly (streams).
 * `binary`: the body is no text (the API sends none), `storedBytes` its stored size;
 * `textCut`: the API sent only the start of a long text body; `lossy`: some of its bytes are
 * not UTF-8 (shown as U+FFFD).
 */
export function BodyView({
  title, text, empty, missing, truncated, totalBytes, complete, binary, storedBytes, textCut,
  lossy,
}) {
  if (binary === true) return <BinaryBody title={title} stored={storedBytes} total={totalBytes} />;
  return <TextBody title={title} text={text} empty={empty} missing={missing} truncated={truncated}
    totalBytes={totalBytes} complete={complete} storedBytes={storedBytes} textCut={textCut}
    lossy={lossy} />;
}

// An mp3, a downloaded file: its size, never its bytes as (garbled) text.
function BinaryBody({ title, stored, total }) {
  return (
    <section class="panel body-view">
      <header class="panel-head">
        <h2>{title}</h2>
        <span class="muted small">binary</span>
      </header>
      <div class="body-content"><p class="muted">{binaryNote(stored, total)}: not shown as text.</p></div>
    </section>
  );
}

function TextBody({
  title, text, empty, missing, truncated, totalBytes, complete, storedBytes, textCut, lossy,
}) {
  const kind = useMemo(() => bodyKind(text), [text]);
  const size = useMemo(() => (typeof text === 'string' ? utf8Bytes(text) : 0), [text]);
  const [raw, setRaw] = useState(false);
  const safe = useMemo(() => (kind === 'text' || raw ? fmtBody(text) : null), [kind, raw, text]);
  const canCopy = kind !== 'none' && !!navigator.clipboard;
  const modes = kind === 'sse' ? ['Text', 'Raw'] : kind === 'json' ? ['Pretty', 'Raw'] : null;
  const cut = kind === 'none' ? null : truncationNote(truncated, size, totalBytes);
  const capped = kind === 'none' ? null : textCapNote(textCut, size, storedBytes);
  const bad = kind === 'none' ? null : lossyNote(lossy);
  return (
    <section class="panel body-view">
      <header class="panel-head">
        <h2>{title}</h2>
        <span class="muted small">
          {kind === 'none' ? '' : `${fmtBytes(size)} · ${KIND_NAMES[kind]}`}
        </span>
        {cut && (
          <span class="badge badge-warn badge-text" title={CUT_TITLE}>{cut}</span>
        )}
        {capped && (
          <span class="badge badge-warn badge-text" title={CAP_TITLE}>{capped}</span>
        )}
        {bad && (
          <span class="badge badge-warn badge-text" title={LOSSY_TITLE}>{bad}</span>
        )}
        <span class="spacer" />
        {modes && (
          <div class="seg seg-small" role="group" aria-label={`${title} view`}>
            {modes.map((m, i) => (
              <button type="button" key={m} class={(i === 1) === raw ? 'on' : ''} aria-pressed={(i === 1) === raw} onClick={() => setRaw(i === 1)}>{m}</button>
            ))}
          </div>
        )}
        {canCopy && <CopyButton text={text} what={title.toLowerCase()} />}
      </header>
      <div class="body-content">
        {kind === 'none' && (empty || <p class="muted">{missing ?? 'Not recorded.'}</p>)}
        {(kind === 'text' || (kind !== 'none' && raw)) && <LongText text={safe} cls="code" />}
        {kind === 'json' && !raw && <JsonText text={text} />}
        {kind === 'sse' && !raw && (
          <StreamText text={text} complete={complete} truncated={truncated} />
        )}
      </div>
    </section>
  );
}
