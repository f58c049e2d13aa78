//! Writing the image cache of a site root (`.plansite-cache/images/`, read back by
//! `source::cache`): after a build it holds exactly the photos of that build. An entry is
//! written to a temporary folder and renamed into place, so a build stopped midway leaves no
//! half entry; entries no photo uses any more are removed. And the page memo
//! (`.plansite-cache/pages`): what this build knew of each page it wrote.

use crate::source::cache::{image_cache_dir, page_memo_header, CacheEntry, PageNote, PageNotes, PAGE_MEMO};
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

/// Writes the page memo of `root` (read back by `source::cache::read_pages`): into a temporary
/// file renamed into place, so a build stopped midway leaves the last memo or this one, never
/// half of one. Returns the problem met, if any (a memo that cannot be written only means
/// rendering every page next time).
pub(crate) fn write_pages(root: &Path, notes: &PageNotes) -> Result<(), String> {
    use std::fmt::Write;
    let path = root.join(PAGE_MEMO);
    let problem = |what: &str, e: std::io::Error| format!("{what} {}: {e}", path.display());
    let mut sorted: Vec<(&String, &PageNote)> = notes.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut text = page_memo_header();
    text.push('\n');
    for (page, note) in sorted {
        match note.made {
            Some((key, hash, fell_back)) => {
                let _ = write!(text, "{key:016x} {hash:016x} {} ", u8::from(fell_back));
            }
            None => text.push_str("- - - "),
        }
        match note.coverage {
            Some((key, coverage)) => {
                let _ = write!(text, "{key:016x} {coverage} ");
            }
            None => text.push_str("- - "),
        }
        text.push_str(page);
        text.push('\n');
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| problem("cannot create the folder of", e))?;
        // What a build stopped while writing its memo left.
        for old in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if old.file_name().to_string_lossy().starts_with("pages.tmp-") {
                let _ = std::fs::remove_file(old.path());
            }
        }
    }
    let temporary = path.with_file_name(format!("pages.tmp-{}", std::process::id()));
    let written = std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, &path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(problem("cannot write", e));
    }
    Ok(())
}
