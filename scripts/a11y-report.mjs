// The accessibility test record of a built plansite site (ウェブアクセシビリティ試験結果), as a
// municipality publishes it under 総務省「みんなの公共サイト運用ガイドライン」, in the form of
// WAIC「JIS X 8341-3:2016 試験実施ガイドライン」: the pages tested and how they were chosen, the
// conformance target (適合レベルAA 準拠), and a checklist of every WCAG 2.1 Level A and AA
// success criterion with its result.
//
// Usage: node scripts/a11y-report.mjs SITE_DIR OUT_DIR [--all] [--pages /ja/,/en/cases/x/]
//   (set-up once: bash scripts/setup.sh — Debian's chromium and `npm ci`)
//   SITE_DIR  a site `plansite build` wrote; OUT_DIR gets a11y-report.{ja,en}.{md,html} and
//             a11y-report.json (the same results, for machines).
//   --all     test every page (default: one page of each kind in each language, and the root:
//             「ウェブページ一式を代表するページ選択」)
//   --pages   test only these paths of the site (comma-separated)
//
// Each page is opened in headless Chromium (the helpers of tests/browser/lib.mjs) and checked:
//   - axe-core, rules of WCAG 2.0/2.1 A and AA, at 1280 and 320 px; each rule's `wcagNNN` tags
//     say which criteria it tests;
//   - plansite's own browser checks (those of tests/browser/*.test.mjs): focus visible and
//     unclipped on every element Tab reaches (2.4.7), every focusable element reached by Tab
//     and none holding the focus (2.1.1, 2.1.2), no horizontal scrolling at 320 px (1.4.10), at
//     200 % text size (the browser's default font size doubled, 1.4.4) and with the text
//     spacing of 1.4.12, no text cut off in either,
//     ids unique (4.1.1), the language of the page (3.1.1), a site map and search on every page
//     (2.4.5), the same navigation in the same order on every page of a language (3.2.3);
//   - audio and video: where no page has any, the media criteria are 非適用 (－).
// A criterion is × if a check of it failed on a page, ○ if checks of it ran and none failed,
// and 「目視確認が必要」 ("needs manual check") if no automatic check covers it or axe could not
// decide (its `incomplete` results): never ○ without a check behind it.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serveDir, launchBrowser, focusFacts, AXE_TAGS } from '../tests/browser/lib.mjs';
import { CRITERIA, criterionOfTag } from './a11y-criteria.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_VERSION = JSON.parse(fs.readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;

// --- arguments ------------------------------------------------------------------------------
const args = process.argv.slice(2);
const flags = { all: false, pages: null };
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--all') flags.all = true;
  else if (args[i] === '--pages') flags.pages = (args[++i] ?? '').split(',').filter(Boolean);
  else positional.push(args[i]);
}
const [siteDir, outDir] = positional;
if (!siteDir || !outDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node scripts/a11y-report.mjs SITE_DIR OUT_DIR [--all] [--pages /ja/,/en/…]');
  console.error('  SITE_DIR is a site `plansite build` wrote (SITE_DIR/index.html must exist)');
  process.exit(2);
}

// --- which pages ----------------------------------------------------------------------------
// The site's languages: the folders with a site map page (every language has one).
const LANGS = fs.readdirSync(siteDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(siteDir, d.name, 'sitemap', 'index.html')))
  .map((d) => d.name);
// The primary language first: the one the root page sends readers to.
const rootHtml = fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8');
const primary = /url=(?:[^"]*\/)?([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\/"/.exec(rootHtml)?.[1] ?? LANGS[0];
LANGS.sort((a, b) => (a === primary ? -1 : b === primary ? 1 : a.localeCompare(b)));
// The address the site is published at (robots.txt names its sitemap.xml there).
const robots = fs.existsSync(path.join(siteDir, 'robots.txt')) ? fs.readFileSync(path.join(siteDir, 'robots.txt'), 'utf8') : '';
const BASE_URL = (/^Sitemap: (.*)sitemap\.xml$/m.exec(robots)?.[1] ?? '/').trim();

function subdirs(rel) {
  const dir = path.join(siteDir, rel);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
}

// Every page: each folder holding an index.html (the root, and every page of every language).
function allPages() {
  const out = ['/'];
  const walk = (rel) => {
    for (const name of subdirs(rel)) {
      const sub = rel ? `${rel}/${name}` : name;
      out.push(`/${sub}/`);
      walk(sub);
    }
  };
  for (const lang of LANGS) {
    out.push(`/${lang}/`);
    walk(lang);
  }
  return out;
}

// One page of each kind in each language: the folders of the home page, and the first item of
// each folder of items (themes/x/, cases/x/, the latest progress year and its first area…).
function representativePages() {
  const out = ['/'];
  for (const lang of LANGS) {
    out.push(`/${lang}/`);
    for (const section of subdirs(lang)) {
      out.push(`/${lang}/${section}/`);
      const items = subdirs(`${lang}/${section}`);
      // The latest year of progress (years sort as numbers do), else the first item.
      const item = items.every((i) => /^\d{4}$/.test(i)) ? items[items.length - 1] : items[0];
      if (!item) continue;
      out.push(`/${lang}/${section}/${item}/`);
      const inner = subdirs(`${lang}/${section}/${item}`)[0];
      if (inner) out.push(`/${lang}/${section}/${item}/${inner}/`);
    }
  }
  return out;
}

const selection = flags.pages ? 'given' : flags.all ? 'all' : 'representative';
const PATHS = flags.pages ?? (flags.all ? allPages() : representativePages());
const langOf = (p) => LANGS.find((l) => p.startsWith(`/${l}/`)) ?? primary;

// --- checks in the page ---------------------------------------------------------------------
// plansite's own checks: id → the criteria it tests and what it checks, in both languages.
const CHECKS = {
  'focus-visible': { criteria: ['2.4.7'], ja: 'Tab で移動した全要素にフォーカス表示があり、はみ出して切れていない', en: 'every element Tab reaches shows a focus indicator that nothing clips' },
  'keyboard-reach': { criteria: ['2.1.1', '2.1.2'], ja: 'フォーカスできる全要素に Tab で到達し、フォーカスが閉じ込められない', en: 'Tab reaches every focusable element and the focus is never trapped' },
  'reflow-320': { criteria: ['1.4.10'], ja: '幅 320 px で横スクロールが生じない', en: 'no horizontal scrolling at 320 px wide' },
  'text-200': { criteria: ['1.4.4'], ja: '文字サイズ 200 % で横スクロールも文字の欠けも生じない', en: 'at 200 % text size, no horizontal scrolling and no text cut off' },
  'text-spacing': { criteria: ['1.4.12'], ja: '行間 1.5・段落間 2・文字間 0.12・単語間 0.16（文字サイズ比）で文字が欠けない', en: 'with line height 1.5, paragraph spacing 2, letter spacing 0.12 and word spacing 0.16 (times the font size) no text is cut off' },
  'unique-ids': { criteria: ['4.1.1'], ja: 'id 属性の値が重複しない（HTML の構文は WCAG 2.1 正誤表により常に満たす）', en: 'no id is used twice (HTML parsing itself is always satisfied, per the WCAG 2.1 errata)' },
  'page-lang': { criteria: ['3.1.1'], ja: '<html lang> がページの言語と一致する', en: '<html lang> is the language of the page' },
  'multiple-ways': { criteria: ['2.4.5'], ja: '全ページからサイトマップと検索に行ける', en: 'every page links to the site map and to search' },
  'consistent-nav': { criteria: ['3.2.3'], ja: '同じ言語の全ページでナビゲーションの項目と順序が同じ', en: 'the navigation has the same entries in the same order on every page of a language' },
};

// Elements whose text is cut off: `overflow: hidden` or `clip` with more content than room
// (visually hidden text for screen readers aside), and whether the page scrolls sideways.
function clippedFacts() {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    const hides = (v) => v === 'hidden' || v === 'clip';
    if (!hides(cs.overflowX) && !hides(cs.overflowY)) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 2 || r.height <= 2 || cs.clipPath.startsWith('inset(50%') || !el.textContent.trim()) continue;
    const over = (hides(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) || (hides(cs.overflowY) && el.scrollHeight > el.clientHeight + 1);
    if (over) out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${el.textContent.trim().slice(0, 30)}"`);
  }
  const sideways = document.documentElement.scrollWidth > window.innerWidth + 1;
  return { clipped: out, sideways, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth };
}

const TEXT_SPACING = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';

async function open(context, server, p) {
  const page = await context.newPage();
  // The root page sends the reader on at once (meta refresh): check the page itself.
  if (p === '/') {
    await page.route(server.url + p, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/<meta http-equiv="refresh"[^>]*>/, '');
      await route.fulfill({ response, body });
    });
  }
  const res = await page.goto(server.url + p, { waitUntil: 'load' });
  return { page, status: res?.status() ?? 0 };
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
    const brief = (list) => list.map((x) => ({ id: x.id, tags: x.tags, help: x.help, nodes: x.nodes.length, targets: x.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    return { violations: brief(r.violations), incomplete: brief(r.incomplete), passes: brief(r.passes), inapplicable: r.inapplicable.map((x) => ({ id: x.id, tags: x.tags })) };
  }, AXE_TAGS);
}

// Tab through the page: focus indicators, and whether Tab reaches every focusable element
// without being held anywhere.
async function tabRound(page) {
  const focusable = await page.evaluate(() => {
    const list = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
      // Shown, and not in a closed <details> (its content has boxes but cannot take focus).
      .filter((el) => !el.disabled && el.checkVisibility({ visibilityProperty: true }) && !el.closest('[inert], [hidden]')
        && !(el.closest('details:not([open])') && !el.closest('summary')));
    list.forEach((el, i) => { el.dataset.a11yIndex = String(i); });
    return list.length;
  });
  const problems = [];
  const reached = new Set();
  // One round: it ends when Tab comes back to an element it focused already (focusFacts marks
  // them), so focus held by one element ends it early and leaves the rest unreached.
  for (let i = 0; i < focusable + 3; i++) {
    await page.keyboard.press('Tab');
    const facts = await page.evaluate(focusFacts);
    if (facts?.again) break;
    if (!facts) continue;
    const index = await page.evaluate(() => document.activeElement?.dataset.a11yIndex ?? null);
    if (index !== null) reached.add(index);
    if (facts.problem) problems.push(`${facts.name}: ${facts.problem}`);
  }
  const missed = await page.evaluate((seen) => [...document.querySelectorAll('[data-a11y-index]')]
    .filter((el) => !seen.includes(el.dataset.a11yIndex))
    .slice(0, 3)
    .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}"`), [...reached]);
  return { focusable, missed: focusable - reached.size, examples: missed, focusProblems: [...new Set(problems)] };
}

// Everything one page gives: [{check, ok, detail}] plus axe's results and what the page holds.
async function checkPage(browser, server, p) {
  const out = { path: p, url: BASE_URL + p.replace(/^\//, ''), checks: [], axe: [], media: 0, nav: null, title: '' };
  const fail = (check, detail) => out.checks.push({ check, ok: false, detail });
  const pass = (check) => out.checks.push({ check, ok: true });
  const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, status } = await open(wide, server, p);
    if (status !== 200) throw new Error(`${p}: HTTP ${status}`);
    out.title = await page.title();
    out.axe.push(await axe(page));
    const facts = await page.evaluate(() => {
      const ids = new Map();
      for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
      const links = [...document.querySelectorAll('a[href]')].map((a) => new URL(a.href, location.href).pathname);
      return {
        lang: document.documentElement.lang,
        duplicates: [...ids].filter(([, n]) => n > 1).map(([id]) => id),
        media: document.querySelectorAll('video, audio, object, embed, iframe').length,
        // The theme's main menu (not the breadcrumbs or the language switch, which differ
        // from page to page by design); none in a theme without one.
        nav: document.querySelector('.site-nav') ? [...document.querySelectorAll('.site-nav a')].map((a) => a.textContent.trim()).join(' | ') : null,
        siteMap: links.some((l) => /\/sitemap\/$/.test(l)),
        search: !!document.querySelector('form[role=search], search form, form input[type=search]') || links.some((l) => /\/search\/$/.test(l)),
      };
    });
    out.media = facts.media;
    out.nav = facts.nav;
    facts.duplicates.length ? fail('unique-ids', `id: ${facts.duplicates.slice(0, 5).join(', ')}`) : pass('unique-ids');
    const want = langOf(p);
    facts.lang === want ? pass('page-lang') : fail('page-lang', `lang="${facts.lang}", ${want} expected`);
    facts.siteMap && facts.search ? pass('multiple-ways') : fail('multiple-ways', `${facts.siteMap ? '' : 'no site map link; '}${facts.search ? '' : 'no search'}`);
    const tab = await tabRound(page);
    tab.focusProblems.length ? fail('focus-visible', tab.focusProblems.slice(0, 5).join('; ')) : pass('focus-visible');
    if (tab.missed > 0) fail('keyboard-reach', `${tab.missed} of ${tab.focusable} focusable elements not reached by Tab (held focus or out of the tab order): ${tab.examples.join(', ')}`);
    else pass('keyboard-reach');
    await page.close();
    // 200 % text: the browser's default font size doubled (Chromium's font-size setting, through
    // the DevTools protocol), so the page's em-based media queries answer as they would.
    const big = await wide.newPage();
    const cdp = await wide.newCDPSession(big);
    await cdp.send('Page.enable');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    if (p === '/') {
      await big.route(server.url + p, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: (await response.text()).replace(/<meta http-equiv="refresh"[^>]*>/, '') });
      });
    }
    await big.goto(server.url + p, { waitUntil: 'load' });
    const zoom = await big.evaluate(clippedFacts);
    const rootSize = await big.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    if (rootSize < 31) fail('text-200', `the text did not grow (root font size ${rootSize} px)`);
    else if (zoom.sideways || zoom.clipped.length) fail('text-200', [zoom.sideways ? `scrolls sideways (${zoom.scrollWidth} px)` : '', ...zoom.clipped.slice(0, 3)].filter(Boolean).join('; '));
    else pass('text-200');
    await big.close();
  } finally {
    await wide.close();
  }
  const narrow = await browser.newContext({ viewport: { width: 320, height: 640 } });
  try {
    const { page } = await open(narrow, server, p);
    out.axe.push(await axe(page));
    const reflow = await page.evaluate(clippedFacts);
    reflow.sideways ? fail('reflow-320', `scrollWidth ${reflow.scrollWidth} > ${reflow.innerWidth}`) : pass('reflow-320');
    await page.addStyleTag({ content: TEXT_SPACING });
    const spaced = await page.evaluate(clippedFacts);
    spaced.sideways || spaced.clipped.length
      ? fail('text-spacing', [spaced.sideways ? `scrolls sideways (${spaced.scrollWidth} px)` : '', ...spaced.clipped.slice(0, 3)].filter(Boolean).join('; '))
      : pass('text-spacing');
    await page.close();
  } finally {
    await narrow.close();
  }
  return out;
}

// --- results per criterion ------------------------------------------------------------------
function judge(pages) {
  const media = pages.reduce((n, p) => n + p.media, 0);
  // Consistent navigation: the same menu on every page of a language (the root aside).
  for (const lang of LANGS) {
    const own = pages.filter((p) => p.path !== '/' && langOf(p.path) === lang && p.nav);
    const common = own[0]?.nav;
    for (const p of own) {
      p.checks.push(p.nav === common ? { check: 'consistent-nav', ok: true } : { check: 'consistent-nav', ok: false, detail: `navigation "${p.nav}" differs from ${own[0].path}` });
    }
  }
  return CRITERIA.map((c) => {
    const failures = [];
    const undecided = new Set();
    const ran = new Set();
    for (const p of pages) {
      for (const r of p.checks.filter((x) => CHECKS[x.check].criteria.includes(c.id))) {
        ran.add(r.check);
        if (!r.ok) failures.push({ page: p.path, by: r.check, detail: r.detail });
      }
      for (const run of p.axe) {
        const about = (rule) => rule.tags.some((t) => criterionOfTag(t) === c.id);
        for (const v of run.violations.filter(about)) {
          ran.add(`axe:${v.id}`);
          failures.push({ page: p.path, by: `axe:${v.id}`, detail: `${v.help} (${v.nodes}): ${v.targets.join(' | ')}` });
        }
        for (const v of run.incomplete.filter(about)) {
          ran.add(`axe:${v.id}`);
          undecided.add(`axe:${v.id}`);
        }
        for (const v of run.passes.filter(about)) ran.add(`axe:${v.id}`);
      }
    }
    const unique = [...new Map(failures.map((f) => [`${f.page} ${f.by}`, f])).values()];
    let result;
    if (c.media && media === 0) result = 'na';
    else if (unique.length) result = 'fail';
    else if (ran.size === 0 || undecided.size) result = 'manual';
    else result = 'pass';
    return { ...c, applicable: !(c.media && media === 0), result, checks: [...ran].sort(), undecided: [...undecided].sort(), failures: unique };
  });
}

// --- writing --------------------------------------------------------------------------------
const T = {
  ja: {
    title: 'ウェブアクセシビリティ試験結果',
    site: 'サイト', standard: '規格', standardV: 'JIS X 8341-3:2016（試験は WCAG 2.1 のレベル A・AA の全達成基準で実施）',
    target: '目標とする適合レベル及び対応度', targetV: '適合レベル AA 準拠',
    tech: '依存したウェブコンテンツ技術', techV: 'HTML、CSS、SVG（JavaScript は検索と文字サイズ切替のみで、閲覧には不要）',
    date: '試験実施日', method: '試験方法',
    methodV: (chromium) => `自動試験：axe-core ${AXE_VERSION}（WCAG 2.0/2.1 の A・AA のルール）と plansite のブラウザー試験（ヘッドレス Chromium ${chromium}、幅 1280 px と 320 px）`,
    summary: '結果の概要',
    pagesH: '対象ページ一覧', chosen: '選択方法',
    chosenV: { representative: 'ウェブページ一式を代表するページ選択（トップページと、各言語のページの種類ごとに 1 ページ）', all: 'すべてのウェブページ', given: '指定したページ' },
    count: (n) => `${n} ページ`,
    no: 'No.', page: 'ページ', url: 'URL',
    listH: '達成基準チェックリスト',
    cols: ['達成基準', '名称', '適合レベル', '適用', '結果', '確認方法', '備考'],
    applies: '適用', notApplies: '非適用',
    result: { pass: '○', fail: '×', na: '－', manual: '目視確認が必要' },
    na: '試験したページに音声・映像がない', undecided: '自動試験では判定できない箇所あり', none: '自動で確かめる試験なし',
    failedOn: '不適合のページ',
    legendH: '凡例と注記',
    legend: [
      '○：自動試験を行い、問題が見つからなかった達成基準。自動試験は達成基準の一部しか確かめられないため、公開する前に目視でも確認してください。',
      '×：自動試験で問題が見つかった達成基準（備考に不適合のページと箇所）。',
      '－：適用されるコンテンツがない（非適用）達成基準。',
      '目視確認が必要：自動で確かめる試験がないか、自動試験では判定できなかった達成基準。WAIC「JIS X 8341-3:2016 試験実施ガイドライン」に沿って人が確認し、結果をこの表に書き入れてください。',
      '「準拠」と表記できるのは、すべての達成基準が ○ か － になり、目視確認を終えた後です。',
    ],
    checksH: 'plansite のブラウザー試験',
    conclusion: (s) => s.fail ? `自動試験で不適合の達成基準が ${s.fail} 件あります。` : `自動試験で不適合の達成基準はありません。目視確認が必要な達成基準が ${s.manual} 件あります。`,
  },
  en: {
    title: 'Web accessibility test results',
    site: 'Site', standard: 'Standard', standardV: 'JIS X 8341-3:2016 (tested against every Level A and AA success criterion of WCAG 2.1)',
    target: 'Target conformance level and degree', targetV: 'Level AA, full conformance (準拠)',
    tech: 'Technologies relied upon', techV: 'HTML, CSS, SVG (JavaScript only for search and the text-size control; reading needs none)',
    date: 'Date of testing', method: 'Method',
    methodV: (chromium) => `Automatic tests: axe-core ${AXE_VERSION} (its WCAG 2.0/2.1 A and AA rules) and plansite's browser checks (headless Chromium ${chromium}, 1280 px and 320 px wide)`,
    summary: 'Summary',
    pagesH: 'Pages tested', chosen: 'How they were chosen',
    chosenV: { representative: 'A selection representing the whole site (the root page and one page of each kind in each language)', all: 'Every page', given: 'The pages given' },
    count: (n) => `${n} pages`,
    no: 'No.', page: 'Page', url: 'URL',
    listH: 'Success criteria checklist',
    cols: ['Criterion', 'Name', 'Level', 'Applies', 'Result', 'Checked by', 'Notes'],
    applies: 'applies', notApplies: 'does not apply',
    result: { pass: '○', fail: '×', na: '－', manual: 'needs manual check' },
    na: 'no tested page has audio or video', undecided: 'automatic tests could not decide some parts', none: 'no automatic test covers it',
    failedOn: 'fails on',
    legendH: 'Legend and notes',
    legend: [
      '○: automatic tests ran and found no problem. They can check only part of a criterion: check it by hand too before publishing.',
      '×: automatic tests found a problem (the notes name the pages and places).',
      '－: nothing on the pages to which the criterion applies (does not apply).',
      'needs manual check: no automatic test covers the criterion, or they could not decide. Check it by hand following WAIC\'s test guideline for JIS X 8341-3:2016 and write the result into this table.',
      'Full conformance (準拠) may be claimed only once every criterion is ○ or － and the manual checks are done.',
    ],
    checksH: "plansite's browser checks",
    conclusion: (s) => s.fail ? `Automatic tests found ${s.fail} criteria not met.` : `Automatic tests found no criterion unmet; ${s.manual} criteria need a manual check.`,
  },
};

function counts(rows) {
  const s = { pass: 0, fail: 0, na: 0, manual: 0 };
  for (const r of rows) s[r.result]++;
  return s;
}

function cellsOf(lang, r) {
  const t = T[lang];
  const notes = [];
  if (r.result === 'na') notes.push(t.na);
  if (r.result === 'manual') notes.push(r.checks.length ? t.undecided : t.none);
  if (r.failures.length) {
    const pages = [...new Set(r.failures.map((f) => f.page))];
    notes.push(`${t.failedOn}: ${pages.slice(0, 5).join(', ')}${pages.length > 5 ? ' …' : ''} — ${[...new Set(r.failures.map((f) => `${f.by}: ${f.detail}`))].slice(0, 3).join('; ')}`);
  }
  return [r.id, r.name[lang], r.level, r.applicable ? t.applies : t.notApplies, t.result[r.result], r.checks.join(', '), notes.join(' ')];
}

const mdCell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function facts(lang, meta, rows) {
  const t = T[lang];
  const s = counts(rows);
  const summary = `${t.result.pass} ${s.pass} / ${t.result.fail} ${s.fail} / ${t.result.na} ${s.na} / ${t.result.manual} ${s.manual}${lang === 'ja' ? '。' : '. '}${t.conclusion(s)}`;
  return [
    [t.site, `${meta.siteTitle} (${BASE_URL})`],
    [t.standard, t.standardV],
    [t.target, t.targetV],
    [t.tech, t.techV],
    [t.date, meta.date],
    [t.method, t.methodV(meta.chromium)],
    [t.summary, summary],
  ];
}

function markdown(lang, meta, pages, rows) {
  const t = T[lang];
  const out = [`# ${t.title}`, ''];
  for (const [k, v] of facts(lang, meta, rows)) out.push(`- **${k}**: ${v}`);
  out.push('', `## ${t.pagesH}`, '', `${t.chosen}: ${t.chosenV[selection]} — ${t.count(pages.length)}`, '');
  out.push(`| ${t.no} | ${t.page} | ${t.url} |`, '| --- | --- | --- |');
  pages.forEach((p, i) => out.push(`| ${i + 1} | ${mdCell(p.title)} | ${mdCell(p.url)} |`));
  out.push('', `## ${t.listH}`, '', `| ${t.cols.join(' | ')} |`, `|${t.cols.map(() => ' --- ').join('|')}|`);
  for (const r of rows) out.push(`| ${cellsOf(lang, r).map(mdCell).join(' | ')} |`);
  out.push('', `## ${t.legendH}`, '', ...t.legend.map((l) => `- ${l}`), '', `### ${t.checksH}`, '');
  for (const [id, c] of Object.entries(CHECKS)) out.push(`- \`${id}\` (${c.criteria.join(', ')}): ${c[lang]}`);
  out.push('');
  return out.join('\n');
}

function html(lang, meta, pages, rows) {
  const t = T[lang];
  const other = lang === 'ja' ? 'en' : 'ja';
  const row = (cells, tag = 'td') => `<tr>${cells.map((c, i) => (i === 0 && tag === 'td' ? `<th scope="row">${esc(c)}</th>` : `<${tag}${tag === 'th' ? ' scope="col"' : ''}>${esc(c)}</${tag}>`)).join('')}</tr>`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)} — ${esc(meta.siteTitle)}</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.6; margin: 1rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #767676; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #e8eef5; }
.wrap { overflow-x: auto; }
a { color: #0b4f9c; }
a:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>${esc(t.title)}</h1>
<p><a href="a11y-report.${other}.html" hreflang="${other}" lang="${other}">${other === 'en' ? 'English' : '日本語'}</a></p>
<dl>
${facts(lang, meta, rows).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('\n')}
</dl>
<h2>${esc(t.pagesH)}</h2>
<p>${esc(t.chosen)}: ${esc(t.chosenV[selection])} — ${esc(t.count(pages.length))}</p>
<div class="wrap"><table>
<thead>${row([t.no, t.page, t.url], 'th')}</thead>
<tbody>
${pages.map((p, i) => `<tr><th scope="row">${i + 1}</th><td>${esc(p.title)}</td><td><a href="${esc(p.url)}">${esc(p.url)}</a></td></tr>`).join('\n')}
</tbody>
</table></div>
<h2>${esc(t.listH)}</h2>
<div class="wrap"><table>
<thead>${row(t.cols, 'th')}</thead>
<tbody>
${rows.map((r) => row(cellsOf(lang, r))).join('\n')}
</tbody>
</table></div>
<h2>${esc(t.legendH)}</h2>
<ul>
${t.legend.map((l) => `<li>${esc(l)}</li>`).join('\n')}
</ul>
<h3>${esc(t.checksH)}</h3>
<ul>
${Object.entries(CHECKS).map(([id, c]) => `<li><code>${esc(id)}</code> (${esc(c.criteria.join(', '))}): ${esc(c[lang])}</li>`).join('\n')}
</ul>
</main>
</body>
</html>
`;
}

// --- main -----------------------------------------------------------------------------------
const server = await serveDir(siteDir);
const browser = await launchBrowser();
const chromium = browser.version();
const pages = [];
try {
  for (const p of PATHS) {
    process.stderr.write(`a11y-report: ${p}\n`);
    pages.push(await checkPage(browser, server, p));
  }
} finally {
  await browser.close().catch(() => {});
  await server.close();
}
const rows = judge(pages);
const siteTitle = (pages.find((p) => p.path === `/${primary}/`)?.title ?? pages[0]?.title ?? '').split(/\s[|｜–—-]\s/).pop();
const meta = {
  siteTitle,
  date: new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' }),
  chromium,
};
fs.mkdirSync(outDir, { recursive: true });
for (const lang of ['ja', 'en']) {
  fs.writeFileSync(path.join(outDir, `a11y-report.${lang}.md`), markdown(lang, meta, pages, rows));
  fs.writeFileSync(path.join(outDir, `a11y-report.${lang}.html`), html(lang, meta, pages, rows));
}
fs.writeFileSync(path.join(outDir, 'a11y-report.json'), JSON.stringify({ baseUrl: BASE_URL, selection, ...meta, pages, criteria: rows }, null, 2) + '\n');
const s = counts(rows);
console.log(`a11y-report: ${pages.length} pages, ${rows.length} criteria: ○ ${s.pass}, × ${s.fail}, － ${s.na}, needs manual check ${s.manual} → ${path.join(outDir, 'a11y-report.{ja,en}.{md,html}')}`);
process.exit(0);
