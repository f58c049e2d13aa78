// Search in headless Chromium against a built sample site.
//
// 1. The query set (tests/browser/queries.json): queries in Japanese and English, each with the
//    pages that may come first and the pages that must be among the first five, decided by
//    reading the content. Prints hit@1, hit@5 and the zero-result count per language and in
//    all; fails if hit@1 is under 95 % or if a query with a relevant page finds nothing (and
//    if a query with no relevant page finds something).
// 2. The page's behaviour: the tokenizer agrees with the index's (tests/search-tokens.json),
//    highlighting, typing, links to sections, grouping per page, phone layout and filters,
//    "more" only when there is more, the no-results advice, the same search offered in the
//    other languages, the page without JavaScript, axe at 390 px, the header box, the
//    Content-Security-Policy.
//
// 3. With --languages DIR (a build of tests/fixtures/more-languages): a result whose title, area
//    or text stands in for a missing translation is marked with that text's language; a query
//    found nowhere is offered to each other language.
//
// Usage: node tests/browser/search.test.mjs SITE_DIR [--queries-only] [--languages DIR]
// (--queries-only runs the query set alone and never fails: for measuring another build.)
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { serveDir, launchBrowser, runAxe, formatViolations, test, report, watchCsp } from './lib.mjs';

const siteDir = process.argv[2];
const queriesOnly = process.argv.includes('--queries-only');
const languagesAt = process.argv.indexOf('--languages');
const languagesDir = languagesAt > 0 ? process.argv[languagesAt + 1] : null;
if (!siteDir) { console.error('usage: node tests/browser/search.test.mjs SITE_DIR [--queries-only]'); process.exit(2); }
const QUERIES = JSON.parse(fs.readFileSync(new URL('./queries.json', import.meta.url), 'utf8'));
const TOKEN_CASES = JSON.parse(fs.readFileSync(new URL('../search-tokens.json', import.meta.url), 'utf8'));
const PLAIN_CASES = JSON.parse(fs.readFileSync(new URL('../search-tokens-plain.json', import.meta.url), 'utf8'));

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

// The same, typed into the search page already open in `on` (the index it has loaded is kept,
// as when a resident searches again): the box and the filters are set and the form is sent.
async function resultsTyped(on, lang, query, params = {}) {
  if (new URL(on.url()).pathname !== `/${lang}/search/`) {
    await on.goto(`${server.url}/${lang}/search/`);
  }
  await on.evaluate(([q, ps]) => {
    const form = document.querySelector('form[data-search]');
    form.querySelector('input[name=q]').value = q;
    for (const s of form.querySelectorAll('select')) s.value = ps[s.name] ?? '';
    form.requestSubmit();
  }, [query, params]);
  await on.waitForSelector('#search-status[data-state=done], #search-status[data-state=error]', { timeout: 10000 });
  const status = await on.textContent('#search-status');
  const hrefs = await on.$$eval('.search-result__title a', (as) => as.map((a) => new URL(a.href).pathname));
  return { status, paths: hrefs.map((h) => h.replace(/^\//, '')) };
}

// Opens the search page `path` and records every text its status (a live region) is given,
// as a screen reader would hear it: read with `said()` (empty texts left out).
async function listenToStatus(path) {
  await page.goto(`${server.url}${path}`);
  await page.evaluate(() => {
    window.__said = [];
    const s = document.getElementById('search-status');
    new MutationObserver(() => window.__said.push(s.textContent.trim())).observe(s, { childList: true, subtree: true, characterData: true });
  });
}
const said = () => page.evaluate(() => window.__said.filter(Boolean));

// The links to the same search in the site's other languages, as shown on `on`: each one's
// path, query (`q`) and other parameters, hreflang, text, and its parts marked with a language
// (`tag:text`: the language's name, and the query where it is in that language's letters).
async function offers(on = page) {
  return on.$$eval('#search-elsewhere a', (as) => as.filter((a) => a.getClientRects().length > 0).map((a) => {
    const url = new URL(a.href);
    const params = Object.fromEntries(url.searchParams);
    return { path: url.pathname, q: params.q, params, hreflang: a.hreflang, text: a.textContent,
      langs: Array.from(a.querySelectorAll('[lang]')).map((e) => `${e.lang}:${e.textContent}`) };
  }));
}

// ---- 1. the query set ----
const tally = {};
const failures = [];
for (const q of QUERIES) {
  const r = await resultsTyped(page, q.lang, q.q, q.params);
  const top = r.paths.slice(0, 5);
  const t = (tally[q.lang] ??= { n: 0, hit1: 0, hit5: 0, zero: 0, relevant: 0, zeroRelevant: 0, noneFound: 0 });
  const all = (tally.all ??= { n: 0, hit1: 0, hit5: 0, zero: 0, relevant: 0, zeroRelevant: 0, noneFound: 0 });
  for (const x of [t, all]) {
    x.n++;
    if (r.paths.length === 0) x.zero++;
    if (q.first.length === 0) {
      if (r.paths.length > 0) x.noneFound++;
      continue;
    }
    x.relevant++;
    const hit1 = q.first.includes(r.paths[0]);
    const hit5 = q.first.some((f) => top.includes(f)) && q.top5.every((f) => top.includes(f));
    if (hit1) x.hit1++;
    if (hit5) x.hit5++;
    if (r.paths.length === 0) x.zeroRelevant++;
    if (x === all && (!hit1 || !hit5)) {
      failures.push(`${q.lang} "${q.q}"${q.params ? ' ' + JSON.stringify(q.params) : ''} [${q.class}]: ${hit1 ? 'first ok' : 'first ' + (r.paths[0] || 'none')}` +
        `${hit5 ? '' : ', top five ' + JSON.stringify(top)}; expected ${JSON.stringify(q.first)}${q.top5.length ? ' and ' + JSON.stringify(q.top5) : ''}`);
    }
  }
  if (q.first.length === 0 && r.paths.length > 0) failures.push(`${q.lang} "${q.q}" should find nothing: ${JSON.stringify(top)}`);
}
const pct = (a, b) => (b ? (100 * a / b).toFixed(1) : '-') + '%';
console.log('search report (query set: tests/browser/queries.json)');
for (const [lang, x] of Object.entries(tally)) {
  console.log(`  ${lang.padEnd(3)} ${x.n} queries (${x.relevant} with a relevant page): hit@1 ${x.hit1}/${x.relevant} (${pct(x.hit1, x.relevant)}),` +
    ` hit@5 ${x.hit5}/${x.relevant} (${pct(x.hit5, x.relevant)}), zero results ${x.zero}` +
    ` (${x.zeroRelevant} with a relevant page; ${x.n - x.relevant - x.noneFound}/${x.n - x.relevant} with none found nothing)`);
}
for (const f of failures) console.log(`  miss: ${f}`);
if (queriesOnly) {
  await browser.close();
  await server.close();
  process.exit(0);
}
const all = tally.all;
await test(`query set: hit@1 ${pct(all.hit1, all.relevant)} is at least 95 %`, async () => {
  if (all.hit1 / all.relevant < 0.95) throw new Error(`${all.hit1}/${all.relevant}`);
});
await test('query set: no query with a relevant page finds nothing, no query without one finds something', async () => {
  const bad = failures.filter((f) => f.includes('first none') || f.includes('should find nothing'));
  if (all.zeroRelevant > 0 || all.noneFound > 0) throw new Error(bad.join('\n'));
});

// ---- 2. the page's behaviour ----
try {
  await test('the browser\'s tokenizer gives the tokens of tests/search-tokens.json (as the index\'s does)', async () => {
    await page.goto(`${server.url}/ja/search/`);
    const got = await page.evaluate((cases) => cases.map(([text]) => window.plansiteTokens(text)), TOKEN_CASES);
    const bad = TOKEN_CASES.filter(([, want], i) => JSON.stringify(got[i]) !== JSON.stringify(want))
      .map(([text, want], i) => `${text}: ${JSON.stringify(got[i])} ≠ ${JSON.stringify(want)}`);
    // And those of an index that takes Latin words as written (tests/search-tokens-plain.json).
    const plain = await page.evaluate((cases) => cases.map(([text]) => window.plansiteTokens(text, false, 'plain')), PLAIN_CASES);
    bad.push(...PLAIN_CASES.filter(([, want], i) => JSON.stringify(plain[i]) !== JSON.stringify(want))
      .map(([text, want], i) => `plain ${text}: ${JSON.stringify(plain[i])} ≠ ${JSON.stringify(want)}`));
    if (bad.length) throw new Error(bad.join('\n'));
  });
  await test('results are in the page\'s language only, and the kind filter keeps only that kind', async () => {
    for (const [lang, q] of [['ja', '見守り'], ['en', 'volunteer']]) {
      const r = await results(lang, q);
      if (r.paths.some((p) => !p.startsWith(lang + '/'))) throw new Error(`${lang}: ${r.paths}`);
    }
    const r = await results('en', 'salon', { kind: 'case' });
    if (r.paths.length === 0 || r.paths.some((p) => !p.startsWith('en/cases/'))) throw new Error(`${r.paths}`);
  });
  await test('the count, the meta line and the sentences are in the page\'s language', async () => {
    const ja = await results('ja', '見守り');
    if (!/^\d+件見つかりました(。|$)/.test(ja.status)) throw new Error(ja.status);
    if (!ja.metas.some((m) => /[^ ]・[^ ]/.test(m))) throw new Error(JSON.stringify(ja.metas));
    const en = await results('en', 'volunteer');
    if (!/^\d+ results? found(\. |$)/.test(en.status)) throw new Error(en.status);
    if (/^1 results/.test(en.status) || /^([02-9]|\d\d+) result found/.test(en.status)) throw new Error(en.status);
    // One result: the word for one (a name on one page of the sample).
    const one = await results('en', 'Makuhari');
    if (one.paths.length !== 1 || !/^1 result found(\. |$)/.test(one.status)) throw new Error(`${one.status} ${one.paths}`);
    if (en.metas.length === 0 || en.metas.some((m) => m.includes('・'))) throw new Error(JSON.stringify(en.metas));
  });
  await test('found by filters alone, a page is linked as a whole; a progress item keeps its place', async () => {
    await results('en', '', { kind: 'case' });
    const hrefs = await page.$$eval('.search-result__title a', (as) => as.map((a) => a.getAttribute('href')));
    if (hrefs.length === 0 || hrefs.some((h) => h.includes('#'))) throw new Error(JSON.stringify(hrefs.slice(0, 3)));
    await results('ja', '', { kind: 'progress', year: '2024' });
    const items = await page.$$eval('.search-result__title a', (as) => as.map((a) => a.getAttribute('href')));
    if (!items.some((h) => /progress\/2024\/[a-z]+\/#/.test(h))) throw new Error(JSON.stringify(items.slice(0, 3)));
  });
  await test('the area filter keeps only that area', async () => {
    const r = await results('ja', '見守り', { area: 'midori' });
    if (r.metas.length === 0 || r.metas.some((m) => !m.includes('緑区'))) throw new Error(JSON.stringify(r.metas));
    const all = await results('ja', '見守り');
    if (all.paths.length <= r.paths.length) throw new Error('the filter removed nothing');
  });
  await test('a page is one result: progress items of one page are grouped, with the count of the others', async () => {
    const r = await results('ja', '見守り');
    const dupes = r.paths.filter((p, i) => r.paths.indexOf(p) !== i);
    if (dupes.length) throw new Error(`more than one result for ${dupes}`);
    const others = await page.$$eval('.search-result__others a', (as) => as.map((a) => a.textContent));
    if (!others.some((t) => /このページのほかの一致（\d+件）/.test(t))) throw new Error(JSON.stringify(others));
  });
  await test('the last word typed is completed, but not one typed with its diacritics (a whole word)', async () => {
    const plain = await results('en', 'volunt');
    if (!plain.paths.includes('en/themes/volunteers/')) throw new Error(`volunt: ${plain.paths}`);
    const accented = await results('en', 'volúnt');
    if (accented.paths.length) throw new Error(`volúnt was completed: ${accented.paths}`);
  });
  await test('marks: whole terms, a Latin word next to Japanese, a word of a group; excerpts join and cut cleanly', async () => {
    // 「NPOなど」: NPO is a word of its own, as the tokenizer takes it.
    await results('ja', 'NPO');
    const npo = await page.$$eval('.search-result__excerpt', (ps) => ps.filter((p) => p.textContent.includes('NPO'))
      .map((p) => ({ text: p.textContent, marked: Array.from(p.querySelectorAll('mark')).map((m) => m.textContent) })));
    if (npo.length === 0 || npo.some((e) => !e.marked.includes('NPO'))) throw new Error(JSON.stringify(npo));
    // A term is marked where the text has it whole (its form as typed, or of the table), not
    // its pieces elsewhere; a word of a group is marked for another (older for elderly).
    const marked = async (lang, q) => {
      await results(lang, q);
      return new Set(await page.$$eval('.search-result mark', (ms) => ms.map((m) => m.textContent)));
    };
    for (const [lang, q, want] of [['easy', 'はなみがわ', ['花見川']], ['ja', 'ちばでら', ['千葉寺']], ['ja', 'NPO', ['NPO']]]) {
      const got = await marked(lang, q);
      if (JSON.stringify([...got].sort()) !== JSON.stringify(want)) throw new Error(`${lang} ${q}: marked ${[...got]}`);
    }
    if (!(await marked('en', 'elderly')).has('older')) throw new Error('elderly: older is not marked');
    // Where some pages have the word, pages with only pieces of it are not shown beside them
    // (おたがい for さいがい, つくりましょう for しょうがい).
    for (const [q, words] of [['さいがい', ['災害', 'さいがい']], ['しょうがい', ['障害', '障がい', 'しょうがい']]]) {
      const got = [...(await marked('easy', q))].filter((m) => !words.includes(m));
      if (got.length) throw new Error(`${q}: pieces marked: ${got}`);
    }
    // Readings and variants of the table are found and marked as the page writes them (a form
    // of the group: お年より for おとしより).
    for (const [lang, q, want] of [['easy', 'はんざい', '犯罪'], ['easy', 'げんき', '元気'], ['easy', 'おとしより', 'お年より'],
      ['ja', '一人暮らし', 'ひとり暮らし'], ['ja', 'ちば', '千葉']]) {
      if (!(await marked(lang, q)).has(want)) throw new Error(`${lang} ${q}: ${want} is not marked`);
    }
    // No space after a Japanese full stop where a short sentence is shown with the next one.
    for (const q of ['子ども食堂', '見守り', '防災', '相談']) {
      await results('ja', q);
      const spaced = await page.$$eval('.search-result__excerpt', (ps) => ps.map((p) => p.textContent).filter((t) => /[。！？] /.test(t)));
      if (spaced.length) throw new Error(`${q}: ${spaced[0]}`);
    }
    // A long excerpt is cut between words and between whole characters.
    const cuts = await page.evaluate(() => {
      const text = 'word '.repeat(10) + 'motto ' + 'x'.repeat(5) + '😀😀';
      return [window.plansiteEdge(text, 52, 1), window.plansiteEdge(text, 52, -1), window.plansiteEdge(text, 62, 1),
        window.plansiteEdge('あいうえお', 2, 1)];
    });
    // 52 is inside "motto" (50–55): forward to its end, back to its start; 62 is inside 😀.
    if (JSON.stringify(cuts) !== JSON.stringify([55, 50, 63, 2])) throw new Error(JSON.stringify(cuts));
  });
  await test('a word of letters and digits finds its parts and is found by them (FY2024, FY 2024, 2024)', async () => {
    // The sample's English pages write FY2024; a resident types FY 2024, or the year alone.
    for (const q of ['FY 2024', '2024', 'FY2024']) {
      const r = await results('en', q);
      if (!r.paths.includes('en/progress/2024/')) throw new Error(`${q}: ${r.paths}`);
      const marked = await page.$$eval('.search-result mark', (ms) => ms.map((m) => m.textContent));
      const want = q === '2024' ? '2024' : 'FY2024';
      if (!marked.includes(want)) throw new Error(`${q}: ${want} is not marked: ${marked}`);
    }
    // The other way round, FY2024 asks for its parts as another form, tried when the word
    // itself finds less than a page of results (the index holds a page's FY 2024 as fy, 2024).
    const forms = await page.evaluate(() => window.plansiteForms('FY2024 r6'));
    const want = [[['fy2024'], ['fy', '2024']], [['r6'], ['r', '6']]];
    if (JSON.stringify(forms) !== JSON.stringify(want)) throw new Error(JSON.stringify(forms));
  });
  await test('matched words are highlighted in the excerpt, which shows the sentence that matched', async () => {
    await results('ja', '防災');
    const marks = await page.$$eval('.search-result mark', (ms) => ms.map((m) => m.textContent));
    if (!marks.includes('防災')) throw new Error(JSON.stringify(marks.slice(0, 5)));
    // The kodomo-shokudo case's first part was only the ward's name; now a sentence.
    await results('ja', '子ども食堂');
    const excerpt = await page.$eval('.search-result__excerpt', (p) => p.textContent);
    if (excerpt.length < 20 || !excerpt.includes('子ども')) throw new Error(excerpt);
  });
  await test('a highlighted title stays a link, in the link colour', async () => {
    await results('ja', '子ども食堂');
    const styles = await page.$eval('.search-result__title a', (a) => {
      const m = a.querySelector('mark');
      return m && { link: getComputedStyle(a).color, mark: getComputedStyle(m).color, deco: getComputedStyle(m).textDecorationLine };
    });
    if (!styles) throw new Error('no highlighted title');
    if (styles.link !== styles.mark || !styles.deco.includes('underline')) throw new Error(JSON.stringify(styles));
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
  // The live region speaks once typing has paused, not on every key: a word typed slowly (each
  // key after the search's own pause of 150 ms) shows its results as it goes, but the status
  // says 「見つかりませんでした」 for no half-typed word; Enter says the count at once.
  await test('while typing, the status (a live region) waits for a pause before it speaks', async () => {
    await listenToStatus('/en/search/');
    await page.focus('#search-q');
    await page.keyboard.type('community', { delay: 250 });
    const during = await said();
    await page.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
    const results = await page.$$eval('.search-result', (x) => x.length);
    if (during.length) throw new Error(`said while typing: ${JSON.stringify(during)}`);
    const after = await said();
    if (after.length !== 1 || !/results? found/.test(after[0])) throw new Error(`said after the pause: ${JSON.stringify(after)}`);
    if (!results) throw new Error('no results shown');
    await page.evaluate(() => { window.__said = []; }); // (heard anew from here)
    await page.keyboard.type(' group');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    const entered = await said();
    if (!entered.some((t) => /found/.test(t))) throw new Error(`Enter did not say the count at once: ${JSON.stringify(entered)}`);
  });
  // Text an input method is still composing (kana before conversion) is not searched and not
  // announced; what it commits is.
  await test('text still being composed by an input method is not searched; the committed text is', async () => {
    await page.goto(`${server.url}/ja/search/`);
    await page.focus('#search-q');
    const cdp = await page.context().newCDPSession(page);
    try {
      for (const t of ['み', 'みま', 'みまも', 'みまもり']) {
        await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
        await page.waitForTimeout(50);
      }
      // Three times the search's own pause: nothing may have been searched.
      await page.waitForTimeout(450);
      const state = await page.evaluate(() => ({ status: document.getElementById('search-status').textContent, url: location.search }));
      if (state.status || state.url) throw new Error(`searched while composing: ${JSON.stringify(state)}`);
      await cdp.send('Input.insertText', { text: '見守り' });
      await page.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
      if (!/件見つかりました/.test(await page.textContent('#search-status'))) throw new Error(await page.textContent('#search-status'));
      if (!decodeURIComponent(page.url()).includes('q=見守り')) throw new Error(page.url());
    } finally {
      await cdp.detach();
    }
  });
  // A pause in typing shorter than the search's own (150 ms) works the search out and fetches
  // its first documents ahead; the search that follows uses them and asks for no document
  // again. The page's clock is held, so the pauses are exact on any machine.
  await test('a pause in typing fetches the first documents ahead, and the search does not fetch them again', async () => {
    const p = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await p.clock.install();
      await p.goto(`${server.url}/ja/search/`);
      await p.waitForLoadState('networkidle');
      await p.clock.pauseAt((await p.evaluate(() => Date.now())) + 1000);
      const asked = [];
      p.on('request', (req) => {
        const range = req.headers().range ?? '';
        if (/\/doc\/\d+\.bin$/.test(new URL(req.url()).pathname) && !range.startsWith('bytes=0-')) asked.push(`${req.url()} ${range}`);
      });
      await p.focus('#search-q');
      await p.keyboard.type('子ども食堂');
      await p.clock.runFor(60); // the look-ahead's pause, not the search's
      for (let waited = 0; !asked.length && waited < 10000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      // Then until no more come for half a second: the look-ahead asks for its documents
      // one range after another ('networkidle' was reached before, so waiting for it
      // returned at once and counted only the first of them).
      for (let seen = -1, waited = 0; seen !== asked.length && waited < 10000; waited += 500) {
        seen = asked.length;
        await new Promise((r) => setTimeout(r, 500));
      }
      const ahead = asked.length;
      if (await p.getAttribute('#search-status', 'data-state') === 'done') throw new Error('the search ran before its pause');
      await p.clock.runFor(200);
      // The results show at once; the status speaks once typing has paused (800 ms).
      await p.waitForSelector('.search-result', { timeout: 10000 });
      await p.clock.runFor(1000);
      await p.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
      const shown = await p.$$eval('.search-result', (x) => x.length);
      const twice = asked.filter((a, i) => asked.indexOf(a) !== i);
      if (!shown || ahead !== shown || asked.length !== ahead || twice.length) {
        throw new Error(`${shown} results; ${ahead} documents asked ahead, ${asked.length} in all; asked twice: ${twice.join(', ')}`);
      }
    } finally {
      await p.close();
    }
  });
  await test('on a phone the results start right under the search box, the filters closed', async () => {
    await results('ja', '見守り');
    const box = await page.$eval('#search-q', (e) => e.getBoundingClientRect().bottom);
    const first = await page.$eval('.search-result', (e) => e.getBoundingClientRect().top);
    // Between them only the hint, the closed filters and the count (the site's header, the
    // same on every page, is above the box).
    if (first - box > 200 || first > 844 - 60) throw new Error(`box ends at ${box}px, the first result starts at ${first}px`);
    if (await page.isVisible('#search-area')) throw new Error('the filters are open');
  });
  await test('the filters\' summary says how many are in use', async () => {
    await results('ja', '見守り', { area: 'midori', kind: 'progress' });
    const summary = await page.textContent('.search-form__filters summary');
    if (!summary.includes('2件選択中')) throw new Error(summary);
    await page.click('.search-form__filters summary');
    await page.selectOption('#search-kind', '');
    await page.waitForSelector('#search-status[data-state=done]');
    const after = await page.textContent('.search-form__filters summary');
    if (!after.includes('1件選択中')) throw new Error(after);
  });
  await test('a result leads to the section where the match is', async () => {
    await results('en', 'shopping');
    const anchors = await page.$$eval('.search-result__title a', (as) => as.map((a) => a.hash));
    if (!anchors.some((h) => h.length > 1)) throw new Error(JSON.stringify(anchors));
    await page.click('.search-result__title a');
    await page.waitForLoadState();
    if (!page.url().includes('/en/')) throw new Error(page.url());
  });
  for (const [lang, query] of [['ja', '量子コンピュータ'], ['en', 'quantum computing']]) {
    await test(`${lang} "${query}" finds nothing and offers the lists, and no filter to remove`, async () => {
      const r = await results(lang, query);
      if (r.paths.length !== 0) throw new Error(`found ${r.paths}`);
      if (!/見つかりませんでした|Nothing was found/.test(r.status)) throw new Error(r.status);
      if (!(await page.isVisible('#search-none .search-none__lists a'))) throw new Error('no lists offered');
      if (await page.isVisible('#search-clear-filters')) throw new Error('offers to remove filters that are not set');
      const advice = await page.textContent('main');
      if (/ひらがな|hiragana/i.test(advice)) throw new Error('suggests hiragana');
    });
  }
  await test('with filters that hide every result, the page offers to remove them, and that finds results', async () => {
    const r = await results('ja', '子ども食堂', { area: 'midori', kind: 'theme' });
    if (r.paths.length !== 0) throw new Error(`found ${r.paths}`);
    if (!(await page.isVisible('#search-clear-filters'))) throw new Error('no offer to remove the filters');
    await page.click('#search-clear-filters');
    await page.waitForFunction(() => document.querySelectorAll('.search-result').length > 0, null, { timeout: 5000 });
  });
  // ---- the same search in the site's other languages ----
  await test('other languages: a Latin query typed on the Japanese page finding nothing offers the English search page with it, said once', async () => {
    await listenToStatus('/ja/search/');
    await page.focus('#search-q');
    await page.keyboard.type('child care');
    await page.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
    if (await page.$$eval('.search-result', (x) => x.length)) throw new Error('child care found something on the Japanese pages');
    const got = await offers();
    const en = got.find((o) => o.path === '/en/search/');
    if (!en || en.q !== 'child care' || en.hreflang !== 'en' || !en.langs.includes('en:English') ||
      en.text !== 'Englishのページで「child care」を探す') throw new Error(JSON.stringify(got));
    if (got.some((o) => o.path.startsWith('/ja/'))) throw new Error(`offers its own language: ${JSON.stringify(got)}`);
    // The offer is no live region, nor in one: the status said its one sentence, nothing more.
    if (await page.$eval('#search-elsewhere', (e) => !!e.closest('[aria-live], [role=status], [role=alert]'))) throw new Error('the offer is in a live region');
    await page.waitForTimeout(300);
    const heard = await said();
    if (JSON.stringify(heard) !== JSON.stringify(['見つかりませんでした。'])) throw new Error(`said ${JSON.stringify(heard)}`);
  });
  await test('other languages: a query with hits offers nothing, nor a Latin one on the Japanese page; Japanese with hits on the English page offers Japanese', async () => {
    // (子ども食堂 in midori's themes: nothing, but the page's own words, found without the filters.)
    for (const [lang, q, params] of [['ja', '見守り'], ['ja', 'NPO'], ['en', 'volunteer'], ['ja', '子ども食堂', { area: 'midori', kind: 'theme' }]]) {
      const r = await results(lang, q, params);
      if (!r.paths.length && !params) throw new Error(`${lang} ${q}: no results`);
      const got = await offers();
      if (got.length) throw new Error(`${lang} ${q}: offers ${JSON.stringify(got)}`);
    }
    // Found on the English pages (a name they quote), but written only in Japanese letters.
    const q = '千葉市社会福祉協議会';
    const r = await results('en', q);
    if (!r.paths.length) throw new Error(`${q}: no results on the English pages`);
    const got = await offers();
    const ja = got.find((o) => o.path === '/ja/search/');
    if (!ja || ja.q !== q || ja.hreflang !== 'ja' || !ja.langs.includes('ja:日本語') || !ja.langs.includes(`ja:${q}`)) throw new Error(JSON.stringify(got));
    if (got.some((o) => o.path.startsWith('/en/'))) throw new Error(`offers its own language: ${JSON.stringify(got)}`);
    // Above the results, where it is seen.
    const before = await page.$eval('#search-elsewhere', (e) => !!(e.compareDocumentPosition(document.querySelector('.search-result')) & Node.DOCUMENT_POSITION_FOLLOWING));
    if (!before) throw new Error('the offer comes after the results');
  });
  await test('other languages: opened with ?q= for a query with no hits, the page offers them; the query is text; the offer is not printed; its link searches', async () => {
    const query = '地域包括支援センター';
    const r = await results('en', query, { area: 'midori' });
    if (r.paths.length) throw new Error(`found ${r.paths}`);
    const got = await offers();
    const ja = got.find((o) => o.path === '/ja/search/');
    // (With the same filters.)
    if (!ja || ja.q !== query || ja.params.area !== 'midori' || ja.hreflang !== 'ja' || !ja.langs.includes('ja:日本語') ||
      ja.text !== `Search the 日本語 pages for “${query}”`) throw new Error(JSON.stringify(got));
    // Markup in the query is words, in the link and in its address.
    const odd = 'zzqx <b>qq</b> & "zz"';
    await results('ja', odd);
    const shown = await page.$$eval('#search-elsewhere a', (as) => as.map((a) => ({ tags: a.querySelectorAll('b').length, q: new URL(a.href).searchParams.get('q'), text: a.textContent })));
    if (!shown.length || shown.some((a) => a.tags || a.q !== odd || !a.text.includes(`「${odd}」`))) throw new Error(JSON.stringify(shown));
    await page.emulateMedia({ media: 'print' });
    try {
      if (await page.isVisible('#search-elsewhere')) throw new Error('the offer is printed');
    } finally {
      await page.emulateMedia({ media: null });
    }
    await results('en', query);
    await page.click(`#search-elsewhere a[href*="/ja/search/"]`);
    await page.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
    if (new URL(page.url()).pathname !== '/ja/search/' || (await page.inputValue('#search-q')) !== query) throw new Error(page.url());
    if (!(await page.$$eval('.search-result', (x) => x.length))) throw new Error('the Japanese pages found nothing');
  });
  await test('other languages: the offer fits 320 px at 200 % text, passes axe, and a page with no other language offers nothing', async () => {
    const p = await browser.newPage({ viewport: { width: 320, height: 640 } });
    try {
      await p.goto(`${server.url}/ja/search/?q=${encodeURIComponent('neighbourhoodchildcaresupportcentre')}`);
      await p.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
      await p.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      const fit = await p.evaluate(() => ({ page: document.documentElement.scrollWidth, vw: innerWidth,
        links: Array.from(document.querySelectorAll('#search-elsewhere a')).map((a) => a.getBoundingClientRect()).map((b) => [b.left, b.right]) }));
      if (!fit.links.length) throw new Error('no offer');
      if (fit.page > fit.vw + 1 || fit.links.some(([l, r]) => l < -1 || r > fit.vw + 1)) throw new Error(JSON.stringify(fit));
      const violations = await runAxe(p);
      if (violations.length) throw new Error(formatViolations(violations));
      // The same page with a switcher of its own language alone (a site of one language).
      await p.route('**/ja/search/**', async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace(/(<nav class="lang-switch"[^>]*>\s*<ul>)[\s\S]*?(<\/ul>)/, '$1<li><span aria-current="true" lang="ja">日本語</span></li>$2');
        await route.fulfill({ response, body });
      });
      await p.goto(`${server.url}/ja/search/?q=child+care`);
      await p.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
      if (await p.$$eval('nav.lang-switch a', (as) => as.length)) throw new Error('the switcher still has other languages');
      if (await p.isVisible('#search-elsewhere') || (await offers(p)).length) throw new Error(JSON.stringify(await offers(p)));
    } finally {
      await p.close();
    }
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
    for (let i = 0; i < 20 && await page.isVisible('#search-more'); i++) {
      const n = await page.$$eval('.search-result', (x) => x.length);
      await page.click('#search-more');
      await page.waitForFunction((n) => document.querySelectorAll('.search-result').length > n, n, { timeout: 5000 });
    }
    const shown = await page.$eval('#search-more', (b) => b.hidden ? getComputedStyle(b).display !== 'none' : false);
    if (shown) throw new Error('the button carries hidden but is displayed');
    if (await page.isVisible('#search-more')) throw new Error('still visible after every result is shown');
    await results('ja', '熱中症');
    if (await page.isVisible('#search-more')) throw new Error('shown with one result');
  });
  await test('the index is read by range requests, and a server that ignores them gives the same results', async () => {
    const ranges = [];
    const seen = (r) => { if (/\.bin$/.test(r.url())) ranges.push([r.status(), r.request().headers().range]); };
    page.on('response', seen);
    const withRanges = await results('ja', '子ども食堂');
    page.off('response', seen);
    if (!ranges.length || ranges.some(([status, range]) => status !== 206 || !range)) throw new Error(`pack files not fetched by range: ${JSON.stringify(ranges)}`);
    // A host without range support sends each pack whole (200): search.js cuts the parts out.
    await page.route('**/*.bin', (route) => {
      const headers = { ...route.request().headers() };
      delete headers.range;
      route.continue({ headers });
    });
    try {
      const whole = await results('ja', '子ども食堂');
      if (JSON.stringify(whole.paths) !== JSON.stringify(withRanges.paths) || !whole.paths.length) {
        throw new Error(`without ranges ${JSON.stringify(whole.paths)}, with ${JSON.stringify(withRanges.paths)}`);
      }
    } finally {
      await page.unroute('**/*.bin');
    }
  });
  await test('the inflater decodes every kind of DEFLATE block as zlib writes them', async () => {
    // Stored (level 0 and random bytes), fixed and dynamic Huffman blocks, long back references.
    const text = Buffer.from('子ども食堂の見守り、volunteer café — '.repeat(400));
    const random = crypto.randomBytes(70000);
    const cases = [text, random, Buffer.from(''), Buffer.from('a')].flatMap((b) => [0, 1, 6, 9].map((level) => [b, level]));
    await page.goto(`${server.url}/ja/search/`);
    for (const [bytes, level] of cases) {
      const z = zlib.deflateRawSync(bytes, { level });
      const out = await page.evaluate((b64) => {
        const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const out = window.plansiteInflate(raw);
        let text = '';
        for (let i = 0; i < out.length; i += 8192) text += String.fromCharCode(...out.subarray(i, i + 8192));
        return btoa(text);
      }, z.toString('base64'));
      if (!Buffer.from(out, 'base64').equals(bytes)) throw new Error(`level ${level}, ${bytes.length} bytes: decoded differently`);
    }
    // Damaged data is an error, never a wrong answer or a hang.
    const damaged = await page.evaluate(() => { try { window.plansiteInflate(new Uint8Array([0xff, 0xff, 0xff])); return 'no error'; } catch (e) { return e.message; } });
    if (!/inflate/.test(damaged)) throw new Error(`damaged data: ${damaged}`);
  });
  await test('the header search box on every page goes to the search page', async () => {
    await page.goto(`${server.url}/en/areas/chuo/`);
    await page.fill('#site-search-q', 'volunteer');
    await page.press('#site-search-q', 'Enter');
    await page.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
    if (!page.url().includes('/en/search/?q=volunteer')) throw new Error(page.url());
    if ((await page.inputValue('#search-q')) !== 'volunteer') throw new Error('the query is not in the box');
    // There the page's own form is the one search landmark: no second box in the header.
    const landmarks = await page.$$eval('[role=search], search', (es) => es.map((e) => e.className));
    if (landmarks.length !== 1 || landmarks[0] !== 'search-form') throw new Error(`search landmarks: ${landmarks}`);
  });
  await test('the Content-Security-Policy blocked nothing of plansite\'s own on any page visited', async () => {
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    if (!policy || !policy.includes("script-src 'self'")) throw new Error(`no policy: ${policy}`);
    if (cspViolations.length) throw new Error(cspViolations.join('\n'));
  });
  await test('without JavaScript the page says so at the top, offers the lists and shows no dead form', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const p = await context.newPage();
    await p.goto(`${server.url}/ja/search/?q=${encodeURIComponent('見守り')}`);
    const notice = await p.$eval('.search-nojs', (e) => ({ top: e.getBoundingClientRect().top, text: e.textContent,
      h1: document.querySelector('h1').getBoundingClientRect().bottom,
      links: Array.from(e.querySelectorAll('a')).map((a) => new URL(a.href).pathname) }));
    // Right under the page's heading: the first thing of the page's own.
    if (!/JavaScript/.test(notice.text) || notice.top - notice.h1 > 60) throw new Error(JSON.stringify(notice));
    for (const list of ['/ja/themes/', '/ja/areas/', '/ja/cases/']) {
      if (!notice.links.includes(list)) throw new Error(`no link to ${list}: ${notice.links}`);
    }
    if (await p.isVisible('#search-q')) throw new Error('the search box shows but cannot work');
    // Nor does the header offer a box whose query would be dropped, on any page.
    for (const path of ['/ja/', '/en/', '/ja/cases/']) {
      await p.goto(`${server.url}${path}`);
      if (!(await p.$('#site-search-q'))) throw new Error(`${path}: the header search box is gone from the page`);
      if (await p.isVisible('#site-search-q')) throw new Error(`${path}: the header search box shows without JavaScript`);
    }
    await context.close();
  });
  // ---- 3. texts standing in for a translation ----
  if (languagesDir) {
    const other = await serveDir(languagesDir);
    try {
      await test('a result standing in for a missing translation is marked with its language; own texts are not', async () => {
        // Korean tries Chinese, then Japanese: 暮らしの相談窓口づくり has only Japanese; the
        // area 북지구 has a Korean name, a Chinese slogan and contact, Japanese policies.
        const shown = async (query) => {
          await page.goto(`${other.url}/ko/search/?q=${encodeURIComponent(query)}`);
          await page.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
          return page.$$eval('.search-result', (lis) => lis.map((li) => {
            const a = li.querySelector('.search-result__title a');
            return {
              path: new URL(a.href).pathname, titleLang: a.lang, excerptLang: li.querySelector('.search-result__excerpt').lang,
              metaLangs: Array.from(li.querySelectorAll('.search-result__meta [lang]')).map((e) => `${e.lang}:${e.textContent}`),
            };
          }));
        };
        const advice = (await shown('相談窓口')).find((r) => r.path === '/ko/themes/living-advice/');
        if (!advice || advice.titleLang !== 'ja' || advice.excerptLang !== 'ja') throw new Error(JSON.stringify(advice));
        const slogan = (await shown('彼此熟识')).find((r) => r.path === '/ko/areas/kita/');
        if (!slogan || slogan.titleLang !== '' || slogan.excerptLang !== 'zh-Hans') throw new Error(JSON.stringify(slogan));
        const own = await shown('모임 장소');
        const gathering = own.find((r) => r.path === '/ko/themes/gathering-places/');
        if (!gathering || gathering.titleLang !== '') throw new Error(JSON.stringify(own));
        // Korean: a noun typed with its particle finds the noun (장소를 → 장소), and a noun of
        // one syllable is found inside a word (곳 in 곳을).
        for (const q of ['장소를', '곳']) {
          if (!(await shown(q)).some((r) => r.path === '/ko/themes/gathering-places/')) throw new Error(`${q} did not find the page`);
        }
        // Lists of names in two languages (the home page's themes) are shown a language at a
        // time: the Japanese one marked ja.
        const listed = await shown('相談');
        if (listed.length < 3 || listed.some((r) => r.excerptLang !== 'ja')) throw new Error(JSON.stringify(listed));
        // Korean words written without the space between them find them as a whole (모임장소 for
        // 모임 장소), not as a partial match.
        if (!(await shown('모임장소')).some((r) => r.path === '/ko/themes/gathering-places/')) throw new Error('모임장소 did not find the page');
        const status = await page.textContent('#search-status');
        if (/일부/.test(status)) throw new Error(`모임장소 was a partial match: ${status}`);
        // A section of the Chinese body: its heading in the meta line is Chinese too.
        const section = (await shown('沙龙')).find((r) => r.metaLangs.length > 0);
        if (!section || !section.metaLangs.every((m) => m.startsWith('zh-Hans:'))) throw new Error(JSON.stringify(section));
      });
      await test('other languages: with four languages, a query found nowhere is offered to each of the others, named in its own', async () => {
        const LANGS = { ja: ['ja', '日本語'], zh: ['zh-Hans', '简体中文'], ko: ['ko', '한국어'], easy: ['ja', 'やさしいにほんご'] };
        for (const lang of Object.keys(LANGS)) {
          await page.goto(`${other.url}/${lang}/search/?q=qqzzxx`);
          await page.waitForSelector('#search-status[data-state=done]', { timeout: 10000 });
          const got = await offers();
          const want = Object.keys(LANGS).filter((l) => l !== lang);
          const bad = want.filter((l) => {
            const [tag, name] = LANGS[l];
            const o = got.find((x) => x.path === `/${l}/search/`);
            // (The name alone: not the switcher's note that the language is partly translated.)
            return !o || o.q !== 'qqzzxx' || o.hreflang !== tag || !o.langs.includes(`${tag}:${name}`) ||
              !o.text.includes('qqzzxx') || /[（(]/.test(o.text);
          });
          if (bad.length || got.length !== want.length) throw new Error(`${lang}: ${bad.join(', ') || 'extra'}: ${JSON.stringify(got)}`);
        }
      });
    } finally {
      await other.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
report();
