//! The rendered site in memory, and writing it to disk atomically: the last stage.

mod atomic;
pub(crate) mod cache;
pub(crate) mod create;
mod files;
pub(crate) mod generated;
pub(crate) mod guard;
mod in_place;
mod inside;

pub(crate) use atomic::write_site;
pub use atomic::WriteReport;
pub use guard::Destination;

use std::collections::BTreeMap;
use std::sync::Arc;

/// Every file of the built site: path relative to the output directory (`ja/index.html`) → bytes.
/// Sorted, so writing and hashing it is deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedSite {
    /// Shared, so a rebuild can reuse an unchanged page's bytes without copying them.
    files: BTreeMap<String, Arc<[u8]>>,
}

impl RenderedSite {
    /// Adds or replaces the file at `path`.
    pub fn insert(&mut self, path: String, bytes: impl Into<Arc<[u8]>>) {
        self.files.insert(path, bytes.into());
    }

    /// The bytes of the file at `path`.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| &**b)
    }

    /// Every file (path, bytes) in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), &**v))
    }

    /// Every file (path, shared bytes) in path order: an unchanged page of a rebuild is the
    /// very same allocation as the last build's.
    pub(crate) fn iter_shared(&self) -> impl Iterator<Item = (&str, &Arc<[u8]>)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v))
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
