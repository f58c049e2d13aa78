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
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// Where the store of this build goes (the caller's business: `output::cache::ParsedWriter`).
/// Each value parsed anew goes there as soon as it is made, so the store is never whole in
/// memory: at N = 100,000 a cold build's new values were some 240 MB of JSON, held until every
/// file was parsed, at the peak of the whole build.
pub(crate) trait Sink: Send + Sync {
    /// A value this build parsed anew, as the store's line `<key> <value>`.
    fn line(&self, key: u64, value: &str);
    /// Every file is parsed. `Some(rest)`: the store changed, and `rest` are its other lines,
    /// those taken from the last build's store, to be written after the new ones before the
    /// store is put in place. `None`: it did not change (no line was made), and is left as it is.
    fn finish(&self, rest: Option<Lines>);
}

/// The lines of a store taken from the last build's, written out one after the other
/// ([`Lines::write_to`]).
pub(crate) struct Lines {
    /// The last build's store, where the entries are.
    last: Arc<String>,
    entries: Vec<(u64, Range<usize>)>,
}

impl Lines {
    /// Writes a line per entry, `<key> <value>`.
    pub(crate) fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        for (key, range) in &self.entries {
            writeln!(out, "{key:016x} {}", self.last.get(range.clone()).unwrap_or_default())?;
        }
        Ok(())
    }
}

/// The parsed files of the last build, and those of this one.
pub(crate) struct Stored {
    /// The last build's store as read (its header checked); shared with the store's writer
    /// ([`Lines`]), not copied (at N = 100,000 it is some 150 MB).
    text: Arc<String>,
    /// Key → its value's place in `text`.
    entries: FxHashMap<u64, Range<usize>>,
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
    /// The store whose text (as read from where the last build left it; empty if none) is
    /// `text`, if it is of `header`; this build's goes to `sink` (which heads it so).
    pub(crate) fn read(text: String, header: &str, sink: Arc<dyn Sink>) -> Stored {
        let mut entries = FxHashMap::default();
        let body = match text.split_once('\n') {
            Some((first, _)) if first == header => first.len() + 1,
            _ => text.len(),
        };
        let mut at = body;
        for line in text[body..].split_inclusive('\n') {
            let start = at;
            at += line.len();
            // `<key> <value>\n`: a line not ended (the last of a file cut short) is left out.
            let Some(line) = line.strip_suffix('\n') else { continue };
            let Some((hex, value)) = line.split_once(' ') else { continue };
            if let Ok(key) = u64::from_str_radix(hex, 16) {
                let from = start + hex.len() + 1;
                entries.insert(key, from..from + value.len());
            }
        }
        Stored { text: Arc::new(text), entries, used: Mutex::new(Some(FxHashMap::default())), sink }
    }

    /// `text` read as `T` by `parse` (the YAML parser within `limits`), or the value the store
    /// keeps for that very text read so.
    pub(crate) fn parse<T: DeserializeOwned + Serialize, E>(
        &self,
        text: &str,
        limits: &super::limits::Limits,
        parse: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let key = fingerprint(&(std::any::type_name::<T>(), limits.yaml_depth, limits.yaml_aliases, text));
        if let Some(range) = self.entries.get(&key) {
            let kept = super::yaml::with_places(|| serde_json::from_str::<T>(&self.text[range.clone()]));
            if let Ok(value) = kept {
                self.note(key, false);
                return Ok(value);
            }
        }
        let value = parse()?;
        // JSON has no line breaks outside its strings, so each value is one line. (Of two files
        // with the same text, one line.)
        if let Ok(json) = super::yaml::with_places(|| serde_json::to_string(&value)) {
            if self.note(key, true) {
                self.sink.line(key, &json);
            }
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
        let mut entries: Vec<(u64, Range<usize>)> = (used.into_iter())
            .filter(|(_, made)| !made)
            .filter_map(|(key, _)| Some((key, self.entries.get(&key)?.clone())))
            .collect();
        entries.sort_unstable_by_key(|(key, _)| *key);
        self.sink.finish(Some(Lines { last: self.text.clone(), entries }));
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
        fn line(&self, key: u64, value: &str) {
            self.made.lock().unwrap().push_str(&format!("{key:016x} {value}\n"));
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
        let sink = Kept::default();
        let written = sink.written.clone();
        (Stored::read(text.to_string(), HEADER, Arc::new(sink)), written)
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
        let parsed = first.parse(text, &limits, || yaml(text)).unwrap();
        assert_eq!(parsed.name.referenced.line, 2);
        assert_eq!((parsed.list[1].referenced.line, parsed.list[1].referenced.column), (5, 7));
        first.finish();
        let file = written.lock().unwrap().pop().expect("a store with a new entry is written");
        assert!(file.starts_with(&format!("{HEADER}\n")), "{file}");

        let (second, written) = store(&file);
        let again = second.parse(text, &limits, || -> Result<T, ()> { panic!("parsed again") }).unwrap();
        assert_eq!(again, parsed);
        second.finish();
        assert!(written.lock().unwrap().is_empty(), "nothing changed, nothing written");
        // A store is finished once: a second call must not write a store of nothing.
        second.finish();
        assert!(written.lock().unwrap().is_empty(), "finished once");

        // Another text, or the same read within other limits, is parsed.
        let (third, written) = store(&file);
        let other = "name: 花見川\n";
        assert_eq!(third.parse(other, &limits, || yaml(other)).unwrap().name.value, "花見川");
        assert_eq!(third.parse(text, &limits, || -> Result<T, ()> { panic!("parsed again") }).unwrap(), parsed);
        third.finish();
        // The store of both: the new value's line, then the one taken from the last store.
        let both = written.lock().unwrap().pop().expect("a store with a new entry is written");
        assert_eq!(both.lines().count(), 3, "{both}");
        let (fourth, _) = store(&both);
        for t in [text, other] {
            fourth.parse(t, &limits, || -> Result<T, ()> { panic!("parsed again: {t}") }).unwrap();
        }
        let (third, _) = store(&file);
        let deeper = Limits { yaml_depth: limits.yaml_depth + 1, ..limits };
        let mut parsed_again = false;
        third
            .parse(text, &deeper, || {
                parsed_again = true;
                yaml(text)
            })
            .unwrap();
        assert!(parsed_again);
    }

    // A store of another program (another header), or an entry that does not read as the
    // type, is not taken: the text is parsed.
    #[test]
    fn a_store_that_does_not_read_is_parsed_past() {
        let text = "name: a\n";
        let limits = Limits::default();
        let (first, written) = store("");
        first.parse(text, &limits, || yaml(text)).unwrap();
        first.finish();
        let file = written.lock().unwrap().pop().unwrap();
        let (key, _) = file.lines().nth(1).unwrap().split_once(' ').unwrap();

        let other_program = file.replacen(HEADER, "# test store v0", 1);
        let broken = format!("{HEADER}\n{key} [\"b\", 1\n");
        let cut_short = file.trim_end_matches('\n').to_string();
        for store_text in [other_program, broken, cut_short] {
            let (s, _) = store(&store_text);
            let mut parsed = false;
            let v = s
                .parse(text, &limits, || {
                    parsed = true;
                    yaml(text)
                })
                .unwrap();
            assert!(parsed, "{store_text}");
            assert_eq!(v.name.value, "a");
        }
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
