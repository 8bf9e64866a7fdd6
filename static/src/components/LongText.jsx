import { useEffect, useMemo, useState } from 'preact/hooks';
import { BLOCK_CHARS, HEAD_CHARS, STEP_CHARS, blocksFor, splitBlocks } from '../long-text.js';

// Text (already made safe by the caller, e.g. fmtBody) in a <pre>, as text nodes only. A
// short text is one text node, as always; a long one is shown in blocks (each laid out as
// its own paragraph: see long-text.js), the first HEAD_CHARS characters at first. "Show all"
// adds the rest STEP_CHARS a frame, so the tab keeps answering while it grows.

const n = (v) => v.toLocaleString();

/** A note on what is shown (`text`), with the button that shows the rest. */
export function MoreNote({ text, busy, onAll }) {
  return (
    <div class="body-more muted small">
      <span>{text}</span>
      {!busy && <button type="button" class="btn btn-small btn-ghost" onClick={onAll}>Show all</button>}
    </div>
  );
}

/** `startAll`: show everything (still a step a frame) without waiting for the button. */
export function LongText({ text, cls, startAll = false }) {
  const s = text ?? '';
  const blocks = useMemo(() => (s.length > BLOCK_CHARS ? splitBlocks(s) : null), [s]);
  // A text not much longer than the head is shown whole: no button for the last few lines.
  const head = useMemo(() => (blocks ? blocksFor(blocks, s.length <= HEAD_CHARS * 1.25 ? Infinity : HEAD_CHARS) : 0), [blocks]);
  // State belongs to one text: a new text starts again from its head.
  const [st, setSt] = useState({ blocks: null, end: 0, all: false });
  const mine = st.blocks === blocks;
  const end = mine ? Math.max(st.end, head) : head;
  const all = mine ? st.all : startAll;
  const more = blocks ? end < blocks.length : false;

  useEffect(() => {
    if (!blocks || !all || !more) return undefined;
    const id = requestAnimationFrame(() => setSt({ blocks, end: blocksFor(blocks, STEP_CHARS, end), all: true }));
    return () => cancelAnimationFrame(id);
  }, [blocks, all, more, end]);

  if (!blocks) return <pre class={cls}>{s}</pre>;
  let shown = 0;
  for (let i = 0; i < end; i++) shown += blocks[i].length;
  return (
    <>
      <pre class={`${cls} blocks`}>{blocks.slice(0, end).map((b, i) => <span class="blk" key={i}>{b}</span>)}</pre>
      {more && (
        <MoreNote busy={all} onAll={() => setSt({ blocks, end, all: true })}
          text={all ? `Adding the rest: ${n(shown)} of ${n(s.length)} characters shown…`
            : `Showing the first ${n(shown)} of ${n(s.length)} characters.`} />
      )}
    </>
  );
}
