//! Files of a site on disk, shared by the two ways of putting a new site in place
//! ([`super::atomic`]: beside the output; [`super::inside`]: inside an output that cannot be
//! renamed): writing every file and the manifest, carrying foreign files over as hard links,
//! the one-step exchange of two paths, and the fault hook of the tests that kill a build.

use super::guard::{self, finished, io, unchanged, Manifest, MANIFEST};
use super::{RenderedSite, Stored};
use crate::error::BuildError;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::SystemTime;

/// A build stopped at step `step` (debug builds, for the tests that kill a build at each step
/// of the swap: `PLANSITE_TEST_FAULT=staged` aborts the process right there).
pub(super) fn fault(step: &str) {
    if cfg!(debug_assertions) && std::env::var("PLANSITE_TEST_FAULT").as_deref() == Ok(step) {
        std::process::abort();
    }
}

/// Whether step `step` is to fail as a file that may not be replaced would make it (debug
/// builds, for the tests of what a failed update leaves: `PLANSITE_TEST_FAULT=fail-moving`).
pub(super) fn failing(step: &str) -> Option<std::io::Error> {
    (cfg!(debug_assertions)
        && std::env::var("PLANSITE_TEST_FAULT").is_ok_and(|f| f.strip_prefix("fail-") == Some(step)))
    .then(|| std::io::Error::from(std::io::ErrorKind::PermissionDenied))
}

pub(super) fn unsupported() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::Unsupported, "atomic exchange is not available")
}

/// Exchanges two paths in one step.
#[cfg(target_os = "linux")]
pub(super) fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
pub(super) fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(unsupported())
}

pub(super) fn first(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

pub(super) fn top_level<'a>(paths: impl Iterator<Item = &'a str>) -> BTreeSet<&'a str> {
    paths.map(first).collect()
}

/// What writing a site did: the files written and their bytes, and the files that had not
/// changed since the last build, hard-linked from it instead (no data written).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files written anew.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Files the same as in the last build: linked from there into the new site, or (updated in
    /// place) left as they are.
    pub unchanged: usize,
    /// Files of the last build the new one no longer has, removed (updated in place; a swap
    /// removes the whole old site).
    pub removed: usize,
    /// Whether the output was updated in place instead of swapped ([`super::in_place`]).
    pub in_place: bool,
}

/// Every file of a site with the hash of its bytes (SipHash-1-3, as the manifest has it) and its
/// size, in path order: hashed once per write, in parallel, for the comparison with the last
/// build and for the new manifest (at N = 10,000 the files are 344 MB, some 0.4 s on one core;
/// a page already on disk was hashed when it was put there).
pub(super) struct Hashed<'a> {
    files: Vec<(&'a str, &'a Stored, u64, u64)>,
    site: &'a RenderedSite,
}

impl<'a> Hashed<'a> {
    pub(super) fn of(site: &'a RenderedSite) -> Hashed<'a> {
        let files: Vec<(&str, &Stored)> = site.stored().collect();
        let files = files
            .into_par_iter()
            .map(|(rel, stored)| match stored {
                Stored::Bytes(b) => (rel, stored, guard::content_hash(b), b.len() as u64),
                Stored::Staged { hash, len } | Stored::Kept { hash, len } => (rel, stored, *hash, *len),
                // A page `serve` keeps on disk (never written out so: see `output::held`).
                Stored::Held { len, .. } => (rel, stored, site.get(rel).map_or(0, |b| guard::content_hash(&b)), *len),
            })
            .collect();
        Hashed { files, site }
    }

    /// Every file: path, how it is stored, hash, size.
    pub(super) fn files(&self) -> &[(&'a str, &'a Stored, u64, u64)] {
        &self.files
    }

    /// Whether the site has a file at `rel`.
    pub(super) fn contains(&self, rel: &str) -> bool {
        self.files.binary_search_by(|(p, ..)| (*p).cmp(rel)).is_ok()
    }

    /// The manifest naming them.
    pub(super) fn manifest(&self) -> String {
        guard::manifest_of(self.files.iter().map(|&(rel, _, hash, len)| (rel, hash, len)))
    }

    /// The fingerprint of that manifest ([`guard::manifest_print`]).
    pub(super) fn manifest_print(&self) -> u64 {
        guard::manifest_print(self.files.iter().map(|&(rel, _, hash, len)| (rel, hash, len)))
    }

    /// Whether `file` (one of [`Hashed::files`]) is the last build's, unchanged, in `old` (whose
    /// manifest is `manifest`, written at `finished`): for a file the render stage put on disk
    /// that was decided then, against the same output, so it is not asked of the disk again.
    pub(super) fn unchanged_in(
        &self,
        old: &Path,
        manifest: &Manifest,
        finished: SystemTime,
        &(rel, stored, hash, len): &(&str, &Stored, u64, u64),
    ) -> bool {
        match stored {
            Stored::Kept { .. } => true,
            Stored::Staged { .. } => false,
            Stored::Bytes(_) | Stored::Held { .. } => unchanged(old, manifest, finished, rel, hash, len),
        }
    }

    /// The folder the render stage wrote files into, if it did.
    pub(super) fn stage(&self) -> Option<&Path> {
        self.site.stage_dir()
    }

    /// Puts the file `rel` at `to`: its bytes written, or the file the render stage put on disk
    /// moved there (copied where it cannot be moved, or where it is the output's own).
    pub(super) fn place(&self, rel: &str, stored: &Stored, to: &Path) -> Result<(), BuildError> {
        let from = match stored {
            // In memory, or in the file of pages `serve` keeps on disk (`output::held`).
            Stored::Bytes(_) | Stored::Held { .. } => {
                let bytes = self.site.get(rel).ok_or_else(|| io(to, std::io::ErrorKind::NotFound.into()))?;
                return std::fs::write(to, bytes).map_err(|e| io(to, e));
            }
            _ => self.site.path_of(rel, stored),
        };
        let Some(from) = from else { return Err(io(to, std::io::ErrorKind::NotFound.into())) };
        if from == to {
            return Ok(());
        }
        if matches!(stored, Stored::Staged { .. }) && std::fs::rename(&from, to).is_ok() {
            return Ok(());
        }
        std::fs::copy(&from, to).map(|_| ()).map_err(|e| io(&from, e))
    }
}

/// Writes every file of the site, and its manifest, below `dir`, in parallel. A file the last
/// build wrote with the same bytes (`previous`: its folder and manifest) and that nobody has
/// changed since (modified before that build's manifest was written, so a file edited by hand
/// is written again) is hard-linked from there instead: on a disk, a rebuild after one edit
/// writes a handful of files, without reading the old site back. A file the render stage
/// already wrote into `dir` stays where it is (counted as written: it was, once).
pub(super) fn write_all(
    site: &Hashed<'_>,
    dir: &Path,
    previous: Option<(&Path, &Manifest)>,
) -> Result<Written, BuildError> {
    // The folders of the files not already in `dir`: those the render stage wrote there have
    // theirs (at N = 100,000, asking for each of 200,000 page folders took a second, on one
    // core). Made in parallel; making a folder another thread is making is no error.
    let into_stage = site.stage() == Some(dir);
    let folders: BTreeSet<&Path> = site
        .files()
        .iter()
        .filter(|(_, stored, ..)| !(into_stage && matches!(stored, Stored::Staged { .. })))
        .filter_map(|(rel, ..)| Path::new(rel).parent())
        .collect();
    folders.into_par_iter().try_for_each(|folder| {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path).map_err(|e| io(&path, e))
    })?;
    let previous = previous.and_then(|(old, manifest)| Some((old, manifest, finished(old)?)));
    let linked: Vec<bool> = site
        .files()
        .par_iter()
        .map(|file| {
            let &(rel, stored, ..) = file;
            let path = dir.join(rel);
            if let Some((old, manifest, finished)) = previous {
                if site.unchanged_in(old, manifest, finished, file) && std::fs::hard_link(old.join(rel), &path).is_ok()
                {
                    return Ok(true);
                }
            }
            site.place(rel, stored, &path).map(|()| false)
        })
        .collect::<Result<_, _>>()?;
    write_manifest(dir, site)?;
    let mut written = Written::default();
    for (&(_, _, _, len), linked) in site.files().iter().zip(linked) {
        if linked {
            written.unchanged += 1;
        } else {
            written.files += 1;
            written.bytes += len;
        }
    }
    Ok(written)
}

pub(super) fn write_manifest(dir: &Path, site: &Hashed<'_>) -> Result<(), BuildError> {
    let written = std::time::SystemTime::now();
    let path = dir.join(MANIFEST);
    let manifest = site.manifest();
    replace_file(&path, manifest.as_bytes())?;
    newer_than(&path, written, || replace_file(&path, manifest.as_bytes()))
}

/// Makes sure the file at `path`, just written by `write`, has a modification time later than
/// `written` (taken once every other file was written), writing it again after a moment where
/// it has not. The next build takes a file modified before the manifest as the one this build
/// wrote ([`guard::unchanged`]), and one of the same time as possibly changed by hand since.
/// File times come from a clock that moves in ticks of a few milliseconds: the manifest written
/// in the tick of the last files would make the next build write those files again, and so
/// every build after it. Gives up after 100 tries (a clock that does not move).
pub(super) fn newer_than(
    path: &Path,
    written: std::time::SystemTime,
    mut write: impl FnMut() -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    for _ in 0..100 {
        let modified = path.symlink_metadata().and_then(|m| m.modified()).map_err(|e| io(path, e))?;
        if modified > written {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
        write()?;
    }
    Ok(())
}

/// Writes a file by writing a temporary one beside it and renaming it into place.
pub(super) fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| io(path, e))
}

/// Puts the files plansite did not write (`files`, relative to `from`) into `to` as hard links
/// (a copy where the file system has none; a symbolic link as a link).
pub(super) fn carry(from: &Path, to: &Path, files: &[String]) -> Result<(), BuildError> {
    for rel in files {
        let (src, dst) = (from.join(rel), to.join(rel));
        if let Some(parent) = dst.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        let meta = src.symlink_metadata().map_err(|e| io(&src, e))?;
        if meta.file_type().is_symlink() {
            copy_link(&src, &dst)?;
        } else if std::fs::hard_link(&src, &dst).is_err() {
            std::fs::copy(&src, &dst).map_err(|e| io(&src, e))?;
        }
    }
    Ok(())
}

#[cfg(unix)]
pub(super) fn copy_link(src: &Path, dst: &Path) -> Result<(), BuildError> {
    let target = std::fs::read_link(src).map_err(|e| io(src, e))?;
    std::os::unix::fs::symlink(target, dst).map_err(|e| io(dst, e))
}

#[cfg(not(unix))]
pub(super) fn copy_link(src: &Path, dst: &Path) -> Result<(), BuildError> {
    std::fs::copy(src, dst).map(|_| ()).map_err(|e| io(src, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The manifest ends up modified later than the moment the other files were done, written
    // again until it is: here that moment is 30 ms ahead, so the first write is always too
    // early, as it is when the manifest falls in the clock tick of the last files.
    #[test]
    fn the_manifest_is_newer_than_the_files_written_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MANIFEST);
        let written = std::time::SystemTime::now() + std::time::Duration::from_millis(30);
        let mut writes = 1;
        replace_file(&path, b"m").unwrap();
        newer_than(&path, written, || {
            writes += 1;
            replace_file(&path, b"m")
        })
        .unwrap();
        assert!(path.metadata().unwrap().modified().unwrap() > written);
        assert!(writes > 1, "{writes}");
    }
}
