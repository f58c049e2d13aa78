// Live preview in headless Chromium: `plansite serve` on a copy of a fixture site; the page
// must change by itself after a file edit, show an error overlay for broken content and drop
// it after the fix, and reload only the stylesheets after a CSS edit.
// Usage: node tests/browser/serve.test.mjs PLANSITE_BINARY FIXTURE_DIR
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { launchBrowser, test, report } from './lib.mjs';

const [binary, fixture] = process.argv.slice(2);
if (!binary || !fixture) { console.error('usage: node tests/browser/serve.test.mjs PLANSITE_BINARY FIXTURE_DIR'); process.exit(2); }

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plansite-serve-'));
fs.cpSync(fixture, root, { recursive: true });
const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const server = spawn(binary, ['serve', '--root', root, '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
server.stderr.on('data', (d) => { log += d; });
await new Promise((resolve, reject) => {
  const t0 = Date.now();
  const tick = () => (log.includes('serving the preview') ? resolve()
    : Date.now() - t0 > 20000 ? reject(new Error('serve did not start: ' + log)) : setTimeout(tick, 50));
  tick();
});

// The fixture is published at https://example.org/minato/: the preview serves it under /minato/.
const origin = `http://127.0.0.1:${port}`;
const url = `${origin}/minato/ja/cases/north-harbour-salon/`;
const casePath = path.join(root, 'content/cases/north-harbour-salon.yaml');
const edit = (from, to) => fs.writeFileSync(casePath, fs.readFileSync(casePath, 'utf8').replace(from, to));
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
// Resolves when the page (or the page it reloads into) has connected to the reload channel, so
// no edit is made before anyone listens.
// A wait left pending when a test fails is rejected as the browser closes: that must not end the
// process before the report says which test failed and why.
// The page says which page it shows (`?page=`, its path): the preview renders the pages open in
// a browser ahead of the rest of a rebuild.
const connected = () => {
  const waiting = page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === '/__plansite/events' && u.searchParams.get('page') === new URL(page.url()).pathname;
  }, { timeout: 10000 });
  waiting.catch(() => {});
  return waiting;
};
try {
  await test('the preview serves the site under the path of its address, and / leads there', async () => {
    await page.goto(`${origin}/`);
    if (!page.url().startsWith(`${origin}/minato/`)) throw new Error(`/ led to ${page.url()}`);
    // The site's root page then goes on to the primary language by itself (a refresh after it
    // has loaded): wait for that, or it interrupts the next navigation.
    await page.waitForURL(`${origin}/minato/ja/`, { timeout: 10000 });
    await page.goto(url);
    // The page's stylesheets and links resolve under the same path, as they will once published.
    const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => [s.href, s.cssRules.length]));
    if (!sheets.length || sheets.some(([href, rules]) => !href.startsWith(`${origin}/minato/`) || rules === 0)) {
      throw new Error(JSON.stringify(sheets));
    }
    const home = await page.evaluate(() => new URL(document.querySelector('header a[href]').href).pathname);
    if (!home.startsWith('/minato/')) throw new Error(home);
    const res = await page.request.get(`${origin}/ja/cases/north-harbour-salon/`);
    if (res.status() !== 404) throw new Error(`outside the path: ${res.status()}`);
  });
  let listening;
  await test('a page of the preview connects to the reload channel', async () => {
    listening = connected();
    await page.goto(url);
    await listening;
  });
  await test('the page shows the new text after a file edit, with no action', async () => {
    listening = connected();
    edit('漁港のふれあいサロン', 'ブラウザで確かめるサロン');
    await page.waitForFunction(() => document.querySelector('h1').textContent.includes('ブラウザで確かめるサロン'), null, { timeout: 10000 });
    await listening;
  });
  await test('broken content shows an overlay over the last good page', async () => {
    edit('area: north', 'area: nowhere');
    await page.waitForSelector('#plansite-error[role=alert]', { timeout: 10000 });
    const text = await page.textContent('#plansite-error');
    if (!text.includes('north-harbour-salon.yaml') || !text.includes('nowhere')) throw new Error(text);
    if (!(await page.textContent('h1')).includes('ブラウザで確かめるサロン')) throw new Error('the last good page is gone');
  });
  await test('fixing the file removes the overlay', async () => {
    listening = connected();
    edit('area: nowhere', 'area: north');
    await page.waitForFunction(() => !document.getElementById('plansite-error'), null, { timeout: 10000 });
    await listening;
  });
  await test('a stylesheet edit restyles the page without reloading it', async () => {
    // A theme folder of the site's own: created, it is picked up (with a full reload).
    const css = path.join(root, 'themes/default/static/css/main.css');
    fs.mkdirSync(path.dirname(css), { recursive: true });
    listening = connected();
    fs.writeFileSync(css, 'h1 { color: rgb(1, 2, 3); }\n');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)', null, { timeout: 10000 });
    await listening;
    // Then a change to the stylesheet alone swaps the styles in place.
    await page.evaluate(() => { window.notReloaded = true; });
    fs.writeFileSync(css, 'h1 { color: rgb(4, 5, 6); }\n');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('h1')).color === 'rgb(4, 5, 6)', null, { timeout: 10000 });
    if (!(await page.evaluate(() => window.notReloaded === true))) throw new Error('the page was reloaded');
  });
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(root, { recursive: true, force: true });
}
report();
