import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

// WCAG 2.2 AA colour contrast of the theme variables in styles.css, light and dark: 4.5:1 for
// text, 3:1 for what identifies a control (a field's edge, the switch's track) and for the
// focus ring. axe-core checks the rendered page; this pins the palette it passed with.

const css = readFileSync(new URL('../src/styles.css', import.meta.url), 'utf8');

function vars(selector) {
  const at = css.indexOf(`${selector} {`);
  assert.ok(at >= 0, selector);
  const block = css.slice(at, css.indexOf('\n}', at));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

const light = vars(':root');
const dark = { ...light, ...vars(':root[data-theme="dark"]') };

const lin = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const lum = (hex) => {
  const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ratio = (a, b) => {
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

// [foreground, background, minimum]
const TEXT = [
  ['text', 'bg'], ['text', 'panel'], ['muted', 'bg'], ['muted', 'panel'], ['muted', 'panel-2'],
  ['muted', 'accent-soft'], ['accent', 'panel'], ['accent', 'panel-2'],
  ['ok', 'ok-soft'], ['warn', 'warn-soft'], ['err', 'err-soft'], ['info', 'info-soft'],
  ['ok', 'panel'], ['err', 'panel'], ['chart-axis', 'panel'],
  ['j-key', 'panel-2'], ['j-str', 'panel-2'], ['j-num', 'panel-2'], ['j-lit', 'panel-2'],
].map(([f, b]) => [f, b, 4.5]);
const CONTROLS = [
  ['field', 'panel'], ['field', 'panel-2'], ['ok', 'panel'], ['focus', 'panel'], ['focus', 'bg'],
  ['c-prompt', 'panel'], ['c-completion', 'panel'], ['c-ok', 'panel'], ['c-cached', 'panel'], ['c-error', 'panel'],
].map(([f, b]) => [f, b, 3]);

for (const [name, theme] of [['light', light], ['dark', dark]]) {
  test(`${name} theme: text and controls meet WCAG AA contrast`, () => {
    const low = [];
    for (const [f, b, min] of [...TEXT, ...CONTROLS]) {
      assert.ok(theme[f] && theme[b], `--${f} or --${b} missing`);
      const r = ratio(theme[f], theme[b]);
      if (r < min) low.push(`--${f} on --${b}: ${r.toFixed(2)} < ${min}`);
    }
    assert.deepEqual(low, []);
  });
}

test('placeholders are not faded below the muted colour', () => {
  assert.doesNotMatch(css, /::placeholder\s*\{[^}]*opacity:\s*0\.\d/);
});

test('fields and the switch track use the 3:1 edge colour', () => {
  assert.match(css, /\.field input, \.field select \{[^}]*border: 1px solid var\(--field\)/);
  assert.match(css, /\.switch-track \{[^}]*background: var\(--field\)/);
});

test('motion stops when the system asks for less', () => {
  assert.match(css, /@media \(prefers-reduced-motion: reduce\)/);
});
