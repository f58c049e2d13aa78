//! Writing the image cache of a site root (`.plansite-cache/images/`, read back by
//! `source::cache`): after a build it holds exactly the photos of that build. An entry is
//! written to a temporary folder and renamed into place, so a build stopped midway leaves no
//! half entry; entries no photo uses any more are removed.

use crate::source::cache::{image_cache_dir, CacheEntry};
use std::path::Path;

/// Makes the cache of `root` hold exactly `entries` (folder name, files): writes the missing
/// ones and removes the others. Returns the first problem met, if any (the site is already
/// written; a cache that cannot be written only means encoding again next time).
pub(crate) fn write_images(root: &Path, entries: &[CacheEntry]) -> Result<(), String> {
    let dir = image_cache_dir(root);
    let problem = |what: &str, e: std::io::Error| format!("{what} {}: {e}", dir.display());
    std::fs::create_dir_all(&dir).map_err(|e| problem("cannot create", e))?;
    let wanted: std::collections::BTreeSet<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    // Remove what no photo of this build uses (and what a stopped build left half-written).
    for old in std::fs::read_dir(&dir).map_err(|e| problem("cannot read", e))?.flatten() {
        let name = old.file_name().to_string_lossy().into_owned();
        let ours = name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit()) || name.contains(".tmp-");
        if ours && !wanted.contains(name.as_str()) {
            std::fs::remove_dir_all(old.path()).map_err(|e| problem("cannot clean", e))?;
        }
    }
    for (name, files) in entries {
        let target = dir.join(name);
        if target.is_dir() {
            continue;
        }
        let stage = dir.join(format!("{name}.tmp-{}", std::process::id()));
        let written = (|| {
            std::fs::create_dir_all(&stage)?;
            for (file, bytes) in files {
                std::fs::write(stage.join(file), bytes)?;
            }
            std::fs::rename(&stage, &target)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_dir_all(&stage);
            return Err(problem("cannot write to", e));
        }
    }
    Ok(())
}
