// Long bodies (a coding agent's 8 MiB request, the text of a 40,000-event stream) in the page.
// A browser lays out one paragraph of pre-wrapped text in time that grows faster than its
// length (a 500,000-character stream text took 45 s in Chromium), and even a well-broken 8 MiB
// <pre> keeps the tab busy for many seconds. So a body is shown as blocks of bounded size
// (each its own paragraph), only the first ones at first, and the rest on demand, a few
// blocks at a time. Pure: text in, plain data out.

/** Characters of a body shown before "Show all". */
export const HEAD_CHARS = 32 * 1024;

/** Characters per block: each block is laid out as its own paragraph. */
export const BLOCK_CHARS = 4 * 1024;

/** Characters added to the page per step while showing the rest (one step a frame). */
export const STEP_CHARS = 64 * 1024;

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

/**
 * An index at or before `at` that does not fall inside a surrogate pair: just after the last
 * line break in the last quarter before `at` if there is one, else just after the last space
 * there (so a cut falls where the line ends or could wrap anyway), else `at` itself. Never
 * answers `from` or less for `at > from + 1`.
 */
export function cutIndex(text, at, from = 0) {
  if (at >= text.length) return text.length;
  // Look back a quarter of the block at most: lastIndexOf would scan a text without line
  // breaks to its start for every block, quadratic in its length.
  const stop = Math.max(from + 1, at - ((at - from) >> 2));
  let space = 0;
  for (let k = at; k >= stop; k--) {
    const c = text.charCodeAt(k - 1);
    if (c === 10) return k;
    if (c === 32 && !space) space = k;
  }
  // No line break: after a space, where the line could wrap anyway.
  if (space) return space;
  let i = at;
  if (i > from + 1 && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * Splits text into consecutive blocks of at most `size` characters (joined, they are the
 * text again), cut as cutIndex says. Linear in the length of the text.
 */
export function splitBlocks(text, size = BLOCK_CHARS) {
  const s = String(text ?? '');
  const out = [];
  for (let i = 0; i < s.length;) {
    const j = cutIndex(s, i + size, i);
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

/**
 * The end (exclusive) of the blocks to show after `from` so that at least `chars` more
 * characters are on the page: all the rest when `chars` is at least what is left.
 */
export function blocksFor(blocks, chars, from = 0) {
  let n = from;
  for (let total = 0; n < blocks.length && total < chars; n++) total += blocks[n].length;
  return n;
}

/**
 * The size of text in UTF-8, as `new Blob([text]).size` says (a lone surrogate counts as the
 * 3 bytes of U+FFFD) without encoding a copy: on an 8 MiB body the Blob cost ~180 ms.
 */
export function utf8Bytes(text) {
  const s = String(text ?? '');
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) { n += 2; i++; }
    else n += 2;
  }
  return n;
}
