//! Reading the image cache of a site root (`.plansite-cache/images/`): what earlier builds
//! encoded, one folder per photo, named by the hash of its bytes (see `media::memo`). The cache
//! is not content: `SourceTree` never reads it, and it is never published. A cache that is
//! missing or cannot be read is simply empty: every photo is encoded again.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

/// The folder of plansite's caches in a site root, relative to it (never content, never
/// published), or a file in it: `in_cache!("images")`. The one spelling of its name.
macro_rules! in_cache {
    () => {
        ".plansite-cache"
    };
    ($name:literal) => {
        concat!(in_cache!(), "/", $name)
    };
}

/// The folder of plansite's caches in a site root; `serve` also makes the file of the pages
/// past its memory budget there (`output::held`), and `check --external` its cache of links.
pub(crate) const CACHE: &str = in_cache!();

/// Where the image cache lives, relative to the site root.
pub(crate) const IMAGE_CACHE: &str = in_cache!("images");

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
        // Plain files only: a link in an entry (committed to a repository, say) would publish
        // whatever it leads to, as a photo's encoding.
        for file in files.flatten().filter(|f| f.file_type().is_ok_and(|t| t.is_file())) {
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
pub(crate) const PAGE_MEMO: &str = in_cache!("pages");

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

/// What a build knew of each of its pages, by the [`page_key`] of its output path: how each
/// was made and what its coverage was, each in a list in key order (one note a page in each at
/// most), looked up by a search of the list.
///
/// Two lists, not a map of notes: at N = 100,000, with 235,000 files, a hash map of the whole
/// notes had 524,288 slots of 65 bytes (34 MB) through the render and check stages, the
/// build's peak; the lists are some 13 MB. Made by [`PageNotesMaker`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageNotes {
    made: Vec<(u64, (u64, u64, bool))>,
    coverage: Vec<(u64, (u64, u8))>,
}

impl PageNotes {
    /// How the page of key `page` was made, if noted.
    pub(crate) fn made(&self, page: u64) -> Option<(u64, u64, bool)> {
        find(&self.made, page)
    }

    /// The page's coverage, if noted.
    pub(crate) fn coverage(&self, page: u64) -> Option<(u64, u8)> {
        find(&self.coverage, page)
    }

    /// Whether nothing is noted.
    pub(crate) fn is_empty(&self) -> bool {
        self.made.is_empty() && self.coverage.is_empty()
    }

    /// Every page noted (its key and note), in key order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u64, PageNote)> + '_ {
        let (mut made, mut coverage) = (self.made.iter().peekable(), self.coverage.iter().peekable());
        std::iter::from_fn(move || {
            let page = match (made.peek(), coverage.peek()) {
                (Some(m), Some(c)) => m.0.min(c.0),
                (Some(m), None) => m.0,
                (None, Some(c)) => c.0,
                (None, None) => return None,
            };
            let made = made.next_if(|m| m.0 == page).map(|m| m.1);
            let coverage = coverage.next_if(|c| c.0 == page).map(|c| c.1);
            Some((page, PageNote { made, coverage }))
        })
    }
}

/// The value noted for `key` in a list in key order.
fn find<T: Copy>(list: &[(u64, T)], key: u64) -> Option<T> {
    list.binary_search_by_key(&key, |e| e.0).ok().and_then(|at| list.get(at)).map(|e| e.1)
}

/// [`PageNotes`] as they are noted, in any order, a page noted again replacing what it had.
#[derive(Debug, Default)]
pub(crate) struct PageNotesMaker {
    made: Vec<(u64, (u64, u64, bool))>,
    coverage: Vec<(u64, (u64, u8))>,
}

impl PageNotesMaker {
    /// Notes how the page of key `page` was made.
    pub(crate) fn made(&mut self, page: u64, made: (u64, u64, bool)) {
        self.made.push((page, made));
    }

    /// Notes the page's coverage.
    pub(crate) fn coverage(&mut self, page: u64, coverage: (u64, u8)) {
        self.coverage.push((page, coverage));
    }

    /// Notes `note`'s parts.
    pub(crate) fn note(&mut self, page: u64, note: PageNote) {
        self.made.extend(note.made.map(|m| (page, m)));
        self.coverage.extend(note.coverage.map(|c| (page, c)));
    }

    /// The notes in key order, each page's last note kept.
    pub(crate) fn finish(self) -> PageNotes {
        fn settled<T>(mut list: Vec<(u64, T)>) -> Vec<(u64, T)> {
            // (Stable, so of a page noted twice the last note is last.)
            if !list.is_sorted_by_key(|e| e.0) {
                list.sort_by_key(|e| e.0);
            }
            crate::reuse::keep_last_of_each(&mut list, |a, b| a.0 == b.0);
            list
        }
        PageNotes { made: settled(self.made), coverage: settled(self.coverage) }
    }
}

/// The key of an output path in [`PageNotes`]: its fingerprint, not the path (at N = 100,000
/// the paths of some 400,000 pages and index files were 42 MB of the render and check stages'
/// peaks, and as much again in a second build, which reads the last build's). Two paths of one
/// key could only share a note, and a note is taken only where the page's inputs and its file
/// on disk are what it says (`render::memo::RenderMemo::kept`): at worst a page is made again.
pub(crate) fn page_key(path: &str) -> u64 {
    crate::reuse::fingerprint(path)
}

/// What the last build's check knew of its site as a whole: how many of its pages link to
/// each file, for a site with the same files (see `check`). Written only by a build whose
/// pages the check found nothing wrong with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CheckNotes {
    /// The fingerprint of the site's file list and address the pages were checked with.
    pub(crate) files: u64,
    /// The fingerprint of the manifest the build wrote (`output::guard::Manifest`): the notes
    /// are of that output's site, and are carried over only by a build into it while it is
    /// as that build left it (one root may be built into several outputs).
    pub(crate) manifest: u64,
    /// How many pages link to each file of the site linked to, the file named by its place in
    /// the site's sorted file list (as the bodies' links are), in the order of the places.
    pub(crate) links_to: Vec<(u32, u32)>,
    /// Each Markdown body on each page it is shown on, in the check's order: the fingerprint
    /// of what its check depends on in itself (its source, its language and its page), and the
    /// files it links to, as their places in the site's sorted file list.
    pub(crate) bodies: Vec<BodyNote>,
}

/// A body's notes in [`CheckNotes`]: its key and the places of the files it links to (in a
/// list of its own size: a build holds one for each body on each page from its check to its
/// end, 200,000 at N = 100,000).
pub(crate) type BodyNote = (u64, Box<[u32]>);

/// The page memo of a site root: what the last build knew of each page it wrote, and what its
/// check knew of them.
#[derive(Debug, Default)]
pub(crate) struct LastBuild {
    pub(crate) pages: PageNotes,
    pub(crate) check: Option<CheckNotes>,
}

/// The line of the page memo after which come the check's notes (`count path`).
pub(crate) const CHECK_NOTES: &str = "# check";

/// The line of the page memo after which come the check's notes of the bodies (`key places…`).
pub(crate) const BODY_NOTES: &str = "# bodies";

/// The first line of the page memo: the memo is of this very program (the fingerprints are its
/// hashes of its own types, and its templates are in it), so another version, or another build
/// of the same one, ignores it. The program is named by its version and its file's size and
/// time of change: reading its 150 MB to hash them would take longer than what the memo saves
/// on a small site. Where the program cannot be named so, the header names this run alone,
/// and no memo is shared.
pub(crate) fn page_memo_header() -> String {
    format!("# plansite page memo v4 {}", program())
}

/// This program's name for the stores of `.plansite-cache`: its version, and its file's size
/// and time of change (see [`page_memo_header`]).
fn program() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
    let changed = exe.as_ref().and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(UNIX_EPOCH).ok());
    let program = match (exe, changed) {
        (Some(exe), Some(changed)) => format!("{} {}", exe.len(), changed.as_nanos()),
        _ => format!("unknown, run {}", std::process::id()),
    };
    format!("{} {program}", env!("CARGO_PKG_VERSION"))
}

/// Where the parsed YAML files of the last build live, relative to the site root (see
/// `content::stored`).
pub(crate) const PARSED: &str = in_cache!("parsed");

/// The first line of the store of parsed files: of this very program, as the page memo's (the
/// types the files are read as are its own).
pub(crate) fn parsed_header() -> String {
    format!("# plansite parsed v1 {}", program())
}

/// Where the notes of the last build's sources live, relative to the site root (see
/// `source::noted`).
pub(crate) const SOURCES: &str = in_cache!("sources");

/// The first line of the notes of sources: of this very program, as the page memo's (the
/// fingerprints are its own).
pub(crate) fn sources_header() -> String {
    format!("# plansite sources v1 {}", program())
}

/// The notes of the last build's sources of `root`; none when there are none, they cannot be
/// read, or they are another program's.
pub(crate) fn read_sources(root: &Path) -> super::noted::Last {
    match std::fs::read(root.join(SOURCES)) {
        Ok(bytes) => super::noted::Last::of(&bytes, &sources_header()),
        Err(_) => Default::default(),
    }
}

/// The store of parsed files of `root`, opened where it lies (its header is checked by
/// `content::stored`): its lines are read where they are wanted, never the whole of it.
pub(crate) struct ParsedFile(std::fs::File);

impl ParsedFile {
    /// The store of `root`; `None` when there is none or it cannot be opened (then every file
    /// is parsed).
    pub(crate) fn open(root: &Path) -> Option<ParsedFile> {
        std::fs::File::open(root.join(PARSED)).ok().map(ParsedFile)
    }

    /// The store from where its reading stands, buffered: from its start, as it is opened and
    /// then read only at places ([`ParsedFile::read_at`] does not move it).
    pub(crate) fn reader(&self) -> std::io::BufReader<&std::fs::File> {
        std::io::BufReader::with_capacity(1 << 20, &self.0)
    }

    /// Fills `into` with the bytes at `at` (elsewhere than on Unix, an error: every file is
    /// parsed).
    pub(crate) fn read_at(&self, at: u64, into: &mut [u8]) -> std::io::Result<()> {
        #[cfg(unix)]
        return std::os::unix::fs::FileExt::read_exact_at(&self.0, into, at);
        #[cfg(not(unix))]
        {
            let _ = (at, into);
            Err(std::io::ErrorKind::Unsupported.into())
        }
    }
}

/// The page memo of `root`; empty when there is none, it cannot be read, or it was written by
/// another program. A page's line that does not read is left out (its page is rendered); the
/// check's notes are taken only whole (a line that does not read leaves them out).
pub(crate) fn read_memo(root: &Path) -> LastBuild {
    let Ok(text) = std::fs::read_to_string(root.join(PAGE_MEMO)) else { return LastBuild::default() };
    let (header, rest) = text.split_once('\n').unwrap_or((&text, ""));
    if header != page_memo_header() {
        return LastBuild::default();
    }
    let hex = |s: &str| u64::from_str_radix(s, 16).ok();
    // The pages' lines, then (if the check's notes are there) the line naming the file list
    // they are of, and theirs.
    let marker = format!("{CHECK_NOTES} ");
    let (pages, check) = match rest.strip_prefix(&marker) {
        Some(check) => ("", Some(check)),
        None => match rest.split_once(&format!("\n{marker}")) {
            Some((pages, check)) => (pages, Some(check)),
            None => (rest, None),
        },
    };
    let pages = pages
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(6, ' ');
            let (key, hash, fell_back, cover_key, cover) =
                (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
            let path = hex(parts.next()?)?;
            let made = match (hex(key), hex(hash), fell_back) {
                (Some(k), Some(h), "0" | "1") => Some((k, h, fell_back == "1")),
                _ => None,
            };
            let coverage = hex(cover_key).zip(cover.parse::<u8>().ok());
            Some((path, PageNote { made, coverage }))
        })
        .fold(PageNotesMaker::default(), |mut notes, (page, note)| {
            notes.note(page, note);
            notes
        })
        .finish();
    let check = check.and_then(|check| {
        let (check, bodies) = check.split_once(&format!("\n{BODY_NOTES}\n"))?;
        let mut lines = check.lines();
        let (files, manifest) = lines.next()?.split_once(' ')?;
        let (files, manifest) = (hex(files)?, hex(manifest)?);
        let links_to: Vec<(u32, u32)> = lines
            .map(|line| {
                let (place, count) = line.split_once(' ')?;
                Some((place.parse::<u32>().ok()?, count.parse::<u32>().ok().filter(|n| *n > 0)?))
            })
            .collect::<Option<_>>()?;
        // (In order, each file once: else not this program's notes.)
        if !links_to.windows(2).all(|w| w[0].0 < w[1].0) {
            return None;
        }
        let bodies = bodies
            .lines()
            .map(|line| {
                let mut parts = line.split(' ');
                let key = hex(parts.next()?)?;
                Some((key, parts.map(|p| p.parse::<u32>().ok()).collect::<Option<_>>()?))
            })
            .collect::<Option<_>>()?;
        Some(CheckNotes { files, manifest, links_to, bodies })
    });
    LastBuild { pages, check }
}

#[cfg(test)]
mod tests {
    use super::*;

    // An entry's files are read only where they are plain files: a link in the cache is not
    // followed (it would publish what it leads to as a photo's encoding).
    #[test]
    fn links_in_the_image_cache_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let entry = image_cache_dir(dir.path()).join("0123456789abcdef0123456789abcdef");
        std::fs::create_dir_all(&entry).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::fs::write(entry.join("480.jpg"), "jpeg").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), entry.join("960.jpg")).unwrap();
        let read = read_images(dir.path());
        assert_eq!(read.len(), 1);
        let files: Vec<&str> = read[0].1.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(files, ["480.jpg"]);
    }

    // Notes made in any order are found by their page's key; a page noted again has its last
    // note; how a page was made and its coverage are noted apart and read together.
    #[test]
    fn page_notes_are_found_by_key_the_last_of_each_kept() {
        let mut notes = PageNotesMaker::default();
        notes.made(30, (1, 1, false));
        notes.coverage(10, (2, 0));
        notes.made(10, (3, 3, true));
        notes.made(30, (4, 4, false));
        notes.coverage(20, (5, 1));
        notes.made(30, (6, 6, true));
        let pages = notes.finish();
        assert_eq!(pages.made(30), Some((6, 6, true)));
        assert_eq!((pages.made(10), pages.coverage(10)), (Some((3, 3, true)), Some((2, 0))));
        assert_eq!((pages.made(20), pages.coverage(20)), (None, Some((5, 1))));
        assert_eq!((pages.made(40), pages.coverage(30)), (None, None));
        let all: Vec<(u64, PageNote)> = pages.iter().collect();
        assert_eq!(
            all,
            [
                (10, PageNote { made: Some((3, 3, true)), coverage: Some((2, 0)) }),
                (20, PageNote { made: None, coverage: Some((5, 1)) }),
                (30, PageNote { made: Some((6, 6, true)), coverage: None }),
            ]
        );
        assert!(PageNotesMaker::default().finish().is_empty() && !pages.is_empty());
    }
}
