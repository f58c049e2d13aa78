//! Reading the image cache of a site root (`.plansite-cache/images/`): what earlier builds
//! encoded, one folder per photo, named by the hash of its bytes (see `media::memo`). The cache
//! is not content: `SourceTree` never reads it, and it is never published. A cache that is
//! missing or cannot be read is simply empty: every photo is encoded again.

use std::path::{Path, PathBuf};
use std::sync::Arc;

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
