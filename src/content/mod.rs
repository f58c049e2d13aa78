//! Content files → raw content: the second stage of the pipeline.
//!
//! `parse(&SourceTree)` finds the files of each content kind under `content/`, parses the YAML
//! into the raw types of [`raw`], pairs each item with its Markdown bodies (`<slug>.<lang>.md`)
//! and lists media files. It collects a diagnostic for every file that fails instead of stopping
//! at the first, so an editor sees all problems in one run. It knows nothing of languages or
//! cross-references: that is `model::resolve`'s job.

mod delta;
pub(crate) mod langs;
pub(crate) mod limits;
pub(crate) mod placeholders;
pub(crate) mod progress;
pub(crate) mod raw;
pub(crate) mod schema;
pub(crate) mod stored;
mod svg;
pub(crate) mod yaml;

use crate::diag::{Code, Diagnostic, Diagnostics, Location};
use crate::reuse::{Forget, Reuse};
use crate::source::{body_text, FileBytes, SourceTree, TextNote};
pub(crate) use delta::parse_kept;
use raw::{RawArea, RawCase, RawPlan, RawSearch, RawSite, RawStructure, RawTheme};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// File extensions copied to the site as they are (images and documents referenced by content).
pub(crate) const MEDIA_EXTENSIONS: [&str; 8] = ["png", "jpg", "jpeg", "webp", "gif", "svg", "pdf", "avif"];

/// The folder for documents, and the kinds of document published from it besides PDF (which
/// may be anywhere): a `.txt` or `.csv` elsewhere under `content/` is more likely an editor's
/// note or a draft table than something to publish.
pub(crate) const FILES_DIR: &str = "content/files/";
pub(crate) const DOCUMENT_EXTENSIONS: [&str; 11] =
    ["doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "csv", "txt", "zip"];
/// The media files a page may show as an image (`images:`): what `media` publishes as pictures.
pub(crate) const IMAGE_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "webp", "gif", "svg"];

/// The folder of the pages whose text a site may write itself: `<page>.<language>.md`, with no
/// YAML file (the page's title is the theme's word for it).
pub(crate) const PAGES_DIR: &str = "content/pages/";
/// The pages a file of [`PAGES_DIR`] may be: otherwise the theme's words are their text.
pub(crate) const OWN_PAGES: [&str; 2] = ["accessibility", "privacy"];

/// The site's own texts of [`OWN_PAGES`]: page → language (as written in the file name) → body.
pub(crate) type OwnPages = BTreeMap<String, BTreeMap<String, Body>>;

/// One parsed YAML file and the Markdown bodies beside it.
#[derive(Debug)]
pub(crate) struct Item<T> {
    /// The file name without extension; used in URLs.
    pub slug: String,
    /// Root-relative path of the YAML file: the source tree's own, shared.
    pub file: Arc<str>,
    /// Shared with the parse cache: an unchanged file is not parsed again.
    pub raw: Arc<T>,
    /// Markdown bodies by language code (as written in the file name): a sorted list, not a
    /// tree, as an item has a body or two (a tree's first node has room for eleven: at N =
    /// 100,000 the case studies' were some 90 MB at the parse's peak).
    /// The codes are shared by every body of a language ([`Langs`]).
    pub bodies: litemap::LiteMap<Arc<str>, Body>,
}

/// The language codes bodies' file names have given, each kept once and shared by every body
/// of its language: a code of its own for each body (a `String` of two letters) was 32 bytes
/// and an allocation, twice over (the parse's item and the model's body), for 200,000 bodies
/// at N = 100,000, held to the end of the build.
/// (A set, not a list: a site's files may give any number of codes, each an error later.)
#[derive(Debug, Default)]
pub(crate) struct Langs(std::sync::Mutex<rustc_hash::FxHashSet<Arc<str>>>);

impl Langs {
    /// The shared code `code`.
    pub(crate) fn key(&self, code: &str) -> Arc<str> {
        let Ok(mut known) = self.0.lock() else { return Arc::from(code) };
        if let Some(key) = known.get(code) {
            return key.clone();
        }
        let key: Arc<str> = Arc::from(code);
        known.insert(key.clone());
        key
    }
}

/// A Markdown body file (the model keeps it as the source of a body: `model::Source`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Body {
    /// The source tree's own path of the file, shared.
    pub file: Arc<str>,
    /// Read with [`Body::text`], which gives it the body's file.
    text: BodyText,
    /// A hash of the text, so later stages can tell a changed body without reading it again.
    pub hash: u64,
    /// Whether the text has a `{`, so may hold `{name|reading}` forms: most bodies have none,
    /// and every build of the model looks for them (in all of some 20,000 bodies at N = 10,000)
    /// while only a changed body is read here.
    pub braces: bool,
    /// Whether the text has `@file/`, so may name files of the site: most bodies name none.
    pub files: bool,
    /// Whether the text may hold a link, an image or HTML (see `TextNote::links`).
    pub links: bool,
}

impl Body {
    /// The body of `file` read from its bytes `bytes`, if they are UTF-8. Where they are
    /// already what the body reads (`\n` line ends, as nearly every file has), its text is those
    /// very bytes, which the source tree keeps anyway: a copy of every body was a tenth of a
    /// build's memory at its peak (64 MB at N = 10,000). Other line ends are made `\n` in a copy.
    /// A body the tree did not keep is read again where its text is needed.
    pub(crate) fn read(file: &Arc<str>, bytes: &FileBytes) -> Result<Body, std::str::Utf8Error> {
        let kept = match bytes {
            FileBytes::Text(kept) => kept,
            FileBytes::Unheld(unheld) => {
                return Ok(Body::noted(file, unheld.note(), BodyText(Kept::Unheld(unheld.clone()))))
            }
            // Not kept as text (a name of no text file, or not UTF-8).
            FileBytes::Other(other) => {
                return std::str::from_utf8(other).map(|text| Body::owned(file, body_text(text).into_owned()))
            }
        };
        match body_text(kept) {
            Cow::Borrowed(text) => Ok(Body::noted(file, TextNote::of(text), BodyText(Kept::Held(kept.clone())))),
            Cow::Owned(text) => Ok(Body::owned(file, text)),
        }
    }

    /// The body of `file` with the text `text` (line ends already `\n`).
    #[cfg(test)]
    pub(crate) fn new(file: &str, text: String) -> Body {
        Body::owned(&Arc::from(file), text)
    }

    fn owned(file: &Arc<str>, text: String) -> Body {
        Body::noted(file, TextNote::of(&text), BodyText(Kept::Held(Arc::from(text))))
    }

    /// The body of `file` kept as `text`, with what was noted of its text (the same way, whether
    /// the text is kept or not).
    fn noted(file: &Arc<str>, note: TextNote, text: BodyText) -> Body {
        Body { file: file.clone(), hash: note.hash, braces: note.braces, files: note.files, links: note.links, text }
    }
}

/// A body's text, shared with the source tree where it can be (see [`Body::read`]).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct BodyText(Kept);

#[derive(Clone, PartialEq, Eq)]
enum Kept {
    Held(Arc<str>),
    /// Not kept by the source tree: read again each time it is asked for.
    Unheld(Arc<crate::source::Unheld>),
}

impl Body {
    /// The text. A body the source tree did not keep is read again from its file; if that
    /// fails, or the file changed since, it is empty, and the build fails (`SourceTree::unread`).
    pub(crate) fn text(&self) -> Arc<str> {
        match &self.text.0 {
            Kept::Held(text) => text.clone(),
            Kept::Unheld(unheld) => unheld.read(&self.file),
        }
    }
}

impl std::fmt::Debug for BodyText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Kept::Held(text) => std::fmt::Debug::fmt(&**text, f),
            Kept::Unheld(file) => std::fmt::Debug::fmt(&**file, f),
        }
    }
}

impl std::hash::Hash for Body {
    /// Hashes the file and the precomputed text hash, not the text again.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.file.hash(state);
        self.hash.hash(state);
    }
}

/// What the last build parsed, reused while a file's bytes are the very same (`SourceTree`
/// shares unchanged files), so a rebuild after one edit parses one file and makes one item
/// anew. Each kind of item has its own memo (a build forgets what it did not ask for).
#[derive(Default)]
pub(crate) struct ParseCache {
    site: Reuse<Arc<Made<RawSite>>>,
    plan: Reuse<Arc<Made<RawPlan>>>,
    structure: Reuse<Arc<Made<RawStructure>>>,
    search: Reuse<Arc<Made<RawSearch>>>,
    themes: Reuse<Arc<Made<RawTheme>>>,
    areas: Reuse<Arc<Made<RawArea>>>,
    cases: Reuse<Arc<Made<RawCase>>>,
    /// Progress year folders.
    pub(crate) years: Reuse<Arc<progress::ParsedYear>>,
    /// The limits of the last build: when they change, every file is parsed again.
    limits: std::sync::Mutex<Option<limits::Limits>>,
    /// The progress headings of the last build: when they change, progress is read again.
    headings: std::sync::Mutex<Option<progress::sheet::Headings>>,
    /// The parsed files of the last build of the site root, for a build (see [`stored`]):
    /// taken by the next parse, which writes the store of its own files.
    stored: std::sync::Mutex<Option<stored::Stored>>,
    /// What the last parse gave, for a rebuild that changed only items' files (see [`delta`]).
    last: std::sync::Mutex<delta::LastParse>,
    /// The language codes of the bodies parsed, shared by the items made.
    langs: Arc<Langs>,
}

impl ParseCache {
    /// Every cache of parsed files, of each kind.
    fn caches(&self) -> [&dyn Forget; 8] {
        [&self.site, &self.plan, &self.structure, &self.search, &self.themes, &self.areas, &self.cases, &self.years]
    }

    /// Gives the parse the parsed files the last build of the site root kept (see [`stored`]).
    pub(crate) fn give(&self, stored: stored::Stored) {
        if let Ok(mut s) = self.stored.lock() {
            *s = Some(stored);
        }
    }

    /// Keeps no parsed file for a next build: a build that is the only one of its memo gives
    /// their memory back once the model is made from them.
    pub(crate) fn forget(&self) {
        self.caches().iter().for_each(|c| c.forget());
        if let Ok(mut last) = self.last.lock() {
            crate::reuse::drop_aside(std::mem::take(&mut *last));
        }
    }

    /// Whether it keeps no parsed file of any kind.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.caches().iter().all(|c| c.is_empty())
    }
}

/// What parsing one file needs besides the file: the limits in force, and whether they
/// changed since the last build (then nothing parsed before is reused).
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    pub(crate) limits: limits::Limits,
    /// The site's own column headings for progress tables (see `progress::sheet::Headings`).
    pub(crate) headings: progress::sheet::Headings,
    pub(crate) fresh: bool,
    /// The parsed files kept between builds, where a build has them.
    pub(crate) stored: Option<Arc<stored::Stored>>,
    pub(crate) langs: Arc<Langs>,
}

impl Ctx {
    /// `text` (the content of `file`) parsed as `T` within the limits, or as the parsed files
    /// kept between builds have it.
    pub(crate) fn parse<T: DeserializeOwned + serde::Serialize>(
        &self,
        file: &str,
        text: &str,
    ) -> Result<T, Diagnostic> {
        let parse = || yaml::parse_with(file, text, &self.limits);
        match &self.stored {
            Some(stored) => stored.parse(stored::TextKey::of(text), &self.limits, parse),
            None => parse(),
        }
    }
}

/// What an item's files (path and bytes, the YAML file first) gave: the item (unless its YAML
/// is broken) and their diagnostics.
struct Made<T> {
    /// The paths are the source tree's own, shared.
    files: Vec<(Arc<str>, FileBytes)>,
    item: Option<Arc<Item<T>>>,
    diags: Vec<Diagnostic>,
}

/// Whether `known` holds exactly these files: the same paths, the very same bytes.
pub(crate) fn same_files<'a, P: AsRef<str>>(
    known: &[(P, FileBytes)],
    files: impl ExactSizeIterator<Item = (&'a str, &'a FileBytes)>,
) -> bool {
    known.len() == files.len()
        && known.iter().zip(files).all(|((p, b), (q, c))| p.as_ref() == q && FileBytes::same(b, c))
}

/// Everything under `content/`, parsed but not yet checked against each other. Items are
/// shared with the parse cache: an item whose files did not change is the very same `Arc`.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawContent {
    pub site: Option<Arc<Item<RawSite>>>,
    pub plan: Option<Arc<Item<RawPlan>>>,
    pub structure: Option<Arc<Item<RawStructure>>>,
    /// The site's own search words (`search.yaml`, optional).
    pub search: Option<Arc<Item<RawSearch>>>,
    pub themes: Vec<Arc<Item<RawTheme>>>,
    pub areas: Vec<Arc<Item<RawArea>>>,
    pub cases: Vec<Arc<Item<RawCase>>>,
    /// Root-relative paths of media files (e.g. `content/images/cafe.jpg`).
    pub media: Vec<String>,
    /// Yearly progress data, one entry per year folder.
    pub progress: Vec<Arc<progress::RawProgressYear>>,
    /// The YAML files of themes, areas and case studies that could not be read (reported).
    pub unreadable: std::collections::BTreeSet<String>,
    /// The site's own text of the accessibility and privacy pages (`content/pages/`).
    pub pages: OwnPages,
}

/// Parses every content file of the tree.
#[cfg(test)]
pub(crate) fn parse(tree: &SourceTree) -> (RawContent, Diagnostics) {
    parse_cached(tree, &ParseCache::default())
}

/// The files directly in `content/` that are single items.
const SINGLES: [&str; 4] = ["site", "plan", "structure", "search"];
/// The folders of `content/` that hold one item per YAML file.
const COLLECTIONS: [&str; 3] = ["themes", "areas", "cases"];

/// What a file under `content/` is, by its name.
enum Kind<'a> {
    /// `<stem>.yaml` (or `.yml`).
    Yaml,
    /// `<stem>.<language>.md`.
    Body(&'a str),
    /// `<stem>.md`: a body that does not name its language.
    BodyWithoutLanguage,
    Media,
    Other,
}

/// One file under `content/` (outside `progress/`): its path, bytes, kind, and stem (the path
/// without `.yaml` or `.<language>.md`), which an item's YAML file and bodies share.
struct Entry<'a> {
    /// The path, the tree's own: a body names its file with it ([`Entry::path`] to read it).
    shared: &'a Arc<str>,
    bytes: &'a FileBytes,
    kind: Kind<'a>,
    stem: &'a str,
}

fn entry<'a>(shared: &'a Arc<str>, bytes: &'a FileBytes) -> Entry<'a> {
    let path: &'a str = shared;
    let (stem, kind) = if let Some(stem) = path.strip_suffix(".yaml").or_else(|| path.strip_suffix(".yml")) {
        (stem, Kind::Yaml)
    } else if let Some(rest) = path.strip_suffix(".md") {
        match rest.rsplit_once('.').filter(|(stem, _)| !stem.ends_with('/')) {
            Some((stem, lang)) if !lang.contains('/') => (stem, Kind::Body(lang)),
            _ => (rest, Kind::BodyWithoutLanguage),
        }
    } else {
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        let media = MEDIA_EXTENSIONS.iter().any(|m| m.eq_ignore_ascii_case(ext))
            || (path.starts_with(FILES_DIR) && DOCUMENT_EXTENSIONS.iter().any(|m| m.eq_ignore_ascii_case(ext)));
        (path, if media { Kind::Media } else { Kind::Other })
    };
    Entry { shared, bytes, kind, stem }
}

impl<'a> Entry<'a> {
    fn path(&self) -> &'a str {
        self.shared
    }
}

/// The files of one item: its YAML file, its slug and its bodies (language, file).
struct ItemFiles<'a> {
    yaml: &'a Entry<'a>,
    slug: &'a str,
    bodies: Vec<(&'a str, &'a Entry<'a>)>,
}

impl<'a> ItemFiles<'a> {
    /// The item's files, the YAML file first: path and bytes.
    fn files(&self) -> impl ExactSizeIterator<Item = (&'a str, &'a FileBytes)> + '_ {
        self.shared_files().map(|(p, b)| (&**p, b))
    }

    /// Like [`ItemFiles::files`], with the tree's own shared paths.
    fn shared_files(&self) -> impl ExactSizeIterator<Item = (&'a Arc<str>, &'a FileBytes)> + '_ {
        (0..self.bodies.len() + 1).map(|i| {
            let e = if i == 0 { self.yaml } else { self.bodies[i - 1].1 };
            (e.shared, e.bytes)
        })
    }
}

/// Where an item's YAML file belongs: one of [`SINGLES`] or of [`COLLECTIONS`].
#[derive(Clone, Copy)]
enum Place {
    Single(usize),
    Collection(usize),
}

/// The content's files sorted into items, and its media files.
struct Grouped<'a> {
    singles: [Option<ItemFiles<'a>>; 4],
    collections: [Vec<ItemFiles<'a>>; 3],
    media: Vec<String>,
}

/// Parses the content files of the tree, reusing what `cache` holds for unchanged files.
///
/// One pass over the files groups each YAML file with its bodies; only an item with a changed,
/// new or removed file is made anew: the rest are the very items of the last build.
pub(crate) fn parse_cached(tree: &SourceTree, cache: &ParseCache) -> (RawContent, Diagnostics) {
    let mut diags = Diagnostics::new();
    let limits = limits::of_site(tree);
    let fresh = match cache.limits.lock() {
        Ok(mut last) => last.replace(limits) != Some(limits),
        Err(_) => true,
    };
    let stored = cache.stored.lock().ok().and_then(|mut s| s.take()).map(Arc::new);
    let ctx = Ctx { limits, headings: Default::default(), fresh, stored, langs: cache.langs.clone() };
    // Files over a limit are reported and not parsed.
    let over = limits::check_sizes(tree, &limits, &mut diags);
    let (pages, entries): (Vec<Entry>, Vec<Entry>) = tree
        .entries_shared("content/")
        .filter(|(path, _)| !path.starts_with("content/progress/") && !over.contains(&***path))
        .map(|(path, bytes)| entry(path, bytes))
        .partition(|e| e.path().starts_with(PAGES_DIR) && matches!(e.kind, Kind::Body(_)));
    let pages = own_pages(&pages, &mut diags);
    let Grouped { singles, collections, media } = group(&entries, &mut diags);
    for link in tree.links() {
        diags.push(
            Diagnostic::warning(Code::LinkNotFollowed, Location::file(link), crate::diag::msg!("symlink-not-followed"))
                .with_hint(crate::diag::msg!("symlink-not-followed-hint")),
        );
    }
    let [site, plan, structure, search] = singles;
    let [themes, areas, cases] = collections;
    let mut content = RawContent {
        site: single(&cache.site, site, &mut diags, "site", &ctx),
        plan: single(&cache.plan, plan, &mut diags, "plan", &ctx),
        structure: structure.and_then(|s| items(&cache.structure, &[s], &mut diags, &ctx).pop()),
        search: search.and_then(|s| items(&cache.search, &[s], &mut diags, &ctx).pop()),
        themes: items(&cache.themes, &themes, &mut diags, &ctx),
        areas: items(&cache.areas, &areas, &mut diags, &ctx),
        cases: items(&cache.cases, &cases, &mut diags, &ctx),
        media,
        progress: Vec::new(),
        unreadable: Default::default(),
        pages,
    };
    // Progress tables may head their columns with the site's own words (site.yaml), so they
    // are read after it, and all again when those words change.
    let headings = content.site.as_ref().map(|s| progress::sheet::Headings::of(&s.raw)).unwrap_or_default();
    // The headings are recorded on every build, also when everything is read anew anyway (a
    // `||` here used to skip recording them on a cold build, so the first rebuild after it
    // read every progress table again).
    let changed = match cache.headings.lock() {
        Ok(mut last) => last.replace(headings.clone()).as_ref() != Some(&headings),
        Err(_) => true,
    };
    let fresh = ctx.fresh || changed;
    let ctx = Ctx { headings, fresh, ..ctx };
    content.progress = progress::parse(tree, &mut diags, cache, &ctx, &over);
    // Every file is parsed: the store of this build's files is written (if it changed).
    if let Some(stored) = &ctx.stored {
        stored.finish();
    }
    // Items whose YAML could not be read: their error is reported; references to them are not
    // reported again as unknown.
    // (Usually every file was read: then there is nothing to look up.)
    let parsed = content.themes.len() + content.areas.len() + content.cases.len();
    if parsed < themes.len() + areas.len() + cases.len() {
        let read: std::collections::HashSet<&str> = (content.themes.iter().map(|i| &*i.file))
            .chain(content.areas.iter().map(|i| &*i.file))
            .chain(content.cases.iter().map(|i| &*i.file))
            .collect();
        content.unreadable = [&themes, &areas, &cases]
            .into_iter()
            .flatten()
            .map(|f| f.yaml.path())
            .filter(|p| !read.contains(p))
            .map(str::to_string)
            .collect();
    }
    (content, diags)
}

/// Sorts the entries into items. An item's files share a stem, so they sort together
/// (`a.en.md`, `a.ja.md`, `a.yaml`) unless a stranger stem with dots sorts between them
/// (`a.en.x.md` is the body `x` of `a.en`): such bodies are matched to their item afterwards.
fn group<'a>(entries: &'a [Entry<'a>], diags: &mut Diagnostics) -> Grouped<'a> {
    let mut out = Grouped { singles: [None, None, None, None], collections: Default::default(), media: Vec::new() };
    let mut loose: Vec<(&str, &Entry)> = Vec::new();
    for group in entries.chunk_by(|a, b| a.stem == b.stem) {
        let mut yaml: Option<&Entry> = None;
        let mut bodies = Vec::new();
        for e in group {
            match (&e.kind, yaml) {
                (Kind::Yaml, None) => yaml = Some(e),
                (Kind::Yaml, Some(first)) => diags.push(duplicate(e, first)),
                (Kind::Body(lang), _) => bodies.push((*lang, e)),
                (Kind::Media, _) => match svg::check_if_svg(e.path(), e.bytes) {
                    Some(problem) => diags.push(problem),
                    None => out.media.push(e.path().to_string()),
                },
                (Kind::BodyWithoutLanguage | Kind::Other, _) => diags.push(not_content(e)),
            }
        }
        match yaml.and_then(|y| place(y, diags).map(|p| (y, p))) {
            Some((yaml, (place, slug))) => {
                let item = ItemFiles { yaml, slug, bodies };
                match place {
                    Place::Single(i) => out.singles[i] = Some(item),
                    Place::Collection(i) => out.collections[i].push(item),
                }
            }
            None => loose.extend(bodies),
        }
    }
    for (lang, e) in loose {
        let mut items = out.singles.iter_mut().flatten().chain(out.collections.iter_mut().flatten());
        match items.find(|i| i.yaml.stem == e.stem) {
            Some(item) => {
                item.bodies.push((lang, e));
                item.bodies.sort_by_key(|(_, e)| e.path());
            }
            None => diags.push(
                Diagnostic::error(
                    Code::OrphanBody,
                    Location::file(e.path()),
                    crate::diag::msg!("orphan-body", stem = e.stem),
                )
                .with_hint(crate::diag::msg!("orphan-body-hint", stem = e.stem)),
            ),
        }
    }
    out
}

/// The bodies of `content/pages/` by page and language; a file of no page there is an error.
fn own_pages(entries: &[Entry], diags: &mut Diagnostics) -> OwnPages {
    let mut out = OwnPages::new();
    for e in entries {
        let Kind::Body(lang) = e.kind else { continue };
        let name = &e.stem[PAGES_DIR.len()..];
        if !OWN_PAGES.contains(&name) {
            diags.push(
                Diagnostic::error(
                    Code::OrphanBody,
                    Location::file(e.path()),
                    crate::diag::msg!("not-an-own-page", folder = PAGES_DIR, name = name, pages = OWN_PAGES.join(", ")),
                )
                .with_hint(crate::diag::msg!("not-an-own-page-hint")),
            );
            continue;
        }
        match Body::read(e.shared, e.bytes) {
            Ok(body) => {
                out.entry(name.to_string()).or_default().insert(lang.to_string(), body);
            }
            Err(err) => diags.push(not_utf8(e.path(), e.bytes, &err)),
        }
    }
    out
}

/// Where a YAML file's item goes, and its slug; `None` if the file is not read as an item
/// (with a diagnostic if it is in a collection but misplaced or misnamed).
fn place<'a>(yaml: &Entry<'a>, diags: &mut Diagnostics) -> Option<(Place, &'a str)> {
    let rest = &yaml.stem["content/".len()..];
    let Some((dir, name)) = rest.split_once('/') else {
        return SINGLES.iter().position(|s| *s == rest).map(|i| (Place::Single(i), rest));
    };
    let c = COLLECTIONS.iter().position(|c| *c == dir)?;
    if name.contains('/') {
        diags.push(
            Diagnostic::error(
                Code::NestedFile,
                Location::file(yaml.path()),
                crate::diag::msg!("nested-file", dir = dir),
            )
            .with_hint(crate::diag::msg!("nested-file-hint", dir = dir)),
        );
        return None;
    }
    if !is_valid_slug(name) {
        diags.push(
            Diagnostic::error(Code::BadSlug, Location::file(yaml.path()), crate::diag::msg!("bad-slug", name = name))
                .with_hint(crate::diag::msg!("bad-slug-hint")),
        );
        return None;
    }
    Some((Place::Collection(c), name))
}

/// A second YAML file for the same item (`a.yaml` and `a.yml`).
fn duplicate(e: &Entry, first: &Entry) -> Diagnostic {
    let name = e.stem.rsplit('/').next().unwrap_or(e.stem);
    Diagnostic::error(
        Code::DuplicateSlug,
        Location::file(e.path()),
        crate::diag::msg!("duplicate-slug", name = name, first = first.path()),
    )
    .with_hint(crate::diag::msg!("duplicate-slug-hint"))
}

/// A file that is neither content nor media.
fn not_content(e: &Entry) -> Diagnostic {
    match e.kind {
        Kind::BodyWithoutLanguage => Diagnostic::error(
            Code::BodyWithoutLanguage,
            Location::file(e.path()),
            crate::diag::msg!("body-without-language"),
        )
        .with_hint(crate::diag::msg!("body-without-language-hint", stem = e.stem)),
        _ => Diagnostic::warning(Code::UnknownFile, Location::file(e.path()), crate::diag::msg!("not-content"))
            .with_hint(crate::diag::msg!(
                "not-content-hint",
                media = MEDIA_EXTENSIONS.join(", ."),
                documents = DOCUMENT_EXTENSIONS.join(", ."),
                files_dir = FILES_DIR
            )),
    }
}

/// A single item (`content/<name>.yaml`), which must exist.
fn single<T: DeserializeOwned + serde::Serialize + Send + Sync + 'static>(
    memo: &Reuse<Arc<Made<T>>>,
    files: Option<ItemFiles>,
    diags: &mut Diagnostics,
    name: &str,
    ctx: &Ctx,
) -> Option<Arc<Item<T>>> {
    match files {
        Some(files) => items(memo, &[files], diags, ctx).pop(),
        None => {
            diags.push(
                Diagnostic::error(
                    Code::MissingFile,
                    Location::file(format!("content/{name}.yaml")),
                    crate::diag::msg!("required-file"),
                )
                .with_hint(crate::diag::msg!("required-file-hint")),
            );
            None
        }
    }
}

/// The items of `files`, in order: the last build's where its files are the very same, else
/// made anew.
fn items<T: DeserializeOwned + serde::Serialize + Send + Sync + 'static>(
    memo: &Reuse<Arc<Made<T>>>,
    files: &[ItemFiles],
    diags: &mut Diagnostics,
    ctx: &Ctx,
) -> Vec<Arc<Item<T>>> {
    let made = memo.values(
        files,
        |f| f.yaml.path(),
        |f, m| !ctx.fresh && same_files(&m.files, f.files()),
        |f| Arc::new(make::<T>(f, f.shared_files().map(|(p, b)| (p.clone(), b.clone())).collect(), ctx)),
    );
    let mut out = Vec::with_capacity(made.len());
    for m in made {
        for d in &m.diags {
            diags.push(d.clone());
        }
        out.extend(m.item.clone());
    }
    out
}

/// A short map (a text's languages, an item's bodies) as a sorted list of exactly its
/// entries; of two values for one key, the later. Collected through `LiteMap`'s own
/// `FromIterator`, such a list keeps room for four entries, however few it has: at N = 100,000
/// the case studies' and progress items' texts of one or two languages held twice their
/// entries' room at the parse's peak.
pub(crate) fn small_map<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> litemap::LiteMap<K, V> {
    let mut entries: Vec<(K, V)> = entries.into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    // (The earlier of two neighbours is kept, with the later's value.)
    let before = entries.len();
    entries.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            std::mem::swap(later, earlier);
        }
        same
    });
    if entries.len() < before {
        entries.shrink_to_fit();
    }
    litemap::LiteMap::from_sorted_store_unchecked(entries)
}

/// Parses an item's YAML file and reads its bodies.
fn make<T: DeserializeOwned + serde::Serialize + Send + Sync + 'static>(
    f: &ItemFiles,
    files: Vec<(Arc<str>, FileBytes)>,
    ctx: &Ctx,
) -> Made<T> {
    let mut diags = Vec::new();
    // A YAML file the tree did not keep is read again here, only if the store of the last
    // build's parse has no value for it: it is found there by what the tree noted of its text
    // (when the tree read it, or from the last build's notes, `source::noted`). If it cannot be
    // read, the build fails for that reason (`SourceTree::unread`), and the item is left out
    // meanwhile (`Err(None)` below).
    let path = f.yaml.path();
    let read = || match f.yaml.bytes.text_now(path) {
        Ok(Some(text)) => yaml::parse_with::<T>(path, &text, &ctx.limits).map_err(Some),
        Ok(None) => Err(None),
        Err(e) => Err(Some(not_utf8(path, f.yaml.bytes, &e))),
    };
    let parsed = match (&ctx.stored, stored::TextKey::of_file(f.yaml.bytes)) {
        (Some(stored), Some(key)) => stored.parse(key, &ctx.limits, read),
        _ => read(),
    };
    let raw = match parsed {
        Ok(raw) => Ok(Some(raw)),
        Err(None) => Ok(None),
        Err(Some(d)) => Err(d),
    };
    let mut bodies = Vec::with_capacity(f.bodies.len());
    for (lang, e) in &f.bodies {
        match Body::read(e.shared, e.bytes) {
            Ok(body) => bodies.push((ctx.langs.key(lang), body)),
            Err(err) => diags.push(not_utf8(e.path(), e.bytes, &err)),
        }
    }
    let bodies = small_map(bodies);
    let item = match raw {
        Ok(None) => None,
        Ok(Some(raw)) => {
            Some(Arc::new(Item { slug: f.slug.to_string(), file: f.yaml.shared.clone(), raw: Arc::new(raw), bodies }))
        }
        Err(d) => {
            // (The parser stops at the first unknown field: the others of the file too.)
            if let Ok(Some(text)) = f.yaml.bytes.text_now(path) {
                let more = yaml::more_unknown_fields::<T>(path, &text, &d, &ctx.limits);
                diags.splice(0..0, more);
            }
            diags.insert(0, d);
            None
        }
    };
    Made { files, item, diags }
}

fn not_utf8(file: &str, bytes: &[u8], e: &std::str::Utf8Error) -> Diagnostic {
    let valid = &bytes[..e.valid_up_to()];
    let line = valid.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    Diagnostic::error(Code::NotUtf8, Location::at(file, line, 0), crate::diag::msg!("not-utf8"))
        .with_hint(crate::diag::msg!("not-utf8-hint"))
}

/// Whether `s` is a usable slug: lowercase ASCII letters, digits and inner hyphens.
pub(crate) fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    // A short map is its entries sorted, with the later of two values for a key, in room for
    // exactly its entries, where `LiteMap` collecting them keeps room for more.
    #[test]
    fn a_small_map_holds_its_entries_sorted_in_exactly_their_room() {
        let map = small_map([("ja", 1), ("en", 2), ("easy", 3), ("en", 4), ("en", 5)]);
        assert_eq!(map.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>(), [("easy", 3), ("en", 5), ("ja", 1)]);
        let entries = map.into_tuple_vec();
        assert_eq!(entries.capacity(), 3);
        let two = small_map(std::collections::BTreeMap::from([("ja".to_string(), 1), ("en".to_string(), 2)]));
        assert_eq!(two.into_tuple_vec().capacity(), 2);
        // As `LiteMap` collects them: room for four.
        let collected: litemap::LiteMap<&str, u8> = [("ja", 1), ("en", 2)].into_iter().collect();
        assert!(collected.into_tuple_vec().capacity() > 2);
    }

    const THEME: &str = "number: 1\ntitle: {ja: 見守り}\nsummary: {ja: 概要}\n";

    fn codes(diags: &Diagnostics) -> Vec<(&'static str, String)> {
        diags.iter().map(|d| (d.code.as_str(), d.location.file.clone())).collect()
    }

    // A body of another stem can sort between an item's files (`a.en.x.md` is the body `x` of
    // `a.en`); the item still gets all its bodies, and the stranger is an orphan.
    #[test]
    fn bodies_find_their_item_when_another_stem_sorts_between() {
        let files = [
            ("content/themes/a.en.md", "English"),
            ("content/themes/a.en.x.md", "stranger"),
            ("content/themes/a.ja.md", "日本語"),
            ("content/themes/a.yaml", THEME),
        ];
        let (content, diags) = parse(&SourceTree::from_files(Path::new("/r"), files));
        let langs: Vec<&str> = content.themes[0].bodies.keys().map(|k| &**k).collect();
        assert_eq!(langs, ["en", "ja"]);
        assert!(codes(&diags).contains(&("orphan-body", "content/themes/a.en.x.md".into())), "{diags:?}");
    }

    // A body's text is the tree's own bytes (no copy) unless its line ends must change; either
    // way it reads with `\n` line ends.
    #[test]
    fn body_text_shares_the_file_unless_its_line_ends_change() {
        let files = [
            ("content/themes/a.en.md", "line 1\r\nline 2\r\n"),
            ("content/themes/a.ja.md", "一行目\n二行目\n"),
            ("content/themes/a.yaml", THEME),
        ];
        let tree = SourceTree::from_files(Path::new("/r"), files);
        let (content, diags) = parse(&tree);
        assert!(!codes(&diags).iter().any(|(_, file)| file.starts_with("content/themes/")), "{diags:?}");
        let bodies = &content.themes[0].bodies;
        assert_eq!(&*bodies.get("en").unwrap().text(), "line 1\nline 2\n");
        assert_eq!(&*bodies.get("ja").unwrap().text(), "一行目\n二行目\n");
        let shared = |lang: &str, path: &str| {
            Arc::ptr_eq(&bodies.get(lang).unwrap().text(), tree.get_shared(path).unwrap().text().unwrap())
        };
        assert!(shared("ja", "content/themes/a.ja.md"));
        assert!(!shared("en", "content/themes/a.en.md"));
    }

    // The paths of an item's files and its bodies' language codes are not copied: the item and
    // each body name their file with the tree's own path, and every body of a language shares
    // one code (held from the parse to the end of a build, for every body of the site).
    #[test]
    fn paths_and_language_codes_are_shared_not_copied() {
        let files = [
            ("content/themes/a.en.md", "A"),
            ("content/themes/a.ja.md", "あ"),
            ("content/themes/a.yaml", THEME),
            ("content/themes/b.ja.md", "い"),
            ("content/themes/b.yaml", THEME),
        ];
        let tree = SourceTree::from_files(Path::new("/r"), files);
        let (content, _) = parse(&tree);
        let (a, b) = (&content.themes[0], &content.themes[1]);
        let tree_path = |path: &str| tree.get_entry(path).unwrap().0;
        assert!(Arc::ptr_eq(&a.file, tree_path("content/themes/a.yaml")));
        for (item, lang) in [(a, "en"), (a, "ja"), (b, "ja")] {
            let body = item.bodies.get(lang).unwrap();
            assert!(Arc::ptr_eq(&body.file, tree_path(&format!("content/themes/{}.{lang}.md", item.slug))));
        }
        let code = |item: &Item<RawTheme>| item.bodies.iter().find(|(k, _)| &***k == "ja").unwrap().0.clone();
        assert!(Arc::ptr_eq(&code(a), &code(b)));
    }

    // An unchanged item is the very same `Arc` in the next parse; a changed body makes it anew.
    #[test]
    fn unchanged_items_are_reused() {
        let files = [
            ("content/themes/a.ja.md", "あ"),
            ("content/themes/a.yaml", THEME),
            ("content/themes/b.ja.md", "い"),
            ("content/themes/b.yaml", THEME),
        ];
        let mut tree = SourceTree::from_files(Path::new("/r"), files);
        let cache = ParseCache::default();
        let (first, _) = parse_cached(&tree, &cache);
        tree.insert("content/themes/b.ja.md", "いう");
        let (second, _) = parse_cached(&tree, &cache);
        assert!(Arc::ptr_eq(&first.themes[0], &second.themes[0]));
        assert!(!Arc::ptr_eq(&first.themes[1], &second.themes[1]));
        assert_eq!(&*second.themes[1].bodies.get("ja").unwrap().text(), "いう");
    }

    // A progress year is read once: the rebuild right after a cold build (which reads
    // everything) reuses it too, as long as the site's column headings are the same.
    #[test]
    fn progress_years_are_reused_from_the_first_rebuild() {
        let files = [("content/themes/a.yaml", THEME), ("content/progress/2024/x.yaml", "items: []\n")];
        let mut tree = SourceTree::from_files(Path::new("/r"), files);
        let cache = ParseCache::default();
        let (first, _) = parse_cached(&tree, &cache);
        tree.insert("content/themes/a.ja.md", "あ");
        let (second, _) = parse_cached(&tree, &cache);
        assert_eq!(first.progress.len(), 1);
        assert!(Arc::ptr_eq(&first.progress[0], &second.progress[0]));
    }
}
