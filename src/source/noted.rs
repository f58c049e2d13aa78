//! What a build noted of the Markdown bodies and the items' data files it read, for the next
//! build of the same root (`.plansite-cache/sources`, written by `output::cache`): each file by
//! its path and its state on disk (device, inode, size, times of modification and of change),
//! with what was noted of its text ([`TextNote`]) and its length. A file whose state is the one
//! noted is not read by the next build: it is noted as read ([`super::FileBytes::Unheld`]) and
//! read again only where its text is needed, as a body past the memory budget is (and then
//! checked against the note: a file changed since is an error, not a page made of old text).
//! At N = 1,000 reading the 3,000 files of the case studies, each hashed as it was read, was a
//! quarter of a build after a one-word edit.
//!
//! A state tells a change only if the file did not change again within the same tick of the
//! file system's clock after it was read (git's "racily clean" files). A file whose last
//! change is less than [`RECENT`] before the build began reading is therefore not noted: the
//! next build reads it. The time of change (ctime) is set by the system on every change and
//! no program can set it back (`touch`, `tar`, `rsync -a` and `cp -p` set the modification
//! time only), and a file saved by renaming a new one into place has another inode.
//!
//! The notes are kept only on a file system of the machine itself ([`kept_on`]). They are
//! plansite's own and of one program (their header names it, as the page memo's
//! does): notes that do not read as written, or of another program, are none, and every file
//! is read.

use super::TextNote;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long before a build began reading a file must have last changed to be noted: more
/// than the coarsest clock of a file system a site may be on (FAT's two seconds), and the
/// tick by which the kernel's clock for file times runs behind the system's.
pub(crate) const RECENT: Duration = Duration::from_secs(3);

/// Whether the notes are kept for a site root on the file system of `root`. Not on one shared
/// over a network (NFS, SMB, FUSE such as sshfs, 9p such as WSL's Windows drives, AFS, Ceph,
/// Coda): there the state a client is given of a file may be one it cached, a second or a
/// minute old, while the file's content is read anew. Nor where the kind of file system cannot
/// be told (elsewhere than on Linux, for now).
pub(crate) fn kept_on(root: &std::path::Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        // (`linux/magic.h`: NFS, SMB, CIFS, SMB2, FUSE, 9p, Ceph, AFS, Coda, NCP.)
        const SHARED: [u64; 10] = [
            0x6969,
            0x517b,
            0xff53_4d42,
            0xfe53_4d42,
            0x6573_5546,
            0x0102_1997,
            0x00c3_6400,
            0x5346_414f,
            0x7375_7245,
            0x564c,
        ];
        #[allow(clippy::unnecessary_cast)]
        rustix::fs::statfs(root).is_ok_and(|fs| !SHARED.contains(&(fs.f_type as u64 & 0xffff_ffff)))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = root;
        false
    }
}

/// One file as noted: the fingerprints of its path and of its state, what was noted of its
/// text, and its length in bytes (as read: a BOM and NUL bytes taken off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Noted {
    path: u64,
    state: u64,
    len: u32,
    note: TextNote,
}

/// The bytes of one note in the file: path, state, hash (8 each, little-endian), length (4),
/// and the note's marks (1).
const RECORD: usize = 29;

impl Noted {
    /// What is noted of the file `key` in the state `state`, with its text's note and length.
    pub(crate) fn new(key: &str, state: u64, len: usize, note: TextNote) -> Noted {
        Noted { path: path_key(key), state, len: u32::try_from(len).unwrap_or(u32::MAX), note }
    }

    /// What was noted of the text.
    pub(crate) fn note(&self) -> TextNote {
        self.note
    }

    /// The length of the text in bytes.
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }

    fn bytes(&self) -> [u8; RECORD] {
        let mut out = [0; RECORD];
        out[..8].copy_from_slice(&self.path.to_le_bytes());
        out[8..16].copy_from_slice(&self.state.to_le_bytes());
        out[16..24].copy_from_slice(&self.note.hash.to_le_bytes());
        out[24..28].copy_from_slice(&self.len.to_le_bytes());
        let TextNote { braces, files, blank, links, .. } = self.note;
        out[28] = u8::from(braces) | u8::from(files) << 1 | u8::from(blank) << 2 | u8::from(links) << 3;
        out
    }

    fn from_bytes(b: &[u8; RECORD]) -> Option<Noted> {
        let u64_at = |at: usize| b[at..at + 8].try_into().ok().map(u64::from_le_bytes);
        let marks = b[28];
        if marks >> 4 != 0 {
            return None;
        }
        let note = TextNote {
            hash: u64_at(16)?,
            braces: marks & 1 != 0,
            files: marks & 2 != 0,
            blank: marks & 4 != 0,
            links: marks & 8 != 0,
        };
        let len = u32::from_le_bytes(b[24..28].try_into().ok()?);
        Some(Noted { path: u64_at(0)?, state: u64_at(8)?, len, note })
    }
}

/// The key of a file's path in the notes: its fingerprint. Two paths of one key could only
/// share a note if their files were in the very same state, inode included: one file.
fn path_key(key: &str) -> u64 {
    crate::reuse::text_fingerprint(key)
}

/// When a build began reading its sources, and so which files it may note (see [`RECENT`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Began(i128);

impl Began {
    /// Now.
    pub(crate) fn now() -> Began {
        Began(nanos(SystemTime::now()))
    }

    /// `after` from now (tests: a build for which the files just written are old enough).
    #[cfg(test)]
    pub(crate) fn after(after: Duration) -> Began {
        Began(nanos(SystemTime::now() + after))
    }
}

/// `time` in nanoseconds from 1970 (before it, negative).
fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

/// The fingerprint of the state of a file as `meta` gives it, if the file last changed long
/// enough before `began` to be told by it; `None` elsewhere than on Unix, where the notes are
/// not kept.
pub(crate) fn state(meta: &std::fs::Metadata, began: Began) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let changed = |secs: i64, nsecs: i64| i128::from(secs) * 1_000_000_000 + i128::from(nsecs);
        let (modified, status) = (changed(meta.mtime(), meta.mtime_nsec()), changed(meta.ctime(), meta.ctime_nsec()));
        let recent = RECENT.as_nanos() as i128;
        if modified.max(status) + recent >= began.0 || !meta.is_file() {
            return None;
        }
        Some(crate::reuse::fingerprint(&(meta.dev(), meta.ino(), meta.size(), modified, status)))
    }
    #[cfg(not(unix))]
    {
        let _ = (meta, began);
        None
    }
}

/// The notes of the last build of a root, in path key order.
#[derive(Debug, Default)]
pub(crate) struct Last(Vec<Noted>);

impl Last {
    /// The notes of `bytes` (the file as written, header first), if they are of this program
    /// (`header`) and read as written; else none.
    pub(crate) fn of(bytes: &[u8], header: &str) -> Last {
        let Some(records) = bytes.strip_prefix(header.as_bytes()).and_then(|rest| rest.strip_prefix(b"\n")) else {
            return Last::default();
        };
        if records.len() % RECORD != 0 {
            return Last::default();
        }
        let notes: Option<Vec<Noted>> =
            records.chunks_exact(RECORD).map(|chunk| chunk.try_into().ok().and_then(Noted::from_bytes)).collect();
        // (In order, each path once: else not as written.)
        match notes {
            Some(notes) if notes.windows(2).all(|w| w[0].path < w[1].path) => Last(notes),
            _ => Last::default(),
        }
    }

    /// Whether there is no note.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// What was noted of the file `key` in the state `state`: its text's note and length.
    pub(crate) fn find(&self, key: &str, state: u64) -> Option<Noted> {
        let path = path_key(key);
        let at = self.0.binary_search_by_key(&path, |n| n.path).ok()?;
        Some(self.0[at]).filter(|n| n.state == state)
    }
}

/// What a build noted of its files, for the next (see the top of this file).
#[derive(Debug, Default)]
pub(crate) struct Fresh {
    notes: Vec<Noted>,
    /// Whether they are the last build's notes, so need not be written again.
    pub(crate) same: bool,
}

impl Fresh {
    /// The notes `notes`, in any order (a path noted twice is kept once), and whether they are
    /// `last`'s.
    pub(crate) fn new(mut notes: Vec<Noted>, last: &Last) -> Fresh {
        notes.sort_unstable_by_key(|n| n.path);
        notes.dedup_by_key(|n| n.path);
        let same = notes == last.0;
        Fresh { notes, same }
    }

    /// Writes the notes as the file holds them, after `header` (and a line end).
    pub(crate) fn write(&self, header: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(header.as_bytes())?;
        out.write_all(b"\n")?;
        self.notes.iter().try_for_each(|n| out.write_all(&n.bytes()))
    }

    /// How many files are noted.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.notes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(hash: u64, links: bool) -> TextNote {
        TextNote { hash, braces: true, files: false, blank: false, links }
    }

    // Notes written are read back as they were, in path order, each path once; a note is found
    // by its path only in the state noted; notes of another program, or cut short, or out of
    // order, are none.
    #[test]
    fn notes_read_back_as_written_and_only_as_written() {
        let (a, b) =
            (Noted::new("content/a.ja.md", 7, 12, note(1, true)), Noted::new("content/b.yaml", 8, 5, note(2, false)));
        let fresh = Fresh::new(vec![b, a, b], &Last::default());
        assert!(!fresh.same && fresh.len() == 2);
        let mut bytes = Vec::new();
        fresh.write("# h v1", &mut bytes).unwrap();
        let last = Last::of(&bytes, "# h v1");
        assert_eq!(last.find("content/a.ja.md", 7), Some(a));
        assert_eq!(last.find("content/b.yaml", 8).map(|n| (n.note(), n.len())), Some((note(2, false), 5)));
        assert_eq!(last.find("content/a.ja.md", 8), None);
        assert_eq!(last.find("content/c.md", 7), None);
        assert!(Fresh::new(vec![a, b], &last).same);
        assert!(!Fresh::new(vec![a], &last).same);
        assert!(Last::of(&bytes, "# h v2").is_empty());
        assert!(Last::of(&bytes[..bytes.len() - 1], "# h v1").is_empty());
        let mut swapped = b"# h v1\n".to_vec();
        swapped.extend(if a.path < b.path { [b.bytes(), a.bytes()] } else { [a.bytes(), b.bytes()] }.concat());
        assert!(Last::of(&swapped, "# h v1").is_empty());
        let mut marked = bytes.clone();
        let last_byte = marked.len() - 1;
        marked[last_byte] = 0x10;
        assert!(Last::of(&marked, "# h v1").is_empty());
        assert!(!Last::of(&bytes, "# h v1").is_empty());
    }

    // A file is told by its state only if it last changed more than `RECENT` before the build
    // began; its state changes with its content, its inode, its times.
    #[cfg(unix)]
    #[test]
    fn a_file_changed_just_before_the_build_is_not_noted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "本文\n").unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        assert_eq!(state(&meta, Began::now()), None);
        let later = Began::after(RECENT + Duration::from_secs(1));
        let noted = state(&meta, later).unwrap();
        assert_eq!(state(&std::fs::metadata(&file).unwrap(), later), Some(noted));
        // The same length, written again: another state (its times, at least).
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&file, "文本\n").unwrap();
        assert_ne!(state(&std::fs::metadata(&file).unwrap(), later), Some(noted));
        // A folder is not noted.
        assert_eq!(state(&std::fs::metadata(dir.path()).unwrap(), later), None);
    }
}
