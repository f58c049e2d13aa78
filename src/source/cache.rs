//! Reading the image cache of a site root (`.plansite-cache/images/`): what earlier builds
//! encoded, one folder per photo, named by the hash of its bytes (see `media::memo`). The cache
//! is not content: `SourceTree` never reads it, and it is never published. A cache that is
//! missing or cannot be read is simply empty: every photo is encoded again.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

/// Where the image cache lives, relative to the site root.
pub(crate) const IMAGE_CACHE: &str = ".plansite-cache/images";

/// One entry of the image cache: the folder name (the photo's hash) and its files (name, bytes).
pub(crate) type CacheEntry = (String, Vec<(String, Arc<[u8]>)>);

/// The image cache's folder in `root`.
pub(crate) fn image_cache_dir(root: &Path) -> PathBuf {
    root.join(IMAGE_CACHE)
}

/// Every entry of the image cache: folder name and its files (name, bytes), sorted. Folders and
/// files that cannot be read are left out; folders being written (`*.tmp-*`) too.
pub(crate) fn read_images(root: &Path) -> Vec<CacheEntry> {
    let Ok(dirs) = std::fs::read_dir(image_cache_dir(root)) else { return Vec::new() };
    let mut out = Vec::new();
    for dir in dirs.flatten() {
        let Ok(name) = dir.file_name().into_string() else { continue };
        if name.contains(".tmp-") || !dir.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let Ok(files) = std::fs::read_dir(dir.path()) else { continue };
        let mut entry = Vec::new();
        for file in files.flatten() {
            let (Ok(file_name), Ok(bytes)) = (file.file_name().into_string(), std::fs::read(file.path())) else {
                continue;
            };
            entry.push((file_name, Arc::from(bytes)));
        }
        entry.sort_by(|a, b| a.0.cmp(&b.0));
        out.push((name, entry));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Where the page memo lives, relative to the site root: what the last build knew of each page
/// it wrote (see `render::memo`), so the next build into the same output need not render a page
/// whose inputs are the same again.
pub(crate) const PAGE_MEMO: &str = ".plansite-cache/pages";

/// What the last build knew of one page of its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct PageNote {
    /// The fingerprint of the page's inputs and the hash of the bytes they gave (in the
    /// manifest's hash), with whether the page stands in for a missing translation; `None` for
    /// a file rendered anew by every build (one that holds page references).
    pub(crate) made: Option<(u64, u64, bool)>,
    /// The fingerprint of what the page's coverage was found from, and the coverage (see
    /// `render::memo::Coverage`, as a number).
    pub(crate) coverage: Option<(u64, u8)>,
}

/// Output path → what the last build knew of it.
pub(crate) type PageNotes = rustc_hash::FxHashMap<String, PageNote>;

/// The first line of the page memo: the memo is of this very program (the fingerprints are its
/// hashes of its own types, and its templates are in it), so another version, or another build
/// of the same one, ignores it. The program is named by its version and its file's size and
/// time of change: reading its 150 MB to hash them would take longer than what the memo saves
/// on a small site. Where the program cannot be named so, the header names this run alone,
/// and no memo is shared.
pub(crate) fn page_memo_header() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
    let changed = exe.as_ref().and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(UNIX_EPOCH).ok());
    let program = match (exe, changed) {
        (Some(exe), Some(changed)) => format!("{} {}", exe.len(), changed.as_nanos()),
        _ => format!("unknown, run {}", std::process::id()),
    };
    format!("# plansite page memo v1 {} {program}", env!("CARGO_PKG_VERSION"))
}

/// The page memo of `root`; empty when there is none, it cannot be read, or it was written by
/// another program. A line that does not read is left out (its page is rendered).
pub(crate) fn read_pages(root: &Path) -> PageNotes {
    let Ok(text) = std::fs::read_to_string(root.join(PAGE_MEMO)) else { return PageNotes::default() };
    let mut lines = text.lines();
    if lines.next() != Some(page_memo_header().as_str()) {
        return PageNotes::default();
    }
    let hex = |s: &str| u64::from_str_radix(s, 16).ok();
    lines
        .filter_map(|line| {
            let mut parts = line.splitn(6, ' ');
            let (key, hash, fell_back, cover_key, cover) =
                (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
            let path = parts.next()?.to_string();
            let made = match (hex(key), hex(hash), fell_back) {
                (Some(k), Some(h), "0" | "1") => Some((k, h, fell_back == "1")),
                _ => None,
            };
            let coverage = hex(cover_key).zip(cover.parse::<u8>().ok());
            Some((path, PageNote { made, coverage }))
        })
        .collect()
}
