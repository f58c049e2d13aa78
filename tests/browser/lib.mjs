// Helpers for plansite's browser tests (no test framework, no browser download).
//   serveDir(dir)   static HTTP server for a built site on 127.0.0.1, random port
//   launchBrowser() Debian's /usr/bin/chromium driven by playwright-core
//   runAxe(page)    axe-core WCAG 2.0/2.1 A+AA check, returns the violations
//   test(), report() a tiny runner: `N passed, N failed` last, exit 1 on failure
//   inParallel()    run checks on a few pages at once (BROWSER_JOBS, default 3)
//   atViewports()   a check of each page at several viewports, the page opened once
//   openPage()      a page of the site, answering 200; the root page without its refresh
//   splitAcrossLines (evaluated in a page) matches of a pattern the layout breaks across lines
//   focusFacts      (evaluated in a page) the focused element's focus ring, and what clips it
//   tabThrough()    Tab round a page, the focusFacts of every element reached
// Set-up once per machine: bash scripts/setup.sh. Used by tests/browser/*.test.mjs.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

async function readFileOrNull(file) {
  try {
    return await fs.readFile(file);
  } catch {
    return null;
  }
}

// Serve `dir` like a static host: `/x/` -> `/x/index.html`, unknown paths ->
// the site's /404.html with status 404, any `..` segment -> 400.
export async function serveDir(dir) {
  const root = path.resolve(dir);
  const server = http.createServer(async (req, res) => {
    const send = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let rel;
    try {
      // not `new URL()`: it would quietly resolve `..` instead of rejecting it
      rel = decodeURIComponent(req.url.split(/[?#]/)[0]);
    } catch {
      return send(400, TYPES['.txt'], 'bad request\n');
    }
    if (!rel.startsWith('/') || rel.split(/[\\/]/).includes('..') || rel.includes('\0')) {
      return send(400, TYPES['.txt'], 'bad request\n');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, TYPES['.txt'], 'method not allowed\n');
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    const stat = await fs.stat(file).catch(() => null);
    if (stat?.isDirectory()) {
      // `/x` -> `/x/`, as static hosts do
      res.writeHead(301, { Location: encodeURI(rel + '/') });
      return res.end();
    }
    const body = stat?.isFile() ? await readFileOrNull(file) : null;
    if (body) {
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      // One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`), as static hosts answer the search
      // index's pack files; anything else gets the whole file.
      const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
      if (m && (m[1] || m[2])) {
        let from = m[1] ? Number(m[1]) : Math.max(0, body.length - Number(m[2]));
        let to = m[1] && m[2] ? Math.min(Number(m[2]), body.length - 1) : body.length - 1;
        if (from > to || from >= body.length) {
          res.writeHead(416, { 'Content-Range': `bytes */${body.length}` });
          return res.end();
        }
        res.writeHead(206, { 'Content-Type': type, 'Content-Range': `bytes ${from}-${to}/${body.length}`, 'Cache-Control': 'no-store' });
        return res.end(req.method === 'HEAD' ? undefined : body.subarray(from, to + 1));
      }
      return send(200, type, body);
    }
    const notFound = await readFileOrNull(path.join(root, '404.html'));
    if (notFound) return send(404, TYPES['.html'], notFound);
    return send(404, TYPES['.txt'], 'not found\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  // playwright adds --headless itself
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Playwright gives a non-persistent browser a fresh temp profile of its own.
export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Inject axe-core into the page and return its violations for WCAG 2.0/2.1 A+AA. It is
// evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
// govern: an inline <script> tag would be (rightly) blocked by it.
export async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, AXE_TAGS);
}

// One line per axe violation, for failure messages.
export function formatViolations(violations) {
  return violations.map((v) => {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    return `${v.id} [${v.impact}] ${v.help} (${v.nodes.length} node(s)): ${targets}`;
  });
}

// --- tiny test runner -------------------------------------------------------
const results = [];

// Run `fn` now (await it) and record whether it threw. With TEST_FILTER set in the
// environment, only the tests whose name contains it run (to iterate on one check).
// The result keeps the place of the call, so tests run side by side (`inParallel`) still
// report in their order.
export async function test(name, fn) {
  if (process.env.TEST_FILTER && !name.includes(process.env.TEST_FILTER)) return;
  const result = { name, ok: false, details: 'did not finish' };
  results.push(result);
  const started = performance.now();
  try {
    await fn();
    Object.assign(result, { ok: true, details: '' });
  } catch (err) {
    result.details = String(err?.message ?? err);
  }
  result.ms = performance.now() - started;
}

// How many pages a test file drives at once: the browser waits on the page's network and on
// the test's round trips as much as it computes, so three keep two cores busy. BROWSER_JOBS=1
// runs one page at a time (to read one failure in peace).
export const JOBS = Math.max(1, Number(process.env.BROWSER_JOBS) || 3);

// `fn(item, index)` for every item, at most `JOBS` at a time, in the items' order.
export async function inParallel(items, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(JOBS, items.length) }, worker));
}

// One test per item and viewport, `check(page, item, viewport)` named `name(item, viewport)`,
// with each item's page opened once (`open(item)`) and resized from viewport to viewport, at most
// `JOBS` items at a time. Opening a page here costs some 0.4 s and injecting axe-core as much
// again; a resize and its new layout some 50 ms. A page that fails to open is opened again for
// the next viewport.
export async function atViewports(items, viewports, open, name, check) {
  await inParallel(items, async (item) => {
    let page = null;
    try {
      for (const viewport of viewports) {
        await test(name(item, viewport), async () => {
          page ??= await open(item);
          await page.setViewportSize(viewport);
          await check(page, item, viewport);
        });
      }
    } finally {
      await page?.close();
    }
  });
}

// Print `ok - name` / `not ok - name` (+ indented details) per test, then
// `N passed, N failed` as the very last line; exit 1 if anything failed. TEST_TIMES=1 adds
// each test's time (side by side with others when run `inParallel`).
export function report() {
  for (const r of results) {
    console.log(`${r.ok ? 'ok' : 'not ok'} - ${r.name}${process.env.TEST_TIMES ? ` (${Math.round(r.ms)} ms)` : ''}`);
    if (!r.ok) for (const line of r.details.split('\n')) console.log(`    ${line}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

// Collects the page's Content-Security-Policy violations (as the browser reports them on the
// console), so a test can require that plansite's own scripts and styles are all allowed.
export function watchCsp(page) {
  const violations = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) violations.push(m.text());
  });
  return violations;
}

// A new page of `context` at `base + p.path`, which must answer 200 (else the page is closed
// and the error thrown). The root page (`p.kind === 'landing'`) comes without its refresh, which
// would take the test on to the primary language at once (layout.test.mjs checks the refresh).
export async function openPage(context, base, p) {
  const page = await context.newPage();
  if (p.kind === 'landing') {
    await page.route(base + p.path, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/<meta http-equiv="refresh"[^>]*>/, '');
      await route.fulfill({ response, body });
    });
  }
  const res = await page.goto(base + p.path, { waitUntil: 'load' });
  if (res?.status() !== 200) {
    await page.close();
    throw new Error(`${p.path}: HTTP status ${res?.status()}, expected 200`);
  }
  return page;
}

// In the page, with `[selector, pattern]`: every match of the regular expression `pattern` in
// the text of the elements matching `selector` that the layout breaks across lines, as
// `"match" in "the element's text"`.
export function splitAcrossLines([selector, pattern]) {
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.textContent.matchAll(new RegExp(pattern, 'g'))) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
        if (lines.size > 1) out.push(`"${m[0]}" in "${el.textContent.trim().replace(/\s+/g, ' ')}"`);
      }
    }
  }
  return out;
}

// In the page: the focused element's indicator, and whether an ancestor clips it.
export function focusFacts() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Round the page once: the first element focused a second time ends it.
  if (el.dataset.layoutSeen) return { again: true };
  el.dataset.layoutSeen = '1';
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 ? parseFloat(cs.outlineWidth) + Math.max(0, parseFloat(cs.outlineOffset)) : 0;
  const shadow = cs.boxShadow !== 'none' ? 3 : 0;
  const ring = Math.max(outline, shadow);
  const r = el.getBoundingClientRect();
  const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
  if (ring === 0) return { name, problem: 'no outline or box-shadow when focused' };
  if (r.width === 0 && r.height === 0) return { name, problem: 'focused element has no box' };
  for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
    const b = a.getBoundingClientRect();
    // The ring (not only the element) must be inside the clipping ancestor.
    if (r.left - ring < b.left - 0.5 || r.right + ring > b.right + 0.5 || r.top - ring < b.top - 0.5 || r.bottom + ring > b.bottom + 0.5) {
      return { name, problem: `focus ring clipped by ${a.tagName.toLowerCase()}.${String(a.className).split(' ').join('.')} (overflow ${s.overflowX}/${s.overflowY})` };
    }
  }
  return { name, problem: null };
}

// Press Tab round the page, at most `most` times or until an element is focused a second time;
// returns the focusFacts of each element reached, in order. The facts are taken in the page as
// focus arrives (a `focusin` listener), so each step is one key press, not a press and a query.
export async function tabThrough(page, most) {
  await page.evaluate(`window.__plansiteFocus = [];
    document.addEventListener('focusin', () => window.__plansiteFocus.push((${focusFacts})()), true);`);
  for (let i = 0; i < most; i += 8) {
    for (let k = 0; k < 8; k++) await page.keyboard.press('Tab');
    if (await page.evaluate(() => window.__plansiteFocus.some((f) => f?.again))) break;
  }
  return page.evaluate(() => {
    const facts = window.__plansiteFocus;
    const end = facts.findIndex((f) => f?.again);
    return (end < 0 ? facts : facts.slice(0, end)).filter(Boolean);
  });
}
