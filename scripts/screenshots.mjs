// Takes the screenshots of the editors' guides (docs/editors-guide.*.md) from the real preview:
// copies the bundled sample site to a temporary folder, adds a case study with `plansite new
// case`, runs `plansite serve` on it and photographs it in headless Chromium, in Japanese and
// English. Run it again after a change of the theme to refresh the pictures:
//
//   cargo build && node scripts/screenshots.mjs target/debug/plansite
//
// Writes docs/images/guide-*.png (small: 900 px wide, the top of each page).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/browser/lib.mjs';

const [binary] = process.argv.slice(2);
if (!binary) { console.error('usage: node scripts/screenshots.mjs PLANSITE_BINARY'); process.exit(2); }
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, 'docs/images');
fs.mkdirSync(out, { recursive: true });

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plansite-shots-'));
fs.cpSync(path.join(repo, 'content'), path.join(root, 'content'), { recursive: true });
execFileSync(binary, ['new', 'case', 'mihama', 'my-first-case', '--root', root], { stdio: 'inherit' });
const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const server = spawn(binary, ['serve', '--root', root, '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
server.stderr.on('data', (d) => { log += d; });
await new Promise((resolve, reject) => {
  const t0 = Date.now();
  const tick = () => (log.includes('serving the preview') ? resolve()
    : Date.now() - t0 > 60000 ? reject(new Error('serve did not start: ' + log)) : setTimeout(tick, 100));
  tick();
});

const base = `http://127.0.0.1:${port}`;
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
const shot = async (name, url, prepare) => {
  await page.goto(base + url);
  if (prepare) await prepare();
  await page.screenshot({ path: path.join(out, `guide-${name}.png`) });
  console.log(`docs/images/guide-${name}.png`);
};
try {
  await shot('preview', '/ja/');
  await shot('new-case', '/ja/cases/my-first-case/');
  await shot('progress', '/ja/progress/2024/chuo/');
  // A mistake: the case study names an area that does not exist; the preview shows where.
  const file = path.join(root, 'content/cases/my-first-case.yaml');
  const waiting = page.waitForSelector('#plansite-error[role=alert]', { timeout: 15000 });
  await page.goto(base + '/ja/cases/my-first-case/');
  await page.waitForResponse((r) => r.url().endsWith('/__plansite/events'), { timeout: 10000 }).catch(() => {});
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('area: mihama', 'area: mihma'));
  await waiting;
  await page.screenshot({ path: path.join(out, 'guide-error.png') });
  console.log('docs/images/guide-error.png');
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(root, { recursive: true, force: true });
}
