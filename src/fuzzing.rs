//! Entry points for the fuzz targets in `fuzz/` and for `tests/fuzz_regressions.rs`: thin
//! wrappers that reach functions the crate does not otherwise export. Not an API: hidden from
//! the documentation, and free to change with the functions they wrap.

use crate::content::progress::RawProgressYear;
use crate::diag::{render_terminal, Diagnostics};
use crate::error::BuildError;
use crate::options::CompileOptions;
use crate::output::RenderedSite;
use crate::source::SourceTree;
use std::path::Path;

/// The HTML of a Markdown body, as a page shows it (raw HTML sanitised).
pub fn markdown(source: &str) -> String {
    crate::text::markdown::html_with(source, &Default::default())
}

/// The search tokens of `text`, as a query makes them.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    crate::search::tokenize::tokens(text, &mut out);
    out
}

/// The search index keys of `text` with the built-in variants, each spelled out again (`None`
/// where a key cannot be).
pub fn index_keys(text: &str) -> Vec<Option<String>> {
    let mut keys = Vec::new();
    let mut words = crate::search::tokenize::Words::default();
    let variants = crate::search::variants::Variants::new(std::iter::empty());
    crate::search::tokenize::index_keys(text, &variants, &mut keys, &mut words);
    keys.into_iter().map(|k| k.text(&words)).collect()
}

/// The site file `plansite serve` answers a request path with (`None`: not found / refused).
/// The serve module is being rewritten; this keeps pointing at its `site_path`.
pub fn site_path(url_path: &str) -> Option<String> {
    crate::serve::http::site_path(url_path)
}

/// What reading one progress file gave.
#[derive(Debug)]
pub struct ProgressOutcome {
    /// The fiscal-year folders read (one: `content/progress/2025/`).
    pub(crate) years: Vec<std::sync::Arc<RawProgressYear>>,
    pub diagnostics: Diagnostics,
    /// The diagnostics as the terminal shows them, source lines and carets included.
    pub rendered: String,
}

/// Reads `bytes` as the CSV progress file `content/progress/2025/north.csv`.
pub fn progress_csv(bytes: &[u8]) -> ProgressOutcome {
    progress_file("content/progress/2025/north.csv", bytes)
}

/// Reads `bytes` as the workbook `content/progress/2025/progress.xlsx`.
pub fn progress_xlsx(bytes: &[u8]) -> ProgressOutcome {
    progress_file("content/progress/2025/progress.xlsx", bytes)
}

fn progress_file(path: &str, bytes: &[u8]) -> ProgressOutcome {
    let tree = SourceTree::from_files(
        Path::new("/fuzz"),
        [(path.to_string(), bytes.to_vec()), ("content/progress/2025/year.yaml".to_string(), b"{}".to_vec())],
    );
    let mut diagnostics = Diagnostics::new();
    // The same limits as a build: files over them are reported and not read.
    let limits = crate::content::limits::Limits::default();
    let over = crate::content::limits::check_sizes(&tree, &limits, &mut diagnostics);
    let ctx = crate::content::Ctx {
        limits,
        headings: Default::default(),
        fresh: true,
        stored: None,
        langs: Default::default(),
    };
    let years = crate::content::progress::parse(&tree, &mut diagnostics, &Default::default(), &ctx, &over);
    let rendered = render_terminal(&diagnostics, &tree);
    ProgressOutcome { years, diagnostics, rendered }
}

/// Compiles the site made of `files` (root-relative path → bytes) in memory. On a content
/// error, also renders the diagnostics against the tree (as `plansite build` prints them).
pub fn compile_files(files: Vec<(String, Vec<u8>)>) -> (Result<RenderedSite, BuildError>, String) {
    let tree = SourceTree::from_files(Path::new("/fuzz"), files);
    let options = CompileOptions::default();
    match crate::pipeline::compile(&tree, &options) {
        Ok(compiled) => {
            let shown = render_terminal(&compiled.warnings, &tree);
            (Ok(compiled.site), shown)
        }
        Err(e) => {
            let shown = match &e {
                BuildError::Content(diags) => render_terminal(diags, &tree),
                other => other.to_string(),
            };
            (Err(e), shown)
        }
    }
}

/// The file of the fixture site a `yaml_content` input replaces, chosen by its first byte
/// (modulo the length): one of each YAML content kind.
pub const YAML_TARGETS: [&str; 8] = [
    "content/site.yaml",
    "content/plan.yaml",
    "content/structure.yaml",
    "content/areas/north.yaml",
    "content/themes/everyday-help.yaml",
    "content/cases/north-harbour-salon.yaml",
    "content/progress/2025/north.yaml",
    "content/progress/2025/year.yaml",
];

/// The `yaml_content` fuzz target: replaces one YAML file of `base` (a valid site) by the rest
/// of `data` and compiles. A content error must come back as diagnostics (and render); a site
/// that compiles must only have output paths that stay inside the output directory.
pub fn check_yaml_content(base: &[(&str, &[u8])], data: &[u8]) -> Result<(), String> {
    let Some((&selector, rest)) = data.split_first() else { return Ok(()) };
    let target = YAML_TARGETS[usize::from(selector) % YAML_TARGETS.len()];
    let mut files: Vec<(String, Vec<u8>)> =
        base.iter().filter(|(p, _)| *p != target).map(|(p, b)| (p.to_string(), b.to_vec())).collect();
    files.push((target.to_string(), rest.to_vec()));
    let (result, _shown) = compile_files(files);
    if let Ok(site) = result {
        for path in site.paths() {
            if !safe_relative_path(path) {
                return Err(format!("{target}: the site has an unsafe output path {path:?}"));
            }
        }
    }
    Ok(())
}

/// The `markdown` fuzz target: the HTML of any body has no script, no event handler attribute
/// and no script URL in a link or image.
pub fn check_markdown(source: &str) -> Result<(), String> {
    let html = markdown(source);
    active_content(&html).map_err(|e| format!("{e} in {html:?}"))
}

/// The `tokenizer` fuzz target: tokens are deterministic and non-empty, every index key spells
/// out again, and every query token is among the index keys of the same text.
pub fn check_tokenizer(text: &str) -> Result<(), String> {
    let first = tokenize(text);
    if first != tokenize(text) {
        return Err("tokens differ between two runs".into());
    }
    if first.iter().any(String::is_empty) {
        return Err(format!("an empty token in {first:?}"));
    }
    let keys = index_keys(text);
    let keys: std::collections::HashSet<String> =
        keys.into_iter().collect::<Option<_>>().ok_or("a key that does not spell out")?;
    if let Some(t) = first.iter().find(|t| !keys.contains(*t)) {
        return Err(format!("the query token {t:?} is not an index key"));
    }
    Ok(())
}

/// The `serve_path` fuzz target: a path served is relative, stays inside the site (no `..`,
/// no `.` or empty segment, no backslash, NUL or drive colon) and is never empty.
pub fn check_site_path(url_path: &str) -> Result<(), String> {
    match site_path(url_path) {
        Some(rel) if !safe_relative_path(&rel) || rel.contains(':') => Err(format!("{url_path:?} → {rel:?}")),
        _ => Ok(()),
    }
}

/// The progress fuzz targets: reading never panics, diagnostics render, and every diagnostic
/// and every value read points into the year folder.
pub fn check_progress(outcome: &ProgressOutcome) -> Result<(), String> {
    let inside = |file: &str| file.starts_with("content/progress/2025");
    if let Some(d) = outcome.diagnostics.iter().find(|d| !inside(&d.location.file)) {
        return Err(format!("a diagnostic outside the folder: {d:?}"));
    }
    for year in &outcome.years {
        for area in &year.areas {
            if !inside(area.area.loc.path()) {
                return Err(format!("an area read from {:?}", area.area.loc.path()));
            }
            for district in &area.districts {
                if !inside(district.name.loc.path()) || district.items.iter().any(|i| !inside(i.item.loc.path())) {
                    return Err(format!("a district read from {:?}", district.name.loc.path()));
                }
            }
        }
    }
    Ok(())
}

/// Whether `path` is a plain relative path below its directory.
pub fn safe_relative_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(['\\', '\0'])
        && path.split('/').all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

/// Finds active content in sanitised HTML: a `<script`, `<iframe`, `<object`, `<embed` or
/// `<style` element, an `on…` attribute, or a `javascript:`/`vbscript:`/`data:` URL in an
/// `href`, `src`, `action`, `formaction`, `xlink:href` or `srcset` attribute. It relies on text
/// `<` being escaped (as pulldown-cmark and ammonia write it), so every `<` opens a tag.
pub fn active_content(html: &str) -> Result<(), String> {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let tag = &rest[start + 1..];
        let (name, mut attrs) = split_name(tag);
        let lower = name.to_ascii_lowercase();
        if ["script", "iframe", "object", "embed", "style", "base", "meta", "link"].contains(&lower.as_str()) {
            return Err(format!("a <{lower}> element"));
        }
        let consumed;
        loop {
            attrs = attrs.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if attrs.is_empty() || attrs.starts_with('>') {
                consumed = tag.len() - attrs.len();
                break;
            }
            let name_end = attrs.find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>').unwrap_or(attrs.len());
            let attr = attrs[..name_end].to_ascii_lowercase();
            attrs = attrs[name_end..].trim_start();
            let mut value = String::new();
            if let Some(after) = attrs.strip_prefix('=') {
                let after = after.trim_start();
                let (v, tail) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = &after[1..];
                        let end = body.find(q).unwrap_or(body.len());
                        (&body[..end], body.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = after.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                value = unescape(v);
                attrs = tail;
            }
            if attr.starts_with("on") {
                return Err(format!("an event handler attribute {attr}"));
            }
            if ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background"]
                .contains(&attr.as_str())
            {
                let url: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:"].iter().any(|s| url.starts_with(s)) {
                    return Err(format!("a script URL {attr}={value:?}"));
                }
            }
        }
        rest = &tag[consumed..];
    }
    Ok(())
}

fn split_name(tag: &str) -> (&str, &str) {
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    let end = tag.find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/').unwrap_or(tag.len());
    (&tag[..end], &tag[end..])
}

/// Undoes the character references an HTML attribute value may hold (enough to see a URL's
/// scheme through `&#106;avascript:` and the like).
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &after[..e];
            let c = match entity {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
