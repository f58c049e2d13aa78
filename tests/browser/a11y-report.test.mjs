// The accessibility test record (scripts/a11y-report.mjs) on a built site: its checklist has
// every WCAG 2.1 Level A and AA criterion in Japanese and English, Markdown and HTML; a
// criterion is ○ only with a check behind it and never with a failure; an axe violation put
// into a copy of a page turns its criterion to × naming the page; the report itself passes axe.
// Usage: node tests/browser/a11y-report.test.mjs SITE_DIR      (set-up: bash scripts/setup.sh)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveDir, launchBrowser, runAxe, formatViolations, test, report } from './lib.mjs';
import { CRITERIA } from '../../scripts/a11y-criteria.mjs';

const siteDir = process.argv[2];
if (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node tests/browser/a11y-report.test.mjs SITE_DIR   (SITE_DIR/index.html must exist)');
  process.exit(2);
}
const SCRIPT = fileURLToPath(new URL('../../scripts/a11y-report.mjs', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansite-a11y-report-'));

// The first case study of the English site: a page of another language and kind.
const firstCase = fs.readdirSync(path.join(siteDir, 'en', 'cases'), { withFileTypes: true })
  .filter((d) => d.isDirectory()).map((d) => d.name).sort()[0];
const PAGES = ['/ja/', `/en/cases/${firstCase}/`];

// Runs the report on `site` for `pages` into a new folder: its JSON and the folder.
function runReport(site, name, pages) {
  const out = path.join(tmp, name);
  const r = spawnSync(process.execPath, [SCRIPT, site, out, '--pages', pages.join(',')], { encoding: 'utf8', timeout: 300000 });
  if (r.status !== 0) throw new Error(`a11y-report exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return { out, json: JSON.parse(fs.readFileSync(path.join(out, 'a11y-report.json'), 'utf8')) };
}

let clean;
try {
  await test('the report runs on the built site', () => {
    clean = runReport(siteDir, 'clean', PAGES);
  });
  if (clean) {
    const { out, json } = clean;
    await test('the checklist has every WCAG 2.1 A and AA criterion, in both languages and both formats', () => {
      const problems = [];
      const ids = json.criteria.map((c) => c.id);
      if (CRITERIA.filter((c) => c.level === 'A').length !== 30 || CRITERIA.filter((c) => c.level === 'AA').length !== 20) problems.push('the list of criteria is not the 30 A + 20 AA of WCAG 2.1');
      if (JSON.stringify(ids) !== JSON.stringify(CRITERIA.map((c) => c.id))) problems.push(`criteria in the JSON: ${ids.join(' ')}`);
      for (const lang of ['ja', 'en']) {
        const md = fs.readFileSync(path.join(out, `a11y-report.${lang}.md`), 'utf8');
        const html = fs.readFileSync(path.join(out, `a11y-report.${lang}.html`), 'utf8');
        for (const c of CRITERIA) {
          const row = md.split('\n').find((l) => l.startsWith(`| ${c.id} | ${c.name[lang]} | ${c.level} |`));
          if (!row) problems.push(`${lang}.md: no row for ${c.id} ${c.name[lang]}`);
          if (!html.includes(`<th scope="row">${c.id}</th><td>${c.name[lang].replace(/&/g, '&amp;')}</td>`)) problems.push(`${lang}.html: no row for ${c.id}`);
        }
        if (!html.startsWith('<!DOCTYPE html>') || !html.includes(`<html lang="${lang}">`)) problems.push(`${lang}.html: not an HTML page in ${lang}`);
        for (const p of json.pages) if (!md.includes(p.url)) problems.push(`${lang}.md: the page ${p.url} is not listed`);
      }
      const ja = fs.readFileSync(path.join(out, 'a11y-report.ja.md'), 'utf8');
      for (const want of ['対象ページ一覧', '達成基準チェックリスト', '適合レベル AA 準拠', 'JIS X 8341-3:2016', '目視確認が必要']) {
        if (!ja.includes(want)) problems.push(`ja.md lacks 「${want}」`);
      }
      if (!fs.readFileSync(path.join(out, 'a11y-report.en.md'), 'utf8').includes('needs manual check')) problems.push('en.md lacks "needs manual check"');
      if (!json.pages.every((p) => /^https?:\/\//.test(p.url) && p.url.endsWith(p.path.slice(1)))) problems.push(`page URLs: ${json.pages.map((p) => p.url).join(' ')}`);
      if (problems.length) throw new Error(problems.join('\n'));
    });
    await test('○ only with a check behind it and no failure; no check means "needs manual check"', () => {
      const problems = [];
      for (const c of json.criteria) {
        if (c.result === 'pass' && (c.checks.length === 0 || c.failures.length)) problems.push(`${c.id}: ○ with checks [${c.checks}] and ${c.failures.length} failure(s)`);
        if (c.failures.length && c.result !== 'fail') problems.push(`${c.id}: ${c.failures.length} failure(s) but ${c.result}`);
        if (c.checks.length === 0 && !['manual', 'na'].includes(c.result)) problems.push(`${c.id}: no check but ${c.result}`);
      }
      // Criteria no automatic test can decide stay manual; those plansite checks itself ran.
      for (const id of ['1.3.3', '2.4.3', '3.3.4']) if (json.criteria.find((c) => c.id === id).result !== 'manual') problems.push(`${id} is not "needs manual check"`);
      for (const id of ['1.4.10', '2.4.7', '1.4.12', '2.4.5']) if (json.criteria.find((c) => c.id === id).checks.length === 0) problems.push(`${id}: no check ran`);
      // The sample site passes every automatic check (tests/browser/a11y.test.mjs).
      const failed = json.criteria.filter((c) => c.result === 'fail');
      if (failed.length) problems.push(`× on the built site: ${failed.map((c) => `${c.id} (${c.failures.map((f) => `${f.page} ${f.by}: ${f.detail}`).join('; ')})`).join('\n')}`);
      if (problems.length) throw new Error(problems.join('\n'));
    });
  }

  await test('an axe violation put into a copy of a page turns its criterion to ×, naming the page', () => {
    const copy = path.join(tmp, 'site-copy');
    fs.cpSync(siteDir, copy, { recursive: true });
    const home = path.join(copy, 'ja', 'index.html');
    const html = fs.readFileSync(home, 'utf8');
    // An image with no alternative text (axe `image-alt`, WCAG 1.1.1).
    fs.writeFileSync(home, html.replace(/<main([^>]*)>/, '<main$1><img src="../static/icons/touch-icon.png" width="20" height="20">'));
    const { out, json } = runReport(copy, 'broken', ['/ja/']);
    const c = json.criteria.find((x) => x.id === '1.1.1');
    if (c.result !== 'fail') throw new Error(`1.1.1 is ${c.result}, expected fail`);
    if (!c.failures.some((f) => f.page === '/ja/' && f.by === 'axe:image-alt')) throw new Error(`failures: ${JSON.stringify(c.failures)}`);
    const row = fs.readFileSync(path.join(out, 'a11y-report.ja.md'), 'utf8').split('\n').find((l) => l.startsWith('| 1.1.1 |'));
    if (!row.includes('| × |') || !row.includes('/ja/')) throw new Error(`ja row: ${row}`);
    const en = fs.readFileSync(path.join(out, 'a11y-report.en.md'), 'utf8').split('\n').find((l) => l.startsWith('| 1.1.1 |'));
    if (!en.includes('| × |') || !en.includes('fails on: /ja/')) throw new Error(`en row: ${en}`);
  });

  if (clean) {
    await test('the report pages themselves pass axe (ja and en, 320 and 1280 px)', async () => {
      const server = await serveDir(clean.out);
      const browser = await launchBrowser();
      const problems = [];
      try {
        for (const width of [320, 1280]) {
          const context = await browser.newContext({ viewport: { width, height: 800 } });
          for (const lang of ['ja', 'en']) {
            const page = await context.newPage();
            await page.goto(`${server.url}/a11y-report.${lang}.html`);
            const v = await runAxe(page);
            if (v.length) problems.push(`${lang} @${width}:`, ...formatViolations(v));
            const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
            if (sideways) problems.push(`${lang} @${width}: scrolls sideways`);
            await page.close();
          }
          await context.close();
        }
      } finally {
        await browser.close();
        await server.close();
      }
      if (problems.length) throw new Error(problems.join('\n'));
    });
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
report();
