// Accessibility and layout check of a built plansite site in headless Chromium.
// Usage: node tests/browser/a11y.test.mjs SITE_DIR      (set-up: bash scripts/setup.sh)
// Pages: the landing `/`, then for `ja` and `en` the home `/<lang>/`, the search page with
// results, the first
// area `/<lang>/areas/<slug>/` and the first case `/<lang>/cases/<slug>/`, found
// by listing SITE_DIR. Each page at 320x640, 390x844 and 1280x900 (opened once and resized) is
// one test: <html lang>
// matches the prefix (landing: ja), exactly one <h1>, no horizontal overflow, and
// no axe-core WCAG 2.0/2.1 A/AA violations. A page that fails is
// pictured in target/screenshots/<lang>-<kind>-<width>.png for humans to look at (a picture
// of every page took a fifth of this file's time; layout.test.mjs keeps a few for the lead).
// Then page 2 of each kind of long list (`…/page/2/`: of SITE_DIR, else of the sample built again with
// two items a page, see paged.mjs) at each width: axe-clean, no overflow, its page navigation
// complete with every link at least 44 × 44 px. And each home page at 320 px with the menu opened
// by its button: axe-clean, every menu link shown, no horizontal overflow.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDir, launchBrowser, runAxe, formatViolations, test, report, atViewports, openPage } from './lib.mjs';
import { pagedSite, secondPages, onePerKind } from './paged.mjs';

const siteDir = process.argv[2];
if (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node tests/browser/a11y.test.mjs SITE_DIR   (SITE_DIR/index.html must exist)');
  process.exit(2);
}
// Every language the root page links to, with the `lang` its pages must have (its hreflang:
// やさしい日本語 under easy/ is `ja`); ja and en when the root page says nothing.
const LANGS = [];
const TAGS = {};
for (const m of fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8').matchAll(/href="([a-z0-9][a-zA-Z0-9-]*)\/" hreflang="([^"]+)"/g)) {
  if (!LANGS.includes(m[1])) { LANGS.push(m[1]); TAGS[m[1]] = m[2]; }
}
if (!LANGS.length) for (const l of ['ja', 'en']) { LANGS.push(l); TAGS[l] = l; }
const VIEWPORTS = [{ width: 320, height: 640 }, { width: 390, height: 844 }, { width: 1280, height: 900 }];
const SHOTS = fileURLToPath(new URL('../../target/screenshots/', import.meta.url));
fs.mkdirSync(SHOTS, { recursive: true });

// First (sorted) sub-directory of SITE_DIR/<rel> that has an index.html, or null.
function firstSlug(rel) {
  const dir = path.join(siteDir, rel);
  if (!fs.existsSync(dir)) return null;
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort()[0] ?? null;
}

// [{lang, kind, path}] — a missing kind becomes a failing test, not a silent skip.
const pages = [{ lang: 'ja', kind: 'landing', path: '/' }];
for (const lang of LANGS) {
  pages.push({ lang, kind: 'home', path: `/${lang}/` });
  pages.push({ lang, kind: 'site-map', path: `/${lang}/sitemap/` });
  // The search page with results shown (and its filters' disclosure), once the search is done.
  const q = TAGS[lang].startsWith('ja') ? '見守り' : 'volunteer';
  pages.push({ lang, kind: 'search', path: `/${lang}/search/?q=${encodeURIComponent(q)}`, wait: '#search-status[data-state=done]' });
  // The latest progress year's city page and its first area page (the widest tables).
  const years = fs.existsSync(path.join(siteDir, lang, 'progress'))
    ? fs.readdirSync(path.join(siteDir, lang, 'progress')).filter((d) => /^\d{4}$/.test(d)).sort() : [];
  const year = years[years.length - 1];
  const progressDirs = year ? [['progress-year', 'progress', year], ['progress-area', `progress/${year}`]] : [];
  // A language published page by page (やさしい日本語): its overview and every area page, where
  // its own texts are.
  if (!['ja', 'en'].includes(lang)) {
    pages.push({ lang, kind: 'overview', path: `/${lang}/overview/` });
    const areas = path.join(siteDir, lang, 'areas');
    for (const slug of fs.existsSync(areas) ? fs.readdirSync(areas).sort() : []) {
      if (fs.existsSync(path.join(areas, slug, 'index.html'))) pages.push({ lang, kind: `area-${slug}`, path: `/${lang}/areas/${slug}/` });
    }
  }
  for (const [kind, dir, fixed] of [['theme', 'themes'], ['area', 'areas'], ['case', 'cases'], ...progressDirs]) {
    const slug = fixed ?? firstSlug(`${lang}/${dir}`);
    if (slug) pages.push({ lang, kind, path: `/${lang}/${dir}/${encodeURIComponent(slug)}/` });
    else await test(`${lang} ${kind}: found under /${lang}/${dir}/`, () => {
      throw new Error(`no ${path.join(siteDir, lang, dir)}/<slug>/index.html`);
    });
  }
}

const server = await serveDir(siteDir);
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: VIEWPORTS[0] });
  const open = async (p) => {
    const page = await openPage(context, server.url, p);
    if (p.wait) await page.waitForSelector(p.wait, { timeout: 10000 });
    return page;
  };
  await atViewports(pages, VIEWPORTS, open, (p, viewport) => `${p.lang}-${p.kind} ${p.path} @${viewport.width}`, async (page, p, viewport) => {
    const problems = [];
    const facts = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      h1: document.querySelectorAll('h1').length,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    const expected = TAGS[p.lang] ?? p.lang;
    if (facts.lang !== expected) problems.push(`<html lang="${facts.lang}">, expected "${expected}"`);
    if (facts.h1 !== 1) problems.push(`${facts.h1} <h1> elements, expected exactly 1`);
    if (facts.innerWidth !== viewport.width) problems.push(`the window is ${facts.innerWidth} px wide, expected ${viewport.width}`);
    if (facts.scrollWidth > facts.innerWidth + 1) {
      problems.push(`horizontal overflow: scrollWidth ${facts.scrollWidth} > innerWidth ${facts.innerWidth}`);
    }
    const violations = await runAxe(page);
    if (violations.length) {
      problems.push(`${violations.length} axe violation(s):`, ...formatViolations(violations).map((l) => `  ${l}`));
    }
    if (problems.length) {
      // A picture of the page that failed, to look at beside the message.
      await page.screenshot({ path: path.join(SHOTS, `${p.lang}-${p.kind}-${viewport.width}.png`), fullPage: true });
      throw new Error(problems.join('\n'));
    }
  });
  await context.close();

  // The phone menu opened with its button 「メニュー」 (closed, the pages above are checked as
  // they load): axe-clean, no sideways scrolling, at 320 px.
  {
    const context = await browser.newContext({ viewport: VIEWPORTS[0] });
    await atViewports(pages.filter((p) => p.kind === 'home'), [VIEWPORTS[0]], (p) => openPage(context, server.url, p), (p, viewport) => `${p.lang}-home with the menu open @${viewport.width}`, async (page) => {
      const problems = [];
      const toggle = page.locator('.site-nav__toggle');
      if (!(await toggle.isVisible())) throw new Error('no menu button shown');
      await toggle.click();
      const facts = await page.evaluate(() => ({
        expanded: document.querySelector('.site-nav__toggle').getAttribute('aria-expanded'),
        shown: document.querySelectorAll('.site-nav a').length > 0 && [...document.querySelectorAll('.site-nav a')].every((a) => a.getClientRects().length > 0),
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      if (facts.expanded !== 'true' || !facts.shown) problems.push(`opened: aria-expanded=${facts.expanded}, every menu link shown: ${facts.shown}`);
      if (facts.scrollWidth > facts.innerWidth + 1) problems.push(`horizontal overflow: scrollWidth ${facts.scrollWidth} > innerWidth ${facts.innerWidth}`);
      const violations = await runAxe(page);
      if (violations.length) problems.push(`${violations.length} axe violation(s):`, ...formatViolations(violations).map((l) => `  ${l}`));
      if (problems.length) throw new Error(problems.join('\n'));
    });
    await context.close();
  }

  // The pages after the first of long lists (the sample with a small page size, unless this
  // site has some): axe-clean, one <h1> saying which page it is, no sideways scrolling at
  // 320 px, and the page navigation complete, its every link a target of at least 44 × 44 px.
  let pagedDir = null;
  await test('paged: a site with lists cut into pages (the sample built with a small page size)', () => {
    pagedDir = pagedSite(siteDir);
    if (!secondPages(pagedDir).length) throw new Error(`no …/page/2/ in ${pagedDir}`);
  });
  const paged = pagedDir ? await serveDir(pagedDir) : null;
  if (paged) try {
    const context = await browser.newContext({ viewport: VIEWPORTS[0] });
    const open = (rel) => openPage(context, paged.url, { path: rel });
    await atViewports(onePerKind(secondPages(pagedDir)), VIEWPORTS, open, (rel, viewport) => `paged ${rel} @${viewport.width}`, async (page) => {
      const problems = [];
      const facts = await page.evaluate(() => {
        const nav = document.querySelector('nav.pagination');
        const small = nav ? [...nav.querySelectorAll('a')].map((a) => ({ text: a.textContent.trim(), r: a.getBoundingClientRect() }))
          .filter((x) => x.r.width < 44 || x.r.height < 44).map((x) => `${x.text} ${Math.round(x.r.width)}×${Math.round(x.r.height)}`) : [];
        return {
          nav: !!nav,
          label: nav?.getAttribute('aria-label') ?? '',
          current: nav?.querySelector('a[aria-current=page]')?.textContent.trim() ?? null,
          prev: !!nav?.querySelector('a[rel=prev]') && !!document.querySelector('link[rel=prev]'),
          h1: [...document.querySelectorAll('h1')].map((h) => h.textContent),
          title: document.title,
          small,
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        };
      });
      if (!facts.nav || !facts.label) problems.push('no <nav class="pagination" aria-label>');
      if (facts.current !== '2') problems.push(`the current page is ${facts.current}, expected 2`);
      if (!facts.prev) problems.push('no rel="prev" link (in the page and in the head)');
      if (facts.h1.length !== 1 || !facts.h1[0].includes('2')) problems.push(`<h1>: ${JSON.stringify(facts.h1)}`);
      if (!facts.title.includes('2')) problems.push(`<title> does not say which page: ${facts.title}`);
      if (facts.small.length) problems.push(`targets under 44 px: ${facts.small.join(', ')}`);
      if (facts.scrollWidth > facts.innerWidth + 1) problems.push(`horizontal overflow: ${facts.scrollWidth} > ${facts.innerWidth}`);
      const violations = await runAxe(page);
      if (violations.length) problems.push(`${violations.length} axe violation(s):`, ...formatViolations(violations).map((l) => `  ${l}`));
      if (problems.length) throw new Error(problems.join('\n'));
    });
    await context.close();
  } finally {
    await paged.close();
  }
} finally {
  await browser.close();
  await server.close();
}
report();
