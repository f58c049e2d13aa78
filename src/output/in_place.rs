//! Updating plansite's own output folder in place, when a rebuild changed few of its files.
//!
//! A swap ([`super::atomic`]) makes a whole new folder: on a disk, at 20,000 pages, that is
//! 20,000 folders and 20,000 files (or links) made and as many deleted, many seconds even when
//! one word changed. When the output is plansite's own (it has a manifest) and the new site
//! differs from it in at most [`MOST`] files (and in at most a quarter of them), the output is
//! updated where it is instead:
//!
//! 1. The changed and new files, and the new manifest, are written into
//!    `OUT/.plansite-incoming-PID/` (hidden, like every name of plansite's there, by the rule
//!    docs/deploy.md gives the web server).
//! 2. A journal, `OUT/.plansite-journal`, says where each goes and which old files go: once it
//!    is there (one rename) the update is decided.
//! 3. The journal is carried out: new files renamed into place first, then changed ones, then
//!    the old files the site no longer has removed (with the folders this leaves empty), the
//!    manifest last; then the journal and the incoming folder are removed.
//!
//! A build stopped before step 2 leaves the old site untouched (the next build deletes the
//! incoming folder); one stopped after it leaves a journal that the next build carries out
//! first, by the very code an uninterrupted build runs. A build that fails in step 3 (a file it
//! may not replace) undoes what it did, from the second name step 1 gave each file it replaces
//! or removes (`old-N`, `gone-N` in the incoming folder), and the old site stands; should that
//! fail too, it says the output is partly updated, and the next build finishes the journal. Unlike a swap, a reader can meet the
//! site between two renames of step 3 (a few renames, microseconds apart): new pages appear
//! before the pages that link to them change, and removed ones go after.
//! Files plansite did not write are never touched: they are neither in the journal nor in the
//! manifest, and only files the manifest on disk names are removed.

use super::files::{failing, fault, Hashed, Written};
use super::guard::{self, finished, io, Manifest, CURRENT, INCOMING, JOURNAL, MANIFEST};
use super::Stored;
use crate::error::BuildError;
use rayon::prelude::*;
use std::path::Path;

/// The most files an update in place writes or removes; beyond it, a swap.
const MOST: usize = 1000;

const HEADER: &str = "# plansite journal v1: an update of this folder in place, finished by the next build if stopped";

/// What an update in place of an output would do.
pub(super) struct Plan<'a> {
    /// New files (in neither the last build nor the output), then changed ones: path, how the
    /// file is stored, size.
    put: Vec<(&'a str, &'a Stored, u64)>,
    /// Files of the last build the new site does not have.
    remove: Vec<&'a str>,
    /// The new manifest.
    manifest: String,
    /// Files left as they are.
    unchanged: usize,
}

/// How `site` would update the output `out` in place, whose manifest is `previous`; `None`
/// where a swap is due: the output is not plansite's own plain folder, too many files changed,
/// something stands where a new file goes, or a new file needs a folder where there is a file
/// or a link.
pub(super) fn plan<'a>(site: &Hashed<'a>, out: &Path, previous: &'a Manifest) -> Option<Plan<'a>> {
    if previous.is_empty() || out.join(CURRENT).symlink_metadata().is_ok() {
        return None;
    }
    let finished = finished(out)?;
    let same: Vec<bool> =
        site.files().par_iter().map(|file| site.unchanged_in(out, previous, finished, file)).collect();
    let remove: Vec<&str> = previous.keys().map(String::as_str).filter(|rel| !site.contains(rel)).collect();
    let changed = same.iter().filter(|same| !**same).count();
    let most = MOST.min(site.files().len().max(previous.len()) / 4);
    if changed + remove.len() > most {
        return None;
    }
    let (mut put, mut changed): (Vec<_>, Vec<_>) = site
        .files()
        .iter()
        .zip(&same)
        .filter(|(_, same)| !**same)
        .map(|(&(rel, stored, _, len), _)| (rel, stored, len))
        .partition(|(rel, ..)| !previous.contains_key(*rel));
    let new = put.len();
    put.append(&mut changed);
    if put.iter().map(|(rel, ..)| *rel).chain(remove.iter().copied()).any(|rel| rel.contains(['\n', '\r'])) {
        return None;
    }
    if !put.iter().enumerate().all(|(i, (rel, ..))| fits(out, rel, i < new))
        || !remove.iter().all(|rel| within(out, rel))
    {
        return None;
    }
    Some(Plan { unchanged: site.files().len() - put.len(), put, remove, manifest: site.manifest() })
}

/// Whether a file can be put at `out/rel` by a rename: it can go [`within`] the output, and the
/// path itself is not a folder; for a `new` file (one the last build did not write), nothing
/// stands there at all: a file there is not ours, and it is for the swap to refuse it, or to
/// replace it under `--force` (an update in place does not walk the output for others' files).
fn fits(out: &Path, rel: &str, new: bool) -> bool {
    within(out, rel)
        && match out.join(rel).symlink_metadata() {
            Ok(m) => !new && !m.is_dir(),
            Err(e) => !new || e.kind() == std::io::ErrorKind::NotFound,
        }
}

/// Whether every folder on the way to `out/rel` is a real folder or not there yet: not a file,
/// nor a link, which would lead a rename or a removal out of the output.
fn within(out: &Path, rel: &str) -> bool {
    let mut at = out.to_path_buf();
    let Some((folders, _)) = rel.rsplit_once('/') else { return true };
    for part in folders.split('/') {
        at.push(part);
        match at.symlink_metadata() {
            Err(_) => return true,
            Ok(m) if !m.is_dir() => return false,
            Ok(_) => {}
        }
    }
    true
}

/// Carries `plan` out in `out` (see the module's text).
pub(super) fn apply(
    plan: &Plan<'_>,
    site: &Hashed<'_>,
    out: &Path,
    previous: &Manifest,
) -> Result<Written, BuildError> {
    let incoming_name = format!("{INCOMING}{}", std::process::id());
    let incoming = out.join(&incoming_name);
    std::fs::create_dir(&incoming).map_err(|e| io(&incoming, e))?;
    let staged = plan
        .put
        .par_iter()
        .enumerate()
        .try_for_each(|(i, (rel, stored, _))| site.place(rel, stored, &incoming.join(i.to_string())))
        .and_then(|()| {
            let (path, written) = (incoming.join("manifest"), std::time::SystemTime::now());
            let write = || std::fs::write(&path, &plan.manifest).map_err(|e| io(&path, e));
            write()?;
            super::files::newer_than(&path, written, write)
        });
    let mut journal = format!("{HEADER}\nincoming {incoming_name}\n");
    for (i, (rel, ..)) in plan.put.iter().enumerate() {
        journal.push_str(&format!("put {i} {rel}\n"));
    }
    for rel in &plan.remove {
        journal.push_str(&format!("remove {rel}\n"));
    }
    // What the update replaces or removes is kept aside (a second name for each file, in the
    // incoming folder), so that an update this build cannot finish (a file it may not replace)
    // is undone and the old site stands. A file that cannot be given one (an immutable file)
    // stops the update here, before anything changed.
    let staged = staged.and_then(|()| {
        let olds = plan.put.iter().enumerate().filter(|(_, (rel, ..))| previous.contains_key(*rel));
        let olds = olds.map(|(i, (rel, ..))| (format!("old-{i}"), *rel));
        let gone = plan.remove.iter().enumerate().map(|(j, rel)| (format!("gone-{j}"), *rel));
        olds.chain(gone).try_for_each(|(name, rel)| match std::fs::hard_link(out.join(rel), incoming.join(name)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(&out.join(rel), e)),
            _ => Ok(()),
        })
    });
    let staged = staged.and_then(|()| {
        let path = incoming.join("journal");
        std::fs::write(&path, &journal).map_err(|e| io(&path, e))
    });
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&incoming);
        return Err(e);
    }
    fault("incoming");
    // The update is decided here: from now on a stopped build is finished by the next one.
    let decided = std::fs::rename(incoming.join("journal"), out.join(JOURNAL));
    if let Err(e) = decided {
        let _ = std::fs::remove_dir_all(&incoming);
        return Err(io(&out.join(JOURNAL), e));
    }
    let made = folders_to_make(plan, out);
    fault("journaled");
    let removed = match finish(out, Some(previous)) {
        Ok(removed) => removed,
        Err(e) => {
            return Err(match undo(plan, out, &incoming, &made) {
                Some(()) => e,
                None => e.unfinished(),
            })
        }
    };
    Ok(Written {
        files: plan.put.len(),
        bytes: plan.put.iter().map(|(.., len)| len).sum(),
        unchanged: plan.unchanged,
        removed,
        in_place: true,
    })
}

/// Undoes in `out` what [`finish`] did of `plan` before it failed, from the old files kept aside
/// in `incoming` ([`apply`]): each file put in place goes back to the old one (or goes, if it is
/// new), each file removed comes back, the folders it `made` go; then the journal and the
/// incoming folder. `None`
/// where it could not (the new manifest was in place already, so the update was done, or a
/// rename failed): the output is then left to the next build, which finishes the journal.
fn undo(
    plan: &Plan<'_>,
    out: &Path,
    incoming: &Path,
    made: &std::collections::BTreeSet<std::path::PathBuf>,
) -> Option<()> {
    if incoming.join("manifest").symlink_metadata().is_err() {
        return None;
    }
    for (i, (rel, ..)) in plan.put.iter().enumerate() {
        if incoming.join(i.to_string()).symlink_metadata().is_ok() {
            continue; // not put in place
        }
        let (old, to) = (incoming.join(format!("old-{i}")), out.join(rel));
        if old.symlink_metadata().is_ok() {
            std::fs::rename(&old, &to).ok()?;
        } else {
            std::fs::remove_file(&to).or_else(not_found).ok()?;
        }
    }
    for (j, rel) in plan.remove.iter().enumerate() {
        let (gone, to) = (incoming.join(format!("gone-{j}")), out.join(rel));
        if gone.symlink_metadata().is_ok() && to.symlink_metadata().is_err() {
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).ok()?;
            }
            std::fs::rename(&gone, &to).ok()?;
        }
    }
    // The folders the update made go, the deepest first (one with anything in it stays).
    for dir in made.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
    std::fs::remove_file(out.join(JOURNAL)).or_else(not_found).ok()?;
    std::fs::remove_dir_all(incoming).or_else(not_found).ok()
}

/// The folders of `out` that putting the files of `plan` in place would make: those on their
/// way that are not there yet.
fn folders_to_make(plan: &Plan<'_>, out: &Path) -> std::collections::BTreeSet<std::path::PathBuf> {
    let mut made = std::collections::BTreeSet::new();
    for (rel, ..) in &plan.put {
        let file = out.join(rel);
        let mut dir = file.parent();
        while let Some(d) = dir.filter(|d| *d != out && d.symlink_metadata().is_err()) {
            made.insert(d.to_path_buf());
            dir = d.parent();
        }
    }
    made
}

/// Carries out the journal in `out`, if there is one: what every update in place does once it
/// is decided, and what the next build does for one that was stopped. `manifest`: the one on
/// disk, if the caller has read it already. Returns how many files it removed. A journal that
/// names a path outside the folder, or an incoming folder that is not plansite's, is refused as
/// a whole.
pub(super) fn finish(out: &Path, manifest: Option<&Manifest>) -> Result<usize, BuildError> {
    let path = out.join(JOURNAL);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(io(&path, e)),
    };
    let damaged = || BuildError::Io { path: path.display().to_string(), message: crate::diag::msg!("journal-damaged") };
    let mut incoming = None;
    let mut puts = Vec::new();
    let mut removes = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (verb, rest) = line.split_once(' ').ok_or_else(damaged)?;
        match verb {
            "incoming" if rest.starts_with(INCOMING) && !rest.contains('/') && guard::is_safe_relative(rest) => {
                incoming = Some(out.join(rest))
            }
            "put" => {
                let (i, rel) = rest.split_once(' ').ok_or_else(damaged)?;
                let i: usize = i.parse().map_err(|_| damaged())?;
                if !guard::is_safe_relative(rel) || rel == MANIFEST {
                    return Err(damaged());
                }
                puts.push((i, rel));
            }
            "remove" if guard::is_safe_relative(rest) => removes.push(rest),
            _ => return Err(damaged()),
        }
    }
    let incoming = incoming.ok_or_else(damaged)?;
    for (n, (i, rel)) in puts.into_iter().enumerate() {
        let from = incoming.join(i.to_string());
        if from.symlink_metadata().is_err() {
            continue; // put in place before the stop
        }
        if !within(out, rel) {
            return Err(damaged());
        }
        let to = out.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        if let Some(e) = failing("moving").filter(|_| n == 1) {
            return Err(io(&to, e));
        }
        std::fs::rename(&from, &to).map_err(|e| io(&to, e))?;
        if n == 0 {
            fault("moving");
        }
    }
    // Only what the manifest still on disk (the last build's) says plansite wrote is removed.
    let read;
    let ours = match manifest {
        Some(m) => m,
        None => {
            read = guard::read_manifest(out)?.unwrap_or_default();
            &read
        }
    };
    let mut removed = 0;
    for rel in removes.into_iter().filter(|rel| ours.contains_key(*rel) && within(out, rel)) {
        let file = out.join(rel);
        match std::fs::remove_file(&file) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&file, e)),
        }
        // The folders this leaves empty go too; one with anything left in it stays.
        let mut dir = file.parent();
        while let Some(d) = dir.filter(|d| *d != out) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    let manifest = incoming.join("manifest");
    if manifest.symlink_metadata().is_ok() {
        std::fs::rename(&manifest, out.join(MANIFEST)).map_err(|e| io(&manifest, e))?;
    }
    std::fs::remove_dir_all(&incoming).or_else(not_found).map_err(|e| io(&incoming, e))?;
    std::fs::remove_file(&path).or_else(not_found).map_err(|e| io(&path, e))?;
    Ok(removed)
}

fn not_found(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::NotFound {
        Ok(())
    } else {
        Err(e)
    }
}

/// Puts right what a stopped update in place left in `out`: a journal is carried out; an
/// incoming folder without one (its build stopped before deciding) is deleted. Returns what it
/// did, for the build's summary.
pub(super) fn recover(out: &Path) -> Result<Vec<String>, BuildError> {
    let mut done = Vec::new();
    if out.join(JOURNAL).symlink_metadata().is_ok() {
        finish(out, None)?;
        done.push(format!("{} (finished: a build stopped while updating in place)", out.join(JOURNAL).display()));
    }
    let Ok(entries) = std::fs::read_dir(out) else { return Ok(done) };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix(INCOMING).and_then(|p| p.parse::<u32>().ok()) else { continue };
        if guard::is_running(pid) {
            continue;
        }
        let path = entry.path();
        std::fs::remove_dir_all(&path).map_err(|e| io(&path, e))?;
        done.push(path.display().to_string());
    }
    Ok(done)
}
