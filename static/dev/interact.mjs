// Dev-only: drives the dashboard against the mock (node dev/mock-server.mjs) like a person
// would and checks what the page shows. Exits non-zero on the first failed check.
//
//   node dev/interact.mjs http://127.0.0.1:5199

const base = process.argv[2] || 'http://127.0.0.1:5199';
const { chromium } = await import(process.env.PLAYWRIGHT_CORE || 'playwright-core');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const problems = [];
page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
const requests = [];
page.on('request', (r) => requests.push(r.url()));

let failed = 0;
function check(name, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : ` ${detail}`}`);
  if (!ok) failed++;
}
const settle = async () => { await page.waitForLoadState('networkidle'); await page.waitForTimeout(150); };
const text = (sel) => page.locator(sel).first().innerText();

// Overview: period picker sends days/bucket/tz.
await page.goto(`${base}/#/`);
await settle();
await page.getByRole('button', { name: '24 h' }).click();
await settle();
const series = requests.filter((u) => u.includes('/__report/series')).pop() ?? '';
check('24 h asks hourly series with tz', /days=1/.test(series) && /bucket=hour/.test(series) && /tz=/.test(series), series);
check('period is kept in the hash', page.url().endsWith('#/?days=1'), page.url());

// Hovering a bar shows that bucket's values in the legend.
const plot = page.locator('.chart-plot').first();
const box = await plot.boundingBox();
await page.mouse.move(box.x + box.width - 30, box.y + box.height / 2);
const when = await text('.chart-when');
check('chart hover shows the bucket', when !== 'Whole period', when);

// Sorting a breakdown table.
const firstModel = () => text('.panel:has(h2:text("By model")) tbody tr td');
await page.locator('.panel:has(h2:text("By model")) th button', { hasText: 'Model' }).click();
const a = await firstModel();
await page.locator('.panel:has(h2:text("By model")) th button', { hasText: 'Model' }).click();
const b = await firstModel();
check('sorting by name flips order', a !== b, `${a} / ${b}`);

// A row links to the audit log filtered on it.
await page.locator('.panel:has(h2:text("By model")) tbody tr').first().click();
await settle();
check('model row opens filtered log', /#\/logs\?.*model=/.test(page.url()), page.url());

// Audit log: typing a filter commits it after a pause.
await page.goto(`${base}/#/logs`);
await settle();
await page.getByLabel('Search bodies').fill('haiku');
await page.waitForTimeout(700);
await settle();
const logsReq = requests.filter((u) => u.includes('/__report/logs?')).pop() ?? '';
check('search sends q=', /q=haiku/.test(logsReq), logsReq);
check('search is in the hash', /q=haiku/.test(page.url()), page.url());
const rowCount = await page.locator('.table-logs tbody tr').count();
check('search narrows the rows', rowCount > 0 && rowCount < 100, String(rowCount));

// Clear filters, then page through with the cursor.
await page.getByRole('button', { name: 'Clear filters' }).click();
await settle();
await page.getByLabel('Page size').selectOption('50');
await settle();
const first = await text('.table-logs tbody tr td');
await page.getByRole('button', { name: 'Older →' }).click();
await settle();
const older = requests.filter((u) => u.includes('/__report/logs?')).pop() ?? '';
check('older page sends before=<cursor>', /before=/.test(older) && /limit=50/.test(older), older);
check('older page shows other rows', (await text('.table-logs tbody tr td')) !== first);
await page.getByRole('button', { name: '← Newer' }).click();
await settle();
check('newer returns to the first page', (await text('.table-logs tbody tr td')) === first);

// Export links carry the filters.
const csv = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
check('CSV export link', /format=csv/.test(csv) && /limit=50|limit=1000/.test(csv), csv);
const res = await page.request.get(base + csv);
check('CSV export answers CSV', (await res.text()).startsWith('id,created_at'));

// Live tail refreshes the first page.
const before = requests.length;
await page.getByRole('switch', { name: 'Live tail' }).click();
await page.waitForTimeout(9000);
const tails = requests.slice(before).filter((u) => u.includes('/__report/logs?')).length;
check('live tail reloads every few seconds', tails >= 2, String(tails));
await page.getByRole('switch', { name: 'Live tail' }).click();

// Detail of the hostile record: text only.
await page.goto(`${base}/#/logs/01JDXSS0000001`);
await settle();
check('no <img src=x> was created', (await page.locator('img[src="x"]').count()) === 0);
check('prompt shows as text', (await page.locator('pre.code').first().innerText()).includes('<img src=x onerror=alert(1)>'));
check('stream reassembled', (await text('pre.prose')).startsWith('I will not run <script>'));
await page.getByRole('button', { name: 'Raw' }).nth(1).click();
check('raw stream on toggle', (await page.locator('.body-view').nth(1).locator('pre.code').innerText()).startsWith('data: {'));

// Review fixes: a failed stream's 200 is marked, the log fits a laptop, Back keeps the page,
// cut bodies and missing ones say why, bidi controls show as escapes.
await page.setViewportSize({ width: 1280, height: 800 });
await page.goto(`${base}/#/logs?limit=50`);
await settle();
const fits = await page.evaluate(() => {
  const t = document.querySelector('.table-logs');
  return t.scrollWidth <= t.parentElement.clientWidth;
});
check('log table fits 1280 px', fits);
const failedBadge = page.locator('tr:has(a[href="#/logs/01JDFAIL000004"]) .badge');
check('failed stream 200 is marked', (await failedBadge.innerText()).includes('⚠')
  && /mid-stream/.test(await failedBadge.getAttribute('title')));
const bidiPreview = await text('tr:has(a[href="#/logs/01JDBIDI000006"]) td.preview');
check('bidi preview shows escapes', bidiPreview.includes('\\u202E'), bidiPreview);
await page.getByRole('button', { name: 'Older →' }).click();
await settle();
const olderFirst = await text('.table-logs tbody tr td');
await page.locator('.table-logs tbody tr a').first().click();
await settle();
await page.goBack();
await settle();
check('Back returns to the same page', /before=/.test(page.url())
  && (await text('.table-logs tbody tr td')) === olderFirst
  && (await text('.pager')).includes('Page 2'));
const exportHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
check('export starts at this page', /before=/.test(exportHref), exportHref);
await page.goto(`${base}/#/logs/01JDCUT0000005`);
await settle();
const cutHead = await page.locator('.body-view').nth(1).locator('.panel-head').innerText();
check('cut body marked, stream complete by the API', /truncated: showing/.test(cutHead)
  && (await text('.stream-meta .badge')) === 'complete', cutHead);
await page.goto(`${base}/#/logs/01JDGET0000007`);
await settle();
check('GET without a body says so', (await text('.body-view')).includes('No body.'));
await page.goto(`${base}/#/logs/01JDOWN0000008`);
await settle();
const ownBody = await page.locator('.body-view').nth(1).innerText();
check('the gateway\'s own answer says so', ownBody.includes('own answers are not recorded'),
  ownBody);

// Theme toggle cycles and is remembered.
await page.locator('.icon-btn[aria-label^="Theme"]').click();
const t1 = await page.evaluate(() => [document.documentElement.dataset.theme, localStorage.getItem('menshen.theme')]);
await page.locator('.icon-btn[aria-label^="Theme"]').click();
const t2 = await page.evaluate(() => [document.documentElement.dataset.theme, localStorage.getItem('menshen.theme')]);
check('theme toggle: light then dark, stored', t1.join() === 'light,light' && t2.join() === 'dark,dark', `${t1} ${t2}`);
await page.reload();
await settle();
check('theme survives reload', (await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark');

check('no request left the machine', requests.every((u) => u.startsWith(base)), requests.find((u) => !u.startsWith(base)));
for (const p of problems) check('no dialogs or page errors', false, p);
await browser.close();
console.log(failed ? `${failed} checks failed` : 'all checks passed');
process.exit(failed ? 1 : 0);
