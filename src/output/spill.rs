//! Writing a build's pages to disk as they are rendered, so that its memory does not grow with
//! the site (at N = 10,000 the pages are some 300 MB; at 100,000, 3 GB).
//!
//! Before the render stage, a build that will write its output opens a [`Spill`]: the stage
//! folder beside the output (`.<name>.plansite-stage-<pid>`, the very folder a swap fills, and
//! that the next build deletes if this one is stopped). Each page is then, as soon as it is
//! rendered:
//! - left out, when the last build's file in the output has the same bytes and nobody changed
//!   it since ([`super::files::unchanged`], the test an update in place makes): [`Stored::Kept`];
//! - else written into the stage at its own path: [`Stored::Staged`].
//!
//! Only the hash and size stay in memory. The check reads the pages back from there (from the
//! kernel's cache, which is not the process's memory), and writing the site moves the staged
//! files instead of writing them again: a swap uses the stage as it is, an update in place and
//! a swap inside a mount point rename the files from it. A build that fails, or whose output is
//! refused, removes the stage; nothing of the output is touched before the write stage.
//!
//! Without a place for the stage (the output refused, or its parent not writable), the pages
//! stay in memory and the write stage decides as it always has.

use super::guard::{self, finished, io, unchanged, Destination, Manifest};
use super::Stored;
use crate::error::BuildError;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The stage a build writes its pages into as it renders them, and the last build it compares
/// them with.
#[derive(Debug)]
pub(crate) struct Spill {
    /// The stage; `None` once the site is written (every file is then in the output).
    stage: Option<PathBuf>,
    out: PathBuf,
    previous: Manifest,
    finished: Option<SystemTime>,
    /// What stopped builds left, cleaned up before the stage was made (the build names them).
    cleaned: Vec<String>,
}

impl Spill {
    /// The stage of a build into `dest`, made empty; `None` where the write stage will refuse
    /// the output or cannot put a folder beside it (the pages then stay in memory). `recover`
    /// cleans up first what stopped builds left (naming it), so the comparison is with a whole
    /// last build.
    pub(crate) fn open(
        dest: &Destination,
        recover: impl FnOnce(&Path, &mut Vec<String>) -> Result<(), BuildError>,
    ) -> Result<Option<Spill>, BuildError> {
        let Ok(out) = guard::check_place(dest) else { return Ok(None) };
        let owned = if out.is_dir() { guard::read_manifest(&out).ok().flatten() } else { None };
        if owned.is_none() && out.is_dir() && !guard::is_empty_dir(&out) {
            // Not plansite's (a refusal, or --force with foreign files): as before.
            return Ok(None);
        }
        let mut cleaned = Vec::new();
        recover(&out, &mut cleaned)?;
        let Some(stage) = stage_beside(&out) else { return Ok(None) };
        // Read again only if the recovery did something: it may have finished a stopped update.
        let previous = match owned {
            Some(m) if cleaned.is_empty() => m,
            _ if out.is_dir() => guard::read_manifest(&out)?.unwrap_or_default(),
            _ => Manifest::new(),
        };
        let finished = if previous.is_empty() { None } else { finished(&out) };
        Ok(Some(Spill { stage: Some(stage), out, previous, finished, cleaned }))
    }

    /// The stage folder, until the site is written.
    pub(crate) fn stage(&self) -> Option<&Path> {
        self.stage.as_deref()
    }

    /// Where the same files are once the site is written: in the output.
    pub(crate) fn written(&self) -> Spill {
        Spill { stage: None, out: self.out.clone(), previous: Manifest::new(), finished: None, cleaned: Vec::new() }
    }

    /// The manifest of the output when the stage was made (empty if it had none): the last
    /// build the pages were compared with.
    pub(crate) fn previous(&self) -> &Manifest {
        &self.previous
    }

    /// What stopped builds left, cleaned up before the stage was made.
    pub(crate) fn cleaned(&self) -> &[String] {
        &self.cleaned
    }

    /// Puts the rendered file `rel`: left out if the output already has it, else written into
    /// the stage.
    pub(crate) fn put(&self, rel: &str, bytes: &[u8]) -> Result<Stored, BuildError> {
        let (hash, len) = (guard::content_hash(bytes), bytes.len() as u64);
        if self.finished.is_some_and(|f| unchanged(&self.out, &self.previous, f, rel, hash, len)) {
            return Ok(Stored::Kept { hash, len });
        }
        let Some(stage) = &self.stage else { return Ok(Stored::Bytes(bytes.into())) };
        let path = stage.join(rel);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| io(folder, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
        Ok(Stored::Staged { hash, len })
    }

    /// Like [`Spill::put`] for a file made as a stream by `write`, so that the build never holds
    /// it whole (the open data of a year of 100,000 items): written into the stage as it is
    /// made, and hashed on the way. Where the output already has the same bytes, the staged copy
    /// is removed again and the output's is kept.
    pub(crate) fn put_written(
        &self,
        rel: &str,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<Stored, BuildError> {
        let Some(stage) = &self.stage else {
            let mut bytes = Vec::new();
            write(&mut bytes).map_err(|e| io(Path::new(rel), e))?;
            return self.put(rel, &bytes);
        };
        let path = stage.join(rel);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| io(folder, e))?;
        }
        let file = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
        let mut out =
            Hashing { to: std::io::BufWriter::with_capacity(1 << 16, file), hash: guard::content_hasher(), len: 0 };
        write(&mut out).map_err(|e| io(&path, e))?;
        std::io::Write::flush(&mut out.to).map_err(|e| io(&path, e))?;
        let (hash, len) = (std::hash::Hasher::finish(&out.hash), out.len);
        drop(out);
        if self.finished.is_some_and(|f| unchanged(&self.out, &self.previous, f, rel, hash, len)) {
            std::fs::remove_file(&path).map_err(|e| io(&path, e))?;
            return Ok(Stored::Kept { hash, len });
        }
        Ok(Stored::Staged { hash, len })
    }

    /// The last build's file `rel`, left as it is, if its bytes had the hash `hash` (the page
    /// memo says so) and nobody changed it since: what [`Spill::put`] would find of the same
    /// bytes, without them.
    pub(crate) fn kept(&self, rel: &str, hash: u64) -> Option<Stored> {
        let &(_, len) = self.previous.get(rel)?;
        // `unchanged` compares the manifest's hash too.
        unchanged(&self.out, &self.previous, self.finished?, rel, hash, len).then_some(Stored::Kept { hash, len })
    }

    /// The bytes the last build left at `rel`, while they are still in the output (until the
    /// site is written), if nobody changed them since: for what a page that changed held
    /// before.
    pub(crate) fn last_bytes(&self, rel: &str) -> Option<Vec<u8>> {
        self.stage.as_ref()?;
        let &(hash, _) = self.previous.get(rel)?;
        self.kept(rel, hash)?;
        let bytes = std::fs::read(self.out.join(rel)).ok()?;
        (guard::content_hash(&bytes) == hash).then_some(bytes)
    }

    /// The fingerprint of the manifest the pages were compared with: the output's when the
    /// stage was made ([`guard::manifest_print`]).
    pub(crate) fn previous_print(&self) -> u64 {
        guard::manifest_print(self.previous.iter().map(|(rel, &(hash, len))| (rel.as_str(), hash, len)))
    }

    /// Where a file stored on disk is now.
    pub(crate) fn path_of(&self, rel: &str, stored: &Stored) -> Option<PathBuf> {
        match stored {
            Stored::Bytes(_) | Stored::Held { .. } => None,
            Stored::Staged { .. } => Some(self.stage.as_ref().unwrap_or(&self.out).join(rel)),
            Stored::Kept { .. } => Some(self.out.join(rel)),
        }
    }

    /// The bytes of a file stored on disk (a kept one is the output's, which nobody changed
    /// since the last build finished: see [`unchanged`]).
    pub(crate) fn read(&self, rel: &str, stored: &Stored) -> Option<Vec<u8>> {
        // With the size the build wrote, so the system is not asked for it (the check reads
        // every page back).
        let len = match stored {
            Stored::Staged { len, .. } | Stored::Kept { len, .. } => usize::try_from(*len).ok()?,
            Stored::Bytes(_) | Stored::Held { .. } => return None,
        };
        crate::source::read_sized(std::fs::File::open(self.path_of(rel, stored)?).ok()?, len).ok()
    }
}

/// The stage folder of this build beside the output (`.<name>.plansite-stage-<pid>`), made
/// empty; `None` if the output's parent cannot take it.
pub(super) fn stage_beside(out: &Path) -> Option<PathBuf> {
    let parent = out.parent().map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let stage = parent.join(format!(".{name}.plansite-stage-{}", std::process::id()));
    (std::fs::create_dir_all(&parent).is_ok() && std::fs::create_dir(&stage).is_ok()).then_some(stage)
}

impl Drop for Spill {
    /// The stage of a build that failed, or what is left of it after an update in place (its
    /// folders): a swap has already put it in place or deleted it.
    fn drop(&mut self) {
        if let Some(stage) = &self.stage {
            let _ = std::fs::remove_dir_all(stage);
        }
    }
}

/// A writer that hashes and counts what goes through it ([`Spill::put_written`]).
struct Hashing<W> {
    to: W,
    hash: siphasher::sip::SipHasher13,
    len: u64,
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.to.write(buf)?;
        std::hash::Hasher::write(&mut self.hash, &buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.to.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{write_site, RenderedSite};
    use std::sync::Arc;

    fn dest(out: &Path) -> Destination {
        Destination { dir: out.to_path_buf(), root: out.with_file_name("project"), force: false }
    }

    /// A site whose pages `spill` stored, as the render stage leaves it.
    fn spilled(spill: Spill, pages: &[(&str, &str)]) -> (RenderedSite, Vec<Stored>) {
        let mut site = RenderedSite::default();
        let stored: Vec<Stored> = pages.iter().map(|(rel, text)| spill.put(rel, text.as_bytes()).unwrap()).collect();
        for ((rel, _), s) in pages.iter().zip(&stored) {
            site.insert_stored(rel.to_string(), s.clone());
        }
        site.on_disk_in(Some(Arc::new(spill)));
        (site, stored)
    }

    // A page goes into the stage as it is put, and only its hash and size stay in memory; the
    // site is then written from there, with no stage left. The next build leaves out a page
    // the output already has with the same bytes, and writes the one that changed.
    #[test]
    fn pages_go_to_the_stage_and_the_output_keeps_the_unchanged_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let spill = crate::output::open_stage(&dest(&out)).unwrap().unwrap();
        let stage = spill.stage().unwrap().to_path_buf();
        assert!(stage.file_name().unwrap().to_string_lossy().starts_with(".site.plansite-stage-"));
        let (site, stored) = spilled(spill, &[("ja/index.html", "one"), ("ja/a/index.html", "two")]);
        assert!(matches!(stored[0], Stored::Staged { len: 3, .. }), "{stored:?}");
        assert_eq!(std::fs::read(stage.join("ja/a/index.html")).unwrap(), b"two");
        assert_eq!(site.get("ja/a/index.html").as_deref(), Some(&b"two"[..]), "read back from the stage");
        write_site(&site, &dest(&out)).unwrap();
        drop(site);
        assert_eq!(std::fs::read(out.join("ja/a/index.html")).unwrap(), b"two");
        assert!(!stage.exists());
        // Written a while before the manifest (in a test, all within the clock's resolution).
        for rel in ["ja/index.html", "ja/a/index.html"] {
            let file = std::fs::File::options().write(true).open(out.join(rel)).unwrap();
            file.set_modified(SystemTime::now() - std::time::Duration::from_secs(60)).unwrap();
        }

        let spill = crate::output::open_stage(&dest(&out)).unwrap().unwrap();
        let stage = spill.stage().unwrap().to_path_buf();
        let (site, stored) = spilled(spill, &[("ja/index.html", "one"), ("ja/a/index.html", "three")]);
        assert!(matches!(stored[0], Stored::Kept { .. }) && matches!(stored[1], Stored::Staged { .. }), "{stored:?}");
        assert!(!stage.join("ja/index.html").exists(), "an unchanged page is not written again");
        assert_eq!(site.get("ja/index.html").as_deref(), Some(&b"one"[..]), "read from the output");
        let report = write_site(&site, &dest(&out)).unwrap();
        assert_eq!((report.written.files, report.written.unchanged), (1, 1), "{report:?}");
        drop(site);
        assert_eq!(std::fs::read(out.join("ja/a/index.html")).unwrap(), b"three");
        assert_eq!(std::fs::read(out.join("ja/index.html")).unwrap(), b"one");
        assert!(!stage.exists());
    }

    // A file written as a stream, in pieces, is staged with the hash and size of its bytes
    // put at once, and read back the same; the next build finds the output's copy unchanged,
    // keeps it and leaves no copy in its stage.
    #[test]
    fn a_file_written_in_pieces_is_staged_and_kept_like_one_put_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let text = "列,列\r\n".repeat(40_000);
        let in_pieces = |w: &mut dyn std::io::Write| -> std::io::Result<()> {
            for line in text.split_inclusive('\n') {
                w.write_all(line.as_bytes())?;
            }
            Ok(())
        };
        let spill = crate::output::open_stage(&dest(&out)).unwrap().unwrap();
        let stage = spill.stage().unwrap().to_path_buf();
        let streamed = spill.put_written("data/a.csv", &in_pieces).unwrap();
        let whole = Stored::Staged { hash: guard::content_hash(text.as_bytes()), len: text.len() as u64 };
        assert_eq!(streamed, whole);
        assert_eq!(std::fs::read(stage.join("data/a.csv")).unwrap(), text.as_bytes());
        let mut site = RenderedSite::default();
        site.insert_stored("data/a.csv".into(), streamed);
        site.on_disk_in(Some(Arc::new(spill)));
        write_site(&site, &dest(&out)).unwrap();
        drop(site);
        let file = std::fs::File::options().write(true).open(out.join("data/a.csv")).unwrap();
        file.set_modified(SystemTime::now() - std::time::Duration::from_secs(60)).unwrap();

        let spill = crate::output::open_stage(&dest(&out)).unwrap().unwrap();
        let stage = spill.stage().unwrap().to_path_buf();
        let again = spill.put_written("data/a.csv", &in_pieces).unwrap();
        assert!(matches!(again, Stored::Kept { .. }), "{again:?}");
        assert!(!stage.join("data/a.csv").exists(), "the staged copy is removed again");
        let other = spill.put_written("data/a.csv", &|w| w.write_all(b"changed")).unwrap();
        assert!(matches!(other, Stored::Staged { len: 7, .. }), "{other:?}");
        assert_eq!(std::fs::read(stage.join("data/a.csv")).unwrap(), b"changed");
    }

    // No stage for an output the write stage will refuse: its pages stay in memory.
    #[test]
    fn an_output_that_is_not_plansites_gets_no_stage() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "someone else's").unwrap();
        assert!(crate::output::open_stage(&dest(&out)).unwrap().is_none());
        let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(beside, ["site"]);
    }
}
