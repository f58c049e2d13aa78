// A site whose long lists are cut into pages, for the browser checks of the page navigation.
// The site under test when it has such a page (a `…/page/2/`); else the sample (content/ of
// the repository) built again with two case studies and two progress items a page
// (`pagination:` in site.yaml) into target/browser-site-paged, by the plansite binary:
// $PLANSITE, else $CARGO_TARGET_DIR/debug/plansite, else target/debug/plansite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

// Every `<lang>/…/page/2/` page of the site, as a path from its root (`/ja/cases/page/2/`).
export function secondPages(siteDir) {
  const out = [];
  const walk = (rel, depth) => {
    const dir = path.join(siteDir, rel);
    for (const d of fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const sub = path.join(rel, d.name);
      if (d.name === 'page' && fs.existsSync(path.join(siteDir, sub, '2', 'index.html'))) out.push(`/${sub}/2/`);
      else if (depth < 4) walk(sub, depth + 1);
    }
  };
  for (const lang of ['ja', 'en']) if (fs.existsSync(path.join(siteDir, lang))) walk(lang, 0);
  return out.sort();
}

export function pagedSite(siteDir) {
  if (secondPages(siteDir).length) return siteDir;
  const bin = process.env.PLANSITE ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(REPO, 'target'), 'debug', 'plansite');
  if (!fs.existsSync(bin)) throw new Error(`no plansite binary at ${bin} (cargo build, or set PLANSITE)`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plansite-paged-'));
  fs.cpSync(path.join(REPO, 'content'), path.join(root, 'content'), { recursive: true });
  fs.appendFileSync(path.join(root, 'content', 'site.yaml'), '\npagination:\n  page_size: 2\n  progress_page_size: 2\n');
  const out = path.join(REPO, 'target', 'browser-site-paged');
  execFileSync(bin, ['build', '--quiet', '--root', root, '--output', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  fs.rmSync(root, { recursive: true, force: true });
  return out;
}

// One page of each kind among `rels` (the first of `/en/themes/*/page/2/`, of
// `/ja/progress/*/*/page/2/`, …): pages of one kind share their template, so checking each of
// them again at every width only repeats the same check.
export function onePerKind(rels) {
  const seen = new Set();
  return rels.filter((rel) => {
    const kind = rel.split('/').map((s, i) => (i >= 3 && s !== 'page' && !/^\d+$/.test(s) && s ? '*' : s)).join('/');
    return !seen.has(kind) && seen.add(kind);
  });
}
