//! A source file's bytes as the tree keeps them: shared, and, for a text file that is UTF-8,
//! kept as text, checked once when read. A body or a YAML file is read as text many times in a
//! build (parse, search index, render, check); each read of bytes as text checked all of them
//! again. A Markdown file past what a build keeps of them, and an item's YAML file, are noted
//! and read again where their text is needed ([`Unheld`]).

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A Markdown text with its line ends as a body reads them (`\n`): the text itself, as nearly
/// every file is, or a copy without its CRs before line feeds.
pub(crate) fn body_text(text: &str) -> Cow<'_, str> {
    // (`memchr`'s search, not `str::contains`'s, which goes a word at a time: every body is
    // looked through as it is read, and again each time it is read again.)
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The bytes of `file`, which had `len` bytes when it was written or first read: read into
/// room for that and a byte more, to its end, without asking the system for its size as
/// `std::fs::read` does (`take`: a `File`'s own `read_to_end` asks too). Two reads where it
/// is unchanged. For files a build reads again (bodies past the memory budget, its own pages).
pub(crate) fn read_sized(file: std::fs::File, len: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(len.saturating_add(1));
    file.take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `bytes` as text, if they are UTF-8: checked by `simdutf8`, several bytes at a time where
/// the processor can (at N = 100,000 some 640 MB of Markdown is checked as it is read, and
/// again each time a body past the memory budget is read again: 15.9 G instructions with the
/// standard library's check, which goes a character at a time through Japanese text). The
/// text is then copied where it is kept, as a `String` made into an `Arc<str>` was.
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// The bytes of one source file, shared: a copy of the tree, or of a body read from it, is the
/// very same allocation (the parse cache recognises unchanged files by it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileBytes {
    /// A text file (by its extension) that is UTF-8.
    Text(Arc<str>),
    /// Any other file: an image, a document, text that is not UTF-8.
    Other(Arc<[u8]>),
    /// A Markdown or YAML file in UTF-8 that was read and noted, but not kept: past the text a
    /// build keeps, or an item's YAML ([`super::SourceTree::load_for_build`]). Read again where
    /// its text is needed.
    Unheld(Arc<Unheld>),
}

/// What a build needs to know of a Markdown text without reading it: noted of every body when
/// it is read, the same way whether its text is kept or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct TextNote {
    /// A fingerprint of the text (line ends made `\n`): a changed body is told by it.
    pub hash: u64,
    /// Whether it has a `{`, so may hold `{name|reading}` forms.
    pub braces: bool,
    /// Whether it has `@file/`, so may name files of the site.
    pub files: bool,
    /// Whether it is only white space (a translation not yet written, for the translation
    /// report).
    pub blank: bool,
    /// Whether it may hold a link, an image or HTML (`](`, `]:` or `<`): the check reads only
    /// such bodies, and most have none (a body not kept was read again for nothing: 200,000
    /// times at N = 100,000).
    pub links: bool,
}

impl TextNote {
    /// What is noted of `text` (line ends already `\n`).
    pub(crate) fn of(text: &str) -> TextNote {
        // (`memchr`'s SIMD searches, where `str::contains` goes a word at a time: every body is
        // read through by each of them as it is read.)
        let bytes = text.as_bytes();
        let has = |s: &[u8]| memchr::memmem::find(bytes, s).is_some();
        let (braces, files, blank) = (memchr::memchr(b'{', bytes).is_some(), has(b"@file/"), text.trim().is_empty());
        let links = has(b"](") || has(b"]:") || memchr::memchr(b'<', bytes).is_some();
        TextNote { hash: crate::reuse::text_fingerprint(text), braces, files, blank, links }
    }
}

/// Where a build's tree read the files it did not keep, shared by all of them, and what went
/// wrong reading one again (rarely anything): each file not kept is then a note of 56 bytes,
/// not 96 (at N = 100,000 some 300,000 of them, held through the build).
#[derive(Debug)]
pub(crate) struct Unkept {
    root: std::path::PathBuf,
    /// The root folder, open: a file is read again from it, not by a path from `/` (at
    /// N = 100,000 some 600,000 reads, each looking up every folder above the root again).
    #[cfg(target_os = "linux")]
    dir: Option<std::os::fd::OwnedFd>,
    /// The files that could not be read again, or were no longer what was read first, each
    /// once, with why: the build then fails ([`super::SourceTree::unread`]).
    failed: Mutex<Vec<(Box<str>, crate::diag::Msg)>>,
}

impl Unkept {
    /// The site root `root`, nothing read again yet.
    pub(crate) fn new(root: &Path) -> Unkept {
        #[cfg(target_os = "linux")]
        let dir = {
            use rustix::fs::{Mode, OFlags};
            rustix::fs::open(root, OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty()).ok()
        };
        Unkept {
            root: root.to_path_buf(),
            #[cfg(target_os = "linux")]
            dir,
            failed: Mutex::new(Vec::new()),
        }
    }

    /// The bytes of the file `key` (root-relative), which had `len` bytes when first read. Read
    /// into room for that and a byte more, to its end, without asking the system for its size
    /// as `std::fs::read` does (one call fewer for each file, at N = 100,000 some 600,000).
    fn read(&self, key: &str, len: usize) -> std::io::Result<Vec<u8>> {
        #[cfg(target_os = "linux")]
        let file = match &self.dir {
            Some(dir) => {
                use rustix::fs::{Mode, OFlags};
                std::fs::File::from(rustix::fs::openat(dir, key, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?)
            }
            None => std::fs::File::open(self.root.join(key))?,
        };
        #[cfg(not(target_os = "linux"))]
        let file = std::fs::File::open(self.root.join(key))?;
        read_sized(file, len)
    }

    /// The first file, in path order, that could not be read again, and why.
    pub(crate) fn first_failed(&self) -> Option<(String, crate::diag::Msg)> {
        let failed = self.failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        failed.iter().min_by(|a, b| a.0.cmp(&b.0)).map(|(key, why)| (key.to_string(), why.clone()))
    }

    fn note_failed(&self, key: &str, why: crate::diag::Msg) {
        let mut failed = self.failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !failed.iter().any(|(k, _)| &**k == key) {
            failed.push((key.into(), why));
        }
    }
}

/// A Markdown or YAML file read but not kept: the root it is in, and what was noted of it.
/// Not its path: whoever holds it has that already (the tree's key, a body's file), and gives it
/// to read it again. With a copy of the path of its own, each of some 300,000 at N = 100,000 was
/// 16 bytes larger and one more allocation (8.9 MB of paths, counted, through every stage).
#[derive(Debug)]
pub(crate) struct Unheld {
    /// The site root it is in, shared.
    at: Arc<Unkept>,
    /// What was noted of its text ([`TextNote`], its fields here to save the padding of one).
    hash: u64,
    /// Its length in bytes as read (a file of 4 GB or more as `u32::MAX`: over any limit).
    len: u32,
    braces: bool,
    files: bool,
    blank: bool,
    links: bool,
}

impl Unheld {
    /// A text file of the site root `at`, of `len` bytes, with the text `text` (line ends made
    /// `\n`), not kept.
    pub(crate) fn new(at: Arc<Unkept>, len: usize, text: &str) -> Unheld {
        Unheld::noted(at, len, TextNote::of(text))
    }

    /// A text file of the site root `at`, of `len` bytes, whose text the last build noted as
    /// `note` (see `super::noted`): not read at all.
    pub(crate) fn noted(at: Arc<Unkept>, len: usize, note: TextNote) -> Unheld {
        let TextNote { hash, braces, files, blank, links } = note;
        Unheld { at, hash, len: u32::try_from(len).unwrap_or(u32::MAX), braces, files, blank, links }
    }

    /// What was noted of its text when it was read.
    pub(crate) fn note(&self) -> TextNote {
        TextNote { hash: self.hash, braces: self.braces, files: self.files, blank: self.blank, links: self.links }
    }

    /// Its length in bytes as read.
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }

    /// The text of this file, at `key` (its root-relative path), read again, with line ends
    /// made `\n` (a body's text); if it cannot be read, or is no longer what was read first (as
    /// another file's text is not), no text (the build then fails: [`Unkept::first_failed`]).
    pub(crate) fn read(&self, key: &str) -> Arc<str> {
        self.read_or_note(key, true, |text| Arc::from(text)).unwrap_or_else(|| Arc::from(""))
    }

    /// The text as the tree would have kept it (line ends as written), read again from `key`;
    /// `None` if it cannot be, or is no longer what was read first (noted as with
    /// [`Unheld::read`]).
    pub(crate) fn read_as_kept(&self, key: &str) -> Option<String> {
        self.read_or_note(key, false, str::to_owned)
    }

    /// What `make` makes of the text read again (with line ends made `\n` if `line_ends`).
    fn read_or_note<T>(&self, key: &str, line_ends: bool, make: impl FnOnce(&str) -> T) -> Option<T> {
        match self.read_again(key, line_ends, make) {
            Ok(text) => Some(text),
            Err(why) => {
                self.at.note_failed(key, why);
                None
            }
        }
    }

    fn read_again<T>(&self, key: &str, line_ends: bool, make: impl FnOnce(&str) -> T) -> Result<T, crate::diag::Msg> {
        let changed = || crate::diag::msg!("source-changed");
        let bytes = super::clean_text(self.at.read(key, self.len()).map_err(|e| crate::diag::io_error(&e))?);
        let text = utf8(&bytes).ok_or_else(changed)?;
        // The same text (line ends aside: saved again with other ones, it is the same body) by
        // its fingerprint; the rest of the note follows from the text, and is not looked for
        // again in every body read.
        match body_text(text) {
            read if crate::reuse::text_fingerprint(&read) != self.hash => Err(changed()),
            Cow::Owned(read) if line_ends => Ok(make(&read)),
            _ => Ok(make(text)),
        }
    }
}

impl FileBytes {
    /// A file's bytes, kept as text if it is a text file (`text_file`) and they are UTF-8.
    pub(crate) fn new(bytes: Vec<u8>, text_file: bool) -> FileBytes {
        FileBytes::keeping(bytes, text_file, |text| FileBytes::Text(Arc::from(text)))
    }

    /// Like [`FileBytes::new`], a text file in UTF-8 kept as `keep` says (or not kept).
    pub(crate) fn keeping(bytes: Vec<u8>, text_file: bool, keep: impl FnOnce(&str) -> FileBytes) -> FileBytes {
        // (An image or a document is not checked as text at all.)
        match text_file.then(|| utf8(&bytes)).flatten() {
            Some(text) => keep(text),
            None => FileBytes::Other(Arc::from(bytes)),
        }
    }

    /// The text, if the file is a text file in UTF-8 that is kept.
    #[cfg(test)]
    pub(crate) fn text(&self) -> Option<&Arc<str>> {
        match self {
            FileBytes::Text(text) => Some(text),
            FileBytes::Other(_) | FileBytes::Unheld(_) => None,
        }
    }

    /// The text, or why the bytes are not UTF-8 (checked only for a file not kept as text). An
    /// unheld file has none here: outside the tree, [`FileBytes::text_now`] reads it again.
    pub(super) fn as_str(&self) -> Result<&str, std::str::Utf8Error> {
        match self {
            FileBytes::Text(text) => Ok(text),
            FileBytes::Other(bytes) => std::str::from_utf8(bytes),
            FileBytes::Unheld(_) => Ok(""),
        }
    }

    /// The text as the tree keeps it, an unheld file's read again from `key`, its root-relative
    /// path (`Ok(None)` if that fails: the build then fails, [`super::SourceTree::unread`]); or
    /// why the bytes are not UTF-8.
    pub(crate) fn text_now(&self, key: &str) -> Result<Option<Cow<'_, str>>, std::str::Utf8Error> {
        match self {
            FileBytes::Unheld(file) => Ok(file.read_as_kept(key).map(Cow::Owned)),
            bytes => bytes.as_str().map(|text| Some(Cow::Borrowed(text))),
        }
    }

    /// Whether the file is text of only white space (line ends as a body reads them), told
    /// without reading again a file the tree did not keep; `None` if it is not text.
    pub(crate) fn is_blank(&self) -> Option<bool> {
        match self {
            FileBytes::Unheld(file) => Some(file.blank),
            bytes => bytes.as_str().ok().map(|text| text.trim().is_empty()),
        }
    }

    /// What is noted of the text (line ends as a body reads them), told without reading again
    /// a file the tree did not keep; `None` if it is not text kept as such.
    pub(crate) fn note(&self) -> Option<TextNote> {
        match self {
            FileBytes::Text(text) => Some(TextNote::of(&body_text(text))),
            FileBytes::Unheld(file) => Some(file.note()),
            FileBytes::Other(_) => None,
        }
    }

    /// The file's length in bytes (of an unheld file too).
    pub(crate) fn len(&self) -> usize {
        match self {
            FileBytes::Text(text) => text.len(),
            FileBytes::Other(bytes) => bytes.len(),
            FileBytes::Unheld(file) => file.len(),
        }
    }

    /// The bytes, shared (the same allocation, whichever the kind; an unheld file's read again
    /// from `key`, its root-relative path).
    pub(crate) fn shared(&self, key: &str) -> Arc<[u8]> {
        match self {
            FileBytes::Text(text) => Arc::from(text.clone()),
            FileBytes::Other(bytes) => bytes.clone(),
            FileBytes::Unheld(file) => Arc::from(file.read_as_kept(key).unwrap_or_default().into_bytes()),
        }
    }

    /// Whether `a` and `b` are the very same bytes (one allocation), not only equal ones.
    pub(crate) fn same(a: &FileBytes, b: &FileBytes) -> bool {
        match (a, b) {
            (FileBytes::Text(a), FileBytes::Text(b)) => Arc::ptr_eq(a, b),
            (FileBytes::Other(a), FileBytes::Other(b)) => Arc::ptr_eq(a, b),
            (FileBytes::Unheld(a), FileBytes::Unheld(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Text(text) => text.as_bytes(),
            FileBytes::Other(bytes) => bytes,
            // None kept (see `FileBytes::len`, `FileBytes::shared`).
            FileBytes::Unheld(_) => &[],
        }
    }
}

/// Two unheld files are alike when what was noted of them is (files at the same path are
/// compared: a tree's and its copy's, a body's in two builds).
impl PartialEq for Unheld {
    fn eq(&self, other: &Unheld) -> bool {
        self.len == other.len && self.note() == other.note()
    }
}

impl Eq for Unheld {}

#[cfg(test)]
mod tests {
    use super::*;

    // The check of UTF-8 takes and refuses what the standard library's does: every sequence of
    // one and two bytes, and of three starting as a three-byte character does (surrogates,
    // overlong forms, cut short), after ASCII long enough for the wide path.
    #[test]
    fn utf8_is_told_as_the_standard_library_tells_it() {
        let lead = "あいうえお abcdefghijklmnopqrstuvwxyz 0123456789 かきくけこ".repeat(2);
        let mut bytes = lead.as_bytes().to_vec();
        let mut same = |tail: &[u8]| {
            bytes.truncate(lead.len());
            bytes.extend_from_slice(tail);
            assert_eq!(utf8(&bytes).is_some(), std::str::from_utf8(&bytes).is_ok(), "{tail:x?}");
        };
        for a in 0..=255u8 {
            same(&[a]);
            for b in 0..=255u8 {
                same(&[a, b]);
                if (0xe0..=0xef).contains(&a) && b >= 0x80 {
                    for c in 0..=255u8 {
                        same(&[a, b, c]);
                    }
                }
            }
        }
        assert!(utf8("朝のあいさつ".as_bytes()).is_some() && utf8(b"\xed\xa0\x80").is_none());
    }

    #[test]
    fn text_is_kept_as_text_once_checked_and_shared_without_a_copy() {
        let text = FileBytes::new("朝のあいさつ".as_bytes().to_vec(), true);
        assert_eq!(text.text().map(|t| &**t), Some("朝のあいさつ"));
        assert_eq!(&*text, "朝のあいさつ".as_bytes());
        // The shared bytes are the text's allocation.
        let (a, b) = (text.shared("a.md"), text.shared("a.md"));
        assert!(Arc::ptr_eq(&a, &b) && std::ptr::eq(a.as_ptr(), text.as_ptr()));
        assert!(FileBytes::same(&text, &text.clone()));
        assert!(!FileBytes::same(&text, &FileBytes::new("朝のあいさつ".as_bytes().to_vec(), true)));
        // Not UTF-8, or not a text file: bytes.
        let latin1 = FileBytes::new(vec![b'a', 0xe9], true);
        assert!(latin1.text().is_none() && *latin1 == [b'a', 0xe9]);
        assert!(FileBytes::new(b"<svg/>".to_vec(), false).text().is_none());
    }

    // A file not kept is a note of 24 bytes (40 with its `Arc`'s counts), its root shared and
    // its path given by whoever holds it: at N = 100,000 a build holds some 300,000 of them.
    #[test]
    fn a_file_not_kept_is_a_small_note_sharing_its_root() {
        assert_eq!(std::mem::size_of::<Unheld>(), 24);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "{千葉|ちば}\r\n").unwrap();
        std::fs::write(dir.path().join("c.md"), "{千葉|ちバ}\r\n").unwrap();
        let at = Arc::new(Unkept::new(dir.path()));
        let a = Unheld::new(at.clone(), 17, "{千葉|ちば}\n");
        assert_eq!((a.len(), a.note().braces, a.note().files), (17, true, false));
        assert_eq!(&*a.read("a.md"), "{千葉|ちば}\n");
        assert_eq!(a.read_as_kept("a.md").as_deref(), Some("{千葉|ちば}\r\n"));
        assert!(at.first_failed().is_none());
        // Read from another file (of the same length), it is not this file's text: noted as
        // failed, as a change is.
        assert_eq!(&*a.read("c.md"), "");
        assert_eq!(at.first_failed().map(|(key, _)| key).as_deref(), Some("c.md"));
        let at = Arc::new(Unkept::new(dir.path()));
        let a = Unheld::new(at.clone(), 17, "{千葉|ちば}\n");
        // Changed (to a text of the same length), and gone: each noted once, the first in path
        // order told.
        let b = Unheld::new(at.clone(), 1, "x");
        std::fs::write(dir.path().join("a.md"), "{千葉|ちバ}\r\n").unwrap();
        for _ in 0..2 {
            assert_eq!((&*a.read("a.md"), &*b.read("b.md")), ("", ""));
        }
        assert_eq!(at.failed.lock().unwrap().len(), 2);
        assert_eq!(at.first_failed().map(|(key, _)| key).as_deref(), Some("a.md"));
        assert_eq!(Unheld::new(at, 5 << 30, "").len(), u32::MAX as usize);
    }

    // A text that may hold a link, an image or HTML is noted as such, the same way whether it
    // is kept or not: the check reads only those (a link by reference and an autolink too).
    #[test]
    fn a_text_that_may_link_is_noted() {
        let at = Arc::new(Unkept::new(std::path::Path::new("/r")));
        for (text, links) in [
            ("見守り活動をしています。\n", false),
            ("{千葉|ちば}の集い @file/a.pdf\n", false),
            ("[集い](@case/cafe)\n", true),
            ("![写真](@file/a.jpg)\n", true),
            ("[集い][1]\n\n[1]: https://example.jp/\n", true),
            ("<https://example.jp/>\n", true),
        ] {
            assert_eq!(TextNote::of(text).links, links, "{text}");
            assert_eq!(Unheld::new(at.clone(), text.len(), text).note().links, links, "{text}");
        }
    }
}
