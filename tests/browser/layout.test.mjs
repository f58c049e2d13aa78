// Layout checks of a built plansite site in headless Chromium, as residents meet the pages: a
// keyboard user, an older person on a phone, someone who prints the progress report.
// Usage: node tests/browser/layout.test.mjs SITE_DIR      (set-up: bash scripts/setup.sh)
//
//  1. focus: Tab through every focusable element of every kind of page (ja and en, 390 and
//     1280 px); each focused element has a focus indicator (outline or box shadow) that no
//     ancestor with `overflow` other than visible clips.
//  2. absolutely positioned elements: each visible one has a positioned ancestor other than
//     <body>/<html> and lies inside it (a badge with no positioned ancestor lands on the title).
//  3. charts and the structure diagram at 320, 390 and 1280 px: every text at least 12 px as
//     rendered, and no label outside its box.
//  4. menus and headings: no Latin word of the menus, the language switch or the footer links
//     broken across lines from 1024 to 1440 px; no Japanese heading ends with one character
//     alone on its last line.
//  5. the phone header: with the menu closed, at most a third of the first screen at 320x568 and
//     360x640 (a half with the site's 「拡大」 text size; ja, en and easy), at 390x844 a quarter
//     (a third in English); the menu button (「メニュー」): aria-expanded, aria-controls, Escape,
//     focus, 44 px, not printed, not on screens from 640 px nor without JavaScript; the search
//     box does not overflow the header at 200 % text zoom; at 200 % text zoom on a 390 px
//     phone, nothing on the home, case list, case and area pages is wider than the screen.
//  6. contact first (390x844): every area page shows a tel: link, or a jump link to its
//     contacts, within the first screen; every case page links to its area page's contacts.
//  7. print: the latest progress year page prints on at most two A4 pages (PDF in
//     target/screenshots-h16/).
//     Page 2 of each kind of long list (paged.mjs) prints without its page navigation, which wraps
//     inside a 320 px screen at 200 % text.
//  8. the conventions: favicon and touch icon, footer links (accessibility, privacy, site
//     map), 「最終更新日」 on content pages, the text-size control, the root page.
// Screenshots for humans: target/screenshots-h16/<lang>-<kind>-<width>.png (a few pages), and
// of a page that fails at 200 % text, <lang>-<kind>-390-text200.png.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDir, launchBrowser, test, report, tabThrough, inParallel, atViewports, openPage, splitAcrossLines } from './lib.mjs';
import { pagedSite, secondPages, onePerKind } from './paged.mjs';

const siteDir = process.argv[2];
if (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node tests/browser/layout.test.mjs SITE_DIR   (SITE_DIR/index.html must exist)');
  process.exit(2);
}
const LANGS = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../target/screenshots-h16/', import.meta.url));
fs.mkdirSync(SHOTS, { recursive: true });

function slugs(rel) {
  const dir = path.join(siteDir, rel);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
}
const years = slugs('ja/progress').filter((d) => /^\d{4}$/.test(d));
const year = years[years.length - 1];

// One page of every kind, per language: [{lang, kind, path}].
function pagesOf(lang) {
  const first = (dir) => slugs(`${lang}/${dir}`)[0];
  const list = [
    ['home', ''], ['overview', 'overview/'], ['themes', 'themes/'], ['theme', `themes/${first('themes')}/`],
    ['areas', 'areas/'], ['area', `areas/${first('areas')}/`], ['cases', 'cases/'],
    ['case', `cases/${first('cases')}/`], ['progress-index', 'progress/'], ['progress-year', `progress/${year}/`],
    ['progress-area', `progress/${year}/${slugs(`${lang}/progress/${year}`)[0]}/`],
    ['structure', 'structure/'], ['search', 'search/'], ['site-map', 'sitemap/'],
    ['accessibility', 'accessibility/'], ['privacy', 'privacy/'],
  ];
  return list.map(([kind, rel]) => ({ lang, kind, path: `/${lang}/${rel}` }));
}
// (Not the 404 page: it links from the site's base path, which this server does not serve it at.)
const PAGES = [{ lang: 'ja', kind: 'landing', path: '/' }, ...LANGS.flatMap(pagesOf)];

const server = await serveDir(siteDir);
const browser = await launchBrowser();

const open = (context, p) => openPage(context, server.url, p);

// 1. focus ------------------------------------------------------------------------------------
for (const width of [390, 1280]) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await inParallel(PAGES, (p) => test(`focus visible and unclipped: ${p.lang}-${p.kind} ${p.path} @${width}`, async () => {
    const page = await open(context, p);
    try {
      const count = await page.evaluate(() => document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])').length);
      const reached = await tabThrough(page, count + 2);
      const problems = reached.filter((f) => f.problem).map((f) => `${f.name}: ${f.problem}`);
      const seen = new Set(reached.map((f) => f.name));
      if (seen.size === 0) problems.push('Tab reached no element');
      if (problems.length) throw new Error([...new Set(problems)].slice(0, 10).join('\n'));
    } finally {
      await page.close();
    }
  }));
  await context.close();
}

// 2. absolutely positioned elements --------------------------------------------------------
{
  const widths = [320, 390, 1280];
  const context = await browser.newContext({ viewport: { width: widths[0], height: 900 } });
  await atViewports(PAGES, widths.map((width) => ({ width, height: 900 })), (p) => open(context, p), (p, { width }) => `absolute elements inside their component: ${p.lang}-${p.kind} @${width}`, async (page, p) => {
    const problems = await page.evaluate(() => {
      const out = [];
      for (const el of document.body.querySelectorAll('*')) {
        const cs = getComputedStyle(el);
        if (cs.position !== 'absolute' && cs.position !== 'fixed') continue;
        const r = el.getBoundingClientRect();
        // Visually hidden (1px, clipped) text for screen readers is not drawn.
        if (r.width <= 1 || r.height <= 1 || cs.clipPath.startsWith('inset(50%') || cs.display === 'none' || cs.visibility === 'hidden') continue;
        const parent = el.offsetParent;
        const label = `${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')} "${el.textContent.trim().slice(0, 20)}"`;
        if (!parent || parent === document.body || parent === document.documentElement) {
          out.push(`${label}: no positioned ancestor (drawn at ${Math.round(r.left)},${Math.round(r.top)})`);
          continue;
        }
        const b = parent.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) {
          out.push(`${label}: outside its ${parent.tagName.toLowerCase()}.${parent.className}`);
        }
      }
      return out;
    });
    if (problems.length) throw new Error(problems.slice(0, 10).join('\n'));
  });
  await context.close();
}

// 3. charts and the diagram -----------------------------------------------------------------
const GRAPHIC_PAGES = PAGES.filter((p) => ['area', 'progress-year', 'progress-area', 'structure'].includes(p.kind));
{
  const widths = [320, 390, 1280];
  const context = await browser.newContext({ viewport: { width: widths[0], height: 900 } });
  await atViewports(GRAPHIC_PAGES, widths.map((width) => ({ width, height: 900 })), (p) => open(context, p), (p, { width }) => `chart and diagram text ≥ 12 px, labels inside boxes: ${p.lang}-${p.kind} @${width}`, async (page, p) => {
    const facts = await page.evaluate(() => {
      const out = { texts: 0, problems: [] };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!n.textContent.trim() || !el.closest('.chart, .diagram')) continue;
        const cs = getComputedStyle(el);
        if (el.closest('title, desc, [hidden], .visually-hidden') || cs.display === 'none') continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        if (range.getClientRects().length === 0) continue;
        out.texts++;
        let size = parseFloat(cs.fontSize);
        const svg = el.closest('svg');
        if (svg) size *= svg.getScreenCTM().a;
        if (size < 11.95) out.problems.push(`"${n.textContent.trim().slice(0, 20)}" is ${size.toFixed(1)} px`);
        const box = el.closest('.diagram__node, .chart__row, .chart__legend li');
        if (box) {
          const b = box.getBoundingClientRect();
          for (const r of range.getClientRects()) {
            if (r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5) {
              out.problems.push(`"${n.textContent.trim().slice(0, 20)}" spills out of its box`);
              break;
            }
          }
        }
      }
      return out;
    });
    if (facts.texts === 0) facts.problems.push('no chart or diagram text found');
    if (facts.problems.length) throw new Error([...new Set(facts.problems)].slice(0, 10).join('\n'));
  });
  await context.close();
}

// 4. menus and headings ---------------------------------------------------------------------
{
  const widths = [1024, 1100, 1180, 1280, 1360, 1440];
  const context = await browser.newContext({ viewport: { width: widths[0], height: 900 } });
  await atViewports(PAGES.filter((x) => ['home', 'progress-year', 'landing'].includes(x.kind)), widths.map((width) => ({ width, height: 900 })), (p) => open(context, p), (p, { width }) => `no Latin word broken in menus: ${p.lang}-${p.kind} @${width}`, async (page, p) => {
    const broken = await page.evaluate(splitAcrossLines, [
      '.site-nav a, .lang-switch :is(a, span), .site-footer__links a, .site-title a, .site-search button, .text-size button',
      '[A-Za-z]{2,}',
    ]);
    if (broken.length) throw new Error(broken.join('\n'));
  });
  await context.close();
}
{
  const widths = [320, 390, 1280];
  const context = await browser.newContext({ viewport: { width: widths[0], height: 900 } });
  await atViewports(PAGES.filter((x) => x.lang === 'ja'), widths.map((width) => ({ width, height: 900 })), (p) => open(context, p), (p, { width }) => `no Japanese heading leaves one character alone: ${p.kind} @${width}`, async (page, p) => {
    const lonely = await page.evaluate(() => {
      const out = [];
      for (const h of document.querySelectorAll('h1, h2, h3')) {
        const text = h.textContent.trim();
        if (!/[\u3040-\u30ff\u4e00-\u9fff]$/.test(text) || h.closest('.visually-hidden')) continue;
        const range = document.createRange();
        range.selectNodeContents(h);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
        if (lines.size < 2) continue;
        // The last character, and the one before it: on different lines means one alone.
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        const nodes = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent.trim()) nodes.push(n);
        const last = nodes[nodes.length - 1];
        const end = last.textContent.trimEnd().length;
        if (end < 2) continue;
        const at = (i) => { const r = document.createRange(); r.setStart(last, i); r.setEnd(last, i + 1); return r.getBoundingClientRect(); };
        const a = at(end - 2), b = at(end - 1);
        if (Math.abs(a.bottom - b.bottom) > 2) out.push(`${h.tagName} "${text}"`);
      }
      return out;
    });
    if (lonely.length) throw new Error(lonely.join('\n'));
  });
  await context.close();
}

// 5, 6. the phone: header, contact first ------------------------------------------------------
{
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  for (const lang of LANGS) {
    await inParallel(slugs(`${lang}/areas`), (slug) => test(`contact first on a phone: /${lang}/areas/${slug}/`, async () => {
      const page = await open(context, { lang, kind: 'area', path: `/${lang}/areas/${slug}/` });
      try {
        const facts = await page.evaluate(() => {
          const onFirst = (el) => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; };
          const contacts = document.getElementById('contacts');
          const tel = contacts && contacts.parentElement.querySelector('a[href^="tel:"]');
          const jump = [...document.querySelectorAll('main a[href="#contacts"]')].find(onFirst);
          return {
            contacts: !!contacts,
            tel: !!tel,
            telFirst: tel ? onFirst(tel) : false,
            jump: jump ? jump.textContent.trim() : null,
          };
        });
        if (!facts.contacts) throw new Error('no #contacts section');
        if (!facts.tel) throw new Error('no tel: link among the contacts');
        if (!facts.telFirst && !facts.jump) throw new Error('neither the phone number nor a jump link to #contacts in the first 844 px');
        // No address breaks inside a number (「千葉寺町1208-」/「2」), at 390 and at 320 px.
        for (const width of [390, 320]) {
          await page.setViewportSize({ width, height: 844 });
          const split = await page.evaluate(splitAcrossLines, ['address', '[0-9０-９][0-9０-９\\-‐－ー―の]*[0-9０-９]']);
          if (split.length) throw new Error(`@${width}: a number broken across lines: ${split.join('; ')}`);
        }
        await page.setViewportSize({ width: 390, height: 844 });
        // The jump link leads there.
        if (facts.jump) {
          await page.click('main a[href="#contacts"]');
          const top = await page.evaluate(() => document.getElementById('contacts').getBoundingClientRect().top);
          if (top < -1 || top > 200) throw new Error(`after the jump link, #contacts is at ${Math.round(top)} px`);
        }
      } finally {
        await page.close();
      }
    }));
    await inParallel(slugs(`${lang}/cases`), (slug) => test(`case page reaches its area's contacts in one tap: /${lang}/cases/${slug}/`, async () => {
      const page = await open(context, { lang, kind: 'case', path: `/${lang}/cases/${slug}/` });
      try {
        const href = await page.evaluate(() => [...document.querySelectorAll('main a[href$="#contacts"]')].map((a) => a.href)[0] ?? null);
        if (!href) throw new Error('no link to an area page\'s #contacts');
        await page.goto(href);
        const tel = await page.evaluate(() => !!document.getElementById('contacts')?.parentElement.querySelector('a[href^="tel:"]'));
        if (!tel) throw new Error(`${href}: no tel: link under #contacts`);
      } finally {
        await page.close();
      }
    }));
  }
  await context.close();
}
// The phone header, menu closed: on small phones (320x568, 360x640) at most a third of the first
// screen, at most a half after the site's own 「拡大」 text size (it was 62–74 % and 98–115 %:
// no page at all on the first screen); on a 390x844 phone a quarter in Japanese, a third in
// English (it was 402 px).
{
  const HEADER_PAGES = [
    ...PAGES.filter((x) => ['home', 'area', 'case', 'progress-year'].includes(x.kind)),
    ...['/easy/', ...slugs('easy/areas').slice(0, 1).map((s) => `/easy/areas/${s}/`)]
      .filter((rel) => fs.existsSync(path.join(siteDir, rel, 'index.html')))
      .map((rel) => ({ lang: 'easy', kind: rel === '/easy/' ? 'home' : 'area', path: rel })),
  ];
  const SCREENS = [
    { width: 320, height: 568, closed: 1 / 3, large: 1 / 2 },
    { width: 360, height: 640, closed: 1 / 3, large: 1 / 2 },
    { width: 390, height: 844, closed: 1 / 4, closedEn: 1 / 3, large: 1 / 2 },
  ];
  const share = (x) => (x === 1 / 4 ? 'a quarter' : x === 1 / 3 ? 'a third' : 'a half');
  await inParallel(HEADER_PAGES, (p) => test(`phone header, menu closed, at most a third of a small phone's screen (a half with 「拡大」): ${p.lang}-${p.kind} ${p.path}`, async () => {
    // A context of its own: the text size is remembered (localStorage) for the context's pages.
    const context = await browser.newContext({ viewport: { width: 320, height: 568 } });
    try {
      const page = await open(context, p);
      const problems = [];
      const height = () => page.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().height);
      for (const s of SCREENS) {
        await page.setViewportSize({ width: s.width, height: s.height });
        const most = (p.lang === 'en' && s.closedEn) || s.closed;
        const h = await height();
        if (h > s.height * most) problems.push(`@${s.width}x${s.height}: the header is ${Math.round(h)} px, more than ${share(most)} (${Math.round(s.height * most)} px)`);
      }
      // 「拡大」 from the footer (where the phone has the text-size buttons).
      await page.click('.site-footer .text-size [data-size="large"]');
      for (const s of SCREENS) {
        await page.setViewportSize({ width: s.width, height: s.height });
        const h = await height();
        if (h > s.height * s.large) problems.push(`@${s.width}x${s.height} with 「拡大」: the header is ${Math.round(h)} px, more than ${share(s.large)} (${Math.round(s.height * s.large)} px)`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (wide > 1) problems.push(`@${s.width} with 「拡大」: the page scrolls sideways by ${wide} px`);
      }
      if (problems.length) throw new Error(problems.join('\n'));
    } finally {
      await context.close();
    }
  }));
}

// The menu button on a phone: a real <button> naming the menu's list (aria-controls), saying
// whether it is open (aria-expanded), a 44 px target with a visible focus ring; the menu's
// links follow it in the tab order; Escape closes the menu and gives the focus back; the
// current page's entry keeps aria-current; not printed. From 640 px there is no button and the
// menu is always shown; without JavaScript there is no button either and the menu is shown.
const MENU_LABELS = { ja: 'メニュー', en: 'Menu', easy: 'メニュー' };
{
  const MENU_PAGES = Object.keys(MENU_LABELS)
    .filter((lang) => fs.existsSync(path.join(siteDir, lang, 'index.html')))
    .flatMap((lang) => [`/${lang}/`, `/${lang}/cases/`].filter((rel) => fs.existsSync(path.join(siteDir, rel, 'index.html'))).map((rel) => ({ lang, path: rel })));
  const context = await browser.newContext({ viewport: { width: 320, height: 568 } });
  await inParallel(MENU_PAGES, (p) => test(`phone menu button opens and closes the menu (aria-expanded, Escape, focus): ${p.path}`, async () => {
    const page = await open(context, p);
    try {
      const state = () => page.evaluate(() => {
        const b = document.querySelector('.site-header button.site-nav__toggle');
        const list = b && document.getElementById(b.getAttribute('aria-controls'));
        const r = b?.getBoundingClientRect();
        return {
          button: !!b,
          type: b?.type,
          label: b?.textContent.trim(),
          shown: !!b && b.getClientRects().length > 0 && getComputedStyle(b).visibility !== 'hidden',
          size: r ? [Math.round(r.width), Math.round(r.height)] : null,
          expanded: b?.getAttribute('aria-expanded'),
          list: list ? { tag: list.tagName, inNav: !!list.closest('nav.site-nav'), shown: list.getClientRects().length > 0, links: list.querySelectorAll('a').length } : null,
          current: [...document.querySelectorAll('.site-nav a[aria-current]')].map((a) => a.getAttribute('aria-current')),
          focused: document.activeElement === b ? 'button' : document.activeElement?.closest('.site-nav') ? 'menu' : document.activeElement?.tagName.toLowerCase(),
          focusedText: document.activeElement?.textContent.trim(),
        };
      });
      const s0 = await state();
      if (!s0.button) throw new Error('no <button class="site-nav__toggle"> in the header');
      const problems = [];
      if (s0.type !== 'button') problems.push(`the button is type=${s0.type}, expected button`);
      if (s0.label !== MENU_LABELS[p.lang]) problems.push(`the button says "${s0.label}", expected "${MENU_LABELS[p.lang]}"`);
      if (!s0.shown) problems.push('the button is not shown at 320 px');
      if (s0.size && (s0.size[0] < 44 || s0.size[1] < 44)) problems.push(`the button is ${s0.size.join('×')} px, under 44×44`);
      if (!s0.list || s0.list.tag !== 'UL' || !s0.list.inNav) problems.push('aria-controls does not name the list of nav.site-nav');
      if (s0.expanded !== 'false' || s0.list?.shown) problems.push(`closed at first: aria-expanded=${s0.expanded}, list shown ${s0.list?.shown}`);
      if (s0.current.length !== 1) problems.push(`the menu marks ${s0.current.length} entries aria-current, expected 1`);
      if (problems.length) throw new Error(problems.join('\n'));
      // Open with the keyboard: Tab to the button, Enter.
      await page.focus('.site-nav__toggle');
      const ring = await page.evaluate(() => {
        const cs = getComputedStyle(document.activeElement);
        return cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 || cs.boxShadow !== 'none';
      });
      if (!ring) problems.push('the focused button shows no focus ring');
      await page.keyboard.press('Enter');
      const s1 = await state();
      if (s1.expanded !== 'true' || !s1.list.shown) problems.push(`after Enter: aria-expanded=${s1.expanded}, list shown ${s1.list.shown}`);
      if (s1.current.length !== s0.current.length) problems.push('opened, the menu lost its aria-current');
      // The next Tab goes into the menu, to its first entry.
      await page.keyboard.press('Tab');
      const s2 = await state();
      if (s2.focused !== 'menu') problems.push(`Tab after the open button went to ${s2.focused} "${s2.focusedText}", not the menu`);
      // Escape: closed, the focus back on the button.
      await page.keyboard.press('Escape');
      const s3 = await state();
      if (s3.expanded !== 'false' || s3.list.shown) problems.push(`after Escape: aria-expanded=${s3.expanded}, list shown ${s3.list.shown}`);
      if (s3.focused !== 'button') problems.push(`after Escape the focus is on ${s3.focused}, not the button`);
      // A click (a tap) opens it and a second one closes it.
      await page.click('.site-nav__toggle');
      const s4 = await state();
      await page.click('.site-nav__toggle');
      const s5 = await state();
      if (s4.expanded !== 'true' || !s4.list.shown || s5.expanded !== 'false' || s5.list.shown) problems.push(`click: ${s4.expanded}/${s4.list.shown}, again: ${s5.expanded}/${s5.list.shown}`);
      // Open, at 200 % text: nothing sideways.
      await page.click('.site-nav__toggle');
      await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (wide > 1) problems.push(`menu open, 200 % text at 320 px: the page scrolls sideways by ${wide} px`);
      // Printed: no button (and no menu).
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => [...document.querySelectorAll('.site-nav__toggle, .site-nav')].filter((e) => e.getClientRects().length).map((e) => e.className));
      if (printed.length) problems.push(`printed: ${printed.join(', ')}`);
      if (problems.length) throw new Error(problems.join('\n'));
    } finally {
      await page.close();
    }
  }));
  await context.close();
}
await test('from 640 px, and without JavaScript, the menu is shown and there is no menu button', async () => {
  const problems = [];
  const facts = (page) => page.evaluate(() => {
    const b = document.querySelector('.site-nav__toggle');
    return {
      button: !!b,
      buttonShown: !!b && b.getClientRects().length > 0,
      hidden: b?.hidden,
      links: [...document.querySelectorAll('.site-nav a')].filter((a) => a.getClientRects().length > 0).length,
      all: document.querySelectorAll('.site-nav a').length,
    };
  });
  for (const [width, js] of [[640, true], [768, true], [1280, true], [320, false], [390, false], [1280, false]]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: js });
    try {
      for (const rel of ['/ja/', '/en/']) {
        const page = await open(context, { kind: 'home', path: rel });
        const f = await facts(page);
        const where = `${rel} @${width}${js ? '' : ' without JavaScript'}`;
        if (!f.button) problems.push(`${where}: no menu button in the page`);
        if (f.buttonShown) problems.push(`${where}: the menu button is shown`);
        if (!js && f.hidden !== true) problems.push(`${where}: the menu button has no hidden attribute`);
        if (f.all === 0 || f.links !== f.all) problems.push(`${where}: ${f.links} of ${f.all} menu links shown`);
        await page.close();
      }
    } finally {
      await context.close();
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
});
await test('the header search box stays inside the header at 200 % text zoom (390 and 1280 px)', async () => {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await open(context, { kind: 'home', path: '/ja/' });
    try {
      // Text-only zoom: the root font size doubled, as a browser's text-size setting does.
      await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      const problems = await page.evaluate(() => {
        const out = [];
        const header = document.querySelector('.site-header').getBoundingClientRect();
        for (const el of document.querySelectorAll('.site-search, .site-search input, .site-search button')) {
          const r = el.getBoundingClientRect();
          if (r.right > header.right + 0.5 || r.left < header.left - 0.5) out.push(`${el.tagName.toLowerCase()} from ${Math.round(r.left)} to ${Math.round(r.right)}, header ${Math.round(header.right)}`);
        }
        const header_width = document.querySelector('.site-header').scrollWidth;
        if (header_width > window.innerWidth + 1) out.push(`the header scrolls sideways (${header_width} px)`);
        return out;
      });
      if (problems.length) throw new Error(`@${width}: ${problems.join('; ')}`);
    } finally {
      await page.close();
      await context.close();
    }
  }
});
// 200 % text-only zoom on a phone (WCAG 1.4.4): the root font size doubled, as a browser's
// text-size setting does. Nothing may stick out of the 390 px screen (the case cards did) and
// the page must not scroll sideways; a table may scroll inside its own scrolling box. Also the
// search page (its own box did not shrink), the root page (its language panels), the English
// themes with the longest next/previous links, and easy Japanese names with their readings
// (「千葉市社会福祉協議会」 over its ruby did not wrap).
const TEXT200 = [
  ...PAGES.filter((x) => ['home', 'cases', 'case', 'area', 'theme', 'search', 'landing'].includes(x.kind)),
  ...['/en/themes/information/', '/en/themes/crime-prevention/', '/easy/areas/hanamigawa/', '/easy/overview/']
    .filter((rel) => fs.existsSync(path.join(siteDir, rel, 'index.html')))
    .map((rel) => ({ lang: rel.split('/')[1], kind: rel.split('/').slice(2, -1).join('-'), path: rel })),
];
for (const lang of [...new Set(TEXT200.map((x) => x.lang))]) {
  await inParallel(TEXT200.filter((x) => x.lang === lang), (p) => test(`200 % text at 390 px: nothing wider than the screen: ${p.lang}-${p.kind} ${p.path}`, async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await open(context, p);
    try {
      await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      const facts = await page.evaluate(() => {
        const out = [];
        const vw = window.innerWidth;
        for (const el of document.body.querySelectorAll('*')) {
          const cs = getComputedStyle(el);
          if (cs.display === 'none' || cs.visibility === 'hidden' || cs.clipPath.startsWith('inset(50%')) continue;
          const r = el.getBoundingClientRect();
          if (r.width <= 1 || r.height <= 1) continue;
          if (r.right <= vw + 1 && r.left >= -1) continue;
          // Inside a box that scrolls sideways (a wide table), it is reachable.
          let scrolls = false;
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            const ox = getComputedStyle(a).overflowX;
            if (ox === 'auto' || ox === 'scroll') { scrolls = true; break; }
          }
          if (scrolls) continue;
          out.push(`${el.tagName.toLowerCase()}${typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${el.textContent.trim().slice(0, 24)}" from ${Math.round(r.left)} to ${Math.round(r.right)}`);
        }
        // Text that spills out of its element (a number beside a label in a stacked table).
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!n.textContent.trim() || el.closest('.visually-hidden, [hidden]')) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          const r = range.getBoundingClientRect();
          if (r.width === 0 || (r.right <= vw + 1 && r.left >= -1)) continue;
          let scrolls = false;
          for (let a = el; a && a !== document.body; a = a.parentElement) {
            const ox = getComputedStyle(a).overflowX;
            if (ox === 'auto' || ox === 'scroll') { scrolls = true; break; }
          }
          if (!scrolls) out.push(`text "${n.textContent.trim().slice(0, 24)}" in ${el.tagName.toLowerCase()}.${el.className} from ${Math.round(r.left)} to ${Math.round(r.right)}`);
        }
        return { wide: out, scrollWidth: document.documentElement.scrollWidth, vw };
      });
      const problems = [];
      if (facts.scrollWidth > facts.vw + 1) problems.push(`the page scrolls sideways: ${facts.scrollWidth} px > ${facts.vw}`);
      problems.push(...facts.wide.slice(0, 10));
      if (problems.length) {
        // A picture of the page that failed, to look at beside the message.
        await page.screenshot({ path: path.join(SHOTS, `${p.lang}-${p.kind}-390-text200.png`), fullPage: true });
        throw new Error(problems.join('\n'));
      }
    } finally {
      await page.close();
      await context.close();
    }
  }));
}
await test('theme tiles have no empty strip under their text (home and theme list)', async () => {
  for (const width of [700, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    for (const rel of ['/ja/', '/ja/themes/', '/en/themes/']) {
      const page = await open(context, { kind: 'themes', path: rel });
      try {
        const gaps = await page.evaluate(() => [...document.querySelectorAll('.theme-list__item')].map((li) => {
          const last = li.lastElementChild.getBoundingClientRect();
          return { text: li.textContent.trim().slice(0, 20), gap: li.getBoundingClientRect().bottom - last.bottom, bg: getComputedStyle(li).backgroundColor, lastBg: getComputedStyle(li.lastElementChild).backgroundColor };
        }));
        const bad = gaps.filter((g) => g.gap > 2 && g.bg !== g.lastBg);
        if (bad.length) throw new Error(`@${width} ${rel}: ${bad.map((g) => `"${g.text}" ${Math.round(g.gap)} px of another colour`).join('; ')}`);
      } finally {
        await page.close();
      }
    }
    await context.close();
  }
});

// Tablets and desktops: from 768 px a stacked table is a full table, and the English area and
// progress pages' tables are wider than 768–1280 px (more so with WCAG 1.4.12 text spacing or
// the site's 「拡大」 text size). The page must not scroll sideways: a table scrolls in its own
// box, which the keyboard can reach and which is a region named by the table's caption.
{
  const SPACING = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
  const WIDE = ['en', 'ja'].flatMap((lang) => [
    ...slugs(`${lang}/areas`).slice(0, 2).map((s) => `/${lang}/areas/${s}/`),
    ...slugs(`${lang}/progress/${year}`).map((s) => `/${lang}/progress/${year}/${s}/`),
  ]);
  const context = await browser.newContext({ viewport: { width: 768, height: 900 } });
  await inParallel(WIDE, (rel) => test(`no sideways page scroll at 768–1280 px, wide tables scroll in a named, focusable region: ${rel}`, async () => {
    const page = await open(context, { kind: 'wide', path: rel });
    try {
      const problems = [];
      // The new layout, and the ResizeObserver's turn after it (site.js marks a box that scrolls).
      const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 20)))));
      const check = async (what) => {
        const f = await page.evaluate(() => ({
          sw: document.documentElement.scrollWidth,
          vw: window.innerWidth,
          boxes: [...document.querySelectorAll('main *')].filter((e) => {
            const ox = getComputedStyle(e).overflowX;
            return (ox === 'auto' || ox === 'scroll') && e.scrollWidth > e.clientWidth + 1;
          }).map((e) => ({
            name: `${e.tagName.toLowerCase()}.${e.className}`,
            tabindex: e.getAttribute('tabindex'),
            role: e.getAttribute('role'),
            label: (e.getAttribute('aria-label') || (e.getAttribute('aria-labelledby') || '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ')).trim(),
          })),
        }));
        if (f.sw > f.vw + 1) problems.push(`${what}: the page scrolls sideways (${f.sw} px > ${f.vw})`);
        for (const b of f.boxes) {
          if (b.tabindex !== '0' || b.role !== 'region' || !b.label) problems.push(`${what}: ${b.name} scrolls but is not a focusable named region (tabindex ${b.tabindex}, role ${b.role}, name "${b.label}")`);
        }
      };
      for (const width of [768, 1024, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await settle();
        await check(`@${width}`);
      }
      await page.click('.site-header .text-size [data-size="large"]');
      await settle();
      await check('@1280 拡大');
      await page.click('.site-header .text-size [data-size="normal"]');
      await page.addStyleTag({ content: SPACING });
      for (const width of [1024, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await settle();
        await check(`@${width} 1.4.12 spacing`);
      }
      if (problems.length) throw new Error(problems.join('\n'));
    } finally {
      await page.close();
    }
  }));
  await context.close();
}

// A wide Markdown table in a body (no caption) scrolls in its own box on a phone, not the page;
// the box is a focusable region named by the heading the table comes under, else by its columns.
await test('a wide Markdown table in a body scrolls in a named, focusable region on a phone', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const p = PAGES.find((x) => x.lang === 'en' && x.kind === 'case');
  const cols = Array.from({ length: 9 }, (_, i) => `Column${i + 1}heading`);
  const table = `<table><thead><tr>${cols.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody><tr>${cols.map((c) => `<td>${c}value</td>`).join('')}</tr></tbody></table>`;
  try {
    for (const [where, html, name] of [
      ['under a heading', `<h2 id="t-heading">Opening hours</h2>${table}`, 'Opening hours'],
      ['with no heading', table, cols.join(', ')],
    ]) {
      const page = await context.newPage();
      await page.route(server.url + p.path, async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace(/(<div class="prose"[^>]*>)/, `$1${html}`);
        await route.fulfill({ response, body });
      });
      await page.goto(server.url + p.path, { waitUntil: 'load' });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 20)))));
      const f = await page.evaluate(() => {
        const box = document.querySelector('.prose .table-scroll');
        const named = box && (box.getAttribute('aria-label') || document.getElementById(box.getAttribute('aria-labelledby') || '')?.textContent || '');
        return { injected: !!document.querySelector('.prose table'), box: !!box, sw: document.documentElement.scrollWidth, vw: innerWidth, role: box?.getAttribute('role'), tabindex: box?.getAttribute('tabindex'), named: (named || '').trim() };
      });
      await page.close();
      if (!f.injected) throw new Error(`${where}: the table was not put into the page's .prose`);
      if (!f.box) throw new Error(`${where}: the table has no scrolling box`);
      if (f.sw > f.vw + 1) throw new Error(`${where}: the page scrolls sideways (${f.sw} > ${f.vw})`);
      if (f.role !== 'region' || f.tabindex !== '0' || f.named !== name) throw new Error(`${where}: role ${f.role}, tabindex ${f.tabindex}, name "${f.named}" (expected "${name}")`);
    }
  } finally {
    await context.close();
  }
});

// A stacked table's visible column name (`::before`) is alternative-text-free generated content:
// the cell's header already gives a screen reader the column's name, and it was heard twice.
await test('stacked tables: the column name shown in each cell on a phone is not read again', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await open(context, { kind: 'progress-year', path: `/en/progress/${year}/` });
  try {
    const contents = await page.evaluate(() => [...document.querySelectorAll('.data-table--stack td[data-label]:not([data-label=""])')]
      .map((td) => getComputedStyle(td, '::before').content));
    if (!contents.length) throw new Error('no stacked table cell with a data-label');
    const read = contents.filter((c) => !/\/\s*""$/.test(c));
    if (read.length) throw new Error(`${read.length} of ${contents.length} labels have no empty alternative text: ${read[0]}`);
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const cells = nodes.filter((n) => n.role?.value === 'cell' && n.name?.value);
    const twice = cells.filter((n) => /[A-Za-z]{3,}/.test(n.name.value) && !/^\s*[\d,.%-]+\s*$/.test(n.name.value) && /^(Priority items|Exceeded|Mostly achieved|Partly achieved|Not achieved|Other items|Areas|Change)/.test(n.name.value));
    if (twice.length) throw new Error(`cells named with their column's label: ${twice.slice(0, 3).map((n) => `"${n.name.value}"`).join(', ')}`);
  } finally {
    await page.close();
    await context.close();
  }
});

// Printing the search page prints the query (as words) and the results, not the box, the button
// and the filters.
await test('the search page prints its query and results without the form controls', async () => {
  const context = await browser.newContext({ viewport: { width: 688, height: 1000 } });
  const page = await open(context, { kind: 'search', path: `/ja/search/?q=${encodeURIComponent('見守り')}` });
  try {
    await page.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
    await page.emulateMedia({ media: 'print' });
    const f = await page.evaluate(() => ({
      controls: [...document.querySelectorAll('main input, main button, main select, main summary')]
        .filter((e) => e.getClientRects().length > 0).map((e) => e.outerHTML.slice(0, 60)),
      results: [...document.querySelectorAll('.search-result')].filter((e) => e.getClientRects().length > 0).length,
      query: getComputedStyle(document.getElementById('search-status'), '::before').content,
    }));
    if (f.controls.length) throw new Error(`printed controls: ${f.controls.join(', ')}`);
    if (!f.results) throw new Error('no result printed');
    if (!f.query.includes('見守り')) throw new Error(`the query is not printed (status ::before ${f.query})`);
  } finally {
    await page.close();
    await context.close();
  }
});

// 7. print ----------------------------------------------------------------------------------
for (const lang of [...new Set(PAGES.map((p) => p.lang))].filter((l) => PAGES.some((p) => p.lang === l && p.path === `/${l}/progress/${year}/`))) {
await test(`the progress year page /${lang}/progress/${year}/ prints on at most two A4 pages`, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(context, { kind: 'progress-year', path: `/${lang}/progress/${year}/` });
  try {
    const pdf = await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: false, preferCSSPageSize: true });
    fs.writeFileSync(path.join(SHOTS, `${lang}-progress-year-print.pdf`), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
    if (pages === 0) throw new Error('could not count the PDF pages');
    if (pages > 2) throw new Error(`${pages} A4 pages, expected at most 2`);
    // The address of the page and its date are printed in the footer.
    await page.emulateMedia({ media: 'print' });
    const footer = await page.evaluate(() => {
      const f = document.querySelector('.print-footer');
      return f ? { shown: getComputedStyle(f).display !== 'none', text: f.textContent } : null;
    });
    if (!footer?.shown) throw new Error('no .print-footer shown in print');
    if (!footer.text.includes(`/${lang}/progress/`)) throw new Error(`the print footer has no URL: ${footer.text}`);
    if (!/\d{4}/.test(footer.text)) throw new Error(`the print footer has no date: ${footer.text}`);
  } finally {
    await page.close();
    await context.close();
  }
});
}

// A later page of a long list prints just the list: no page navigation; on a phone at 200 %
// text the navigation wraps instead of running off the screen.
await test('paged: a page of a long list prints without its page navigation and wraps it at 200 % text', async () => {
  const dir = pagedSite(siteDir);
  const rels = onePerKind(secondPages(dir));
  if (!rels.length) throw new Error(`no …/page/2/ in ${dir}`);
  const paged = await serveDir(dir);
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  try {
    for (const rel of rels) {
      const page = await context.newPage();
      try {
        await page.goto(paged.url + rel, { waitUntil: 'load' });
        await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
        // (The navigation, not the page: a progress table's rating may be wider at 320 px and
        // 200 % text, as on the first page.)
        const wide = await page.evaluate(() => Math.max(...[...document.querySelectorAll('nav.pagination, nav.pagination *')]
          .map((e) => e.getBoundingClientRect().right)) - window.innerWidth);
        if (wide > 1) throw new Error(`${rel}: the page navigation runs ${Math.round(wide)} px off the screen at 200 % text, 320 px`);
        await page.emulateMedia({ media: 'print' });
        const shown = await page.evaluate(() => [...document.querySelectorAll('nav.pagination')].some((n) => getComputedStyle(n).display !== 'none'));
        if (shown) throw new Error(`${rel}: the page navigation is printed`);
        const cards = await page.evaluate(() => document.querySelectorAll('.card, tr[id^=item-]').length);
        if (!cards) throw new Error(`${rel}: the list is not printed`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await context.close();
    await paged.close();
  }
});

// 8. the conventions ------------------------------------------------------------------------
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await test('favicon and touch icon are linked and served', async () => {
    for (const p of [PAGES[0], PAGES[1], PAGES.find((x) => x.lang === 'en' && x.kind === 'case')]) {
      const page = await open(context, p);
      try {
        const links = await page.evaluate(() => [...document.querySelectorAll('link[rel~="icon"], link[rel="apple-touch-icon"]')].map((l) => ({ rel: l.rel, href: l.href })));
        if (!links.some((l) => l.rel.split(' ').includes('icon'))) throw new Error(`${p.path}: no <link rel=icon>`);
        if (!links.some((l) => l.rel === 'apple-touch-icon')) throw new Error(`${p.path}: no apple-touch-icon`);
        for (const l of links) {
          const res = await page.request.get(l.href);
          if (res.status() !== 200) throw new Error(`${l.href}: HTTP ${res.status()}`);
        }
      } finally {
        await page.close();
      }
    }
  });
  await inParallel(PAGES.filter((x) => x.kind !== 'not-found'), (p) => test(`footer links and last-updated: ${p.lang}-${p.kind}`, async () => {
    const page = await open(context, p);
    try {
      const facts = await page.evaluate(() => ({
        footer: [...document.querySelectorAll('.site-footer a')].map((a) => new URL(a.href).pathname),
        updated: document.querySelector('.page-updated time')?.getAttribute('datetime') ?? null,
        sizeControl: !!document.querySelector('.text-size'),
      }));
      const lang = p.kind === 'landing' ? 'ja' : p.lang;
      for (const want of [`/${lang}/accessibility/`, `/${lang}/privacy/`, `/${lang}/sitemap/`]) {
        if (!facts.footer.includes(want)) throw new Error(`no footer link to ${want}`);
      }
      const content = !['landing', 'search', 'site-map'].includes(p.kind);
      if (content && !/^\d{4}-\d{2}-\d{2}$/.test(facts.updated ?? '')) throw new Error(`no 最終更新日 with a date (got ${facts.updated})`);
      if (p.kind !== 'landing' && !facts.sizeControl) throw new Error('no text-size control');
    } finally {
      await page.close();
    }
  }));
  await test('the text-size control enlarges the text, is remembered, and reading needs no script', async () => {
    const page = await open(context, { kind: 'home', path: '/ja/' });
    try {
      const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize));
      await page.click('.text-size [data-size="large"]');
      const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize));
      if (!(after > before * 1.1)) throw new Error(`font size ${before} → ${after} px`);
      await page.goto(server.url + '/ja/overview/');
      const kept = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main')).fontSize));
      if (!(kept > 17.5)) throw new Error(`the size was not kept on the next page (${kept} px)`);
      await page.click('.text-size [data-size="normal"]');
    } finally {
      await page.close();
    }
    // One place at a time: the header's on a wide screen, the footer's (the script's copy of
    // the header's, the page carries them once) under the footer's links on a phone; the two
    // say the same state.
    for (const [width, at] of [[1280, 'site-header'], [390, 'site-footer']]) {
      const wide = await browser.newContext({ viewport: { width, height: 844 } });
      const p1 = await wide.newPage();
      try {
        await p1.goto(`${server.url}/ja/overview/`);
        const shown = await p1.evaluate(() => [...document.querySelectorAll('.text-size')]
          .filter((c) => getComputedStyle(c).display !== 'none')
          .map((c) => c.closest('header, footer')?.className));
        if (shown.length !== 1 || !shown[0].includes(at)) throw new Error(`@${width}: shown in ${JSON.stringify(shown)}, expected .${at} alone`);
        const afterLinks = await p1.evaluate(() => document.querySelector('.site-footer__links + .text-size') !== null);
        if (!afterLinks) throw new Error(`@${width}: no text-size control right after the footer links`);
        await p1.click(`.${at} .text-size [data-size="large"]`);
        const state = await p1.evaluate(() => ({
          size: document.documentElement.getAttribute('data-text-size'),
          pressed: [...document.querySelectorAll('.text-size [data-size="large"]')].map((b) => b.getAttribute('aria-pressed')),
        }));
        if (state.size !== 'large' || state.pressed.join() !== 'true,true') throw new Error(`@${width}: after a click ${JSON.stringify(state)}`);
        await p1.click(`.${at} .text-size [data-size="normal"]`);
      } finally {
        await wide.close();
      }
    }
    const noJs = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const p2 = await noJs.newPage();
    try {
      await p2.goto(`${server.url}/ja/`);
      const facts = await p2.evaluate(() => ({
        hidden: getComputedStyle(document.querySelector('.text-size')).display === 'none',
        main: document.querySelector('main').innerText.length,
      }));
      if (!facts.hidden) throw new Error('without JavaScript the control (which cannot work) is shown');
      if (facts.main < 100) throw new Error('without JavaScript the page shows no text');
    } finally {
      await noJs.close();
    }
  });
  await test('the root page goes to the primary language, with a plain link, and links each language', async () => {
    const html = fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8');
    const refresh = html.match(/<meta http-equiv="refresh" content="0; url=([^"]+)">/);
    if (!refresh) throw new Error('no meta refresh on /');
    if (!/(^|\/)ja\/$/.test(refresh[1])) throw new Error(`meta refresh to ${refresh[1]}, expected the ja home`);
    const page = await context.newPage();
    try {
      await page.goto(server.url + '/');
      await page.waitForURL(/\/ja\/$/, { timeout: 5000 });
    } finally {
      await page.close();
    }
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const raw = await noJs.newPage();
    try {
      // The landing page itself (before the refresh): each language's link goes to that language.
      await raw.route('**/*', (route) => route.continue());
      await raw.setContent(html.replace(/<meta http-equiv="refresh"[^>]*>/, ''), { waitUntil: 'domcontentloaded' });
      const links = await raw.evaluate(() => [...document.querySelectorAll('a[hreflang]')].map((a) => ({ lang: a.hreflang, href: a.getAttribute('href') })));
      // hreflang is the language's tag (easy Japanese, under easy/, is `ja`): each language's
      // folder has a link, and each link's hreflang is the <html lang> of the page it leads to.
      for (const lang of LANGS) {
        if (!links.some((l) => l.href.replace(/^\.?\/?/, '').startsWith(`${lang}/`))) throw new Error(`no link to ${lang}/: ${JSON.stringify(links)}`);
      }
      for (const l of links) {
        const dir = l.href.replace(/^\.?\/?/, '').split('/')[0];
        const html = fs.readFileSync(path.join(siteDir, dir, 'index.html'), 'utf8');
        const tag = (html.match(/<html[^>]*\slang="([^"]+)"/) || [])[1];
        if (tag !== l.lang) throw new Error(`the link to ${l.href} says hreflang="${l.lang}", its page lang="${tag}"`);
      }
    } finally {
      await noJs.close();
    }
  });
  await context.close();
}

// Screenshots for the lead ------------------------------------------------------------------
for (const width of [390, 1280]) {
  const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
  for (const lang of LANGS) {
    for (const [kind, rel] of [['area', 'areas/hanamigawa/'], ['case', `cases/${slugs(`${lang}/cases`)[0]}/`], ['progress-year', `progress/${year}/`], ['structure', 'structure/']]) {
      if (!fs.existsSync(path.join(siteDir, lang, rel, 'index.html'))) continue;
      const page = await context.newPage();
      await page.goto(`${server.url}/${lang}/${rel}`);
      await page.screenshot({ path: path.join(SHOTS, `${lang}-${kind}-${width}.png`), fullPage: true });
      await page.close();
    }
  }
  await context.close();
}

await browser.close();
await server.close();
report();
