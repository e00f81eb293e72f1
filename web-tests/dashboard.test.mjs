// Browser tests of dyad's dashboard. They build dyad, code the API's test
// articles (with the API tests' verb patterns) into a temporary SQLite store with `dyad ingest`, start
// `dyad serve` on a free loopback port, and drive Debian's chromium
// (/usr/bin/chromium, or $CHROMIUM) through playwright-core. Nothing is
// downloaded: playwright-core is only the driver.
//
//	cd web-tests && npm ci && npm test
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, statSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const articles = path.join(repo, 'internal/api/testdata/articles.jsonl');
// The test's own verb patterns, so the coding does not depend on the bundled ones.
const verbs = path.join(repo, 'internal/api/testdata/verbs.tsv');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let dir, server, base, browser, page;
const serverLog = [];
const foreign = []; // requests to any other origin
const pageErrors = []; // uncaught errors in the page's scripts

before(async () => {
  assert.ok(existsSync(executablePath), `no chromium at ${executablePath} (apt-get install -y chromium)`);
  dir = mkdtempSync(path.join(tmpdir(), 'dyad-web-'));
  const bin = path.join(dir, 'dyad');
  execFileSync('go', ['build', '-o', bin, './cmd/dyad'], { cwd: repo, stdio: 'inherit' });
  const db = `sqlite://${path.join(dir, 'web.db')}`;
  // One article claims to come from 2031 (a wrong clock, say): the timeline
  // must not stretch to it.
  const future = path.join(repo, 'web-tests/testdata/future.jsonl');
  execFileSync(bin, ['ingest', '--db', db, '--verbs', verbs, articles, future], { cwd: repo, stdio: 'inherit' });

  server = spawn(bin, ['serve', '--db', db, '--addr', '127.0.0.1:0'], { cwd: repo });
  server.stderr.on('data', (d) => serverLog.push(String(d)));
  base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('dyad serve did not start: ' + serverLog.join(''))), 30000);
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(`http://${m[1]}`); }
    });
    server.on('exit', (code) => reject(new Error(`dyad serve exited ${code}: ${serverLog.join('')}`)));
  });

  browser = await chromium.launch({ executablePath, args, headless: true });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  // Any request to another origin would mean the dashboard is not self-contained.
  page.on('request', (req) => {
    if (!req.url().startsWith(base + '/') && !req.url().startsWith('data:')) foreign.push(req.url());
  });
  page.on('pageerror', (err) => pageErrors.push(String(err)));
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGINT');
  // DYAD_SHOTS=folder keeps the screenshots for a look.
  if (dir && process.env.DYAD_SHOTS) {
    for (const name of ['desktop.png', 'phone.png']) {
      if (existsSync(path.join(dir, name))) copyFileSync(path.join(dir, name), path.join(process.env.DYAD_SHOTS, name));
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function rows() {
  return page.$$eval('#events tbody tr', (trs) => trs.map((tr) => {
    const td = [...tr.querySelectorAll('td')].map((c) => c.textContent);
    return { id: tr.dataset.id, date: td[0], source: td[1], target: td[2], cameo: td[3], goldstein: Number(td[4]), evidence: td[6] };
  }));
}

test('the timeline renders for a dyad', async () => {
  await page.goto(`${base}/#/?a=IRN&b=PAK`);
  await page.waitForSelector('#timeline svg rect.bar');
  const bars = await page.$$eval('#timeline svg rect.bar', (rs) => rs.map((r) => Number(r.dataset.count)));
  assert.ok(bars.length >= 3, `only ${bars.length} bars`);
  assert.ok(bars.every((n) => n > 0));
  // The Goldstein line is drawn, broken where days have no events: no
  // segment joins two points more than a day and a half apart.
  const segs = await page.$$eval('#timeline svg polyline.gs', (ls) => ls.map((l) => l.getAttribute('points')));
  assert.ok(segs.length >= 1, 'Goldstein line');
  const dayW = await page.$eval('#timeline svg rect.bar', (r) => Number(r.getAttribute('width')) + 1);
  for (const seg of segs) {
    const xs = seg.split(' ').map((xy) => Number(xy.split(',')[0]));
    for (let i = 1; i < xs.length; i++) assert.ok(xs[i] - xs[i - 1] <= dayW * 1.5 + 0.5, `line across a gap: ${seg}`);
  }
  // Date ticks never repeat a day.
  const ticks = await page.$$eval('#timeline svg text.tick', (ts) => ts.map((t) => t.textContent));
  assert.ok(ticks.length >= 2, `ticks ${ticks}`);
  assert.equal(new Set(ticks).size, ticks.length, `repeated ticks ${ticks}`);
  assert.match(await page.textContent('#timeline-title'), /IRN ↔ PAK/);
  // The relation's state changes (ambassador recalled, ties restored) are marked.
  const states = await page.$$eval('#timeline svg g.rel', (gs) => gs.map((g) => g.dataset.state));
  assert.deepEqual(states, ['suspended', 'restored']);
  assert.match(await page.textContent('#timeline svg g.rel'), /suspended 2024-01-18/);
  // The map draws the country outlines and a dot per located event.
  assert.ok(await page.locator('#map svg path.land').count() > 150);
  assert.ok(await page.locator('#map svg circle.dot').count() >= 1);
  // The table shows only the dyad's events.
  const rs = await rows();
  assert.ok(rs.length >= 5, `${rs.length} rows`);
  for (const r of rs) {
    const pair = [r.source.slice(0, 3), r.target.slice(0, 3)].sort().join('-');
    assert.equal(pair, 'IRN-PAK', `row ${r.source}→${r.target}`);
  }
});

test('the table filters by root, text and dates, and sorts', async () => {
  await page.goto(`${base}/#/`);
  // The page may still show the previous test's dyad until the unfiltered
  // events arrive: count what the API gives and wait for the table to show it.
  const all = await page.evaluate(async () => (await (await fetch('/api/events?limit=100')).json()).events.length);
  assert.ok(all > 1, `the store holds ${all} events`);
  await page.waitForFunction((n) => document.querySelectorAll('#events tbody tr').length === n, all);

  await page.selectOption('#f-root', '10');
  await page.click('#f-apply');
  await page.waitForFunction(() => location.hash.includes('root=10'));
  await page.waitForFunction((n) => document.querySelectorAll('#events tbody tr').length < n, all);
  let rs = await rows();
  assert.ok(rs.length >= 1);
  for (const r of rs) assert.ok(r.cameo.startsWith('10'), `root 10 shows ${r.cameo}`);

  await page.click('#f-clear');
  await page.waitForFunction((n) => document.querySelectorAll('#events tbody tr').length === n, all);
  await page.fill('#f-q', 'militants');
  await page.click('#f-apply');
  await page.waitForFunction(() => location.hash.includes('q=militants'));
  await page.waitForFunction((n) => document.querySelectorAll('#events tbody tr').length < n, all);
  rs = await rows();
  assert.ok(rs.length >= 1);
  for (const r of rs) assert.match(r.evidence, /militants/i);

  await page.goto(`${base}/#/?start=2024-01-29&end=2024-02-05`);
  await page.waitForFunction(() => location.hash.includes('start='));
  await page.waitForFunction(() => {
    const d = [...document.querySelectorAll('#events tbody tr td:first-child')].map((t) => t.textContent);
    return d.length > 0 && d.every((x) => x >= '2024-01-29' && x <= '2024-02-05');
  });
  assert.equal(await page.inputValue('#f-start'), '2024-01-29');

  // A bad filter shows the API's message.
  await page.goto(`${base}/#/?a=I`);
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.textContent('#error'), /actor: "I" is not an actor code/);

  // Sorting by Goldstein, both ways.
  await page.goto(`${base}/#/`);
  await page.waitForSelector('#events tbody tr');
  await page.click('#events th[data-key=goldstein]');
  let g = (await rows()).map((r) => r.goldstein);
  assert.deepEqual(g, [...g].sort((a, b) => a - b));
  await page.click('#events th[data-key=goldstein]');
  g = (await rows()).map((r) => r.goldstein);
  assert.deepEqual(g, [...g].sort((a, b) => b - a));
  assert.equal(await page.getAttribute('#events th[data-key=goldstein]', 'aria-sort'), 'descending');
});

test('an event opens with its sentence highlighted in the article', async () => {
  await page.goto(`${base}/#/?a=IRN&b=PAK&q=restraint`);
  await page.waitForFunction(() => location.hash.includes('restraint'));
  await page.waitForFunction(() => {
    const r = document.querySelectorAll('#events tbody tr');
    return r.length === 1 && r[0].textContent.includes('restraint');
  });
  const [row] = await rows();
  await page.click(`#events tbody tr[data-id="${row.id}"]`);
  await page.waitForSelector('#ev-text mark');
  assert.equal(await page.isHidden('#list-view'), true);
  assert.equal((await page.textContent('#ev-text mark')).trim(), row.evidence.trim());
  const text = await page.textContent('#ev-text');
  assert.match(text, /foreign ministers of Iran and Pakistan met/);
  assert.match(await page.textContent('#ev-facts dd[data-fact=source]'), /Pakistan/);
  assert.match(await page.textContent('#ev-facts dd[data-fact=target]'), /Iran/);
  assert.match(await page.textContent('#ev-facts dd[data-fact=action]'), /CAMEO \d{3}/);
  assert.match(await page.textContent('#ev-facts dd[data-fact=date]'), /^2024-01-\d\d/);
  assert.match(await page.textContent('footer'), /GeoNames.*CC BY 4\.0/s);

  // Back to the list.
  await page.click('#back');
  await page.waitForSelector('#list-view:not([hidden])');
});

test('an event dated years ahead is counted, not plotted', async () => {
  await page.goto(`${base}/#/?a=EGY&b=SDN`);
  await page.waitForSelector('#timeline svg rect.bar');
  await page.waitForSelector('#timeline p.future');
  assert.match(await page.textContent('#timeline p.future'), /1 day of events dated after today not shown/);
  const today = new Date().toISOString().slice(0, 10);
  const ticks = await page.$$eval('#timeline svg text.tick', (ts) => ts.map((t) => t.textContent));
  assert.ok(ticks.every((t) => t <= today), `ticks run past today: ${ticks}`);
});

test('dragging across the timeline zooms to those days', async () => {
  await page.goto(`${base}/#/?a=IRN&b=PAK`);
  await page.waitForSelector('#timeline svg rect.bar');
  await page.screenshot({ path: path.join(dir, 'desktop.png'), fullPage: true });
  const box = await page.locator('#timeline svg').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.05, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => /start=\d{4}-\d\d-\d\d&end=\d{4}-\d\d-\d\d/.test(location.hash) || /end=.*start=/.test(location.hash));
  const start = await page.inputValue('#f-start'), end = await page.inputValue('#f-end');
  assert.ok(start && end && start <= end, `zoomed to ${start}…${end}`);
  await page.waitForFunction(([s, e]) => {
    const d = [...document.querySelectorAll('#events tbody tr td:first-child')].map((t) => t.textContent);
    return d.length > 0 && d.every((x) => x >= s && x <= e);
  }, [start, end]);
});

test('a map dot stands for all the events at its place', async () => {
  await page.goto(`${base}/#/`);
  const all = await page.evaluate(async () => (await (await fetch('/api/events?limit=100')).json()).events);
  await page.waitForFunction((n) => document.querySelectorAll('#events tbody tr').length === n, all.length);
  const located = all.filter((e) => e.location && !(e.location.lat === 0 && e.location.lon === 0));
  const places = new Set(located.map((e) => `${e.location.lat.toFixed(3)},${e.location.lon.toFixed(3)}`));
  await page.waitForFunction((n) => document.querySelectorAll('#map svg circle.dot').length === n, places.size);
  const dots = await page.$$eval('#map svg circle.dot', (cs) => cs.map((c) => ({ at: c.getAttribute('cx') + ',' + c.getAttribute('cy'), n: Number(c.dataset.count) })));
  assert.equal(new Set(dots.map((d) => d.at)).size, dots.length, 'two dots drawn at one place');
  assert.equal(dots.reduce((a, d) => a + d.n, 0), located.length, 'the dots count every located event');
});

test('an actor box takes a name for its code, and says when it knows none', async () => {
  await page.goto(`${base}/#/?a=iran&b=pakistan`);
  await page.waitForFunction(() => /IRN ↔ PAK/.test(document.querySelector('#timeline-title').textContent));
  await page.waitForSelector('#timeline svg rect.bar');
  const rs = await rows();
  assert.ok(rs.length >= 5, `${rs.length} rows for the names`);
  await page.goto(`${base}/#/?a=atlantis`);
  await page.waitForSelector('#timeline .code-hint');
  assert.match(await page.textContent('#timeline .code-hint'), /“atlantis” is not an actor code/);
});

test('on a phone the page does not overflow sideways', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
  phone.on('pageerror', (err) => pageErrors.push(String(err)));
  try {
    await phone.goto(`${base}/#/`);
    await phone.waitForSelector('#events tbody tr');
    await phone.waitForSelector('#map svg');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width}px wide at 390px`);
    await phone.screenshot({ path: path.join(dir, 'phone.png'), fullPage: true });
  } finally {
    await phone.close();
  }
});

test('screenshots at desktop and phone widths were taken', () => {
  for (const name of ['desktop.png', 'phone.png']) {
    const file = path.join(dir, name);
    assert.ok(existsSync(file), `no ${name}`);
    const size = statSync(file).size;
    assert.ok(size > 20000, `${name} is ${size} bytes: a blank page?`);
  }
});

test('the dashboard loaded nothing from elsewhere and threw no errors', () => {
  assert.deepEqual(foreign, []);
  assert.deepEqual(pageErrors, []);
});
