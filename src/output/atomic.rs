//! Writing the site so that a build never leaves a half-written site and never loses a file it
//! did not write (see [`super::guard`] for the rules).
//!
//! 1. Refuse a place that would put the sources at risk, and a non-empty folder plansite does not
//!    own (unless `--force`); clean up what builds stopped midway left behind.
//! 2. Write every file, and the manifest, into a stage folder beside the output
//!    (`.<name>.plansite-stage-<pid>`), and carry the files plansite did not write over into it
//!    (as hard links, so nothing is copied and a later change to them is seen).
//! 3. Swap: on Linux one `renameat2(RENAME_EXCHANGE)` puts the stage in place of the output in a
//!    single step, so a kill at any instant leaves the old site or the new one. Where that call
//!    is missing, two renames are made and a build stopped between them is rolled back by the
//!    next build. Where the output cannot be renamed at all (a mount point, or a folder whose
//!    parent is not writable), the output keeps generations of the site and the names at its
//!    top are links into the current one, which one rename switches ([`super::inside`]): a
//!    kill at any instant leaves the old site or the new one there too.
//! 4. Delete what was swapped out: only plansite's own files (foreign ones were carried over).
//!
//! When the output is plansite's own and few of its files changed, steps 2–4 give way to an
//! update in place, decided by one rename of a journal ([`super::in_place`]).

use super::files::{carry, exchange, fault, unsupported, write_all, Hashed, Written};
use super::guard::{self, io, Destination, Leftover};
use super::in_place;
use super::inside::swap_inside;
use super::spill::stage_beside;
use super::RenderedSite;
use crate::error::BuildError;
use std::path::{Path, PathBuf};

/// What writing the site did besides writing it, for the build's summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Temporary folders of stopped builds that were removed (or, for a stopped swap, put back).
    pub cleaned: Vec<String>,
    /// How many files plansite did not write were kept in the output; `None` where the output
    /// was updated in place, which touches none of them and does not look for them.
    pub kept: Option<usize>,
    /// Files plansite did not write that `--force` let it replace.
    pub replaced: Vec<String>,
    /// Files written, their bytes, and files linked unchanged from the last build.
    pub written: Written,
    /// The fingerprint of the manifest written ([`guard::manifest_print`]).
    pub(crate) manifest: u64,
    /// Why the image cache (`.plansite-cache/images/`) could not be written, if it could not:
    /// the site is written all the same, and the next build encodes the photos again.
    pub cache_problem: Option<String>,
}

/// Writes `site` into `dest.dir`, replacing plansite's previous files there only once every new
/// file is written, and keeping every file plansite did not write.
pub(crate) fn write_site(site: &RenderedSite, dest: &Destination) -> Result<WriteReport, BuildError> {
    let out = guard::check_place(dest)?;
    let mut report = WriteReport::default();
    recover(&out, &mut report.cleaned)?;
    // The manifest the render stage compared the pages with, if it did (read once a build).
    let read;
    let previous: &guard::Manifest = match site.spill().map(|s| s.previous()).filter(|m| !m.is_empty()) {
        Some(previous) => previous,
        None => {
            let owned = if out.is_dir() { guard::read_manifest(&out)? } else { None };
            if owned.is_none() && out.is_dir() && !guard::is_empty_dir(&out) && !dest.force {
                let hint = crate::diag::msg!("output-not-ours-hint");
                return Err(guard::refuse(&dest.dir, crate::diag::msg!("output-not-ours"), hint));
            }
            read = owned.unwrap_or_default();
            &read
        }
    };
    let rendered = site;
    let site = Hashed::of(rendered);
    report.manifest = site.manifest_print();
    let forced = forced_method();
    // An update in place writes only at paths the last build wrote or that are vacant (the plan
    // asks the disk of each new one), and removes only its own files: nobody else's file is
    // touched or in the way, so the output is not walked for them (at N = 10,000 that walk of
    // 24,000 folders is some 0.2 s of a 2 s build after a one-word edit), and they go
    // uncounted.
    if forced.is_none() {
        if let Some(plan) = in_place::plan(&site, &out, previous) {
            report.written = in_place::apply(&plan, &site, &out, previous)?;
            return Ok(report);
        }
    }
    let mut foreign = guard::foreign_files(&out, previous)?;
    let clashes: Vec<String> = foreign.iter().filter(|f| clashes_with(rendered, f)).cloned().collect();
    if !clashes.is_empty() {
        if !dest.force {
            let list = clashes.iter().take(10).map(String::as_str).collect::<Vec<_>>().join(", ");
            return Err(guard::refuse(
                &dest.dir,
                crate::diag::msg!("output-clashes", count = clashes.len(), list = list),
                crate::diag::msg!("output-clashes-hint"),
            ));
        }
        foreign.retain(|f| !clashes.contains(f));
        report.replaced = clashes;
    }
    report.kept = Some(foreign.len());
    let method = forced.unwrap_or(Method::Exchange);
    if method == Method::Inside {
        report.written = swap_inside(&site, &out, previous, &foreign, &mut report.cleaned)?;
        return Ok(report);
    }
    let parent = out.parent().map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    // The render stage may have filled the stage already (see `super::spill`).
    let Some(stage) = site.stage().map(Path::to_path_buf).or_else(|| stage_beside(&out)) else {
        // The parent cannot take a folder of ours: stage inside the output instead.
        report.written = swap_inside(&site, &out, previous, &foreign, &mut report.cleaned)?;
        return Ok(report);
    };
    let staged =
        write_all(&site, &stage, Some((&out, previous))).and_then(|w| carry(&out, &stage, &foreign).map(|()| w));
    match staged {
        Ok(written) => report.written = written,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&stage);
            return Err(e);
        }
    }
    fault("staged");
    if !out.exists() {
        let renamed = std::fs::rename(&stage, &out);
        return match renamed {
            Ok(()) => Ok(report),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&stage);
                Err(io(&out, e))
            }
        };
    }
    let swapped = if method == Method::Exchange { exchange(&stage, &out) } else { Err(unsupported()) };
    match swapped {
        Ok(()) => {
            fault("swapped");
            // The stage now holds the old site: plansite's files and links to the kept ones.
            std::fs::remove_dir_all(&stage).map_err(|e| io(&stage, e))?;
            Ok(report)
        }
        Err(e) if is_busy(&e) => {
            // A mount point: it stays, its contents are swapped (the files the render stage
            // wrote taken from the stage, which goes after).
            let written = swap_inside(&site, &out, previous, &foreign, &mut report.cleaned);
            let _ = std::fs::remove_dir_all(&stage);
            report.written = written?;
            Ok(report)
        }
        Err(_) => swap_by_renames(&stage, &out, &parent, &name).map(|()| report),
    }
}

/// Whether the new site would write `file` (a path in the output) or a folder where it is, or
/// needs `file` to be a folder.
fn clashes_with(site: &RenderedSite, file: &str) -> bool {
    site.contains(file)
        || site.paths().any(|p| p.starts_with(file) && p.as_bytes().get(file.len()) == Some(&b'/'))
        || ancestors(file).any(|dir| site.contains(dir))
}

/// The folders a relative path lies in: `a/b/c` → `a/b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.char_indices().rev().filter(|(_, c)| *c == '/').map(move |(i, _)| &path[..i])
}

/// How the stage takes the output's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    /// One atomic exchange of the two folders.
    Exchange,
    /// The output renamed away, then the stage renamed into place.
    Renames,
    /// Written as a new generation inside the output, switched by one rename of a link (`super::inside`).
    Inside,
}

/// The method the tests ask for through `PLANSITE_TEST_SWAP` (debug builds only): `exchange`,
/// `renames` or `inside`, always a swap even where an update in place would do. `None`: plansite
/// chooses (in place where few files changed, else the exchange).
fn forced_method() -> Option<Method> {
    if !cfg!(debug_assertions) {
        return None;
    }
    match std::env::var("PLANSITE_TEST_SWAP").ok()?.as_str() {
        "renames" => Some(Method::Renames),
        "inside" => Some(Method::Inside),
        _ => Some(Method::Exchange),
    }
}

/// Whether a rename failed because the folder is a mount point or otherwise in use.
fn is_busy(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::ResourceBusy | std::io::ErrorKind::CrossesDevices)
        || e.raw_os_error() == Some(16)
        || e.raw_os_error() == Some(18)
}

/// The swap where no atomic exchange exists: the output moves to `.<name>.plansite-old-<pid>`,
/// the stage into its place. A build stopped between the two is rolled back by the next
/// ([`recover`] puts the old folder back).
fn swap_by_renames(stage: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), BuildError> {
    let old = parent.join(format!(".{name}.plansite-old-{}", std::process::id()));
    if let Err(e) = std::fs::rename(out, &old) {
        let _ = std::fs::remove_dir_all(stage);
        return Err(io(out, e));
    }
    fault("moved-old");
    if let Err(e) = std::fs::rename(stage, out) {
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(stage);
        return Err(io(out, e));
    }
    std::fs::remove_dir_all(&old).map_err(|e| io(&old, e))
}

/// Undoes what stopped builds left: a stage is deleted; an old site is put back where the
/// output is missing (a build stopped between its two renames) and deleted otherwise. A stage
/// inside the output (mount point) is deleted, and the swap it was part of finished by this
/// build.
pub(super) fn recover(out: &Path, cleaned: &mut Vec<String>) -> Result<(), BuildError> {
    cleaned.extend(in_place::recover(out)?);
    for (path, kind) in guard::leftovers(out) {
        let shown = path.display().to_string();
        if kind == Leftover::Old && !out.exists() {
            std::fs::rename(&path, out).map_err(|e| io(&path, e))?;
            cleaned.push(format!("{shown} (put back: a build stopped while swapping)"));
            continue;
        }
        std::fs::remove_dir_all(&path).map_err(|e| io(&path, e))?;
        cleaned.push(shown);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dest(dir: &Path) -> Destination {
        let root = dir.parent().unwrap().join("root");
        Destination { dir: dir.to_path_buf(), root, force: false }
    }

    fn site(files: &[(&str, &str)]) -> RenderedSite {
        let mut s = RenderedSite::default();
        for (p, b) in files {
            s.insert((*p).to_string(), b.as_bytes().to_vec());
        }
        s
    }

    #[test]
    fn replaces_its_own_files_keeps_foreign_ones_and_leaves_no_stage_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&site(&[("ja/index.html", "one"), ("ja/gone/index.html", "x")]), &dest(&out)).unwrap();
        std::fs::write(out.join("CNAME"), "plan.example.jp").unwrap();
        std::fs::write(out.join("ja/extra.pdf"), "pdf").unwrap();
        let report = write_site(&site(&[("ja/index.html", "two")]), &dest(&out)).unwrap();
        assert!(!report.written.in_place);
        assert_eq!(report.kept, Some(2));
        assert_eq!(std::fs::read_to_string(out.join("ja/index.html")).unwrap(), "two");
        assert!(!out.join("ja/gone").exists(), "plansite's own old page is removed");
        assert_eq!(std::fs::read_to_string(out.join("CNAME")).unwrap(), "plan.example.jp");
        assert_eq!(std::fs::read_to_string(out.join("ja/extra.pdf")).unwrap(), "pdf");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("site")]);
    }

    // A rebuild writes only the files whose bytes changed; the others are the very files of the
    // last build (left in place: same inode). A file changed by hand in the output since (after
    // the manifest), even to the same size, is written again, not carried.
    #[cfg(unix)]
    #[test]
    fn a_rebuild_writes_only_what_changed() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut files = vec![("ja/index.html", "home"), ("ja/a/index.html", "aaaa"), ("ja/b/index.html", "bbbb")];
        files.extend(
            ["ja/1/index.html", "ja/2/index.html", "ja/3/index.html", "ja/4/index.html", "ja/5/index.html"]
                .map(|p| (p, "p")),
        );
        let first = write_site(&site(&files), &dest(&out)).unwrap();
        assert_eq!(first.written, Written { files: 8, bytes: 17, ..Written::default() });
        age(&out);
        let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        let before = inode("ja/a/index.html");
        std::fs::write(out.join("ja/b/index.html"), "BBBB").unwrap();
        files.push(("ja/c/index.html", "new"));
        let again = write_site(&site(&files), &dest(&out)).unwrap();
        assert_eq!(again.written, Written { files: 2, bytes: 7, unchanged: 7, removed: 0, in_place: true });
        assert_eq!(inode("ja/a/index.html"), before, "an unchanged file is not written again");
        assert_eq!(std::fs::read_to_string(out.join("ja/b/index.html")).unwrap(), "bbbb", "a hand edit is replaced");
        assert_eq!(std::fs::read_to_string(out.join("ja/c/index.html")).unwrap(), "new");
    }

    // An output written by a version whose manifest hashed with FNV-1a (v1): its files are
    // still plansite's own (replaced and removed, foreign ones kept), none of them counts as
    // unchanged, and the new manifest is v2 with the hashes of this version.
    #[cfg(unix)]
    #[test]
    fn a_v1_manifest_is_still_read_and_its_files_are_written_once() {
        fn fnv1a(bytes: &[u8]) -> u64 {
            bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        for (rel, text) in [("ja/index.html", "home"), ("ja/gone/index.html", "old"), ("CNAME", "plan.example.jp")] {
            std::fs::create_dir_all(out.join(rel).parent().unwrap()).unwrap();
            std::fs::write(out.join(rel), text).unwrap();
        }
        let v1 = format!(
            "# plansite output manifest v1: the files plansite wrote into this folder (FNV-1a 64 hash, size in bytes, path).\n\
             {:016x} 4 ja/index.html\n{:016x} 3 ja/gone/index.html\n",
            fnv1a(b"home"),
            fnv1a(b"old")
        );
        std::fs::write(out.join(".plansite-manifest"), v1).unwrap();
        age(&out);
        let report = write_site(&site(&[("ja/index.html", "home")]), &dest(&out)).unwrap();
        assert_eq!(report.written.files, 1, "the same bytes are written again once: {:?}", report.written);
        assert_eq!(report.written.unchanged, 0, "{:?}", report.written);
        assert!(!out.join("ja/gone").exists(), "a file of the v1 manifest is plansite's own");
        assert_eq!(std::fs::read_to_string(out.join("CNAME")).unwrap(), "plan.example.jp");
        let manifest = std::fs::read_to_string(out.join(".plansite-manifest")).unwrap();
        assert!(manifest.starts_with("# plansite output manifest v2"), "{manifest}");
        assert!(manifest.contains(&format!("{:016x} 4 ja/index.html\n", guard::content_hash(b"home"))), "{manifest}");
        // Pinned: a change of the function would make every output's next build write every file.
        assert_eq!(guard::content_hash(b"home"), 0xd12a_05a2_da93_ee73_u64, "{:016x}", guard::content_hash(b"home"));
        age(&out);
        let again = write_site(&site(&[("ja/index.html", "home")]), &dest(&out)).unwrap();
        assert_eq!(again.written.files, 0, "{:?}", again.written);
        assert_eq!(again.written.unchanged, 1, "{:?}", again.written);
    }

    /// Sets the modification time of every file below `dir` two seconds back, as if the build
    /// that wrote them had taken a while (a file written in the same clock tick as the manifest
    /// is written again, to be safe).
    #[cfg(unix)]
    fn age(dir: &Path) {
        let earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(2);
        for e in walkdir::WalkDir::new(dir).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file()) {
            std::fs::File::options().write(true).open(e.path()).unwrap().set_modified(earlier).unwrap();
        }
        // The manifest stays the newest: it is written last (a second ago, so that an edit made
        // now is later by the file system's coarser clock too).
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(1);
        std::fs::File::options().write(true).open(dir.join(".plansite-manifest")).unwrap().set_modified(then).unwrap();
    }

    // When most of the site changes, it is swapped as a whole, and the files that did not change
    // are linked from the last build (same inode) instead of written.
    #[cfg(unix)]
    #[test]
    fn a_rebuild_that_changes_most_files_swaps_and_links_the_rest() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let names = ["a", "b", "c", "d", "e"];
        let one: Vec<(String, String)> = names.iter().map(|n| (format!("ja/{n}/index.html"), "one".into())).collect();
        let files: Vec<(&str, &str)> = one.iter().map(|(p, b)| (p.as_str(), b.as_str())).collect();
        write_site(&site(&files), &dest(&out)).unwrap();
        age(&out);
        let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        let before = inode("ja/a/index.html");
        let mut next = files.clone();
        for f in &mut next[1..] {
            f.1 = "two";
        }
        let again = write_site(&site(&next), &dest(&out)).unwrap();
        assert_eq!(again.written, Written { files: 4, bytes: 12, unchanged: 1, removed: 0, in_place: false });
        assert_eq!(inode("ja/a/index.html"), before);
        assert_eq!(std::fs::read_to_string(out.join("ja/e/index.html")).unwrap(), "two");
    }

    // In place: a page the site no longer has is removed with the folder it leaves empty; a
    // folder with a foreign file in it stays, and so does the file; nothing of plansite's is
    // left in the output but the manifest.
    #[cfg(unix)]
    #[test]
    fn an_update_in_place_removes_only_its_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let pages: Vec<String> = (0..10).map(|i| format!("ja/p{i}/index.html")).collect();
        let mut files: Vec<(&str, &str)> = pages.iter().map(|p| (p.as_str(), "page")).collect();
        files.push(("ja/gone/index.html", "gone"));
        files.push(("ja/kept/index.html", "gone too"));
        write_site(&site(&files), &dest(&out)).unwrap();
        std::fs::write(out.join("ja/kept/photo.jpg"), "theirs").unwrap();
        std::fs::write(out.join("CNAME"), "plan.example.jp").unwrap();
        age(&out);
        files.truncate(10);
        files[3].1 = "changed";
        let report = write_site(&site(&files), &dest(&out)).unwrap();
        assert_eq!(report.written, Written { files: 1, bytes: 7, unchanged: 9, removed: 2, in_place: true });
        assert_eq!(report.kept, None, "an update in place does not look for others' files");
        assert_eq!(std::fs::read_to_string(out.join("ja/p3/index.html")).unwrap(), "changed");
        assert!(!out.join("ja/gone").exists(), "the folder left empty goes");
        assert!(!out.join("ja/kept/index.html").exists());
        assert_eq!(std::fs::read_to_string(out.join("ja/kept/photo.jpg")).unwrap(), "theirs");
        assert_eq!(std::fs::read_to_string(out.join("CNAME")).unwrap(), "plan.example.jp");
        let manifest = std::fs::read_to_string(out.join(".plansite-manifest")).unwrap();
        assert!(manifest.contains(" 7 ja/p3/index.html\n") && !manifest.contains("gone"), "{manifest}");
        let top: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(top.len(), 3, "ja, CNAME and the manifest: {top:?}");
    }

    // An update in place does not walk the output for others' files, so it must not write over
    // one that stands where a new page goes: that is refused as a swap refuses it, and replaced
    // only under `--force`. Nor may it take a file where the new page needs a folder.
    #[cfg(unix)]
    #[test]
    fn an_update_in_place_never_writes_over_a_file_at_a_new_path() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let pages: Vec<String> = (0..10).map(|i| format!("ja/p{i}/index.html")).collect();
        let mut files: Vec<(&str, &str)> = pages.iter().map(|p| (p.as_str(), "page")).collect();
        write_site(&site(&files), &dest(&out)).unwrap();
        std::fs::create_dir_all(out.join("ja/new")).unwrap();
        std::fs::write(out.join("ja/new/index.html"), "theirs").unwrap();
        std::fs::write(out.join("ja/other"), "theirs too").unwrap();
        age(&out);
        files.push(("ja/new/index.html", "ours"));
        let refused = write_site(&site(&files), &dest(&out)).unwrap_err().to_string();
        assert!(refused.contains("ja/new/index.html"), "{refused}");
        assert_eq!(std::fs::read_to_string(out.join("ja/new/index.html")).unwrap(), "theirs");
        files.pop();
        files.push(("ja/other/index.html", "ours"));
        let refused = write_site(&site(&files), &dest(&out)).unwrap_err().to_string();
        assert!(refused.contains("ja/other"), "a file where the page needs a folder: {refused}");
        assert_eq!(std::fs::read_to_string(out.join("ja/other")).unwrap(), "theirs too");
        files.pop();
        files.push(("ja/new/index.html", "ours"));
        let forced = Destination { force: true, ..dest(&out) };
        let report = write_site(&site(&files), &forced).unwrap();
        assert_eq!(report.replaced, vec!["ja/new/index.html".to_string()]);
        assert_eq!(std::fs::read_to_string(out.join("ja/new/index.html")).unwrap(), "ours");
        assert_eq!(std::fs::read_to_string(out.join("ja/other")).unwrap(), "theirs too");
    }

    // A folder of the old site that someone replaced with a link to elsewhere: the update does
    // not go through it (nothing there is removed or written); the site is swapped instead.
    #[cfg(unix)]
    #[test]
    fn an_update_never_goes_through_a_link_out_of_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let pages: Vec<String> = (0..10).map(|i| format!("ja/p{i}/index.html")).collect();
        let mut files: Vec<(&str, &str)> = pages.iter().map(|p| (p.as_str(), "page")).collect();
        files.push(("ja/gone/index.html", "gone"));
        write_site(&site(&files), &dest(&out)).unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("index.html"), "not the site's").unwrap();
        std::fs::remove_dir_all(out.join("ja/gone")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("ja/gone")).unwrap();
        age(&out);
        files.pop();
        let report = write_site(&site(&files), &dest(&out)).unwrap();
        assert!(!report.written.in_place, "{:?}", report.written);
        assert_eq!(std::fs::read_to_string(elsewhere.join("index.html")).unwrap(), "not the site's");
        // And a journal that asks for it is refused.
        std::fs::create_dir(out.join(".plansite-incoming-999999999")).unwrap();
        std::fs::write(
            out.join(".plansite-journal"),
            "incoming .plansite-incoming-999999999\nput 0 ja/gone/index.html\n",
        )
        .unwrap();
        std::fs::write(out.join(".plansite-incoming-999999999/0"), "written through the link").unwrap();
        let _ = std::fs::remove_file(out.join("ja/gone"));
        std::os::unix::fs::symlink(&elsewhere, out.join("ja/gone")).unwrap();
        assert!(write_site(&site(&files), &dest(&out)).is_err());
        assert_eq!(std::fs::read_to_string(elsewhere.join("index.html")).unwrap(), "not the site's");
    }

    // A journal that names a path outside the output is refused whole: nothing is removed.
    #[test]
    fn a_tampered_journal_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&site(&[("ja/index.html", "one")]), &dest(&out)).unwrap();
        std::fs::write(dir.path().join("victim"), "x").unwrap();
        std::fs::create_dir(out.join(".plansite-incoming-999999999")).unwrap();
        std::fs::write(
            out.join(".plansite-journal"),
            "incoming .plansite-incoming-999999999\nremove ../victim\nremove ja/index.html\n",
        )
        .unwrap();
        assert!(write_site(&site(&[("ja/index.html", "two")]), &dest(&out)).is_err());
        assert!(dir.path().join("victim").exists());
        assert_eq!(std::fs::read_to_string(out.join("ja/index.html")).unwrap(), "one");
    }

    #[test]
    fn knows_which_paths_clash() {
        let s = site(&[("ja/index.html", ""), ("robots.txt", "")]);
        assert!(clashes_with(&s, "robots.txt"));
        assert!(clashes_with(&s, "ja"), "a file where the site needs a folder");
        assert!(clashes_with(&s, "ja/index.html/x"), "a file below one the site writes");
        assert!(!clashes_with(&s, "ja/extra.pdf"));
        assert!(!clashes_with(&s, "jam"));
    }
}
