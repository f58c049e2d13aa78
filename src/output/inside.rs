//! Publishing into a folder that cannot itself be renamed: a mount point (a container volume, a
//! document root on a disk of its own), or a folder whose parent plansite cannot write.
//!
//! Such a folder keeps the site as generations, and the names a web server sees are links:
//!
//! ```text
//! OUT/.plansite-sites/<generation>/…   every file of one build, and the foreign files inside its folders
//! OUT/.plansite-current              → .plansite-sites/<generation>
//! OUT/ja                             → .plansite-current/ja (one link per top-level name)
//! OUT/.plansite-manifest             → .plansite-current/.plansite-manifest
//! OUT/.htaccess, OUT/CNAME, …          files plansite did not write, left where they are
//! ```
//!
//! A build writes a new generation; adds the links of new top-level names (until the switch
//! they lead to nothing, as in the old site); then switches `.plansite-current` with one
//! rename. So a kill at any instant leaves the old site or the new one, as the one exchange of
//! an ordinary output folder does. A site written without generations (real folders at the
//! top, by an earlier plansite) is first taken over: a generation of hard links to its very
//! files, then one exchange per entry of the folder for its link, so what is served does not
//! change while that happens. The web server must follow symbolic links (nginx, Caddy and
//! Apache's `FollowSymLinks`, the default of Debian's Apache, do).

use super::files::{carry, copy_link, exchange, fault, first, top_level, write_all, Hashed, Written};
use super::guard::{self, io, is_our_link, Manifest, CURRENT, MANIFEST, SITES};
use crate::error::BuildError;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Names used for a moment while a link takes an entry's place, or the current link is replaced.
const TEMP_LINK: &str = ".plansite-link-";

/// Writes `site` into `out` as a new generation and switches to it (see the module's text).
pub(super) fn swap_inside(
    site: &Hashed<'_>,
    out: &Path,
    previous: &Manifest,
    foreign: &[String],
    cleaned: &mut Vec<String>,
) -> Result<Written, BuildError> {
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    let sites = out.join(SITES);
    std::fs::create_dir_all(&sites).map_err(|e| io(&sites, e))?;
    clean(out, cleaned)?;
    let generation = format!("{}-{}", std::process::id(), unix_seconds());
    let stage = sites.join(&generation);
    let new_tops: BTreeSet<&str> = top_level(site.files().iter().map(|(p, ..)| *p));
    let staged = write_all(site, &stage, Some((out, previous))).and_then(|written| {
        // Foreign files inside the new site's folders travel with them.
        let inside: Vec<String> =
            foreign.iter().filter(|f| f.contains('/') && new_tops.contains(first(f))).cloned().collect();
        carry(out, &stage, &inside).map(|()| written)
    });
    let written = match staged {
        Ok(w) => w,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&stage);
            return Err(e);
        }
    };
    fault("staged");
    let mut old_tops: BTreeSet<&str> = top_level(previous.keys().map(String::as_str));
    old_tops.insert(MANIFEST);
    take_over(out, &old_tops)?;
    let mut new_tops = new_tops;
    new_tops.insert(MANIFEST);
    for top in &new_tops {
        link(out, top)?;
    }
    fault("linked");
    switch(out, &Path::new(SITES).join(&generation))?;
    fault("switched");
    // The new site no longer has these names: their links lead nowhere now.
    for top in old_tops.difference(&new_tops) {
        if is_our_link(out, top) {
            std::fs::remove_file(out.join(top)).map_err(|e| io(&out.join(top), e))?;
        }
    }
    for entry in std::fs::read_dir(&sites).map_err(|e| io(&sites, e))?.flatten() {
        if entry.file_name().to_string_lossy() != generation {
            remove_entry(&entry.path())?;
        }
    }
    Ok(written)
}

/// Removes what a build stopped midway left inside `out`: generations nothing links to (of
/// builds no longer running) and the temporary links. A generation is kept while
/// `.plansite-current` leads to it.
fn clean(out: &Path, cleaned: &mut Vec<String>) -> Result<(), BuildError> {
    let current = std::fs::read_link(out.join(CURRENT)).ok();
    let sites = out.join(SITES);
    for entry in std::fs::read_dir(&sites).map_err(|e| io(&sites, e))?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if current.as_deref() == Some(Path::new(SITES).join(&name).as_path()) {
            continue;
        }
        let pid = name.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(guard::is_running) {
            continue;
        }
        remove_entry(&entry.path())?;
        cleaned.push(entry.path().display().to_string());
    }
    for entry in std::fs::read_dir(out).map_err(|e| io(out, e))?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_LINK) {
            remove_entry(&entry.path())?;
            cleaned.push(entry.path().display().to_string());
        }
    }
    Ok(())
}

/// Turns the old site's real entries (written without generations) into links, without
/// changing what is served: first a generation of hard links to the very files, made current,
/// then one exchange per entry of the entry for its link.
fn take_over(out: &Path, tops: &BTreeSet<&str>) -> Result<(), BuildError> {
    let real: Vec<&str> =
        tops.iter().copied().filter(|t| out.join(t).symlink_metadata().is_ok() && !is_our_link(out, t)).collect();
    if real.is_empty() {
        return Ok(());
    }
    if !out.join(CURRENT).is_dir() {
        let generation = format!("{}-{}-taken-over", std::process::id(), unix_seconds());
        let dir = out.join(SITES).join(&generation);
        for top in &real {
            link_tree(&out.join(top), &dir.join(top))?;
        }
        switch(out, &Path::new(SITES).join(&generation))?;
    }
    for top in real {
        link(out, top)?;
        fault("taking-over");
    }
    Ok(())
}

/// Makes `out/top` plansite's link for that name: made where nothing is; put in place of a
/// real entry with one exchange, the entry then deleted (its files are in the generation: the
/// old site's through [`take_over`], foreign ones carried over into the stage, or replaced by
/// `--force`).
fn link(out: &Path, top: &str) -> Result<(), BuildError> {
    if is_our_link(out, top) {
        return Ok(());
    }
    let path = out.join(top);
    let target = Path::new(CURRENT).join(top);
    if path.symlink_metadata().is_err() {
        return symlink(&target, &path);
    }
    let temp = out.join(format!("{TEMP_LINK}{top}"));
    let _ = remove_entry(&temp);
    symlink(&target, &temp)?;
    if exchange(&temp, &path).is_err() {
        // No atomic exchange (not Linux): a moment without the entry.
        remove_entry(&path)?;
        std::fs::rename(&temp, &path).map_err(|e| io(&path, e))?;
        return Ok(());
    }
    remove_entry(&temp)
}

/// Points `.plansite-current` at `generation` (relative to `out`) with one rename.
fn switch(out: &Path, generation: &Path) -> Result<(), BuildError> {
    let temp = out.join(format!("{TEMP_LINK}{CURRENT}-{}", std::process::id()));
    let _ = remove_entry(&temp);
    symlink(generation, &temp)?;
    let current = out.join(CURRENT);
    std::fs::rename(&temp, &current).map_err(|e| io(&current, e))
}

/// A copy of the tree at `from` made of hard links (links as links).
fn link_tree(from: &Path, to: &Path) -> Result<(), BuildError> {
    for entry in walkdir::WalkDir::new(from).follow_links(false) {
        let entry = entry
            .map_err(|e| BuildError::Io { path: from.display().to_string(), message: crate::diag::walk_error(&e) })?;
        let Ok(rel) = entry.path().strip_prefix(from) else { continue };
        let dst: PathBuf = if rel.as_os_str().is_empty() { to.to_path_buf() } else { to.join(rel) };
        let kind = entry.file_type();
        if kind.is_dir() {
            std::fs::create_dir_all(&dst).map_err(|e| io(&dst, e))?;
            continue;
        }
        if let Some(parent) = dst.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        if kind.is_symlink() {
            copy_link(entry.path(), &dst)?;
        } else if std::fs::hard_link(entry.path(), &dst).is_err() {
            std::fs::copy(entry.path(), &dst).map_err(|e| io(entry.path(), e))?;
        }
    }
    Ok(())
}

/// Deletes a file, a link or a whole folder (never following a link).
fn remove_entry(path: &Path) -> Result<(), BuildError> {
    let Ok(meta) = path.symlink_metadata() else { return Ok(()) };
    let removed = if meta.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
    removed.map_err(|e| io(path, e))
}

#[cfg(unix)]
fn symlink(target: &Path, at: &Path) -> Result<(), BuildError> {
    std::os::unix::fs::symlink(target, at).map_err(|e| io(at, e))
}

#[cfg(not(unix))]
fn symlink(_target: &Path, at: &Path) -> Result<(), BuildError> {
    Err(io(
        at,
        std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "publishing into a folder that cannot be renamed (a mount point) needs symbolic links, which this system does not offer plansite",
        ),
    ))
}

fn unix_seconds() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
