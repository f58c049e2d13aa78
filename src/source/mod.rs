//! Reading a site root from disk into memory: the only place the build reads files.
//!
//! `SourceTree::load(root)` walks `content/`, `templates/` and `themes/` (sorted, so the build is
//! deterministic), skips editors' temporary files, and keeps every file's bytes keyed by its path
//! relative to the root with `/` separators. Everything after this stage works on the tree, so the
//! whole pipeline also runs on a tree built in memory (tests, and later `serve`).

mod bytes;
pub(crate) mod cache;
pub(crate) mod embedded;
pub(crate) mod noted;

use crate::error::BuildError;
pub(crate) use bytes::{body_text, read_sized, FileBytes, TextNote, Unheld};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, PoisonError};

/// The directories below the site root that the build reads.
pub(crate) const SOURCE_DIRS: [&str; 3] = ["content", "templates", "themes"];

/// Every source file of a site, by root-relative path.
#[derive(Debug, Clone, Default)]
pub struct SourceTree {
    root: PathBuf,
    /// Shared, so a tree updated after a change keeps the very same bytes for unchanged files
    /// (and the parse cache recognises them without comparing content). The paths are shared
    /// too: a body's file names the one the tree has ([`SourceTree::entries_shared`]), not a
    /// copy (200,000 bodies at N = 100,000, held from the parse to the end).
    files: BTreeMap<Arc<str>, FileBytes>,
    /// Symbolic links found among the sources: never followed, so nothing outside the site
    /// root can be read into (and published with) the site.
    links: std::collections::BTreeSet<String>,
    /// The last change of the files since the tree was read (see [`SourceTree::changed_since`]).
    last_change: Arc<Change>,
    /// Where files may have been read and not kept ([`FileBytes::Unheld`]: a build's tree), and
    /// which failed to be read again ([`SourceTree::unread`], asked a few times by every compile,
    /// of `serve`'s rebuilds too).
    unkept: Option<Arc<bytes::Unkept>>,
    /// What a build's tree noted of its files for the next build, until the build takes it
    /// ([`SourceTree::take_noted`]).
    noted: Option<Arc<std::sync::Mutex<Option<noted::Fresh>>>>,
}

/// One change of a tree's files: the path of a file (or symbolic link) that changed, came or
/// went, after the changes before it, back to the tree as it was read. A copy of a tree shares
/// the changes it had when copied, and each goes on with its own.
///
/// What a stage that keeps results per file asks with the [`Mark`] of when it last looked (the
/// parse and the translation report in `serve`), so neither walks all the tree's paths nor
/// holds a list of them: at N = 100,000 each walked 300,000 paths on every rebuild, and held
/// a copy of them.
#[derive(Debug, Default)]
struct Change {
    path: String,
    before: Option<Arc<Change>>,
    /// How many changes lead here.
    count: usize,
}

/// Dropped one after the other, not each inside the one after it: a history of thousands of
/// changes would use as many stack frames.
impl Drop for Change {
    fn drop(&mut self) {
        let mut before = self.before.take();
        while let Some(change) = before {
            match Arc::try_unwrap(change) {
                Ok(mut alone) => before = alone.before.take(),
                Err(_) => break,
            }
        }
    }
}

/// More changes than this start a new history: the marks of the old one then ask for a look
/// at everything, as after a checkout of many files they would anyway.
const LOGGED: usize = 65_536;

/// When a stage last looked at a tree: see [`SourceTree::changed_since`].
#[derive(Debug, Clone)]
pub(crate) struct Mark(Arc<Change>);

impl SourceTree {
    /// Reads the source directories of `root`. A directory that does not exist is simply empty;
    /// a file that cannot be read is an error naming it. Symbolic links below them are not
    /// followed (see [`SourceTree::links`]).
    pub fn load(root: &Path) -> Result<SourceTree, BuildError> {
        SourceTree::load_within(root, None, noted::Began::now())
    }

    /// Like [`SourceTree::load`], for one build: the Markdown text under `content/` is kept if
    /// all of it is within [`HELD_MARKDOWN`] bytes; past it, every body is noted and read again
    /// where it is needed ([`FileBytes::Unheld`]). At N = 100,000 the bodies are some 640 MB,
    /// held from the first stage to the last. The items' YAML files and the progress tables are
    /// noted and read again by the parse (see `is_parse_input`). `serve` keeps every file: it
    /// compares them after an edit.
    ///
    /// A body or an item's data file that is in the state the last build of the root noted it
    /// in is not read at all, only noted as that build noted it (see [`noted`]); what this
    /// read notes is for the build to write ([`SourceTree::take_noted`]).
    pub fn load_for_build(root: &Path) -> Result<SourceTree, BuildError> {
        SourceTree::load_within(root, Some(HELD_MARKDOWN), noted::Began::now())
    }

    /// Like [`SourceTree::load_for_build`], keeping `held` bytes of Markdown (tests: none).
    #[cfg(test)]
    pub(crate) fn load_holding(root: &Path, held: usize) -> Result<SourceTree, BuildError> {
        SourceTree::load_within(root, Some(held), noted::Began::now())
    }

    /// Like [`SourceTree::load_for_build`], as a build that began at `began` (tests: later
    /// than now, so the files just written are old enough to be noted).
    #[cfg(test)]
    pub(crate) fn load_began(root: &Path, began: noted::Began) -> Result<SourceTree, BuildError> {
        SourceTree::load_within(root, Some(HELD_MARKDOWN), began)
    }

    /// Reads `root`, keeping `held` bytes of Markdown (`None`: all of it, and no notes), as a
    /// build that began reading at `began` (the time is taken before anything is read: a file
    /// that changes after it is not told by its state).
    fn load_within(root: &Path, held: Option<usize>, began: noted::Began) -> Result<SourceTree, BuildError> {
        let mut files = Vec::new();
        let mut links = std::collections::BTreeSet::new();
        let budget = held.map(|held| Budget {
            held,
            used: AtomicUsize::new(0),
            at: Arc::new(bytes::Unkept::new(root)),
            notes: noted::kept_on(root).then(|| Notes {
                last: cache::read_sources(root),
                began,
                noted: Default::default(),
            }),
        });
        for dir in SOURCE_DIRS.iter().map(|d| root.join(d)).filter(|d| d.is_dir()) {
            walk(root, &dir, budget.as_ref(), |key, bytes| match bytes {
                Some(bytes) => files.push((key, bytes)),
                None => {
                    links.insert(key);
                }
            })?;
        }
        if let Some(budget) = budget.as_ref().filter(|b| b.passed()) {
            budget.unhold(&mut files);
        }
        // Made from the whole list at once, its nodes full: inserted one by one in the walk's
        // order (nearly the map's), each node was left half full (at N = 100,000, 300,000 files:
        // some 28 MB against 16, held through the build).
        let files = files.into_iter().map(|(k, v)| (Arc::<str>::from(k), v)).collect();
        let (unkept, noted) = match budget {
            Some(b) => {
                let fresh = b.notes.map(|notes| {
                    let noted = notes.noted.into_inner().unwrap_or_else(PoisonError::into_inner);
                    Arc::new(std::sync::Mutex::new(Some(noted::Fresh::new(noted, &notes.last))))
                });
                (Some(b.at), fresh)
            }
            None => (None, None),
        };
        Ok(SourceTree { root: root.to_path_buf(), files, links, last_change: Arc::default(), unkept, noted })
    }

    /// What this build's tree noted of its files (see [`noted`]), for the build to write for
    /// the next build of the root; the first call has it, and only a build's tree.
    pub(crate) fn take_noted(&self) -> Option<noted::Fresh> {
        self.noted.as_ref()?.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Lets go of what the tree noted of its files, where nothing will write it (`check`):
    /// not held through the run.
    pub fn forget_noted(&self) {
        drop(self.take_noted());
    }

    /// A tree built from in-memory files (tests and tools).
    pub fn from_files<I, K, V>(root: &Path, files: I) -> SourceTree
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<Vec<u8>>,
    {
        SourceTree {
            root: root.to_path_buf(),
            files: files
                .into_iter()
                .map(|(k, v)| {
                    let k: String = k.into();
                    let v = file_bytes(&k, v.into());
                    (Arc::from(k), v)
                })
                .collect(),
            links: Default::default(),
            last_change: Arc::default(),
            unkept: None,
            noted: None,
        }
    }

    /// The site root the tree was read from.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The bytes of a file, by root-relative path (`content/site.yaml`).
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| &**b)
    }

    /// The shared bytes of a file (the same allocation while the file is unchanged).
    pub(crate) fn get_shared(&self, path: &str) -> Option<&FileBytes> {
        self.files.get(path)
    }

    /// The tree's own path of a file with its shared bytes.
    pub(crate) fn get_entry(&self, path: &str) -> Option<(&Arc<str>, &FileBytes)> {
        self.files.get_key_value(path)
    }

    /// The file as text, if it exists, is UTF-8 and is kept ([`SourceTree::text_of`] reads a
    /// Markdown file that is not).
    pub fn text(&self, path: &str) -> Option<&str> {
        // A file of another extension may be UTF-8 too (checked here).
        self.files.get(path).filter(|b| !matches!(b, FileBytes::Unheld(_))).and_then(|b| b.as_str().ok())
    }

    /// The file as text, if it exists and is UTF-8: read again if the tree did not keep it
    /// (none if that fails; the build then fails, [`SourceTree::unread`]).
    pub(crate) fn text_of(&self, path: &str) -> Option<Cow<'_, str>> {
        self.files.get(path)?.text_now(path).ok().flatten()
    }

    /// The first file, in path order, that was read again and could not be, or was no longer
    /// what the build first read ([`FileBytes::Unheld`]): what read it got no text, so the
    /// build must not be published.
    pub(crate) fn unread(&self) -> Option<BuildError> {
        let (path, message) = self.unkept.as_ref()?.first_failed()?;
        Some(BuildError::Io { path, message })
    }
}

/// The Markdown text under `content/` that [`SourceTree::load_for_build`] keeps, at most, to
/// save reading the bodies again: all of it at N = 10,000 (some 61 MB). A site with more keeps
/// none: at N = 100,000 (640 MB) keeping a tenth of it spared a tenth of the bodies being read
/// again, for 64 MB held from the first stage to the last.
const HELD_MARKDOWN: usize = 64 << 20;

/// How much Markdown text a tree keeps, and how much it has kept.
struct Budget {
    held: usize,
    used: AtomicUsize,
    /// The site root, shared by the files not kept.
    at: Arc<bytes::Unkept>,
    /// The notes of the sources, where they are kept (see [`noted::kept_on`]).
    notes: Option<Notes>,
}

/// The notes of a build's sources (see [`noted`]).
struct Notes {
    /// What the last build noted of its files.
    last: noted::Last,
    /// When this build began reading.
    began: noted::Began,
    /// What this build noted of its files.
    noted: std::sync::Mutex<Vec<noted::Noted>>,
}

impl Budget {
    /// Whether more Markdown was read than the budget keeps.
    fn passed(&self) -> bool {
        self.used.load(Ordering::Relaxed) > self.held
    }

    /// The bodies of `files` kept within the budget, noted and not kept (see [`HELD_MARKDOWN`]).
    fn unhold(&self, files: &mut [(String, FileBytes)]) {
        for (_, bytes) in files.iter_mut().filter(|(key, _)| is_body(key)) {
            if let FileBytes::Text(text) = bytes {
                let file = bytes::Unheld::new(self.at.clone(), text.len(), &bytes::body_text(text));
                *bytes = FileBytes::Unheld(Arc::new(file));
            }
        }
    }

    /// The file `key` at `path`: if it is one the tree may note and not keep (see
    /// [`Budget::file_bytes`]) and the last build noted it in the state it is in, not read at
    /// all, only noted; else read (see [`Budget::file_bytes`]). With what is noted of it for
    /// the next build, if anything.
    fn read(&self, key: &str, path: &Path) -> std::io::Result<(FileBytes, Option<noted::Noted>)> {
        let notes = self.notes.as_ref().filter(|_| is_body(key) || is_parse_input(key));
        // (Its state is taken before it is read: a change after that is a change of state.)
        if let Some(notes) = notes.filter(|n| !n.last.is_empty()) {
            let meta = std::fs::symlink_metadata(path)?;
            let state = noted::state(&meta, notes.began);
            if let Some(noted) = state.and_then(|state| notes.last.find(key, state)) {
                let file = bytes::Unheld::noted(self.at.clone(), noted.len(), noted.note());
                return Ok((FileBytes::Unheld(Arc::new(file)), Some(noted)));
            }
        }
        let file = std::fs::File::open(path)?;
        let meta = file.metadata()?;
        let state = notes.and_then(|notes| noted::state(&meta, notes.began));
        let len = usize::try_from(meta.len()).unwrap_or(usize::MAX);
        let bytes = self.file_bytes(key, read_sized(file, len)?);
        let note = state.zip(bytes.note()).map(|(state, note)| noted::Noted::new(key, state, bytes.len(), note));
        Ok((bytes, note))
    }

    /// Keeps what was noted of the files of a folder, for the next build.
    fn noted(&self, noted: impl Iterator<Item = noted::Noted>) {
        if let Some(notes) = &self.notes {
            notes.noted.lock().unwrap_or_else(PoisonError::into_inner).extend(noted);
        }
    }

    /// The bytes of the file `key`, as [`file_bytes`] makes them, unless it is a Markdown body
    /// past the budget, or an item's data file: then noted, not kept.
    fn file_bytes(&self, key: &str, bytes: Vec<u8>) -> FileBytes {
        let body = is_body(key);
        if !body && !is_parse_input(key) {
            return file_bytes(key, bytes);
        }
        // (Markdown and YAML are text files: cleaned, and kept as text if they are UTF-8, as
        // `file_bytes` does.)
        FileBytes::keeping(clean_text(bytes), true, |text| {
            if body && self.used.fetch_add(text.len(), Ordering::Relaxed) + text.len() <= self.held {
                return FileBytes::Text(Arc::from(text));
            }
            let file = bytes::Unheld::new(self.at.clone(), text.len(), &bytes::body_text(text));
            FileBytes::Unheld(Arc::new(file))
        })
    }
}

/// Whether `key` is a body's file, as the parse names them.
fn is_body(key: &str) -> bool {
    key.starts_with("content/") && key.ends_with(".md")
}

/// Whether `key` is a data file the parse alone reads: the YAML file of an item of a folder of
/// `content/` (a theme, an area, a case study) or a progress table in text (YAML or CSV). It is
/// read once more by the parse, and otherwise only to show where a problem is, so a build does
/// not keep it (at N = 100,000 the case studies' YAML is some 130 MB and the progress tables 64
/// MB). The files directly in `content/` (`site.yaml`, which the limits come from, and the
/// rest) are kept.
fn is_parse_input(key: &str) -> bool {
    let Some(rest) = key.strip_prefix("content/").filter(|rest| rest.contains('/')) else { return false };
    // As the parse names them: a progress table by its extension in any case, an item's YAML
    // by its suffix.
    match rest.strip_prefix("progress/") {
        Some(table) => table
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ["yaml", "yml", "csv"].iter().any(|e| ext.eq_ignore_ascii_case(e))),
        None => rest.ends_with(".yaml") || rest.ends_with(".yml"),
    }
}

impl SourceTree {
    /// Now, for [`SourceTree::changed_since`].
    pub(crate) fn mark(&self) -> Mark {
        Mark(self.last_change.clone())
    }

    /// The files (and symbolic links) below `prefix` that changed, came or went since `mark`
    /// was taken of this tree (or of the copy it was made from), in path order, each once;
    /// `None` without a mark, or with one of another tree (a copy that went on by itself, a
    /// history since started anew), when everything must be looked at.
    ///
    /// A file written again with the very same bytes by [`SourceTree::insert`] is named too.
    pub(crate) fn changed_since(&self, mark: Option<&Mark>, prefix: &str) -> Option<Vec<String>> {
        let Mark(mark) = mark?;
        let mut at = &self.last_change;
        let mut changed = Vec::new();
        for _ in 0..at.count.checked_sub(mark.count)? {
            if at.path.starts_with(prefix) {
                changed.push(at.path.clone());
            }
            at = at.before.as_ref()?;
        }
        if !Arc::ptr_eq(at, mark) {
            return None;
        }
        changed.sort_unstable();
        changed.dedup();
        Some(changed)
    }

    /// Notes that the file (or symbolic link) at `path` changed, came or went.
    fn logged(&mut self, path: &str) {
        let before = if self.last_change.count >= LOGGED { Arc::default() } else { self.last_change.clone() };
        let count = before.count + 1;
        self.last_change = Arc::new(Change { path: path.to_string(), before: Some(before), count });
    }
}

impl crate::diag::SourceText for SourceTree {
    fn text(&self, file: &str) -> Option<Cow<'_, str>> {
        SourceTree::text_of(self, file)
    }
}

impl SourceTree {
    /// Symbolic links among the sources (root-relative), which are not read.
    pub fn links(&self) -> impl Iterator<Item = &str> {
        self.links.iter().map(String::as_str)
    }

    /// The number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the tree has no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether the tree has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The tree's own copy of the path `path`, if it has that file (borrowed as long as the tree).
    pub fn path(&self, path: &str) -> Option<&str> {
        self.files.get_key_value(path).map(|(k, _)| &**k)
    }

    /// Files whose path starts with `prefix` (e.g. `content/areas/`), in sorted order.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.entries(prefix).map(|(k, v)| (k, &**v))
    }

    /// Like [`SourceTree::under`], with the shared bytes.
    pub(crate) fn entries<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a FileBytes)> + 'a {
        self.entries_shared(prefix).map(|(k, v)| (&**k, v))
    }

    /// Like [`SourceTree::entries`], with the tree's own shared paths.
    pub(crate) fn entries_shared<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a Arc<str>, &'a FileBytes)> + 'a {
        use std::ops::Bound;
        self.files
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(move |(k, _)| k.starts_with(prefix))
    }

    /// Replaces or adds one file (used by tests and by `serve` after a change).
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let path = path.into();
        let bytes = file_bytes(&path, bytes.into());
        self.logged(&path);
        self.files.insert(Arc::from(path), bytes);
    }

    /// Re-reads the given root-relative paths from disk: changed files are replaced, new ones
    /// added, deleted ones removed (and a deleted directory removes everything below it). Paths
    /// outside the source directories and ignored names are skipped. Returns whether anything
    /// in the tree changed.
    pub fn refresh(&mut self, paths: &[String]) -> Result<bool, BuildError> {
        let mut changed = false;
        // A name a build refuses (see `walk`) is not read; the first is the error, once the
        // other paths are read.
        let mut refused = None;
        for rel in paths.iter().filter(|p| is_source(p)) {
            if let Err(e) = name_allowed(rel) {
                refused.get_or_insert(e);
                continue;
            }
            let full = self.root.join(rel);
            if full.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
                let was_file = self.files.remove(rel.as_str()).is_some();
                if self.links.insert(rel.clone()) || was_file {
                    self.logged(rel);
                    changed = true;
                }
                continue;
            }
            if self.links.remove(rel) {
                self.logged(rel);
                changed = true;
            }
            if full.is_dir() {
                // A directory created or renamed into place: read the files below it.
                let (files, links) = (&mut self.files, &mut self.links);
                let mut came = Vec::new();
                walk(&self.root, &full, None, |key, bytes| match bytes {
                    Some(bytes) if files.get(key.as_str()).is_none_or(|old| **old != *bytes) => {
                        files.insert(Arc::from(key.as_str()), bytes);
                        came.push(key);
                    }
                    Some(_) => {}
                    None => {
                        if links.insert(key.clone()) {
                            came.push(key);
                        }
                    }
                })?;
                changed |= !came.is_empty();
                came.iter().for_each(|p| self.logged(p));
                continue;
            }
            match std::fs::read(&full).map(|b| file_bytes(rel, b)) {
                Ok(bytes) => {
                    if self.files.get(rel.as_str()).is_none_or(|old| **old != *bytes) {
                        self.logged(rel);
                        self.files.insert(Arc::from(rel.as_str()), bytes);
                        changed = true;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let prefix = format!("{rel}/");
                    let mut went = Vec::new();
                    self.files.retain(|k, _| {
                        let gone = **k == **rel || k.starts_with(&prefix);
                        if gone {
                            went.push(k.to_string());
                        }
                        !gone
                    });
                    self.links.retain(|k| {
                        let gone = k == rel || k.starts_with(&prefix);
                        if gone {
                            went.push(k.clone());
                        }
                        !gone
                    });
                    changed |= !went.is_empty();
                    went.iter().for_each(|p| self.logged(p));
                }
                Err(e) => return Err(BuildError::Io { path: rel.clone(), message: crate::diag::io_error(&e) }),
            }
        }
        refused.map_or(Ok(changed), Err)
    }
}

/// The extensions of the text files editors write (content, templates, theme files).
const TEXT_EXTENSIONS: [&str; 9] = ["md", "markdown", "yaml", "yml", "csv", "html", "css", "js", "txt"];

/// The bytes of the file `path` as the tree keeps them: a text file's cleaned
/// ([`clean_text`]) and kept as text if they are UTF-8.
fn file_bytes(path: &str, bytes: Vec<u8>) -> FileBytes {
    let text = is_text_file(path);
    FileBytes::new(if text { clean_text(bytes) } else { bytes }, text)
}

/// Whether the file `path` is text by its extension.
fn is_text_file(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(ext))
}

/// A text file's bytes without what no text input may carry: a UTF-8 byte order mark at the
/// start (Windows editors add one; it would turn a first `# heading` into a paragraph) and NUL
/// bytes (which would reach pages as they are). Other files, and text in UTF-16 (which keeps
/// its own mark and is reported as not UTF-8 later), are left as they are.
fn clean_text(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return bytes;
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if memchr::memchr(0, &bytes).is_some() {
        bytes.retain(|b| *b != 0);
    }
    bytes
}

/// Whether a root-relative path is in a source folder and names no ignored file or folder.
pub(crate) fn is_source(rel: &str) -> bool {
    let first = rel.split('/').next().unwrap_or("");
    SOURCE_DIRS.contains(&first) && !rel.split('/').any(is_ignored)
}

/// How many source files are read at once, at least (see [`walk`]).
const READERS: usize = 16;
/// A folder of at least this many files is read by `READERS` threads of its own; a smaller
/// one by the build's threads (starting the readers would cost more than it saves).
const MANY_FILES: usize = 512;

/// Reads the files below `dir` (a source folder or a folder in one), in name order, giving each
/// to `found` with its root-relative key: with its bytes, or with `None` for a symbolic link,
/// which is not followed. Ignored names are skipped, and so is everything below an ignored
/// folder. The folders are listed first and the files then read in parallel, many at once (a
/// site of 10,000 case studies has some 30,000 of them); the first file in name order that
/// cannot be read is the error.
fn walk(
    root: &Path,
    dir: &Path,
    budget: Option<&Budget>,
    mut found: impl FnMut(String, Option<FileBytes>),
) -> Result<(), BuildError> {
    use rayon::prelude::*;
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_str().unwrap_or("")));
    // (key, path to read, or None for a symbolic link)
    let mut listed: Vec<(String, Option<PathBuf>)> = Vec::new();
    for entry in walker {
        let entry = entry.map_err(|e| BuildError::Io {
            path: rel_display(root, e.path().unwrap_or(dir)),
            message: crate::diag::walk_error(&e),
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        let key = relative_key(root, path).ok_or_else(|| BuildError::Io {
            path: rel_display(root, path),
            message: crate::diag::msg!("file-name-not-utf8"),
        })?;
        name_allowed(&key)?;
        let read = (!entry.path_is_symlink()).then(|| entry.into_path());
        listed.push((key, read));
    }
    type Read = Result<(Option<FileBytes>, Option<noted::Noted>), BuildError>;
    let read_all = || -> Vec<Read> {
        listed
            .par_iter()
            .map(|(key, path)| {
                let read = match (path, budget) {
                    (None, _) => return Ok((None, None)),
                    (Some(path), Some(budget)) => budget.read(key, path),
                    (Some(path), None) => std::fs::read(path).map(|bytes| (file_bytes(key, bytes), None)),
                };
                read.map(|(bytes, noted)| (Some(bytes), noted))
                    .map_err(|e| BuildError::Io { path: key.clone(), message: crate::diag::io_error(&e) })
            })
            .collect()
    };
    // Many files are read by more threads than there are cores: a file not in the page cache
    // keeps its thread waiting on the disk, and a disk (an SSD, a cloud volume) answers many
    // requests at once sooner than the same requests one or two at a time: at N = 10,000
    // (30,000 files) out of the page cache, 1.0-1.1 s against 1.6-2.1 s with two threads.
    let pool = (listed.len() >= MANY_FILES).then(|| {
        let readers = READERS.max(rayon::current_num_threads());
        rayon::ThreadPoolBuilder::new().num_threads(readers).thread_name(|i| format!("read-{i}")).build().ok()
    });
    let read = match pool.flatten() {
        Some(pool) => pool.install(read_all),
        None => read_all(),
    };
    let mut notes = Vec::new();
    for ((key, _), read) in listed.into_iter().zip(read) {
        let (bytes, noted) = read?;
        notes.extend(noted);
        found(key, bytes);
    }
    if let Some(budget) = budget {
        budget.noted(notes.into_iter());
    }
    Ok(())
}

/// Whether a file or directory name is an editor's or office program's temporary file, a backup
/// or a hidden file, which the build and the watcher both ignore.
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.contains("___jb_")
        || name == "4913"
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

/// A source's root-relative name, refused where it has a control character: a line break in a
/// name could forge a line of the output's manifest (claiming a file plansite did not write),
/// and any control character prints as a command in a terminal.
fn name_allowed(key: &str) -> Result<(), BuildError> {
    match key.contains(char::is_control) {
        true => Err(BuildError::Io { path: key.to_string(), message: crate::diag::msg!("file-name-control") }),
        false => Ok(()),
    }
}

fn relative_key(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

fn rel_display(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_and_office_temporary_files() {
        for name in
            [".DS_Store", "~$2024.xlsx", ".~lock.a.xlsx#", "#a.md#", "a.md~", "a.yaml.swp", "4913", "x___jb_tmp___"]
        {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["chuo.yaml", "chuo.ja.md", "2024.xlsx"] {
            assert!(!is_ignored(name), "{name}");
        }
    }

    #[test]
    fn text_inputs_lose_their_byte_order_mark_and_nul_bytes() {
        let t = SourceTree::from_files(
            Path::new("/r"),
            [
                ("content/a.ja.md", b"\xEF\xBB\xBF# \xE8\xA6\x8B\0\x00x\n".to_vec()),
                ("content/b.yaml", b"\xEF\xBB\xBFtitle: a\0\n".to_vec()),
                ("content/c.png", b"\xEF\xBB\xBF\0".to_vec()),
                ("content/d.csv", b"\xFF\xFEa\0".to_vec()),
            ],
        );
        assert_eq!(t.text("content/a.ja.md"), Some("# 見x\n"));
        assert_eq!(t.text("content/b.yaml"), Some("title: a\n"));
        assert_eq!(t.get("content/c.png"), Some(&b"\xEF\xBB\xBF\0"[..]), "media is left alone");
        assert_eq!(t.get("content/d.csv"), Some(&b"\xFF\xFEa\0"[..]), "UTF-16 is left to be reported");
    }

    // A folder of more files than `MANY_FILES` is read by the readers' own pool: every file in
    // name order with its own bytes (cleaned as text), a symbolic link listed and not read, an
    // ignored file left out.
    #[test]
    fn many_files_are_read_at_once_and_kept_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("content/cases");
        std::fs::create_dir_all(&cases).unwrap();
        let n = MANY_FILES + 88;
        for i in (0..n).rev() {
            std::fs::write(cases.join(format!("c-{i:04}.ja.md")), format!("\u{feff}# 事例{i}\n")).unwrap();
        }
        std::fs::write(cases.join("c-0001.ja.md~"), "backup").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/passwd", cases.join("c-0002.yaml")).unwrap();
        let tree = SourceTree::load(dir.path()).unwrap();
        let keys: Vec<&str> = tree.under("content/cases/").map(|(k, _)| k).collect();
        let want: Vec<String> = (0..n).map(|i| format!("content/cases/c-{i:04}.ja.md")).collect();
        assert_eq!(keys, want);
        for i in [0, 1, 255, 511, n - 1] {
            assert_eq!(tree.text(&format!("content/cases/c-{i:04}.ja.md")), Some(format!("# 事例{i}\n").as_str()));
        }
        #[cfg(unix)]
        assert_eq!(tree.links().collect::<Vec<_>>(), ["content/cases/c-0002.yaml"]);
    }

    // A build's tree keeps the Markdown under `content/` if all of it is within its budget,
    // and else notes every body (its length too, which the limits check); it notes the items'
    // YAML and the progress tables in text whatever the budget, and keeps `site.yaml`,
    // spreadsheets and the files outside `content/`.
    #[test]
    fn a_builds_tree_keeps_all_its_markdown_within_its_budget_and_no_items_yaml() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            ("content/a.ja.md", "# 見守り\r\n本文\r\n"),
            ("content/b.ja.md", "# 子育て\n本文\n"),
            ("content/cases/e.yaml", "title: e\r\n"),
            ("content/progress/2024/f.yaml", "items: []\n"),
            ("content/progress/2024/g.CSV", "区,事業\n中央,見守り\n"),
            ("content/progress/2024/i.YML", "items: []\n"),
            ("content/c.yaml", "title: c\n"),
            ("content/progress/2024/h.xlsx", "PK"),
            ("templates/d.md", "# d\n"),
        ];
        for (path, text) in files {
            std::fs::create_dir_all(dir.path().join(path).parent().unwrap()).unwrap();
            std::fs::write(dir.path().join(path), text).unwrap();
        }
        let unheld = |t: &SourceTree| {
            files.iter().filter(|(p, _)| matches!(t.get_shared(p), Some(FileBytes::Unheld(_)))).count()
        };
        let none = SourceTree::load_holding(dir.path(), 0).unwrap();
        assert_eq!(unheld(&none), 6);
        for (path, text) in &files[6..] {
            assert_eq!(none.get(path), Some(text.as_bytes()), "kept: {path}");
        }
        for (path, text) in &files[..6] {
            assert_eq!(none.get_shared(path).unwrap().len(), text.len());
            assert_eq!(none.text_of(path).as_deref(), Some(*text));
        }
        // All the Markdown fits, or none is kept.
        let markdown = files[0].1.len() + files[1].1.len();
        assert_eq!(unheld(&SourceTree::load_holding(dir.path(), markdown).unwrap()), 4);
        let short = SourceTree::load_holding(dir.path(), markdown - 1).unwrap();
        assert_eq!(unheld(&short), 6);
        assert_eq!(short.text_of("content/a.ja.md").as_deref(), Some(files[0].1));
        assert_eq!(unheld(&SourceTree::load_for_build(dir.path()).unwrap()), 4);
        assert_eq!(unheld(&SourceTree::load(dir.path()).unwrap()), 0);
        assert!(none.unread().is_none());
        // Line ends made `\n` are the same body; another text is not.
        std::fs::write(dir.path().join("content/a.ja.md"), "# 見守り\n本文\n").unwrap();
        assert_eq!(none.text_of("content/a.ja.md").as_deref(), Some("# 見守り\n本文\n"));
        assert!(none.unread().is_none());
        std::fs::write(dir.path().join("content/a.ja.md"), "# 見守り\n本文を直した\n").unwrap();
        assert_eq!(none.text_of("content/a.ja.md"), None);
        let Some(BuildError::Io { path, .. }) = none.unread() else { panic!("not noted") };
        assert_eq!(path, "content/a.ja.md");
    }

    // A build's tree notes every body and item's data file it read, by its state; read again
    // with those notes (written as a build writes them), a file in the state noted is not read,
    // only noted as it was (a body within the budget too), and its text is read where it is
    // needed; a file changed since, and a file that came, are read. Notes of another program,
    // or of a file that changed too shortly before the read began, are none.
    #[test]
    fn a_file_in_the_state_the_last_build_noted_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files = [
            ("content/a.ja.md", "# 見守り\r\n本文\r\n"),
            ("content/b.ja.md", "{犢橋|こてはし}の集い\n"),
            ("content/cases/e.yaml", "title: e\n"),
            ("content/progress/2024/f.csv", "区,事業\n"),
            ("content/site.yaml", "title: s\n"),
            ("templates/t.html", "<p>t</p>\n"),
        ];
        for (path, text) in files {
            std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
            std::fs::write(root.join(path), text).unwrap();
        }
        let later = noted::Began::after(noted::RECENT * 2);
        let write = |tree: &SourceTree| {
            let fresh = tree.take_noted().unwrap();
            assert!(tree.take_noted().is_none(), "taken once");
            crate::output::cache::write_sources(root, &fresh).unwrap();
            fresh
        };
        let first = SourceTree::load_began(root, later).unwrap();
        let fresh = write(&first);
        assert_eq!((fresh.len(), fresh.same), (4, false));
        assert!(matches!(first.get_shared("content/a.ja.md"), Some(FileBytes::Text(_))));
        let kind = |t: &SourceTree, p: &str| match t.get_shared(p) {
            Some(FileBytes::Text(_)) => "read",
            Some(FileBytes::Unheld(_)) => "noted",
            _ => "other",
        };
        let second = SourceTree::load_began(root, later).unwrap();
        for (path, text) in &files[..4] {
            assert_eq!(kind(&second, path), "noted", "{path}");
            assert_eq!(second.get_shared(path).unwrap().len(), text.len());
            assert_eq!(second.text_of(path).as_deref(), Some(*text));
        }
        let (Some(FileBytes::Unheld(b)), Some(FileBytes::Text(text))) =
            (second.get_shared("content/b.ja.md"), first.get_shared("content/b.ja.md"))
        else {
            panic!()
        };
        assert_eq!(b.note(), TextNote::of(text));
        assert_eq!(kind(&second, "content/site.yaml"), "read");
        assert_eq!(kind(&second, "templates/t.html"), "read");
        assert!(write(&second).same, "the same notes");
        assert!(second.unread().is_none());
        // Changed (to a text of the same length: another inode, as an editor saving by renaming
        // writes it), and a file come since.
        let a = root.join("content/a.ja.md");
        std::fs::write(root.join("content/a.tmp"), "# 見守る\r\n本文\r\n").unwrap();
        std::fs::rename(root.join("content/a.tmp"), &a).unwrap();
        std::fs::write(root.join("content/c.ja.md"), "# 子育て\n").unwrap();
        let third = SourceTree::load_began(root, later).unwrap();
        assert_eq!(third.text("content/a.ja.md"), Some("# 見守る\r\n本文\r\n"));
        assert_eq!(kind(&third, "content/c.ja.md"), "read");
        assert_eq!(kind(&third, "content/b.ja.md"), "noted");
        let fresh = write(&third);
        assert_eq!((fresh.len(), fresh.same), (5, false));
        // Notes of another program: every body read.
        let notes = root.join(cache::SOURCES);
        let bytes = std::fs::read(&notes).unwrap();
        let body = &bytes[bytes.iter().position(|b| *b == b'\n').unwrap() + 1..];
        std::fs::write(&notes, [b"# plansite sources v0\n".as_slice(), body].concat()).unwrap();
        let fourth = SourceTree::load_began(root, later).unwrap();
        for path in ["content/a.ja.md", "content/b.ja.md", "content/c.ja.md"] {
            assert_eq!(kind(&fourth, path), "read", "{path}");
        }
        // What the tree has of a file in the state noted is the note, not the file read (an
        // item's YAML file is not kept either way): a note that is not the file's text (as no
        // build writes one) is found out where the text is read, and the build fails.
        let yaml = "content/cases/e.yaml";
        let state = noted::state(&std::fs::metadata(root.join(yaml)).unwrap(), later).unwrap();
        let forged = TextNote { hash: 1, ..TextNote::of("title: e\n") };
        let fresh = noted::Fresh::new(vec![noted::Noted::new(yaml, state, 9, forged)], &noted::Last::default());
        crate::output::cache::write_sources(root, &fresh).unwrap();
        let fifth = SourceTree::load_began(root, later).unwrap();
        let Some(FileBytes::Unheld(e)) = fifth.get_shared(yaml) else { panic!() };
        assert_eq!(e.note(), forged);
        assert_eq!(fifth.text_of(yaml), None);
        let Some(BuildError::Io { path, .. }) = fifth.unread() else { panic!("not noted") };
        assert_eq!(path, yaml);
        // A build that began now: every file changed too shortly before to be noted.
        assert_eq!(SourceTree::load_for_build(root).unwrap().take_noted().unwrap().len(), 0);
        // Let go of where nothing writes them (`check`).
        let checked = SourceTree::load_began(root, later).unwrap();
        checked.forget_noted();
        assert!(checked.take_noted().is_none());
        assert!(SourceTree::load(root).unwrap().take_noted().is_none(), "only a build's tree notes");
    }

    #[test]
    fn lists_files_under_a_prefix_in_order() {
        let t = SourceTree::from_files(
            Path::new("/r"),
            [("content/b.yaml", "b"), ("content/a.yaml", "a"), ("contents.txt", "x")],
        );
        let names: Vec<&str> = t.under("content/").map(|(k, _)| k).collect();
        assert_eq!(names, ["content/a.yaml", "content/b.yaml"]);
    }

    // Since a mark, the tree names the files that changed, came or went below a prefix, each
    // once and in path order; without a mark, or with one of another tree (a copy that went on
    // by itself, a tree read again), it asks for a look at everything.
    #[test]
    fn a_tree_names_the_files_changed_since_a_mark() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/cases")).unwrap();
        for (p, b) in [("content/a.yaml", "a"), ("content/b.md", "b"), ("content/c.md", "c")] {
            std::fs::write(root.join(p), b).unwrap();
        }
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(root.join("templates/t.html"), "t").unwrap();
        let mut tree = SourceTree::load(root).unwrap();
        let names = |v: &[&str]| Some(v.iter().map(|p| p.to_string()).collect::<Vec<_>>());
        let since = |tree: &SourceTree, mark: &mut Option<Mark>| {
            let changed = tree.changed_since(mark.as_ref(), "content/");
            *mark = Some(tree.mark());
            changed
        };
        let mut mark = None;
        assert_eq!(since(&tree, &mut mark), None, "no mark yet");
        assert_eq!(since(&tree, &mut mark), names(&[]));
        tree.insert("content/b.md", "b2");
        tree.insert("templates/t.html", "t2");
        assert_eq!(since(&tree, &mut mark), names(&["content/b.md"]), "only below the prefix");
        assert_eq!(since(&tree, &mut mark), names(&[]), "up to date");
        // Two edits of one file are named once, in path order with the others.
        tree.insert("content/c.md", "c2");
        tree.insert("content/a.yaml", "a");
        tree.insert("content/c.md", "c3");
        assert_eq!(since(&tree, &mut mark), names(&["content/a.yaml", "content/c.md"]));
        // Read again from disk: a file with the same bytes is no change; one changed, one
        // gone, a folder of new files.
        std::fs::write(root.join("content/a.yaml"), "a").unwrap();
        std::fs::write(root.join("content/b.md"), "b5").unwrap();
        std::fs::remove_file(root.join("content/c.md")).unwrap();
        std::fs::write(root.join("content/cases/x.yaml"), "x").unwrap();
        std::fs::write(root.join("content/cases/x.ja.md"), "x").unwrap();
        let paths = ["content/a.yaml", "content/b.md", "content/c.md", "content/cases"].map(String::from);
        assert!(tree.refresh(&paths).unwrap());
        let both = names(&["content/b.md", "content/c.md", "content/cases/x.ja.md", "content/cases/x.yaml"]);
        assert_eq!(since(&tree, &mut mark), both);
        // A folder removed names each file that was in it.
        std::fs::remove_dir_all(root.join("content/cases")).unwrap();
        assert!(tree.refresh(&["content/cases".to_string()]).unwrap());
        assert_eq!(since(&tree, &mut mark), names(&["content/cases/x.ja.md", "content/cases/x.yaml"]));
        assert!(!tree.refresh(&["content/a.yaml".to_string()]).unwrap());
        assert_eq!(since(&tree, &mut mark), names(&[]));
        // A symbolic link that came, and one that went, are named as files are.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/passwd", root.join("content/e.md")).unwrap();
            assert!(tree.refresh(&["content/e.md".to_string()]).unwrap());
            assert_eq!(since(&tree, &mut mark), names(&["content/e.md"]), "a link came");
            std::fs::remove_file(root.join("content/e.md")).unwrap();
            assert!(tree.refresh(&["content/e.md".to_string()]).unwrap());
            assert_eq!(since(&tree, &mut mark), names(&["content/e.md"]), "a link went");
        }
        // A name a build refuses (a control character) is not read, and is the error; the other
        // paths of the same batch are read.
        std::fs::write(root.join("content/x\n1 2 .htaccess"), "x").unwrap();
        std::fs::write(root.join("content/a.yaml"), "a2").unwrap();
        let err = tree.refresh(&["content/x\n1 2 .htaccess", "content/a.yaml"].map(String::from)).unwrap_err();
        assert!(err.to_string().contains("control character"), "{err}");
        assert_eq!(since(&tree, &mut mark), names(&["content/a.yaml"]));
        std::fs::remove_file(root.join("content/x\n1 2 .htaccess")).unwrap();
        // A copy shares the changes it was made with; one that went on by itself is another
        // tree.
        let mut copy = tree.clone();
        assert_eq!(copy.changed_since(mark.as_ref(), "content/"), names(&[]), "a copy as it was made");
        copy.insert("content/b.md", "apart");
        let copy_mark = copy.mark();
        assert_eq!(copy.changed_since(mark.as_ref(), "content/"), names(&["content/b.md"]), "a copy's own edit");
        tree.insert("content/a.yaml", "own");
        assert_eq!(tree.changed_since(Some(&copy_mark), "content/"), None, "a mark of the copy in the tree");
        assert_eq!(copy.changed_since(Some(&tree.mark()), "content/"), None, "a mark of the tree in the copy");
        assert_eq!(since(&tree, &mut mark), names(&["content/a.yaml"]), "the copy's edit is not the tree's");
        // A tree read again is another tree.
        assert_eq!(SourceTree::load(root).unwrap().changed_since(mark.as_ref(), "content/"), None);
        // A log that grew too long starts anew, and its old marks ask for everything.
        for i in 0..LOGGED {
            tree.insert(format!("content/many-{}.md", i % 3), "m");
        }
        assert_eq!(since(&tree, &mut mark), None, "the log started anew");
        tree.insert("content/d.md", "d");
        assert_eq!(since(&tree, &mut mark), names(&["content/d.md"]));
    }

    // Whatever a tree and its copies went through, a mark's changes name every file whose
    // bytes are not the very ones the tree had at the mark (changed, came or went), or ask for
    // a look at everything; and name nothing that was not written since.
    proptest::proptest! {
        #[test]
        fn the_changes_since_a_mark_name_every_file_that_differs(
            steps in proptest::collection::vec((0u8..6, 0usize..6, 0usize..3), 1..60)
        ) {
            type Files = BTreeMap<Arc<str>, FileBytes>;
            let path = |i: usize| format!("content/f{i}.md");
            let mut trees = vec![SourceTree::from_files(Path::new("/r"), [(path(0), "0")])];
            // Each mark with the tree it was taken of, the files then, and every path written
            // since in any tree (in that tree, a superset of what the mark may name).
            let mut marks: Vec<(usize, Mark, Files, std::collections::BTreeSet<String>)> = Vec::new();
            for (op, i, t) in steps {
                let t = t % trees.len();
                match op {
                    0 | 1 => {
                        trees[t].insert(path(i), format!("{i}-{op}"));
                        marks.iter_mut().for_each(|m| { m.3.insert(path(i)); });
                    }
                    2 => {
                        if trees[t].files.remove(path(i).as_str()).is_some() {
                            trees[t].logged(&path(i));
                        }
                        marks.iter_mut().for_each(|m| { m.3.insert(path(i)); });
                    }
                    3 => marks.push((t, trees[t].mark(), trees[t].files.clone(), Default::default())),
                    4 if trees.len() < 3 => trees.push(trees[t].clone()),
                    _ => {}
                }
                for (n, tree) in trees.iter().enumerate() {
                    for (of, mark, then, written) in &marks {
                        let Some(named) = tree.changed_since(Some(mark), "content/") else { continue };
                        let differs = then.iter().filter(|(p, b)| tree.files.get(*p).is_none_or(|now| !FileBytes::same(now, b)))
                            .map(|(p, _)| p)
                            .chain(tree.files.keys().filter(|p| !then.contains_key(*p)));
                        for p in differs {
                            proptest::prop_assert!(named.contains(&p.to_string()), "{p} differs, not named: {named:?}");
                        }
                        for p in named.iter().filter(|_| *of == n) {
                            proptest::prop_assert!(written.contains(p), "{p} named, never written since");
                        }
                    }
                }
            }
        }
    }
}
