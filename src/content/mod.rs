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
use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// File extensions copied to the site as they are (images and documents referenced by content).
pub const MEDIA_EXTENSIONS: [&str; 8] = ["png", "jpg", "jpeg", "webp", "gif", "svg", "pdf", "avif"];

/// One parsed YAML file and the Markdown bodies beside it.
#[derive(Debug)]
pub struct Item<T> {
    /// The file name without extension; used in URLs.
    pub slug: String,
    /// Root-relative path of the YAML file.
    pub file: String,
    /// Shared with the parse cache: an unchanged file is not parsed again.
    pub raw: Arc<T>,
    /// Markdown bodies by language code (as written in the file name).
    pub bodies: BTreeMap<String, Body>,
}

/// A Markdown body file.
#[derive(Debug, Clone)]
pub struct Body {
    pub file: String,
    pub text: Arc<str>,
    /// A hash of the text, so later stages can tell a changed body without reading it again.
    pub hash: u64,
}

/// A file's bytes (by identity) and what was made of them.
type Cached<T> = (Arc<[u8]>, T);

/// Parsed files of the previous build, reused while a file's bytes are the very same
/// (`SourceTree` shares unchanged files), so a rebuild after one edit parses one file.
#[derive(Default)]
pub struct ParseCache {
    yaml: Mutex<HashMap<String, Cached<Arc<dyn Any + Send + Sync>>>>,
    bodies: Mutex<HashMap<String, Cached<Result<Body, Diagnostic>>>>,
    /// Progress year folder → (its files, what they gave).
    years: Mutex<HashMap<String, (YearFiles, Arc<ParsedYear>)>>,
}

/// The files of a progress year folder: paths and their shared bytes.
pub(crate) type YearFiles = Vec<(String, Arc<[u8]>)>;

/// A parsed progress year and the diagnostics its files gave.
pub(crate) type ParsedYear = (progress::RawProgressYear, Vec<Diagnostic>);

impl ParseCache {
    pub(crate) fn lookup<T: Send + Sync + 'static>(
        &self,
        file: &str,
        bytes: &Arc<[u8]>,
    ) -> Option<Result<Arc<T>, Diagnostic>> {
        let map = self.yaml.lock().ok()?;
        let (cached, value) = map.get(file)?;
        if !Arc::ptr_eq(cached, bytes) {
            return None;
        }
        value.downcast_ref::<Result<Arc<T>, Diagnostic>>().cloned()
    }

    pub(crate) fn store<T: Send + Sync + 'static>(
        &self,
        file: &str,
        bytes: &Arc<[u8]>,
        value: &Result<Arc<T>, Diagnostic>,
    ) {
        if let Ok(mut map) = self.yaml.lock() {
            map.insert(file.to_string(), (bytes.clone(), Arc::new(value.clone())));
        }
    }

    /// A progress year whose files are exactly `files` (same paths, the very same bytes).
    pub(crate) fn year(&self, folder: &str, files: &YearFiles) -> Option<Arc<ParsedYear>> {
        let map = self.years.lock().ok()?;
        let (known, value) = map.get(folder)?;
        let same =
            known.len() == files.len() && known.iter().zip(files).all(|((p, b), (q, c))| p == q && Arc::ptr_eq(b, c));
        same.then(|| value.clone())
    }

    pub(crate) fn store_year(&self, folder: &str, key: YearFiles, value: Arc<ParsedYear>) {
        if let Ok(mut map) = self.years.lock() {
            map.insert(folder.to_string(), (key, value));
        }
    }

    /// Forgets files that are no longer in the tree (only when there can be some: checking
    /// every entry on every rebuild would cost more than the rebuild of one page).
    fn prune(&self, tree: &SourceTree) {
        let files = tree.len();
        if let Ok(mut map) = self.yaml.lock() {
            if map.len() > files {
                map.retain(|k, _| tree.contains(k));
            }
        }
        if let Ok(mut map) = self.bodies.lock() {
            if map.len() > files {
                map.retain(|k, _| tree.contains(k));
            }
        }
    }
}

/// A 64-bit hash of a text (not for security: to notice changes).
pub fn text_hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
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
    parse_cached(tree, &ParseCache::default())
}

/// Parses the content files of the tree, reusing what `cache` holds for unchanged files.
pub fn parse_cached(tree: &SourceTree, cache: &ParseCache) -> (RawContent, Diagnostics) {
    cache.prune(tree);
    let mut diags = Diagnostics::new();
    let mut bodies = collect_bodies(tree, &mut diags, cache);
    let cx = Cx { tree, cache };
    let mut content = RawContent {
        site: cx.single("content/site.yaml", &mut bodies, &mut diags),
        plan: cx.single("content/plan.yaml", &mut bodies, &mut diags),
        structure: cx.single("content/structure.yaml", &mut bodies, &mut diags),
        themes: cx.collection("content/themes/", &mut bodies, &mut diags),
        areas: cx.collection("content/areas/", &mut bodies, &mut diags),
        cases: cx.collection("content/cases/", &mut bodies, &mut diags),
        media: Vec::new(),
        progress: Vec::new(),
    };
    content.progress = progress::parse(tree, &mut diags, cache);
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

fn collect_bodies(tree: &SourceTree, diags: &mut Diagnostics, cache: &ParseCache) -> Bodies {
    let mut bodies = Bodies::new();
    let mut cached = cache.bodies.lock().ok();
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
        let shared = tree.get_shared(path);
        let hit = cached
            .as_ref()
            .and_then(|c| c.get(path))
            .filter(|(b, _)| shared.is_some_and(|s| Arc::ptr_eq(b, s)))
            .map(|(_, r)| r.clone());
        let result = hit.unwrap_or_else(|| {
            let r = match std::str::from_utf8(bytes) {
                Ok(text) => {
                    let text = text.replace("\r\n", "\n");
                    Ok(Body { file: path.to_string(), hash: text_hash(&text), text: Arc::from(text) })
                }
                Err(e) => Err(not_utf8(path, bytes, &e)),
            };
            if let (Some(c), Some(s)) = (cached.as_mut(), shared) {
                c.insert(path.to_string(), (s.clone(), r.clone()));
            }
            r
        });
        match result {
            Ok(body) => {
                bodies.entry(item.to_string()).or_default().insert(lang.to_string(), body);
            }
            Err(d) => diags.push(d),
        }
    }
    bodies
}

/// What parsing needs besides the files' own text.
struct Cx<'a> {
    tree: &'a SourceTree,
    cache: &'a ParseCache,
}

impl Cx<'_> {
    fn single<T: DeserializeOwned + Send + Sync + 'static>(
        &self,
        file: &str,
        bodies: &mut Bodies,
        diags: &mut Diagnostics,
    ) -> Option<Item<T>> {
        let tree = self.tree;
        if !tree.contains(file) {
            diags.push(
                Diagnostic::error("missing-file", Location::file(file), "this file is required")
                    .with_hint("create it; docs/content.md shows an example"),
            );
            return None;
        }
        let stem = file.trim_end_matches(".yaml");
        let slug = stem.rsplit('/').next().unwrap_or(stem).to_string();
        self.read_item(file, slug, bodies, diags)
    }

    fn collection<T: DeserializeOwned + Send + Sync + 'static>(
        &self,
        dir: &str,
        bodies: &mut Bodies,
        diags: &mut Diagnostics,
    ) -> Vec<Item<T>> {
        let tree = self.tree;
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
                    .with_hint(
                        "name the file with lowercase letters a–z, digits and hyphens, e.g. `kodomo-shokudo.yaml`",
                    ),
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
            .filter_map(|(path, slug, item_bodies)| self.parse_item(path, slug, item_bodies))
            .collect();
        for p in parsed {
            match p {
                Ok(item) => items.push(item),
                Err(d) => diags.push(d),
            }
        }
        items
    }

    fn read_item<T: DeserializeOwned + Send + Sync + 'static>(
        &self,
        file: &str,
        slug: String,
        bodies: &mut Bodies,
        diags: &mut Diagnostics,
    ) -> Option<Item<T>> {
        let stem = file.trim_end_matches(".yaml").trim_end_matches(".yml");
        let item_bodies = bodies.remove(stem).unwrap_or_default();
        match self.parse_item(file, slug, item_bodies)? {
            Ok(item) => Some(item),
            Err(d) => {
                diags.push(d);
                None
            }
        }
    }

    /// Parses one YAML file into an item with its bodies; `None` if the file is not in the tree.
    fn parse_item<T: DeserializeOwned + Send + Sync + 'static>(
        &self,
        file: &str,
        slug: String,
        item_bodies: BTreeMap<String, Body>,
    ) -> Option<Result<Item<T>, Diagnostic>> {
        let bytes = self.tree.get_shared(file)?;
        let parsed = match self.cache.lookup::<T>(file, bytes) {
            Some(hit) => hit,
            None => {
                let parsed = match std::str::from_utf8(bytes) {
                    Ok(text) => yaml::parse::<T>(file, text).map(Arc::new),
                    Err(e) => Err(not_utf8(file, bytes, &e)),
                };
                self.cache.store(file, bytes, &parsed);
                parsed
            }
        };
        Some(parsed.map(|raw| Item { slug, file: file.to_string(), raw, bodies: item_bodies }))
    }
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
