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
    /// In path order, each path once. Shared, so a rebuild can reuse an unchanged page's bytes
    /// without copying them. A list, not a map: at N = 100,000 (235,000 files) the map was
    /// made from the sorted list of the render's files, and the list, the sort's room and the
    /// map's nodes (some 30 MB) were held at once at the render's end, the build's peak then.
    files: Vec<(String, Stored)>,
    /// Where the files that are not in memory are.
    spill: Option<Arc<spill::Spill>>,
    /// Where `serve` keeps the pages past its memory budget.
    held: Option<Arc<held::PageStore>>,
}

/// Of the files of one path in a list sorted by path (stably), the last added, alone.
fn last_of_each(files: &mut Vec<(String, Stored)>) {
    crate::reuse::keep_last_of_each(files, |a, b| a.0 == b.0);
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
        self.insert_stored(path, Stored::Bytes(bytes.into()));
    }

    /// Adds a file as `spill` stored it (or as bytes, without one). One file at a time: many
    /// are added with [`RenderedSite::add_all`].
    pub(crate) fn insert_stored(&mut self, path: String, stored: Stored) {
        match self.place(&path) {
            Ok(at) => self.files[at].1 = stored,
            Err(at) => self.files.insert(at, (path, stored)),
        }
    }

    /// Adds or replaces the files `more` (of a path given twice, the last), in one pass over
    /// the site's files, in place: the new ones are merged in from the end.
    pub(crate) fn add_all(&mut self, mut more: Vec<(String, Stored)>) {
        more.sort_by(|a, b| a.0.cmp(&b.0));
        last_of_each(&mut more);
        let mut fresh = Vec::with_capacity(more.len());
        for (path, stored) in more {
            match self.place(&path) {
                Ok(at) => self.files[at].1 = stored,
                Err(_) => fresh.push((path, stored)),
            }
        }
        // Room at the end, then from the end down each place takes the larger of the last
        // file not yet placed and the last new one. (The room just for them: grown by doubling,
        // the list of N = 100,000's 235,000 files had room for 460,000, 11 MB held empty from
        // the render's end through the check.)
        self.files.reserve_exact(fresh.len());
        let (mut old, mut k) = (self.files.len(), self.files.len() + fresh.len());
        self.files.resize_with(k, || (String::new(), Stored::Kept { hash: 0, len: 0 }));
        while let Some(new) = fresh.pop() {
            while old > 0 && self.files[old - 1].0 > new.0 {
                self.files.swap(old - 1, k - 1);
                old -= 1;
                k -= 1;
            }
            self.files[k - 1] = new;
            k -= 1;
        }
    }

    /// Where `path` is in the files, or where it would go.
    fn place(&self, path: &str) -> Result<usize, usize> {
        self.files.binary_search_by(|(p, _)| p.as_str().cmp(path))
    }

    /// A site of `files` (in any order), those not in memory in `spill`'s places: made in one go
    /// from the sorted list (`serve` makes the site of some 20,000 pages anew at every rebuild,
    /// in the order of the last, which `order` keeps).
    pub(crate) fn of(
        files: Vec<(String, Stored)>,
        spill: Option<Arc<spill::Spill>>,
        order: &crate::reuse::LastOrder,
    ) -> RenderedSite {
        let mut files = order.sort(files, |a, b| a.0.cmp(&b.0));
        last_of_each(&mut files);
        RenderedSite { files, spill, held: None }
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
        match &self.files.get(self.place(path).ok()?)?.1 {
            Stored::Bytes(b) => Some(std::borrow::Cow::Borrowed(b)),
            Stored::Held { at, len } => self.held.as_ref()?.read(*at, *len).map(std::borrow::Cow::Owned),
            stored => self.spill.as_ref()?.read(path, stored).map(std::borrow::Cow::Owned),
        }
    }

    /// Whether the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.place(path).is_ok()
    }

    /// Every path, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|(path, _)| path.as_str())
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
        self.paths().filter(|k| k.ends_with(".html")).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A site made from files in any order, a path given twice keeping the last; files added
    // one at a time or many at once (new ones before, between and after the others, one
    // replaced, one given twice) go to their places in path order, with no room left over.
    #[test]
    fn files_are_kept_in_path_order_the_last_of_a_path_kept() {
        let file = |path: &str, text: &str| (path.to_string(), Stored::Bytes(Arc::from(text.as_bytes())));
        let order = crate::reuse::LastOrder::default();
        let mut site =
            RenderedSite::of(vec![file("c", "1"), file("a", "2"), file("e", "3"), file("a", "4")], None, &order);
        let text = |site: &RenderedSite, path: &str| site.get(path).map(|b| String::from_utf8(b.to_vec()).unwrap());
        assert_eq!(site.paths().collect::<Vec<_>>(), ["a", "c", "e"]);
        assert_eq!(text(&site, "a").as_deref(), Some("4"));
        site.add_all(vec![
            file("f", "5"),
            file("b", "6"),
            file("c", "7"),
            file("0", "8"),
            file("d", "9"),
            file("b", "10"),
        ]);
        assert_eq!(site.paths().collect::<Vec<_>>(), ["0", "a", "b", "c", "d", "e", "f"]);
        let texts: Vec<_> = site.paths().map(|p| text(&site, p).unwrap()).collect();
        assert_eq!(texts, ["8", "4", "10", "7", "9", "3", "5"]);
        // In a list of their own size (grown by doubling it would have room for eight).
        assert_eq!(site.files.capacity(), 7);
        site.insert("bb".into(), b"11".to_vec());
        site.insert("0".into(), b"12".to_vec());
        assert_eq!(site.paths().collect::<Vec<_>>(), ["0", "a", "b", "bb", "c", "d", "e", "f"]);
        assert_eq!((text(&site, "0").as_deref(), text(&site, "bb").as_deref()), (Some("12"), Some("11")));
        assert!(site.contains("d") && !site.contains("g") && site.get("g").is_none());
        site.add_all(Vec::new());
        assert_eq!(site.len(), 8);
    }
}
