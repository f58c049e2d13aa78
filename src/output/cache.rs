//! Writing the image cache of a site root (`.plansite-cache/images/`, read back by
//! `source::cache`): after a build it holds exactly the photos of that build. An entry is
//! written to a temporary folder and renamed into place, so a build stopped midway leaves no
//! half entry; entries no photo uses any more are removed. And the page memo
//! (`.plansite-cache/pages`): what this build knew of each page it wrote; and the notes of its
//! sources (`.plansite-cache/sources`).

use crate::source::cache::{
    image_cache_dir, page_memo_header, CacheEntry, CheckNotes, PageNotes, BODY_NOTES, CHECK_NOTES, PAGE_MEMO,
};
use std::io::Write;
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

/// Writes the page memo of `root` (read back by `source::cache::read_memo`), with the check's
/// notes if there are any: into a temporary file renamed into place, so a build stopped midway
/// leaves the last memo or this one, never half of one. Returns the problem met, if any (a
/// memo that cannot be written only means rendering and checking every page next time).
pub(crate) fn write_pages(root: &Path, notes: &PageNotes, check: Option<&CheckNotes>) -> Result<(), String> {
    // Written as it is made, not made whole first: at N = 100,000 the text was some 30 MB at the
    // write stage's peak, the build's.
    write_whole(&root.join(PAGE_MEMO), |out| {
        writeln!(out, "{}", page_memo_header())?;
        for (page, note) in notes.iter() {
            match note.made {
                Some((key, hash, fell_back)) => write!(out, "{key:016x} {hash:016x} {} ", u8::from(fell_back))?,
                None => out.write_all(b"- - - ")?,
            }
            match note.coverage {
                Some((key, coverage)) => write!(out, "{key:016x} {coverage} ")?,
                None => out.write_all(b"- - ")?,
            }
            writeln!(out, "{page:016x}")?;
        }
        // The same for the check's notes, which are taken whole or not at all: without them the
        // next check reads every page.
        if let Some(check) = check {
            writeln!(out, "{CHECK_NOTES} {:016x} {:016x}", check.files, check.manifest)?;
            for (place, count) in &check.links_to {
                writeln!(out, "{place} {count}")?;
            }
            writeln!(out, "{BODY_NOTES}")?;
            for (key, places) in &check.bodies {
                write!(out, "{key:016x}")?;
                for place in places {
                    write!(out, " {place}")?;
                }
                writeln!(out)?;
            }
        }
        Ok(())
    })
}

/// Writes what this build noted of its sources (read back by `source::cache::read_sources`),
/// like the page memo into a temporary file renamed into place. Returns the problem met, if
/// any (notes that cannot be written only mean reading every source next time).
pub(crate) fn write_sources(root: &Path, notes: &crate::source::noted::Fresh) -> Result<(), String> {
    let header = crate::source::cache::sources_header();
    write_whole(&root.join(crate::source::cache::SOURCES), |out| notes.write(&header, out))
}

/// The store of parsed files of `root` (read back through `source::cache::ParsedFile`), written as
/// the parse goes, like the page memo into a temporary file renamed into place: each value
/// parsed anew as it is made, and when every file is parsed, the rest (those taken from the
/// last store) on a thread of its own while the build goes on ([`ParsedWriter::wait`] waits
/// for it). A store that cannot be written only means parsing every file next time: the
/// problem is reported, not the build stopped.
pub(crate) struct ParsedWriter {
    path: std::path::PathBuf,
    header: String,
    /// The temporary file, once the first line is written; or what went wrong.
    out: std::sync::Mutex<Option<Result<Open, String>>>,
    /// The thread writing the rest (which says what went wrong, if anything), or why none
    /// could be started.
    rest: std::sync::Mutex<Option<Started>>,
}

/// The thread writing the rest of a store, or why none started.
type Started = Result<std::thread::JoinHandle<Result<(), String>>, String>;

/// A temporary file being written, and the file it becomes.
struct Open {
    temporary: std::path::PathBuf,
    out: std::io::BufWriter<std::fs::File>,
}

impl ParsedWriter {
    /// The writer of the store of `root`, headed `header` (`source::cache::parsed_header`).
    pub(crate) fn new(root: &Path, header: String) -> ParsedWriter {
        ParsedWriter {
            path: root.join(crate::source::cache::PARSED),
            header,
            out: Default::default(),
            rest: Default::default(),
        }
    }

    /// Writes to the temporary file (opened first if it is not yet); a problem is kept, and
    /// nothing more written.
    fn write(&self, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
        let Ok(mut out) = self.out.lock() else { return };
        let open = out.get_or_insert_with(|| {
            let (temporary, mut out) = begin(&self.path)?;
            writeln!(out, "{}", self.header).map_err(|e| problem(&self.path, "cannot write", e))?;
            Ok(Open { temporary, out })
        });
        if let Ok(file) = open {
            if let Err(e) = fill(&mut file.out) {
                let _ = std::fs::remove_file(&file.temporary);
                *open = Err(problem(&self.path, "cannot write", e));
            }
        }
    }

    /// Waits for the store to be written; what went wrong, if anything.
    pub(crate) fn wait(&self) -> Option<String> {
        match self.rest.lock().ok()?.take()? {
            Ok(thread) => thread.join().unwrap_or_else(|_| Err("the parsed files' store was not written".into())).err(),
            Err(problem) => Some(problem),
        }
    }
}

impl crate::content::stored::Sink for ParsedWriter {
    fn line(&self, key: u64, value: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>) {
        // Written whole under the lock, so lines of values parsed at once are not mixed; a
        // value that cannot be written leaves the store unwritten (the next build parses all).
        self.write(|out| {
            write!(out, "{key:016x} ")?;
            value(out)?;
            writeln!(out)
        });
    }

    fn finish(&self, rest: Option<crate::content::stored::Lines>) {
        // Unchanged: no line was made, so no file was begun, and the store stays as it is.
        let Some(rest) = rest else { return };
        // (A store that lost files and made none has no file yet.)
        self.write(|_| Ok(()));
        let Some(open) = self.out.lock().ok().and_then(|mut out| out.take()) else { return };
        let path = self.path.clone();
        let finish = move || {
            let Open { temporary, mut out } = open?;
            let written = rest.write_to(&mut out);
            end(&path, &temporary, out, written)
        };
        let started = std::thread::Builder::new()
            .name("plansite-parsed".into())
            .spawn(finish)
            .map_err(|e| format!("cannot write the parsed files' store: {e}"));
        if let Ok(mut slot) = self.rest.lock() {
            *slot = Some(started);
        }
    }
}

fn problem(path: &Path, what: &str, e: std::io::Error) -> String {
    format!("{what} {}: {e}", path.display())
}

/// Writes to `path` what `fill` writes, through a temporary file beside it
/// (`<name>.tmp-<process>`) renamed into place, removing first what a stopped build left of
/// such files.
fn write_whole(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), String> {
    let (temporary, mut out) = begin(path)?;
    let written = fill(&mut out);
    end(path, &temporary, out, written)
}

/// The temporary file of `path` (`<name>.tmp-<process>`), created, after removing what a
/// stopped build left of such files.
fn begin(path: &Path) -> Result<(std::path::PathBuf, std::io::BufWriter<std::fs::File>), String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| problem(path, "cannot create the folder of", e))?;
        // What a build stopped while writing left.
        for old in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if old.file_name().to_string_lossy().starts_with(&format!("{name}.tmp-")) {
                let _ = std::fs::remove_file(old.path());
            }
        }
    }
    let temporary = path.with_file_name(format!("{name}.tmp-{}", std::process::id()));
    match std::fs::File::create(&temporary) {
        Ok(file) => Ok((temporary, std::io::BufWriter::with_capacity(1 << 16, file))),
        Err(e) => Err(problem(path, "cannot write", e)),
    }
}

/// Puts the temporary file written (`written`, through `out`) in place as `path`; or removes it.
fn end(
    path: &Path,
    temporary: &Path,
    mut out: std::io::BufWriter<std::fs::File>,
    written: std::io::Result<()>,
) -> Result<(), String> {
    let done = written.and_then(|()| out.flush()).and_then(|()| std::fs::rename(temporary, path));
    if let Err(e) = done {
        drop(out);
        let _ = std::fs::remove_file(temporary);
        return Err(problem(path, "cannot write", e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::cache::{read_memo, PageNote};

    // The page memo reads back as it was written: the pages' notes (by their paths' keys) and
    // the check's (by the places of the files in the site's list). No path is in it, so a
    // hostile file name cannot make lines; check's notes out of order are not read.
    #[test]
    fn the_page_memo_reads_back_as_written_and_a_path_cannot_make_lines() {
        use crate::source::cache::page_key;
        let dir = tempfile::tempdir().unwrap();
        let mut notes = crate::source::cache::PageNotesMaker::default();
        notes.note(page_key("ja/index.html"), PageNote { made: Some((1, 2, true)), coverage: Some((3, 1)) });
        notes.note(page_key("search/ja/"), PageNote { made: Some((4, 5, false)), coverage: None });
        notes.note(page_key("en/a b/index.html"), PageNote { made: None, coverage: Some((6, 0)) });
        let pages = notes.finish();
        assert_eq!(pages.iter().count(), 3);
        let mut check = CheckNotes { files: 0xfeed, manifest: 0xbead, ..CheckNotes::default() };
        check.links_to = vec![(0, 3), (12, 1)];
        check.bodies = vec![(0xbeef, Box::default()), (0xcafe, vec![0, 7].into())];
        write_pages(dir.path(), &pages, Some(&check)).unwrap();
        let read = read_memo(dir.path());
        assert_eq!(read.pages, pages);
        assert_eq!(read.check, Some(check.clone()));
        assert_ne!(page_key("ja/index.html"), page_key("en/index.html"));

        // A page's path never is in the memo: one with a line break is a key like any other.
        let forged = "x\n0000000000000001 0000000000000002 0 - - ja/other/index.html";
        let mut notes = crate::source::cache::PageNotesMaker::default();
        pages.iter().for_each(|(page, note)| notes.note(page, note));
        notes.note(page_key(forged), PageNote { made: Some((7, 8, false)), coverage: None });
        let pages = notes.finish();
        assert_eq!(pages.made(page_key(forged)), Some((7, 8, false)));
        write_pages(dir.path(), &pages, Some(&check)).unwrap();
        let read = read_memo(dir.path());
        assert_eq!(read.pages, pages);
        assert_eq!(read.check, Some(check.clone()));
        // A file counted twice, or out of order, is not this program's: no check notes.
        check.links_to = vec![(12, 1), (0, 3)];
        write_pages(dir.path(), &pages, Some(&check)).unwrap();
        assert_eq!(read_memo(dir.path()).check, None);
        // Without the check's notes, the pages' notes still read.
        write_pages(dir.path(), &pages, None).unwrap();
        assert_eq!(read_memo(dir.path()).pages, pages);
    }

    // The store of parsed files: the values parsed anew, then those taken from the last
    // store, under its header; a build that changed nothing leaves it as it is, and no
    // temporary file is left behind either way.
    #[test]
    fn the_parsed_files_store_is_written_as_the_parse_goes_and_read_back() {
        use crate::content::stored::Stored;
        let dir = tempfile::tempdir().unwrap();
        let limits = crate::content::limits::Limits::default();
        let header = "# test parsed v1";
        let build = |made: &[&str], kept: &[&str]| {
            let writer = std::sync::Arc::new(ParsedWriter::new(dir.path(), header.to_string()));
            let last = crate::source::cache::ParsedFile::open(dir.path());
            let store = Stored::of_file(last, header, writer.clone());
            for text in made {
                assert_eq!(
                    store.parse(crate::content::stored::TextKey::of(text), &limits, || Ok::<_, ()>(vec![text.len()])),
                    Ok(vec![text.len()])
                );
            }
            for text in kept {
                let value =
                    store.parse(crate::content::stored::TextKey::of(text), &limits, || -> Result<Vec<usize>, ()> {
                        panic!("parsed: {text}")
                    });
                assert_eq!(value, Ok(vec![text.len()]));
            }
            store.finish();
            assert_eq!(writer.wait(), None);
            let left: Vec<_> = std::fs::read_dir(dir.path().join(".plansite-cache")).unwrap().flatten().collect();
            assert_eq!(left.len(), 1, "only the store: {left:?}");
            std::fs::read_to_string(dir.path().join(crate::source::cache::PARSED)).unwrap()
        };
        let first = build(&["a: 1"], &[]);
        assert!(first.starts_with(&format!("{header}\n")) && first.lines().count() == 2, "{first}");
        let second = build(&["b: 22"], &["a: 1"]);
        let lines: Vec<&str> = second.lines().collect();
        assert_eq!(lines.len(), 3, "{second}");
        assert!(lines[1].ends_with(" [5]") && lines[2] == first.lines().nth(1).unwrap(), "{second}");
        let third = build(&[], &["a: 1", "b: 22"]);
        assert_eq!(third, second, "unchanged");
    }

    // A value is written into the store as it is made: one that JSON cannot say (a map keyed
    // by pairs) fails part way through its line. The store is then not written at all, with
    // the problem said, rather than kept with half a line; and nothing is left behind.
    #[test]
    fn a_value_that_cannot_be_written_leaves_no_store() {
        use crate::content::stored::Stored;
        use std::collections::BTreeMap;
        let dir = tempfile::tempdir().unwrap();
        let limits = crate::content::limits::Limits::default();
        let writer = std::sync::Arc::new(ParsedWriter::new(dir.path(), "# test parsed v1".into()));
        let store = Stored::of_file(None, "# test parsed v1", writer.clone());
        let fine = store.parse(crate::content::stored::TextKey::of("a: 1"), &limits, || Ok::<_, ()>(vec![1]));
        assert_eq!(fine, Ok(vec![1]));
        let keyed: BTreeMap<(u8, u8), u8> = [((1, 2), 3), ((4, 5), 6)].into();
        assert_eq!(
            store.parse(crate::content::stored::TextKey::of("b: 2"), &limits, || Ok::<_, ()>(keyed.clone())),
            Ok(keyed)
        );
        store.finish();
        let problem = writer.wait().expect("the store's problem is said");
        assert!(problem.contains("cannot write"), "{problem}");
        assert!(!dir.path().join(crate::source::cache::PARSED).exists());
        let left: Vec<_> = std::fs::read_dir(dir.path().join(".plansite-cache")).unwrap().flatten().collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }
}
