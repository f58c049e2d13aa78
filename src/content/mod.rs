//! Content files → raw content: the second stage of the pipeline.
//!
//! `parse(&SourceTree)` finds the files of each content kind under `content/`, parses the YAML
//! into the raw types of [`raw`], pairs each item with its Markdown bodies (`<slug>.<lang>.md`)
//! and lists media files. It collects a diagnostic for every file that fails instead of stopping
//! at the first, so an editor sees all problems in one run. It knows nothing of languages or
//! cross-references: that is `model::resolve`'s job.

pub mod progress;
pub mod raw;
pub mod yaml;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::source::SourceTree;
use raw::{RawArea, RawCase, RawPlan, RawSite, RawStructure, RawTheme};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// File extensions copied to the site as they are (images and documents referenced by content).
pub const MEDIA_EXTENSIONS: [&str; 8] = ["png", "jpg", "jpeg", "webp", "gif", "svg", "pdf", "avif"];

/// One parsed YAML file and the Markdown bodies beside it.
#[derive(Debug)]
pub struct Item<T> {
    /// The file name without extension; used in URLs.
    pub slug: String,
    /// Root-relative path of the YAML file.
    pub file: String,
    pub raw: T,
    /// Markdown bodies by language code (as written in the file name).
    pub bodies: BTreeMap<String, Body>,
}

/// A Markdown body file.
#[derive(Debug, Clone)]
pub struct Body {
    pub file: String,
    pub text: String,
}

/// Everything under `content/`, parsed but not yet checked against each other.
#[derive(Debug, Default)]
pub struct RawContent {
    pub site: Option<Item<RawSite>>,
    pub plan: Option<Item<RawPlan>>,
    pub structure: Option<Item<RawStructure>>,
    pub themes: Vec<Item<RawTheme>>,
    pub areas: Vec<Item<RawArea>>,
    pub cases: Vec<Item<RawCase>>,
    /// Root-relative paths of media files (e.g. `content/images/cafe.jpg`).
    pub media: Vec<String>,
    /// Yearly progress data, one entry per year folder.
    pub progress: Vec<progress::RawProgressYear>,
}

/// Parses every content file of the tree.
pub fn parse(tree: &SourceTree) -> (RawContent, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut bodies = collect_bodies(tree, &mut diags);
    let mut content = RawContent {
        site: single(tree, "content/site.yaml", &mut bodies, &mut diags),
        plan: single(tree, "content/plan.yaml", &mut bodies, &mut diags),
        structure: single(tree, "content/structure.yaml", &mut bodies, &mut diags),
        themes: collection(tree, "content/themes/", &mut bodies, &mut diags),
        areas: collection(tree, "content/areas/", &mut bodies, &mut diags),
        cases: collection(tree, "content/cases/", &mut bodies, &mut diags),
        media: Vec::new(),
        progress: Vec::new(),
    };
    content.progress = progress::parse(tree, &mut diags);
    for (stem, by_lang) in bodies {
        for body in by_lang.values() {
            diags.push(
                Diagnostic::error("orphan-body", Location::file(&body.file), format!("no `{stem}.yaml` beside this Markdown file"))
                    .with_hint(format!("create `{stem}.yaml` for it, or rename the file to match an existing item (`<slug>.<language>.md`)")),
            );
        }
    }
    for (path, _) in tree.under("content/") {
        if path.starts_with("content/progress/") {
            continue;
        }
        let ext = extension(path);
        if MEDIA_EXTENSIONS.contains(&ext.as_str()) {
            content.media.push(path.to_string());
        } else if ext != "yaml" && ext != "md" {
            diags.push(
                Diagnostic::warning(
                    "unknown-file",
                    Location::file(path),
                    "this file is not content and is not copied to the site",
                )
                .with_hint(format!(
                    "content files end in .yaml or .<language>.md; media files in .{}",
                    MEDIA_EXTENSIONS.join(", .")
                )),
            );
        }
    }
    (content, diags)
}

fn extension(path: &str) -> String {
    path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// Markdown bodies keyed by the path of the YAML file they belong to (without `.yaml`).
type Bodies = BTreeMap<String, BTreeMap<String, Body>>;

fn collect_bodies(tree: &SourceTree, diags: &mut Diagnostics) -> Bodies {
    let mut bodies = Bodies::new();
    for (path, bytes) in tree.under("content/") {
        let Some(stem) = path.strip_suffix(".md") else { continue };
        let Some((item, lang)) = stem.rsplit_once('.') else {
            diags.push(
                Diagnostic::error(
                    "body-without-language",
                    Location::file(path),
                    "a Markdown body must name its language",
                )
                .with_hint(format!("rename it to `{stem}.ja.md` (Japanese) or `{stem}.en.md` (English)")),
            );
            continue;
        };
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                let body = Body { file: path.to_string(), text: text.replace("\r\n", "\n") };
                bodies.entry(item.to_string()).or_default().insert(lang.to_string(), body);
            }
            Err(e) => diags.push(not_utf8(path, bytes, &e)),
        }
    }
    bodies
}

fn single<T: DeserializeOwned>(
    tree: &SourceTree,
    file: &str,
    bodies: &mut Bodies,
    diags: &mut Diagnostics,
) -> Option<Item<T>> {
    if !tree.contains(file) {
        diags.push(
            Diagnostic::error("missing-file", Location::file(file), "this file is required")
                .with_hint("create it; docs/content.md shows an example"),
        );
        return None;
    }
    let stem = file.trim_end_matches(".yaml");
    let slug = stem.rsplit('/').next().unwrap_or(stem).to_string();
    read_item(tree, file, slug, bodies, diags)
}

fn collection<T: DeserializeOwned + Send>(
    tree: &SourceTree,
    dir: &str,
    bodies: &mut Bodies,
    diags: &mut Diagnostics,
) -> Vec<Item<T>> {
    let mut items: Vec<Item<T>> = Vec::new();
    let mut candidates = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (path, _) in tree.under(dir) {
        let Some(stem) = path.strip_suffix(".yaml").or_else(|| path.strip_suffix(".yml")) else { continue };
        let name = &stem[dir.len()..];
        if name.contains('/') {
            diags.push(
                Diagnostic::error(
                    "nested-file",
                    Location::file(path),
                    format!("files in `{dir}` may not be in sub-folders"),
                )
                .with_hint(format!("move it to `{dir}`")),
            );
            continue;
        }
        if !is_valid_slug(name) {
            diags.push(
                Diagnostic::error(
                    "bad-slug",
                    Location::file(path),
                    format!("`{name}` cannot be used in a web address"),
                )
                .with_hint("name the file with lowercase letters a–z, digits and hyphens, e.g. `kodomo-shokudo.yaml`"),
            );
            continue;
        }
        if let Some(other) = seen.insert(name.to_string(), path.to_string()) {
            diags.push(
                Diagnostic::error(
                    "duplicate-slug",
                    Location::file(path),
                    format!("`{name}` is also the name of {other}"),
                )
                .with_hint("every item needs its own file name; rename or delete one of them"),
            );
            continue;
        }
        let stem = path.trim_end_matches(".yaml").trim_end_matches(".yml");
        candidates.push((path, name.to_string(), bodies.remove(stem).unwrap_or_default()));
    }
    // Parsing is independent per file: do it in parallel, keeping the order of the files.
    use rayon::prelude::*;
    let parsed: Vec<Result<Item<T>, Diagnostic>> = candidates
        .into_par_iter()
        .filter_map(|(path, slug, item_bodies)| parse_item(tree, path, slug, item_bodies))
        .collect();
    for p in parsed {
        match p {
            Ok(item) => items.push(item),
            Err(d) => diags.push(d),
        }
    }
    items
}

fn read_item<T: DeserializeOwned>(
    tree: &SourceTree,
    file: &str,
    slug: String,
    bodies: &mut Bodies,
    diags: &mut Diagnostics,
) -> Option<Item<T>> {
    let stem = file.trim_end_matches(".yaml").trim_end_matches(".yml");
    let item_bodies = bodies.remove(stem).unwrap_or_default();
    match parse_item(tree, file, slug, item_bodies)? {
        Ok(item) => Some(item),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Parses one YAML file into an item with its bodies; `None` if the file is not in the tree.
fn parse_item<T: DeserializeOwned>(
    tree: &SourceTree,
    file: &str,
    slug: String,
    item_bodies: BTreeMap<String, Body>,
) -> Option<Result<Item<T>, Diagnostic>> {
    let bytes = tree.get(file)?;
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Some(Err(not_utf8(file, bytes, &e))),
    };
    Some(yaml::parse::<T>(file, text).map(|raw| Item { slug, file: file.to_string(), raw, bodies: item_bodies }))
}

fn not_utf8(file: &str, bytes: &[u8], e: &std::str::Utf8Error) -> Diagnostic {
    let valid = &bytes[..e.valid_up_to()];
    let line = valid.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    Diagnostic::error("not-utf8", Location::at(file, line, 0), "the file is not UTF-8 text")
        .with_hint("save it as UTF-8 (in Notepad: 名前を付けて保存 → 文字コード UTF-8); Shift_JIS is not read")
}

/// Whether `s` is a usable slug: lowercase ASCII letters, digits and inner hyphens.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
