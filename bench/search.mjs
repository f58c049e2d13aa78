// Search benchmark in headless Chromium: for each query, the bytes the browser fetches for the
// search (gzip-compressed, as a server with compression would send them; ranges of the index's
// pack files as they are), split into the first
// query on a fresh page and a second query after it, and the time from the search starting to
// the results being shown (window.plansiteSearchMs, set by search.js; the 150 ms typing pause
// before a search starts is not included).
// Usage: node bench/search.mjs SITE_DIR LANG "first query" "second query"
// LIST=1 also prints each file fetched with its raw and gzip size.
import zlib from 'node:zlib';
import { serveDir, launchBrowser } from '../tests/browser/lib.mjs';

const [siteDir, lang, first, second] = process.argv.slice(2);
if (!second) { console.error('usage: node bench/search.mjs SITE_DIR LANG FIRST SECOND'); process.exit(2); }
const server = await serveDir(siteDir);
const browser = await launchBrowser();
const page = await browser.newPage();
let bytes = 0, raw = 0, files = 0;
page.on('response', async (r) => {
  try {
    const body = await r.body();
    // A range of a pack file (206) is sent as it is: its parts are compressed already, and
    // servers do not compress ranges.
    const sent = r.status() === 206 ? body.length : zlib.gzipSync(body, { level: 6 }).length;
    raw += body.length;
    bytes += sent;
    files++;
    if (process.env.LIST) console.log('  ', r.status(), r.url(), r.request().headers().range ?? '', body.length, sent);
  } catch { /* redirects have no body */ }
});
await page.goto(`${server.url}/${lang}/search/`);
await page.waitForLoadState('networkidle');
const pageBytes = bytes, pageFiles = files;
bytes = 0; raw = 0; files = 0;

async function query(q) {
  await page.fill('#search-q', '');
  await page.evaluate(() => { window.plansiteSearchMs = undefined; });
  const t0 = Date.now();
  await page.type('#search-q', q);
  await page.waitForFunction(() => window.plansiteSearchMs !== undefined && document.querySelector('#search-status').dataset.state === 'done', null, { timeout: 30000 });
  const wall = Date.now() - t0;
  const ms = await page.evaluate(() => window.plansiteSearchMs);
  const n = await page.$$eval('.search-result', (x) => x.length);
  await page.waitForLoadState('networkidle');
  const out = { q, results: n, searchMs: Math.round(ms), keystrokeToResultsMs: wall, gzipKB: +(bytes / 1024).toFixed(1), rawKB: +(raw / 1024).toFixed(1), files };
  bytes = 0; raw = 0; files = 0;
  return out;
}
console.log(`search page itself (HTML, CSS, JS): ${(pageBytes / 1024).toFixed(1)} KB gzip in ${pageFiles} files`);
const a = await query(first);
console.log('first query ', JSON.stringify(a));
const b = await query(second);
console.log('second query', JSON.stringify(b));
const c = await query(first);
console.log('first again ', JSON.stringify(c));
await browser.close();
await server.close();
