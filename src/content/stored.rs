//! The parsed YAML files kept between builds: what a `build` parsed, with every value's place
//! (see [`super::yaml::with_places`]), for the next `build` of the same root to take instead of
//! parsing the same text again. At N = 10,000 parsing the YAML of 10,000 case studies and of the
//! progress data was some 30 % of a build after a one-word edit.
//!
//! An entry is named by a fingerprint of the file's text, the type it is read as and the
//! limits it is read within, so a changed file, or one read otherwise, is parsed again; the
//! store as a whole is of one program (its header names it, as the page memo's does). Only
//! files that parsed without a problem are kept. An entry that does not read back is parsed
//! again. The store is read and written at the edge of the pipeline (`crate::build`), and a
//! build writes it only when it parsed a file anew or no longer has one.

use crate::reuse::fingerprint;
use rustc_hash::FxHashMap;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::BufRead;
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// Where the store of this build goes (the caller's business: `output::cache::ParsedWriter`).
/// Each value parsed anew goes there as soon as it is made, so the store is never whole in
/// memory: at N = 100,000 a cold build's new values were some 240 MB of JSON, held until every
/// file was parsed, at the peak of the whole build.
pub(crate) trait Sink: Send + Sync {
    /// A value this build parsed anew, as the store's line `<key> <value>`: `value` writes it
    /// (as JSON, which has no line break outside its strings) where the line goes. What goes
    /// wrong writing it is the sink's to handle as it handles the rest of its writing.
    fn line(&self, key: u64, value: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>);
    /// Every file is parsed. `Some(rest)`: the store changed, and `rest` are its other lines,
    /// those taken from the last build's store, to be written after the new ones before the
    /// store is put in place. `None`: it did not change (no line was made), and is left as it is.
    fn finish(&self, rest: Option<Lines>);
}

/// The last build's store as it lies where it was left (a file, in a build): its lines are
/// scanned once for their places, and each is read again where it is wanted, so the store is
/// never whole in memory (at N = 100,000 it is some 150 MB, which a second build held at its
/// peak). The file is replaced only by renaming a new one over it, so the one opened stays the
/// same while it is read; a line read again is checked against its key all the same.
pub(crate) trait Last: Send + Sync {
    /// The store from its start, to scan for its lines.
    fn scan(&self) -> Box<dyn std::io::BufRead + '_>;
    /// Fills `into` with the bytes at `at`.
    fn read_at(&self, at: u64, into: &mut [u8]) -> std::io::Result<()>;
}

/// A store held as bytes (none at all, or one made in memory).
impl Last for Vec<u8> {
    fn scan(&self) -> Box<dyn std::io::BufRead + '_> {
        Box::new(self.as_slice())
    }

    fn read_at(&self, at: u64, into: &mut [u8]) -> std::io::Result<()> {
        let at = usize::try_from(at).map_err(|_| std::io::ErrorKind::UnexpectedEof)?;
        let bytes = at.checked_add(into.len()).and_then(|end| self.get(at..end));
        into.copy_from_slice(bytes.ok_or(std::io::ErrorKind::UnexpectedEof)?);
        Ok(())
    }
}

/// The store of the last build, opened where it lies.
impl Last for crate::source::cache::ParsedFile {
    fn scan(&self) -> Box<dyn std::io::BufRead + '_> {
        Box::new(self.reader())
    }

    fn read_at(&self, at: u64, into: &mut [u8]) -> std::io::Result<()> {
        crate::source::cache::ParsedFile::read_at(self, at, into)
    }
}

/// What names a text in the store: its fingerprint (of the text with its line ends made `\n`,
/// as the source tree notes a file it does not keep, `source::TextNote`, so a file need not be
/// read to be found) and its length as written (so two texts told apart only by their line
/// ends are two entries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextKey {
    pub(crate) hash: u64,
    pub(crate) len: usize,
}

impl TextKey {
    /// The key of `text`.
    pub(crate) fn of(text: &str) -> TextKey {
        let hash = crate::reuse::text_fingerprint(&crate::source::body_text(text));
        TextKey { hash, len: text.len() }
    }

    /// The key of a source file's text, without reading a file the tree did not keep (its
    /// note has it); `None` for a file that is not text.
    pub(crate) fn of_file(bytes: &crate::source::FileBytes) -> Option<TextKey> {
        use crate::source::FileBytes;
        match bytes {
            FileBytes::Unheld(file) => Some(TextKey { hash: file.note().hash, len: file.len() }),
            FileBytes::Text(text) => Some(TextKey::of(text)),
            FileBytes::Other(_) => None,
        }
    }
}

/// The key of the entry of a text read as `T` within `limits`.
fn key_of<T>(text: TextKey, limits: &super::limits::Limits) -> u64 {
    fingerprint(&(std::any::type_name::<T>(), limits.yaml_depth, limits.yaml_aliases, text.hash, text.len as u64))
}

/// An entry's line in the last build's store, `<key> <value>`, without its line break.
type Place = Range<u64>;

/// Reads the line of `key` at `place` in `last`, and gives its value: `None` if it cannot be
/// read, or is not that key's line as the scan found it.
fn value_of(last: &dyn Last, key: u64, place: &Place) -> Option<String> {
    let len = usize::try_from(place.end.checked_sub(place.start)?).ok()?;
    let mut line = vec![0; len.checked_add(1)?];
    last.read_at(place.start, &mut line).ok()?;
    // The line's own bytes become the value: `<key> ` and the line break cut off, not copied.
    let mut line = String::from_utf8(line).ok()?;
    let key = format!("{key:016x} ");
    if !line.starts_with(&key) || line.pop() != Some('\n') {
        return None;
    }
    line.drain(..key.len());
    Some(line)
}

/// The lines of a store taken from the last build's, written out one after the other
/// ([`Lines::write_to`]).
pub(crate) struct Lines {
    /// The last build's store, where the entries are.
    last: Arc<dyn Last>,
    entries: Vec<(u64, Place)>,
}

impl Lines {
    /// Writes a line per entry, `<key> <value>`, each read again from the last build's store:
    /// one that cannot be is a problem (the store is not written, and the next build parses
    /// every file).
    pub(crate) fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        for (key, place) in &self.entries {
            let value = value_of(&*self.last, *key, place).ok_or(std::io::ErrorKind::InvalidData)?;
            writeln!(out, "{key:016x} {value}")?;
        }
        Ok(())
    }
}

/// The parsed files of the last build, and those of this one.
pub(crate) struct Stored {
    /// The last build's store, where its lines are read again; shared with the store's writer
    /// ([`Lines`]).
    last: Arc<dyn Last>,
    /// Key → its line's place in `last`.
    entries: FxHashMap<u64, Place>,
    /// The entries this build parsed anew (`true`, their lines gone to the sink) or took:
    /// `None` once the store is finished (a second `finish` would otherwise write a store of
    /// nothing).
    used: Mutex<Option<FxHashMap<u64, bool>>>,
    /// Where this build's store goes.
    sink: Arc<dyn Sink>,
}

impl std::fmt::Debug for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stored({} entries)", self.entries.len())
    }
}

impl Stored {
    /// The store `last` (where the last build left it; empty if none), if it is headed
    /// `header`, its lines' places found by one scan; this build's goes to `sink` (which heads
    /// it so). A store that cannot be read to its end keeps the entries found before.
    pub(crate) fn read(last: Arc<dyn Last>, header: &str, sink: Arc<dyn Sink>) -> Stored {
        let mut entries = FxHashMap::default();
        let mut scan = last.scan();
        let mut line = Vec::new();
        let mut next = |line: &mut Vec<u8>| {
            line.clear();
            scan.read_until(b'\n', line).ok().filter(|n| *n > 0)
        };
        if next(&mut line).is_some_and(|_| line.strip_suffix(b"\n") == Some(header.as_bytes())) {
            let mut at = line.len() as u64;
            while let Some(n) = next(&mut line) {
                let start = at;
                at += n as u64;
                // `<key> <value>\n`: a line not ended (the last of a file cut short) is left out.
                let Some(text) = line.strip_suffix(b"\n") else { continue };
                let Some(hex) = text.split(|b| *b == b' ').next().filter(|hex| hex.len() < text.len()) else {
                    continue;
                };
                if let Some(key) = std::str::from_utf8(hex).ok().and_then(|hex| u64::from_str_radix(hex, 16).ok()) {
                    entries.insert(key, start..at - 1);
                }
            }
        }
        drop(scan);
        Stored { last, entries, used: Mutex::new(Some(FxHashMap::default())), sink }
    }

    /// The store of the last build's file (`None`: there is none, or it could not be opened).
    pub(crate) fn of_file(file: Option<crate::source::cache::ParsedFile>, header: &str, sink: Arc<dyn Sink>) -> Stored {
        let last: Arc<dyn Last> = match file {
            Some(file) => Arc::new(file),
            None => Arc::new(Vec::new()),
        };
        Stored::read(last, header, sink)
    }

    /// The text of key `text` read as `T` by `parse` (the YAML parser within `limits`), or the
    /// value the store keeps for that very text read so (then `parse`, which may have to read
    /// the text first, is not called).
    pub(crate) fn parse<T: DeserializeOwned + Serialize, E>(
        &self,
        text: TextKey,
        limits: &super::limits::Limits,
        parse: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let key = key_of::<T>(text, limits);
        if let Some(place) = self.entries.get(&key) {
            let kept = value_of(&*self.last, key, place)
                .and_then(|json| super::yaml::with_places(|| serde_json::from_str::<T>(&json)).ok());
            if let Some(value) = kept {
                self.note(key, false);
                return Ok(value);
            }
        }
        let value = parse()?;
        // JSON has no line breaks outside its strings, so each value is one line. (Of two files
        // with the same text, one line.) It is written where it goes as it is made, not made
        // whole first: at N = 100,000 a progress table's JSON is some 7 MB, two are made at once,
        // and a string grown to hold one takes up to twice that.
        if self.note(key, true) {
            let mut json = |out: &mut dyn std::io::Write| {
                super::yaml::with_places(|| serde_json::to_writer(out, &value)).map_err(std::io::Error::other)
            };
            self.sink.line(key, &mut json);
        }
        Ok(value)
    }

    /// Notes the entry `key` as used, made anew or not; whether it was not yet.
    fn note(&self, key: u64, made: bool) -> bool {
        match self.used.lock().as_deref_mut() {
            Ok(Some(used)) => match used.entry(key) {
                std::collections::hash_map::Entry::Occupied(mut was) => {
                    let newly = made && !*was.get();
                    *was.get_mut() |= made;
                    newly
                }
                std::collections::hash_map::Entry::Vacant(new) => {
                    new.insert(made);
                    true
                }
            },
            _ => false,
        }
    }

    /// Once every file is parsed: writes the store of this build's files if it differs from
    /// the last build's. Only the first call writes.
    pub(crate) fn finish(&self) {
        let Some(used) = self.used.lock().ok().and_then(|mut used| used.take()) else {
            return;
        };
        let changed = used.len() != self.entries.len() || used.values().any(|made| *made);
        if !changed {
            return self.sink.finish(None);
        }
        let mut entries: Vec<(u64, Place)> = (used.into_iter())
            .filter(|(_, made)| !made)
            .filter_map(|(key, _)| Some((key, self.entries.get(&key)?.clone())))
            .collect();
        entries.sort_unstable_by_key(|(key, _)| *key);
        self.sink.finish(Some(Lines { last: self.last.clone(), entries }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::limits::Limits;
    use crate::content::yaml::Spanned;
    use std::sync::Arc;

    #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
    struct T {
        name: Spanned<String>,
        #[serde(default)]
        list: Vec<Spanned<u32>>,
    }

    const HEADER: &str = "# test store v1";

    /// A sink that keeps the lines made, and the whole store (header, new lines, the rest)
    /// when finished with a change.
    #[derive(Default)]
    struct Kept {
        made: Mutex<String>,
        written: Arc<Mutex<Vec<String>>>,
    }

    impl Sink for Kept {
        fn line(&self, key: u64, value: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) {
            let mut json = Vec::new();
            value(&mut json).unwrap();
            let json = String::from_utf8(json).unwrap();
            self.made.lock().unwrap().push_str(&format!("{key:016x} {json}\n"));
        }

        fn finish(&self, rest: Option<Lines>) {
            let made = std::mem::take(&mut *self.made.lock().unwrap());
            if let Some(rest) = rest {
                let mut out = format!("{HEADER}\n{made}").into_bytes();
                rest.write_to(&mut out).unwrap();
                self.written.lock().unwrap().push(String::from_utf8(out).unwrap());
            } else {
                assert!(made.is_empty(), "a store with new lines changed");
            }
        }
    }

    fn store(text: &str) -> (Stored, Arc<Mutex<Vec<String>>>) {
        store_of(Arc::new(text.as_bytes().to_vec()))
    }

    /// The store `last`, and what it writes when finished.
    fn store_of(last: Arc<dyn Last>) -> (Stored, Arc<Mutex<Vec<String>>>) {
        let sink = Kept::default();
        let written = sink.written.clone();
        (Stored::read(last, HEADER, Arc::new(sink)), written)
    }

    /// `text` read through `store`, and whether it was parsed anew (not taken from the store).
    fn parse_noting(store: &Stored, text: &str, limits: &Limits) -> (T, bool) {
        let mut parsed = false;
        let value = store
            .parse(TextKey::of(text), limits, || {
                parsed = true;
                yaml(text)
            })
            .unwrap();
        (value, parsed)
    }

    fn yaml(text: &str) -> Result<T, crate::diag::Diagnostic> {
        crate::content::yaml::parse("content/x.yaml", text)
    }

    // A value read back from the store is the value parsed, places included; a build that
    // parsed nothing anew writes nothing; the store is taken for the very text only.
    #[test]
    fn a_stored_value_reads_back_with_its_places_and_only_for_the_same_text() {
        let text = "# a comment\nname: 稲毛\nlist:\n  - 1\n  -   22\n";
        let limits = Limits::default();
        let (first, written) = store("");
        let parsed = first.parse(TextKey::of(text), &limits, || yaml(text)).unwrap();
        assert_eq!(parsed.name.referenced.line, 2);
        assert_eq!((parsed.list[1].referenced.line, parsed.list[1].referenced.column), (5, 7));
        first.finish();
        let file = written.lock().unwrap().pop().expect("a store with a new entry is written");
        assert!(file.starts_with(&format!("{HEADER}\n")), "{file}");

        let (second, written) = store(&file);
        let again = second.parse(TextKey::of(text), &limits, || -> Result<T, ()> { panic!("parsed again") }).unwrap();
        assert_eq!(again, parsed);
        second.finish();
        assert!(written.lock().unwrap().is_empty(), "nothing changed, nothing written");
        // A store is finished once: a second call must not write a store of nothing.
        second.finish();
        assert!(written.lock().unwrap().is_empty(), "finished once");

        // Another text, or the same read within other limits, is parsed.
        let (third, written) = store(&file);
        let other = "name: 花見川\n";
        assert_eq!(third.parse(TextKey::of(other), &limits, || yaml(other)).unwrap().name.value, "花見川");
        assert_eq!(
            third.parse(TextKey::of(text), &limits, || -> Result<T, ()> { panic!("parsed again") }).unwrap(),
            parsed
        );
        third.finish();
        // The store of both: the new value's line, then the one taken from the last store.
        let both = written.lock().unwrap().pop().expect("a store with a new entry is written");
        assert_eq!(both.lines().count(), 3, "{both}");
        let (fourth, _) = store(&both);
        for t in [text, other] {
            fourth.parse(TextKey::of(t), &limits, || -> Result<T, ()> { panic!("parsed again: {t}") }).unwrap();
        }
        let (third, _) = store(&file);
        let deeper = Limits { yaml_depth: limits.yaml_depth + 1, ..limits };
        assert!(parse_noting(&third, text, &deeper).1);
    }

    // A store of another program (another header), or an entry that does not read as the
    // type, is not taken: the text is parsed.
    #[test]
    fn a_store_that_does_not_read_is_parsed_past() {
        let text = "name: a\n";
        let limits = Limits::default();
        let (first, written) = store("");
        first.parse(TextKey::of(text), &limits, || yaml(text)).unwrap();
        first.finish();
        let file = written.lock().unwrap().pop().unwrap();
        let (key, _) = file.lines().nth(1).unwrap().split_once(' ').unwrap();

        let other_program = file.replacen(HEADER, "# test store v0", 1);
        let broken = format!("{HEADER}\n{key} [\"b\", 1\n");
        let cut_short = file.trim_end_matches('\n').to_string();
        for store_text in [other_program, broken, cut_short] {
            let (s, _) = store(&store_text);
            let (v, parsed) = parse_noting(&s, text, &limits);
            assert!(parsed, "{store_text}");
            assert_eq!(v.name.value, "a");
        }
    }

    /// A store whose bytes can change after it is scanned, as a file changed in place would.
    struct Changing(Mutex<Vec<u8>>);

    impl Last for Changing {
        fn scan(&self) -> Box<dyn std::io::BufRead + '_> {
            Box::new(std::io::Cursor::new(self.0.lock().unwrap().clone()))
        }

        fn read_at(&self, at: u64, into: &mut [u8]) -> std::io::Result<()> {
            self.0.lock().unwrap().read_at(at, into)
        }
    }

    // A line is read again where the scan found it, and taken only if it is still that key's
    // line: a store whose lines changed places after the scan, or lost its end, is parsed past,
    // never read as another file's value.
    #[test]
    fn a_line_that_is_not_where_the_scan_found_it_is_parsed_again() {
        let limits = Limits::default();
        let (a, b) = ("name: a\n", "name: b\n");
        let (first, written) = store("");
        first.parse(TextKey::of(a), &limits, || yaml(a)).unwrap();
        first.parse(TextKey::of(b), &limits, || yaml(b)).unwrap();
        first.finish();
        let file = written.lock().unwrap().pop().unwrap();
        let lines: Vec<&str> = file.lines().collect();
        assert_eq!(lines.len(), 3, "{file}");
        assert_eq!(lines[1].len(), lines[2].len(), "{file}");

        let changing = Arc::new(Changing(Mutex::new(file.clone().into_bytes())));
        let (second, rewritten) = store_of(changing.clone());
        // The two lines swapped: each is where the other was.
        *changing.0.lock().unwrap() = format!("{}\n{}\n{}\n", lines[0], lines[2], lines[1]).into_bytes();
        for (text, name) in [(a, "a"), (b, "b")] {
            let (value, parsed) = parse_noting(&second, text, &limits);
            assert!(parsed, "{text} taken from another line");
            assert_eq!(value.name.value, name);
        }
        second.finish();
        // Both were parsed anew: the next store is theirs.
        assert_eq!(rewritten.lock().unwrap().pop().unwrap().lines().count(), 3);

        // Cut short after the scan: the value whose line is gone is parsed anew, and the next
        // store has it as a new line beside the one taken.
        let changing = Arc::new(Changing(Mutex::new(file.clone().into_bytes())));
        let (third, rewritten) = store_of(changing.clone());
        changing.0.lock().unwrap().truncate(lines[0].len() + lines[1].len() + 2);
        let other = "name: c\n";
        third.parse(TextKey::of(other), &limits, || yaml(other)).unwrap();
        third.parse(TextKey::of(a), &limits, || -> Result<T, ()> { panic!("parsed again") }).unwrap();
        assert!(parse_noting(&third, b, &limits).1, "a line past the end was taken");
        third.finish();
        let next = rewritten.lock().unwrap().pop().expect("a store with new lines");
        assert_eq!(next.lines().count(), 4, "{next}");
    }

    // A file's key is the same whether the tree kept its text (`serve`) or only noted it (a
    // build), with any line ends: a value stored by one is found by the other. Texts told
    // apart only by their line ends have keys of their own.
    #[test]
    fn a_files_key_is_the_same_kept_or_noted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/cases")).unwrap();
        let (crlf, lf) = ("content/cases/a.yaml", "content/cases/b.yaml");
        std::fs::write(dir.path().join(crlf), "name: 稲毛\r\nlist: [1]\r\n").unwrap();
        std::fs::write(dir.path().join(lf), "name: 稲毛\nlist: [1]\n").unwrap();
        let kept = crate::source::SourceTree::load(dir.path()).unwrap();
        let noted = crate::source::SourceTree::load_holding(dir.path(), 0).unwrap();
        let key = |tree: &crate::source::SourceTree, path: &str| TextKey::of_file(tree.get_shared(path).unwrap());
        assert!(matches!(noted.get_shared(crlf), Some(crate::source::FileBytes::Unheld(_))));
        for path in [crlf, lf] {
            assert_eq!(key(&kept, path), key(&noted, path), "{path}");
            assert_eq!(key(&kept, path), Some(TextKey::of(kept.text(path).unwrap())));
        }
        let (a, b) = (key(&kept, crlf).unwrap(), key(&kept, lf).unwrap());
        assert!(a.hash == b.hash && a != b);
        assert_eq!(TextKey::of_file(&crate::source::FileBytes::new(vec![0xff], true)), None);
    }

    // Outside `with_places`, a spanned value is written as its value alone (what the
    // translation report walks).
    #[test]
    fn a_spanned_value_is_its_value_alone_elsewhere() {
        let v = yaml("name: a\nlist: [3]\n").unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"name":"a","list":[3]}"#);
        let with = crate::content::yaml::with_places(|| serde_json::to_string(&v).unwrap());
        assert_eq!(with, r#"{"name":["a",1,7],"list":[[3,2,8]]}"#);
    }
}
