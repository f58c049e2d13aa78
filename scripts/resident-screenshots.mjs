// Screenshots of the pages residents use most, as they see them on a phone (390 px) and a
// desktop (1280 px), in every language the site publishes those pages in, and each language's
// progress year page printed to PDF (A4). For reviewing the theme and for the notes of a
// change; nothing is compared automatically (the browser tests assert the layout).
//
//   cargo build && target/debug/plansite build --output /tmp/site
//   node scripts/resident-screenshots.mjs /tmp/site /tmp/shots [ja,easy,en]
//
// Writes OUT_DIR/<lang>-<page>-<width>.jpg (the first screen; -full.jpg for the whole page at
// 390 px) and OUT_DIR/<lang>-progress-year-print.pdf, and prints the PDF's page count.
import fs from 'node:fs';
import path from 'node:path';
import { serveDir, launchBrowser } from '../tests/browser/lib.mjs';

const [siteDir, outDir, langList] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node scripts/resident-screenshots.mjs SITE_DIR OUT_DIR [lang,lang,…]');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const langs = (langList || 'ja,easy,en').split(',');

// The pages: the first area that has a page in the language, the first case study, the latest
// progress year.
function firstDir(dir) {
  if (!fs.existsSync(dir)) return null;
  const names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, 'index.html'))).sort();
  return names[0] || null;
}
function pagesOf(lang) {
  const root = path.join(siteDir, lang);
  const pages = [];
  const area = fs.existsSync(path.join(root, 'areas/hanamigawa/index.html')) ? 'hanamigawa' : firstDir(path.join(root, 'areas'));
  if (area) pages.push(['area', `/${lang}/areas/${area}/`]);
  const caseSlug = firstDir(path.join(root, 'cases'));
  if (caseSlug) pages.push(['case', `/${lang}/cases/${caseSlug}/`]);
  const years = fs.existsSync(path.join(root, 'progress'))
    ? fs.readdirSync(path.join(root, 'progress')).filter((n) => /^\d{4}$/.test(n)).sort() : [];
  if (years.length) pages.push(['progress-year', `/${lang}/progress/${years[years.length - 1]}/`]);
  return pages;
}

const server = await serveDir(siteDir);
const browser = await launchBrowser();
try {
  for (const lang of langs) {
    const pages = pagesOf(lang);
    if (!pages.length) console.log(`${lang}: no area, case or progress page published in this language`);
    for (const [kind, url] of pages) {
      for (const width of [390, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
        const page = await context.newPage();
        await page.goto(server.url + url);
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: path.join(outDir, `${lang}-${kind}-${width}.jpg`), type: 'jpeg', quality: 70 });
        if (width === 390) {
          await page.screenshot({ path: path.join(outDir, `${lang}-${kind}-${width}-full.jpg`), type: 'jpeg', quality: 60, fullPage: true });
        }
        if (kind === 'progress-year' && width === 1280) {
          const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
          const file = path.join(outDir, `${lang}-progress-year-print.pdf`);
          fs.writeFileSync(file, pdf);
          const count = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
          console.log(`${file}: ${count} A4 page(s)`);
        }
        await context.close();
      }
      console.log(`${lang} ${kind}: ${url}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
