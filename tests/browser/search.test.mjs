// Search in headless Chromium against a built sample site: a table of queries in Japanese and
// English (compounds and their parts, two-character words, katakana and hiragana, half- and
// full-width, okurigana variants, English stems, filters, no results); each expected page must
// be among the first results. Usage: node tests/browser/search.test.mjs SITE_DIR
import { serveDir, launchBrowser, runAxe, formatViolations, test, report, watchCsp } from './lib.mjs';

const siteDir = process.argv[2];
if (!siteDir) { console.error('usage: node tests/browser/search.test.mjs SITE_DIR'); process.exit(2); }

const TOP = 5;
// [lang, query, expected page (path prefix, anchor ignored), extra URL params]
const QUERIES = [
  ['ja', '子ども食堂', 'ja/cases/hanamigawa-kodomo-shokudo/'],
  ['ja', '食堂', 'ja/cases/hanamigawa-kodomo-shokudo/'],
  ['ja', '見守り', 'ja/themes/watching-over/'],
  ['ja', '見守りの仕組み', 'ja/themes/watching-over/'],
  ['ja', '買物', 'ja/cases/midori-shopping-support/'],
  ['ja', '買い物', 'ja/cases/midori-shopping-support/'],
  ['ja', '地域福祉', 'ja/overview/'],
  ['ja', '支え合い', 'ja/themes/mutual-support/'],
  ['ja', '支え合いのまち', 'ja/overview/'],
  ['ja', '防災', 'ja/themes/disaster-preparedness/'],
  ['ja', '防犯', 'ja/themes/crime-prevention/'],
  ['ja', '相談', 'ja/themes/consultation/'],
  ['ja', 'ボランティア', 'ja/themes/volunteers/'],
  ['ja', 'ぼらんてぃあ', 'ja/themes/volunteers/'],
  ['ja', 'ｶﾌｪ', 'ja/cases/cafe-saiwai/'],
  ['ja', 'カフェ', 'ja/cases/cafe-saiwai/'],
  ['ja', 'サロン', 'ja/progress/2024/'],
  ['ja', '子育て', 'ja/cases/inage-parenting-forum/'],
  ['ja', '加曽利', 'ja/cases/kasori-tasukeai/'],
  ['ja', '松ヶ丘', 'ja/cases/matsugaoka-community-committee/'],
  ['ja', '本千葉', 'ja/progress/2024/chuo/'],
  ['ja', '中央区', 'ja/areas/chuo/'],
  ['ja', '推進協議会', 'ja/structure/'],
  ['ja', '専門分科会', 'ja/structure/'],
  ['ja', 'ＮＰＯ', 'ja/overview/'],
  ['ja', '美浜 カフェ', 'ja/cases/cafe-saiwai/'],
  ['ja', '見守り', 'ja/progress/2024/midori/', { area: 'midori' }],
  ['en', "children's cafeteria", 'en/cases/hanamigawa-kodomo-shokudo/'],
  ['en', 'food bank for children', 'en/cases/hanamigawa-kodomo-shokudo/'],
  ['en', 'child', 'en/cases/hanamigawa-kodomo-shokudo/'],
  ['en', 'shopping', 'en/cases/midori-shopping-support/'],
  ['en', 'Shopping Support', 'en/cases/midori-shopping-support/'],
  ['en', 'volunteers', 'en/themes/volunteers/'],
  ['en', 'volunteer', 'en/themes/volunteers/'],
  ['en', 'VOLUNTEERING', 'en/themes/volunteers/'],
  ['en', 'disaster', 'en/themes/disaster-preparedness/'],
  ['en', 'watching over', 'en/themes/watching-over/'],
  ['en', 'parenting forum', 'en/cases/inage-parenting-forum/'],
  ['en', 'Chuo', 'en/areas/chuo/'],
  ['en', 'salon', 'en/cases/', { kind: 'case' }],
];
// Queries that must find nothing, with the page's message.
const NOTHING = [['ja', '量子コンピュータ'], ['en', 'quantum computing']];

const server = await serveDir(siteDir);
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
const cspViolations = watchCsp(page);

async function results(lang, query, params = {}) {
  const qs = new URLSearchParams({ q: query, ...params });
  await page.goto(`${server.url}/${lang}/search/?${qs}`);
  await page.waitForSelector('#search-status[data-state=done], #search-status[data-state=error]', { timeout: 10000 });
  const status = await page.textContent('#search-status');
  const hrefs = await page.$$eval('.search-result__title a', (as) => as.map((a) => new URL(a.href).pathname));
  const metas = await page.$$eval('.search-result__meta', (ps) => ps.map((p) => p.textContent));
  return { status, paths: hrefs.map((h) => h.replace(/^\//, '')), metas };
}

try {
  for (const [lang, query, expected, params] of QUERIES) {
    await test(`${lang} "${query}"${params ? ' ' + JSON.stringify(params) : ''} → ${expected}`, async () => {
      const r = await results(lang, query, params);
      const top = r.paths.slice(0, TOP);
      if (!top.some((p) => p.startsWith(expected))) {
        throw new Error(`not in the first ${TOP}: ${JSON.stringify(top)} (${r.status})`);
      }
      if (r.paths.some((p) => !p.startsWith(lang + '/'))) throw new Error(`a result from another language: ${r.paths}`);
      if (params && params.kind === 'case' && r.paths.some((p) => !p.startsWith(`${lang}/cases/`))) {
        throw new Error(`the kind filter let through: ${r.paths}`);
      }
    });
  }
  await test('the area filter keeps only that area', async () => {
    const r = await results('ja', '見守り', { area: 'midori' });
    if (r.metas.length === 0 || r.metas.some((m) => !m.includes('緑区'))) throw new Error(JSON.stringify(r.metas));
    const all = await results('ja', '見守り');
    if (all.paths.length <= r.paths.length) throw new Error('the filter removed nothing');
  });
  for (const [lang, query] of NOTHING) {
    await test(`${lang} "${query}" finds nothing and says so`, async () => {
      const r = await results(lang, query);
      if (r.paths.length !== 0) throw new Error(`found ${r.paths}`);
      if (!/見つかりませんでした|Nothing was found/.test(r.status)) throw new Error(r.status);
    });
  }
  await test('matched words are highlighted in the excerpt', async () => {
    await results('ja', '防災');
    const marks = await page.$$eval('.search-result mark', (ms) => ms.map((m) => m.textContent));
    if (!marks.includes('防災')) throw new Error(JSON.stringify(marks.slice(0, 5)));
  });
  await test('typing runs the search and announces the count in a live region', async () => {
    await page.goto(`${server.url}/ja/search/`);
    await page.focus('#search-q');
    await page.keyboard.type('見守り');
    await page.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
    const live = await page.getAttribute('#search-status', 'aria-live');
    const text = await page.textContent('#search-status');
    if (live !== 'polite' || !/件見つかりました/.test(text)) throw new Error(`${live} ${text}`);
    if (!page.url().includes('q=')) throw new Error('the query is not in the address');
  });
  await test('a result leads to the section where the match is', async () => {
    const r = await results('en', 'shopping');
    const anchors = await page.$$eval('.search-result__title a', (as) => as.map((a) => a.hash));
    if (!anchors.some((h) => h.length > 1)) throw new Error(JSON.stringify(anchors));
    await page.click('.search-result__title a');
    await page.waitForLoadState();
    if (!page.url().includes('/en/')) throw new Error(page.url());
  });
  for (const lang of ['ja', 'en']) {
    await test(`${lang} search page with results: no axe violations and no sideways scrolling at 390px`, async () => {
      await results(lang, lang === 'ja' ? '見守り' : 'volunteer');
      const violations = await runAxe(page);
      if (violations.length) throw new Error(formatViolations(violations));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) throw new Error(`overflows by ${overflow}px`);
    });
  }
  await test('more results are shown on request, ten at a time', async () => {
    await results('ja', '見守り');
    const before = await page.$$eval('.search-result', (x) => x.length);
    if (before !== 10) throw new Error(`${before} results at first`);
    await page.click('#search-more');
    await page.waitForFunction(() => document.querySelectorAll('.search-result').length > 10, null, { timeout: 5000 });
  });
  await test('the "more results" button is not shown when there is nothing more', async () => {
    await results('ja', '見守り');
    // Show everything, then the button must be gone (not only carry `hidden`).
    for (let i = 0; i < 20 && await page.isVisible('#search-more'); i++) await page.click('#search-more');
    const shown = await page.$eval('#search-more', (b) => b.hidden ? getComputedStyle(b).display !== 'none' : false);
    if (shown) throw new Error('the button carries hidden but is displayed');
    if (await page.isVisible('#search-more')) throw new Error('still visible after every result is shown');
  });
  await test('the header search box on every page goes to the search page', async () => {
    await page.goto(`${server.url}/en/areas/chuo/`);
    await page.fill('#site-search-q', 'volunteer');
    await page.press('#site-search-q', 'Enter');
    await page.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
    if (!page.url().includes('/en/search/?q=volunteer')) throw new Error(page.url());
  });
  await test('the Content-Security-Policy blocked nothing of plansite\'s own on any page visited', async () => {
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    if (!policy || !policy.includes("script-src 'self'")) throw new Error(`no policy: ${policy}`);
    if (cspViolations.length) throw new Error(cspViolations.join('\n'));
  });
} finally {
  await browser.close();
  await server.close();
}
report();
