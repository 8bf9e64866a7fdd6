// Pretty-prints JSON text without parsing it into JS values, so every token stays exactly
// as stored (large integers, number formatting, escapes). Output is a list of tokens that
// the viewer renders as text nodes; nothing here ever becomes markup.

/** Valid JSON object/array/value? (Cheap guard before the token walk.) */
export function isJson(text) {
  if (typeof text !== 'string') return false;
  const t = text.trim();
  if (!t) return false;
  try { JSON.parse(t); return true; } catch { return false; }
}

function readString(s, i) {
  let j = i + 1;
  while (j < s.length) {
    const c = s[j];
    if (c === '\\') j += 2;
    else if (c === '"') return j + 1;
    else j++;
  }
  return j;
}

function nextSignificant(s, i) {
  while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++;
  return i;
}

/**
 * Tokens `{t, v}` where t is one of: punct, key, str, num, lit, ws.
 * Call only on text that isJson accepted.
 */
// Past this depth lines are indented no further: a body nested thousands deep (any client can
// send one) would otherwise print each line as wide as its depth, quadratic in its size.
export const MAX_INDENT_DEPTH = 24;

export function prettyTokens(text, indent = '  ') {
  return walk(text, indent, Infinity).tokens;
}

/**
 * The start of prettyTokens(text): tokens until they hold at least `maxChars` characters.
 * `cut` says there is more. Time grows with `maxChars`, not with the size of the text (but
 * for the trim), so a large body's first screen costs what a small one's does.
 */
export function prettyHead(text, maxChars, indent = '  ') {
  return walk(text, indent, maxChars);
}

function walk(text, indent, maxChars) {
  const s = text.trim();
  const out = [];
  let depth = 0;
  let chars = 0;
  let partial = false;
  // A token that would pass maxChars (a long string: a base64 image, a whole file) is cut
  // there, never inside a surrogate pair, and the head says it is cut.
  const push = (tok) => {
    if (chars + tok.v.length > maxChars) {
      let end = maxChars - chars;
      const c = tok.v.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff) end--;
      tok.v = tok.v.slice(0, end);
      partial = true;
    }
    out.push(tok);
    chars += tok.v.length;
  };
  const newline = () =>
    push({ t: 'ws', v: '\n' + indent.repeat(Math.min(depth, MAX_INDENT_DEPTH)) });
  let i = 0;
  while (i < s.length && chars < maxChars && !partial) {
    const c = s[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') { i++; continue; }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const k = nextSignificant(s, i + 1);
      if (s[k] === close) { push({ t: 'punct', v: c + close }); i = k + 1; continue; }
      push({ t: 'punct', v: c });
      depth++;
      newline();
      i++;
    } else if (c === '}' || c === ']') {
      depth--;
      newline();
      push({ t: 'punct', v: c });
      i++;
    } else if (c === ',') {
      push({ t: 'punct', v: ',' });
      newline();
      i++;
    } else if (c === ':') {
      push({ t: 'punct', v: ': ' });
      i++;
    } else if (c === '"') {
      const end = readString(s, i);
      const isKey = s[nextSignificant(s, end)] === ':';
      push({ t: isKey ? 'key' : 'str', v: s.slice(i, end) });
      i = end;
    } else {
      let j = i;
      while (j < s.length && !' \n\r\t,]}:'.includes(s[j])) j++;
      const v = s.slice(i, j);
      push({ t: /^[-\d]/.test(v) ? 'num' : 'lit', v });
      i = j;
    }
  }
  while (i < s.length && ' \n\r\t'.includes(s[i])) i++;
  return { tokens: out, cut: partial || i < s.length };
}

export const prettyText = (text) => prettyTokens(text).map((tok) => tok.v).join('');
