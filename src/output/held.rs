//! The pages `serve` keeps on disk rather than in memory, past a budget: at N = 100,000 the
//! rendered pages alone are some 3.4 GB, which a preview used to hold in memory whole.
//!
//! Each page rendered while the pages held in memory stay under the budget is kept in memory as
//! before ([`Stored::Bytes`]); a page beyond it is written into one file, and only where it is
//! there stays in memory ([`Stored::Held`]). That file is made in the site root's cache
//! (`.plansite-cache/`, on the same disk as the content, where a build's cache is) and removed
//! from its folder at once, while the preview keeps it open: nobody else can find it, and the
//! system frees it when the preview stops, however it stops (Ctrl-C, a kill, a crash), so a
//! preview leaves nothing behind. Pages are only ever added at its end, so a request still
//! reading the last build's site reads what that build made. The room of a page replaced by a
//! newer one is given back to the file system once no site served or just taken out of
//! service names it (a hole punched in the file, on Linux; elsewhere the file keeps growing
//! with each page made anew until the preview stops). Where no such file can be made, or on a
//! system without positioned reads and writes, every page stays in memory.

use super::Stored;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Where the pages past the budget go, and how many bytes of pages are in memory.
#[derive(Debug)]
pub(crate) struct PageStore {
    /// The folder the file is made in.
    cache: PathBuf,
    /// The file, made on the first page past the budget (a preview within it writes nothing);
    /// `None` if it could not be made.
    file: OnceLock<Option<std::fs::File>>,
    /// Where the next page goes in the file.
    end: AtomicU64,
    budget: u64,
    in_memory: AtomicU64,
    /// Pages of the file replaced or gone since the last site was served (see
    /// [`PageStore::served`]): a site still served may name them.
    released: Mutex<Vec<(u64, u64)>>,
    /// Those released before the last site was served, given back when the next is.
    to_free: Mutex<Vec<(u64, u64)>>,
}

impl PageStore {
    /// The store of a preview of the site root `root`, keeping up to `budget` bytes of pages in
    /// memory.
    pub(crate) fn open(root: &Path, budget: u64) -> PageStore {
        PageStore {
            cache: root.join(crate::source::cache::CACHE),
            file: OnceLock::new(),
            end: AtomicU64::new(0),
            budget,
            in_memory: AtomicU64::new(0),
            released: Mutex::new(Vec::new()),
            to_free: Mutex::new(Vec::new()),
        }
    }

    /// How `bytes` are kept: in memory while the pages in memory stay within the budget (or
    /// when `may_hold` is false: a page that must stay in memory), else written to the file.
    /// A page that cannot be written there stays in memory.
    pub(crate) fn keep(&self, bytes: Arc<[u8]>, may_hold: bool) -> Stored {
        let len = bytes.len() as u64;
        let before = self.in_memory.fetch_add(len, Ordering::Relaxed);
        if !may_hold || before.saturating_add(len) <= self.budget {
            return Stored::Bytes(bytes);
        }
        let at = self.end.fetch_add(len, Ordering::Relaxed);
        match self.file().map(|f| write_at(f, &bytes, at)) {
            Some(Ok(())) => {
                self.in_memory.fetch_sub(len, Ordering::Relaxed);
                Stored::Held { at, len }
            }
            _ => Stored::Bytes(bytes),
        }
    }

    /// `stored` is no longer kept (replaced by a newer page, or the page is gone): its memory
    /// counts no more at once; its room in the file is given back two sites later (see
    /// [`PageStore::served`]).
    pub(crate) fn release(&self, stored: &Stored) {
        match stored {
            Stored::Bytes(b) => {
                let len = b.len() as u64;
                let _ =
                    self.in_memory.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| Some(n.saturating_sub(len)));
            }
            Stored::Held { at, len } => {
                if let Ok(mut released) = self.released.lock() {
                    released.push((*at, *len));
                }
            }
            _ => {}
        }
    }

    /// A new site is served. The pages released before the last site was served are given
    /// back now: neither site names them (a rebuild releases only pages it replaced, of the
    /// sites before it; one that fails serves nothing, and its pages wait with it), and the
    /// site before the last one, which a request may have been reading until then, was taken
    /// out of service when the last was served. Returns how many pages' room the file system
    /// took back.
    pub(crate) fn served(&self) -> usize {
        let (Ok(mut released), Ok(mut to_free)) = (self.released.lock(), self.to_free.lock()) else { return 0 };
        let free = std::mem::replace(&mut *to_free, std::mem::take(&mut *released));
        let Some(Some(file)) = self.file.get() else { return 0 };
        free.into_iter().filter(|&(at, len)| give_back(file, at, len).is_ok()).count()
    }

    /// The bytes of the page held at `at`, `len` long.
    pub(crate) fn read(&self, at: u64, len: u64) -> Option<Vec<u8>> {
        let file = self.file.get()?.as_ref()?;
        let mut bytes = vec![0; usize::try_from(len).ok()?];
        read_at(file, &mut bytes, at).ok()?;
        Some(bytes)
    }

    /// The bytes of pages held in memory now.
    #[cfg(test)]
    pub(crate) fn in_memory(&self) -> u64 {
        self.in_memory.load(Ordering::Relaxed)
    }

    /// The file, made on first use: created under a name of its own in the cache folder, then
    /// removed from it at once (it lives while it is open).
    fn file(&self) -> Option<&std::fs::File> {
        self.file
            .get_or_init(|| {
                if !cfg!(unix) {
                    return None;
                }
                static OPENED: AtomicU64 = AtomicU64::new(0);
                let n = OPENED.fetch_add(1, Ordering::Relaxed);
                let path = self.cache.join(format!("preview-pages-{}-{n}", std::process::id()));
                std::fs::create_dir_all(&self.cache).ok()?;
                let file = std::fs::File::options().read(true).write(true).create_new(true).open(&path).ok()?;
                std::fs::remove_file(&path).ok()?;
                Some(file)
            })
            .as_ref()
    }
}

#[cfg(unix)]
fn write_at(file: &std::fs::File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, bytes: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(not(unix))]
fn write_at(_: &std::fs::File, _: &[u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
fn read_at(_: &std::fs::File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Gives the room of a page back to the file system: a hole punched in the file (Linux).
#[cfg(target_os = "linux")]
fn give_back(file: &std::fs::File, at: u64, len: u64) -> std::io::Result<()> {
    use rustix::fs::FallocateFlags;
    rustix::fs::fallocate(file, FallocateFlags::PUNCH_HOLE | FallocateFlags::KEEP_SIZE, at, len).map_err(Into::into)
}

#[cfg(not(target_os = "linux"))]
fn give_back(_: &std::fs::File, _: u64, _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pages within the budget stay in memory, and nothing is written; the one past it goes to
    // the file, which no folder names, is read back the same, and counts no more against the
    // budget; a page released gives its room in memory back at once.
    #[test]
    fn pages_past_the_budget_go_to_disk_and_read_back_the_same() {
        let root = tempfile::tempdir().unwrap();
        let store = PageStore::open(root.path(), 10);
        let a = store.keep(Arc::from(&b"12345678"[..]), true);
        assert!(matches!(a, Stored::Bytes(_)), "{a:?}");
        assert!(!root.path().join(crate::source::cache::CACHE).exists(), "nothing written while the pages fit");
        let b = store.keep(Arc::from(&b"abcdef"[..]), true);
        let Stored::Held { at, len } = b else { panic!("{b:?}") };
        assert_eq!(store.read(at, len).unwrap(), b"abcdef");
        let c = store.keep(Arc::from(&b"ghi"[..]), true);
        assert_eq!(c, Stored::Held { at: 6, len: 3 }, "each page after the last");
        assert_eq!(store.read(6, 3).unwrap(), b"ghi");
        let left: Vec<_> = std::fs::read_dir(root.path().join(crate::source::cache::CACHE)).unwrap().collect();
        assert!(left.is_empty(), "the file is named by no folder: {left:?}");
        assert_eq!(store.in_memory(), 8);
        let must = store.keep(Arc::from(&b"xyz"[..]), false);
        assert!(matches!(must, Stored::Bytes(_)), "a file that must stay in memory does: {must:?}");
        store.release(&must);
        store.release(&a);
        assert_eq!(store.in_memory(), 0);
        assert!(matches!(store.keep(Arc::from(&b"abcdef"[..]), true), Stored::Bytes(_)));
    }

    // A page replaced is still read back the same until two more sites were served (the site
    // that named it, and the next, may still be read by a request); a failed rebuild serves
    // nothing, and delays nothing. Then its room is given back (on Linux: read back as zeros,
    // a hole), once.
    #[test]
    fn a_replaced_page_stays_readable_until_two_sites_later() {
        let root = tempfile::tempdir().unwrap();
        let store = PageStore::open(root.path(), 0);
        let old = store.keep(Arc::from(vec![7u8; 8192]), true);
        let Stored::Held { at, len } = old else { panic!("{old:?}") };
        assert_eq!(store.served(), 0);
        // A rebuild replaces the page, and fails: the site that names it is still served.
        store.release(&old);
        // The next succeeds: the last site may still be read.
        assert_eq!(store.served(), 0, "not when the next site is served");
        assert_eq!(store.read(at, len).unwrap(), vec![7u8; 8192], "still there");
        let freed = store.served();
        let now = store.read(at, len).unwrap();
        if freed == 1 {
            assert!(now.iter().all(|&b| b == 0), "its room given back: a hole");
        } else {
            // A file system without holes (or not Linux): the bytes stay till the preview stops.
            assert_eq!((freed, now), (0, vec![7u8; 8192]));
        }
        assert_eq!(store.served(), 0, "given back once");
    }
}
