//! The rendered site in memory, and writing it to disk atomically: the last stage.

mod atomic;
pub(crate) mod cache;
pub(crate) mod create;
mod files;
pub(crate) mod generated;
pub(crate) mod guard;
pub(crate) mod held;
mod in_place;
mod inside;
pub(crate) mod spill;

pub(crate) use atomic::write_site;
pub use atomic::WriteReport;
pub use guard::Destination;

/// The stage a build into `dest` writes its pages into as it renders them (see [`spill`]),
/// after cleaning up what stopped builds left; `None` where the pages must stay in memory.
pub(crate) fn open_stage(dest: &Destination) -> Result<Option<spill::Spill>, crate::error::BuildError> {
    spill::Spill::open(dest, atomic::recover)
}

use std::collections::BTreeMap;
use std::sync::Arc;

/// A file of the built site: its bytes in memory, or, in a build that writes its pages as they
/// are rendered ([`spill::Spill`]), where they already are on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stored {
    /// In memory (every file of `serve` and of a compile in memory).
    Bytes(Arc<[u8]>),
    /// Written into the stage as soon as it was rendered: its hash and size.
    Staged { hash: u64, len: u64 },
    /// The same as the last build's file in the output, which stays as it is: hash and size.
    Kept { hash: u64, len: u64 },
    /// Kept on disk by `serve` past its memory budget ([`held::PageStore`]): where in its file,
    /// and the size.
    Held { at: u64, len: u64 },
}

impl Stored {
    /// The hash of a file already on disk (staged or kept); `None` for one in memory, which
    /// no next build can find where it is.
    pub(crate) fn hash_on_disk(&self) -> Option<u64> {
        match self {
            Stored::Bytes(_) | Stored::Held { .. } => None,
            Stored::Staged { hash, .. } | Stored::Kept { hash, .. } => Some(*hash),
        }
    }
}

/// Every file of the built site: path relative to the output directory (`ja/index.html`) → its
/// bytes, in memory or on disk ([`Stored`]). Sorted, so writing and hashing it is deterministic.
#[derive(Debug, Clone, Default)]
pub struct RenderedSite {
    /// Shared, so a rebuild can reuse an unchanged page's bytes without copying them.
    files: BTreeMap<String, Stored>,
    /// Where the files that are not in memory are.
    spill: Option<Arc<spill::Spill>>,
    /// Where `serve` keeps the pages past its memory budget.
    held: Option<Arc<held::PageStore>>,
}

impl PartialEq for RenderedSite {
    fn eq(&self, other: &Self) -> bool {
        self.files.len() == other.files.len()
            && self.paths().zip(other.paths()).all(|(a, b)| a == b && self.get(a) == other.get(b))
    }
}

impl Eq for RenderedSite {}

impl RenderedSite {
    /// Adds or replaces the file at `path`.
    pub fn insert(&mut self, path: String, bytes: impl Into<Arc<[u8]>>) {
        self.files.insert(path, Stored::Bytes(bytes.into()));
    }

    /// Adds a file as `spill` stored it (or as bytes, without one).
    pub(crate) fn insert_stored(&mut self, path: String, stored: Stored) {
        self.files.insert(path, stored);
    }

    /// A site of `files` (in any order), those not in memory in `spill`'s places: made in one go
    /// from the sorted list (`serve` makes the site of some 20,000 pages anew at every rebuild,
    /// in the order of the last, which `order` keeps).
    pub(crate) fn of(
        files: Vec<(String, Stored)>,
        spill: Option<Arc<spill::Spill>>,
        order: &crate::reuse::LastOrder,
    ) -> RenderedSite {
        RenderedSite { files: order.sort(files, |a, b| a.0.cmp(&b.0)).into_iter().collect(), spill, held: None }
    }

    /// Pages `serve` keeps on disk are in `store`.
    pub(crate) fn held_in(&mut self, store: Option<Arc<held::PageStore>>) {
        self.held = store;
    }

    /// Files not in memory are in `spill`'s places.
    pub(crate) fn on_disk_in(&mut self, spill: Option<Arc<spill::Spill>>) {
        self.spill = spill;
    }

    /// The bytes of the file at `path`: borrowed when in memory, else read from where the build
    /// put it (`None` too if that cannot be read).
    pub fn get(&self, path: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        match self.files.get(path)? {
            Stored::Bytes(b) => Some(std::borrow::Cow::Borrowed(b)),
            Stored::Held { at, len } => self.held.as_ref()?.read(*at, *len).map(std::borrow::Cow::Owned),
            stored => self.spill.as_ref()?.read(path, stored).map(std::borrow::Cow::Owned),
        }
    }

    /// Whether the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Every path, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Every file (path, bytes) in path order; files on disk are read as they come.
    pub fn iter(&self) -> impl Iterator<Item = (&str, std::borrow::Cow<'_, [u8]>)> {
        self.paths().filter_map(|p| Some((p, self.get(p)?)))
    }

    /// Every file (path, how it is stored) in path order: an unchanged page of a rebuild is the
    /// very same allocation as the last build's.
    pub(crate) fn stored(&self) -> impl Iterator<Item = (&str, &Stored)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Where the files not in memory are.
    pub(crate) fn spill(&self) -> Option<&spill::Spill> {
        self.spill.as_deref()
    }

    /// The stage the render stage wrote files into, until the site is written.
    pub(crate) fn stage_dir(&self) -> Option<&std::path::Path> {
        self.spill.as_deref().and_then(spill::Spill::stage)
    }

    /// Where a file stored on disk is now.
    pub(crate) fn path_of(&self, rel: &str, stored: &Stored) -> Option<std::path::PathBuf> {
        self.spill.as_deref()?.path_of(rel, stored)
    }

    /// The number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".html")).count()
    }
}
