// Dev-only: screenshots of the dashboard in both themes through Debian's Chromium, and a
// check that nothing ran from stored data (no dialog), no CSP violation, no page error.
//
//   npm i --no-save playwright-core      (or set PLAYWRIGHT_CORE=/path/to/playwright-core)
//   node dev/shoot.mjs http://127.0.0.1:5199 dev/shots
//
// Exits non-zero when a dialog opened, the console logged an error, or the page threw.

import { mkdir } from 'node:fs/promises';

const base = process.argv[2] || 'http://127.0.0.1:5199';
const out = process.argv[3] || 'dev/shots';
const { chromium } = await import(process.env.PLAYWRIGHT_CORE || 'playwright-core');

const views = [
  ['overview', '#/?days=14'],
  ['overview-24h', '#/?days=1'],
  ['logs', '#/logs'],
  ['logs-filtered', '#/logs?status=5xx&days=90'],
  ['detail-xss-sse', '#/logs/01JDXSS0000001'],
  ['detail-responses', '#/logs/01JDRESP000002'],
  ['detail-bigint', '#/logs/01JDBIGINT0003'],
  ['detail-missing', '#/logs/nope'],
];

await mkdir(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const problems = [];
for (const scheme of ['light', 'dark']) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: scheme });
  page.on('dialog', (d) => { problems.push(`dialog opened: ${d.message()}`); d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(base)) problems.push(`request left the machine: ${r.url()}`); });
  for (const [name, hash] of views) {
    await page.goto(`${base}/${hash}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/${name}-${scheme}.png`, fullPage: process.env.FULL === '1' });
  }
  await page.close();
}
await browser.close();
const filtered = problems.filter((p) => !/status of 404/.test(p)); // the missing-id view asks for a 404 on purpose
for (const p of filtered) console.error(p);
console.log(`${views.length * 2} screenshots in ${out}; ${filtered.length} problems`);
process.exit(filtered.length ? 1 : 0);
