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
  const s = text.trim();
  const out = [];
  let depth = 0;
  const newline = () =>
    out.push({ t: 'ws', v: '\n' + indent.repeat(Math.min(depth, MAX_INDENT_DEPTH)) });
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') { i++; continue; }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const k = nextSignificant(s, i + 1);
      if (s[k] === close) { out.push({ t: 'punct', v: c + close }); i = k + 1; continue; }
      out.push({ t: 'punct', v: c });
      depth++;
      newline();
      i++;
    } else if (c === '}' || c === ']') {
      depth--;
      newline();
      out.push({ t: 'punct', v: c });
      i++;
    } else if (c === ',') {
      out.push({ t: 'punct', v: ',' });
      newline();
      i++;
    } else if (c === ':') {
      out.push({ t: 'punct', v: ': ' });
      i++;
    } else if (c === '"') {
      const end = readString(s, i);
      const isKey = s[nextSignificant(s, end)] === ':';
      out.push({ t: isKey ? 'key' : 'str', v: s.slice(i, end) });
      i = end;
    } else {
      let j = i;
      while (j < s.length && !' \n\r\t,]}:'.includes(s[j])) j++;
      const v = s.slice(i, j);
      out.push({ t: /^[-\d]/.test(v) ? 'num' : 'lit', v });
      i = j;
    }
  }
  return out;
}

export const prettyText = (text) => prettyTokens(text).map((tok) => tok.v).join('');
