import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The XSS rule (docs/dashboard.md): data from the API is rendered as text only. These APIs
// turn strings into markup or code, so the dashboard's own source must not use them.
const FORBIDDEN = [/innerHTML/, /outerHTML/, /insertAdjacentHTML/, /dangerouslySetInnerHTML/, /document\.write/, /\beval\s*\(/, /new\s+Function\b/, /createContextualFragment/, /DOMParser/];

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

test('source_never_uses_markup_or_code_from_strings', () => {
  const src = new URL('../src/', import.meta.url).pathname;
  const hits = files(src).filter((f) => /\.(jsx?|mjs)$/.test(f)).flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    return FORBIDDEN.filter((re) => re.test(text)).map((re) => `${f}: ${re}`);
  });
  assert.deepEqual(hits, []);
});
