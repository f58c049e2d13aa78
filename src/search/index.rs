//! Search records → the static index files of one language, under `search/<lang>/`
//! (docs/search.md describes every file for the next engineer):
//!
//! - `meta.json`: number of documents and shards, parts per pack (`pack`), the compressed size
//!   of each shard (`ss`: the browser finds a shard in its pack without the pack's header),
//!   the labels of every filter value, the documents of lower weight (`low`), the runs of
//!   documents that are one page (`groups`: `[first, count]`, e.g. the progress items of one
//!   progress page) and the first letters that have a vocabulary file.
//! - `shard/<p>.bin`: the shards of the inverted index, 64 to a pack file ([`pack`]; shard `n`
//!   is part `n % 64` of pack `n / 64`). A shard is a JSON object: token → `[title, text,
//!   heading]`, three lists of documents (trailing empty ones left out): the documents with the token in the
//!   title; those with it elsewhere; and, of those, the ones with it in a heading. Each list is
//!   a string of numbers, each the difference from the previous id (the first from −1); in the
//!   text list the difference is doubled and 1 added where the token is strong there (in the
//!   summary or a heading, or three times or more), except for a token in more than half of
//!   the documents, whose text list starts with `~` and has no such marks. A number is written in base 32, lowest
//!   digits first, one character per digit: `A`–`Z`, `a`–`f` for a last digit 0–31, `g`–`z`,
//!   `0`–`9`, `-`, `_` for a digit 0–31 that more follow (see [`push_number`]). A document can
//!   be in the title list and the text list: the browser adds the weights of the fields. A
//!   token's shard is the FNV-1a hash of the token ([`shard_of`]) modulo the shard count, so
//!   a query fetches only the shards of its own tokens. Tokens are bigrams, single kanji
//!   (`*区`: inside a word) and words.
//! - `variants/<n>.json`: the groups of variants, readings and synonyms in force (the built-in
//!   table and the site's own), each with its canonical form first: the browser puts the
//!   canonical forms into a query as the index did into the text. A group is in the file of
//!   the first character of each of its forms (`variants::bucket_of`, of [`VARIANT_BUCKETS`]);
//!   `meta.json` lists the files there are (`variants`), so a query fetches only those of its
//!   own characters (about 1.5 KB compressed instead of all groups' 4.5 KB).
//! - `vocab/<letter>.json`: the Latin words of the index starting with that letter, each with
//!   the number of documents that have it: what the browser completes the last word typed
//!   from, and corrects a typo against.
//! - `doc/<p>.bin`: the documents, 64 to a pack file, as shards are. A document is a JSON
//!   object: address, title, kind, area label and its parts with anchors, fetched only for
//!   results that are shown; a title, area label or part standing in for a missing translation
//!   carries its language's tag (`Doc`), which the browser marks it with.
//! - `filters.json`: each document's area, kind, year and themes as small numbers, fetched only
//!   when a filter is used.

use super::pack;
use super::tokenize::{index_keys, Key, KeyMap, Words};
use super::variants::Variants;
use crate::text::record::{Field, Kind, Part, Record, RecordSource, Sections, Weight};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Labels of filter values in this language, from the model and the theme's UI strings.
#[derive(Hash)]
pub(crate) struct FilterLabels {
    /// (slug, label, the label's language where it stands in for a translation) per area, in
    /// area order (a document's area label comes with its language from here).
    pub areas: Vec<(String, String, Option<String>)>,
    /// (slug, label) per theme, in theme order.
    pub themes: Vec<(String, String)>,
    /// (key, label, the label's language where it stands in for a translation) per kind.
    pub kinds: Vec<(String, String, Option<String>)>,
    /// (year, label) per fiscal year with progress data.
    pub years: Vec<(i32, String)>,
}

/// How many files the groups of variants are split into (see `variants/<n>.json` above).
pub(crate) const VARIANT_BUCKETS: u32 = 64;

use super::fold::fnv1a;

#[path = "update.rs"]
mod update;

/// The shard of `token`: a kanji inside a word (`*区`) is in the shard of the kanji alone, so a
/// one-kanji query fetches one shard for both.
pub(crate) fn shard_of(token: &str, shards: u32) -> u32 {
    fnv1a(token.strip_prefix('*').unwrap_or(token)) % shards
}

/// Where a token is in one document, best field first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Title,
    Heading,
    Summary,
    Body,
}

/// A token's documents, each with where the token is there ([`Lists::entry`]): the three lists
/// of its shard entry (title, text, heading) are made from this one list when it is written.
#[derive(Default)]
struct Lists {
    /// The documents as gathered: those of one worker, in order ([`Run`]).
    docs: Run,
    /// The runs of the other workers that met the token, merged in (few tokens have any: one
    /// pointer, not a list, in each token's entry).
    more: Option<Box<[Run]>>,
    /// The runs written out to make room ([`Spill`]), each one as it was in memory.
    spilled: Vec<Piece>,
    /// How many documents have the token (the lists' lengths, and where in each document it
    /// is, are read from the entries when the shard is written: [`text_len`]).
    count: u32,
}

/// Where a token is in a document, as a list entry's lowest three bits: in the title
/// ([`IN_TITLE`]), and elsewhere: not ([`NOT_IN_TEXT`]), weakly, strongly (in the summary, or
/// three times or more), or in a heading (strong too).
const IN_TITLE: u64 = 4;
const NOT_IN_TEXT: u64 = 0;
const WEAK: u64 = 1;
const STRONG: u64 = 2;
const IN_HEADING: u64 = 3;

impl Lists {
    /// A list entry: the document and where the token is there (the bits above).
    fn entry(id: u64, place: u64) -> u64 {
        id << 3 | place
    }

    /// How many documents have the token.
    fn len(&self) -> usize {
        self.count as usize
    }

    /// The entries ([`Lists::entry`]) in the order of the documents, into `out` (emptied first),
    /// those written out read back from `spilled` (into `scratch`).
    fn entries(&self, out: &mut Vec<u64>, spilled: &Spilled, scratch: &mut Vec<u8>) -> std::io::Result<()> {
        out.clear();
        for piece in &self.spilled {
            spilled.read(piece, scratch)?;
            decode(scratch, out);
        }
        let more = self.more.iter().flat_map(|m| m.iter());
        std::iter::once(&self.docs).chain(more).for_each(|run| decode(&run.bytes, out));
        // Sorted runs (one per worker, and each piece written out), one after the other: the
        // stable sort finds the runs and merges them (equal entries are the same document, so
        // any sort gives the same list, wherever the runs were cut).
        if self.more.is_some() || !self.spilled.is_empty() {
            out.sort();
        }
        Ok(())
    }
}

/// A run of a token's list written out of memory: by which worker, where in its file, and how
/// many bytes.
#[derive(Clone, Copy)]
struct Piece {
    worker: u32,
    len: u32,
    at: u64,
}

/// Where a worker writes its runs out when the postings it holds pass its share of the
/// language's budget ([`SPILL_BUDGET`]): a file of its own with no name in the system's
/// folder for temporary files, gone when closed. Where no such file can be made the runs stay
/// in memory, as they do in a site whose postings fit.
struct Spill {
    file: std::io::BufWriter<std::fs::File>,
    at: u64,
}

impl Spill {
    fn open() -> Option<Spill> {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::TMPFILE | OFlags::RDWR | OFlags::CLOEXEC;
            let fd = rustix::fs::open(std::env::temp_dir(), flags, Mode::RUSR | Mode::WUSR).ok()?;
            Some(Spill { file: std::io::BufWriter::with_capacity(1 << 16, std::fs::File::from(fd)), at: 0 })
        }
        #[cfg(not(target_os = "linux"))]
        None
    }

    /// Writes out every run of `map` (worker `worker`'s), each token keeping where its run went.
    fn write(&mut self, worker: u32, map: &mut Postings) -> std::io::Result<()> {
        use std::io::Write;
        for lists in map.values_mut().filter(|l| !l.docs.bytes.is_empty()) {
            let len = u32::try_from(lists.docs.bytes.len()).map_err(std::io::Error::other)?;
            self.file.write_all(&lists.docs.bytes)?;
            lists.spilled.push(Piece { worker, len, at: self.at });
            self.at += u64::from(len);
            // (The next run starts anew: its first document is written whole.)
            lists.docs = Run::default();
        }
        Ok(())
    }
}

/// The workers' files of runs written out, by worker, to read back from.
#[derive(Default)]
struct Spilled(Vec<Option<std::fs::File>>);

impl Spilled {
    /// The bytes of `piece`, into `out`.
    fn read(&self, piece: &Piece, out: &mut Vec<u8>) -> std::io::Result<()> {
        #[cfg(unix)]
        use std::os::unix::fs::FileExt;
        let file = self.0.get(piece.worker as usize).and_then(Option::as_ref);
        let file = file.ok_or_else(|| std::io::Error::other("a piece of the search index with no file"))?;
        out.clear();
        out.resize(piece.len as usize, 0);
        #[cfg(unix)]
        return file.read_exact_at(out, piece.at);
        #[cfg(not(unix))]
        return Err(std::io::Error::other("no pieces are written here"));
    }
}

/// How many bytes of postings one language's index holds at most before its workers write
/// runs out to make room ([`Spill`]): at N = 10,000 the Japanese postings are some 9 MB and
/// never written out; at N = 100,000, some 86 MB in lists of 111 MB, held at once, were the
/// build's resident peak.
pub(crate) const SPILL_BUDGET: usize = 24 << 20;

/// Documents of a token's list, in order, each with where the token is there: as numbers of 7
/// bits a byte (LEB128), each the difference from the document before (the first from −1)
/// less one, times 8, plus the place's bits. Most tokens of a large site are in many documents
/// close together, so most entries take one byte where a `u32` took four. As `u32`s, the text
/// lists held 350 MB more at the index stage's peak at N = 100,000 (3,058 against 2,707 MB,
/// the build's peak); the title and heading lists, as `u32`s each in a list of its own, some
/// 30 MB at N = 100,000 besides 64 bytes more in every token's entry.
#[derive(Default)]
struct Run {
    bytes: Vec<u8>,
    last: Option<u32>,
}

impl Run {
    /// Adds document `id` with its place's bits, after every document already in the run;
    /// the bytes it took.
    fn push(&mut self, id: u32, place: u64) -> usize {
        let before = self.bytes.len();
        let gap = self.last.map_or(u64::from(id), |last| u64::from(id.saturating_sub(last)).saturating_sub(1));
        debug_assert!(self.last.is_none_or(|last| last < id), "documents in order");
        let mut n = gap << 3 | place;
        while n >= 0x80 {
            self.bytes.push(n as u8 | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
        self.last = Some(id);
        self.bytes.len() - before
    }
}

/// Appends the entries ([`Lists::entry`]) of the bytes of a run to `out`.
fn decode(bytes: &[u8], out: &mut Vec<u64>) {
    let (mut next, mut n, mut shift) = (0u64, 0u64, 0);
    for &b in bytes {
        n |= u64::from(b & 0x7f) << shift;
        if b & 0x80 != 0 {
            shift += 7;
            continue;
        }
        let id = next + (n >> 3);
        out.push(Lists::entry(id, n & 7));
        (next, n, shift) = (id + 1, 0, 0);
    }
}

/// token → its lists.
type Postings = KeyMap<Lists>;

/// How often a body token must come for its document to count it as strong.
const FREQUENT: u32 = 3;

/// Where a token is in one record: in the title, its best place elsewhere, and how often it
/// comes in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    title: bool,
    elsewhere: Option<Place>,
    body: u32,
}

/// The most distinct tokens [`record_tokens`] keeps room for from one document to the next (a
/// case study of the benchmark's site has up to some 760).
const FOUND_KEPT: usize = 8_192;

/// The tokens of one record with where each is, into `found` (emptied first).
fn record_tokens(
    r: &Record,
    area: Option<&str>,
    variants: &Variants,
    words: &mut Words,
    scratch: &mut Vec<Key>,
    found: &mut KeyMap<Found>,
) {
    // The map grown for a long document is not kept for the ones after it: clearing it and
    // going through it cost as much as its size for each of them (a record of 10,000 titles
    // left it 14,336 slots wide for the rest of the build; at N = 100,000, ten times that).
    if found.capacity() > FOUND_KEPT {
        *found = KeyMap::default();
    } else {
        found.clear();
    }
    let mut add = |text: &str, place: Place| {
        scratch.clear();
        index_keys(text, variants, scratch, words);
        for key in scratch.iter() {
            let f = found.entry(*key).or_insert(Found { title: false, elsewhere: None, body: 0 });
            match place {
                Place::Title => f.title = true,
                _ => f.elsewhere = Some(f.elsewhere.map_or(place, |p| p.min(place))),
            }
            f.body += u32::from(place == Place::Body);
        }
    };
    add(&r.title, Place::Title);
    for p in &r.parts {
        if !p.heading.is_empty() && p.heading != r.title {
            add(&p.heading, Place::Heading);
        }
        let place = match p.field {
            Field::Summary => Place::Summary,
            Field::Body => Place::Body,
        };
        add(&p.text, place);
    }
    if let Some(area) = area {
        add(area, Place::Body);
    }
}

/// The records an index is made from, and what makes the parts of the bodies their parts stand
/// for (`Part::later`), if any do.
#[derive(Clone, Copy)]
pub(crate) struct Records<'r> {
    pub all: &'r dyn RecordSource,
    pub sections: Option<Sections<'r>>,
}

impl Records<'_> {
    /// The records of `range` as the index reads them: their bodies' parts made.
    fn read(&self, range: std::ops::Range<usize>) -> Vec<Record<'_>> {
        let made = self.all.make(range);
        match self.sections {
            Some(sections) => made.into_iter().map(|r| r.expanded(sections)).collect(),
            None => {
                debug_assert!(made.iter().all(|r| r.parts.iter().all(|p| p.later.is_none())), "a body with no text");
                made
            }
        }
    }
}

/// What `filters.json` and `meta.json` say of a document: noted as its pack of records is
/// read, so the records need not be kept.
struct Said {
    area: Option<usize>,
    kind: Kind,
    year: Option<i32>,
    themes: Box<[usize]>,
    lower: bool,
    /// Whether the record before it is of the same page (the first of a pack: not known yet,
    /// see [`Read`]).
    same_page: bool,
}

/// What is noted of a pack of records as it is read: what is said of each document, and the
/// addresses of its first and last records (the page runs across packs are found with them).
struct Read {
    said: Vec<Said>,
    first_url: String,
    last_url: String,
}

impl Read {
    fn of(records: &[Record]) -> Read {
        let said = records
            .iter()
            .enumerate()
            .map(|(i, r)| Said {
                area: r.area,
                kind: r.kind,
                year: r.year,
                themes: r.themes.clone().into(),
                lower: r.weight == Weight::Lower,
                same_page: i > 0 && records[i - 1].url == r.url,
            })
            .collect();
        let url = |r: Option<&Record>| r.map(|r| r.url.clone()).unwrap_or_default();
        Read { said, first_url: url(records.first()), last_url: url(records.last()) }
    }
}

/// Tokenizes every record into postings and the spelling of its words, in parallel, one pack
/// of documents ([`pack::PACK`] records) at a time, and gives each pack's records as read to
/// `pack` with the pack's number: a pack's records are made with the text of their bodies,
/// indexed, written into the pack and dropped, so one language's records and text are never
/// held whole (at N = 10,000 the text was 51 MB of the build's 249 MB at its peak; at
/// N = 100,000 the records were some 100 MB). What `pack` made, in pack order, and what is
/// said of each document, in order. A pack `known` says the last build's index has the
/// postings of is not read: `pack` gets its records without their bodies' text, and only
/// what is said of its documents is noted.
///
/// One map per worker, each taking the next pack while there are any: a worker given a fixed
/// share of the records (rayon's split of the list) was left with the last share alone, the
/// other core idle (N = 1,000: 25 ms of the index stage). Few maps, so merging them is cheap.
///
/// With a `budget`, a worker whose postings pass its share of it writes their runs out
/// ([`Spill`]) and goes on with none in memory; what was written out is read back as each
/// token's list is written ([`Lists::entries`]).
#[allow(clippy::type_complexity, reason = "the parts gathered, named where they are used")]
fn gather<F: Send>(
    records: Records,
    labels: &FilterLabels,
    variants: &Variants,
    cancel: &AtomicBool,
    budget: Option<usize>,
    known: &(dyn Fn(usize) -> bool + Sync),
    pack: impl Fn(usize, &[Record]) -> F + Sync,
) -> std::io::Result<(Postings, Words, Vec<F>, Vec<Said>, Spilled)> {
    let next = AtomicUsize::new(0);
    let count = records.all.len();
    let workers = rayon::current_num_threads();
    let share = budget.map(|b| b / workers.max(1));
    let (postings, words, mut packs, mut files) = (0..workers)
        .into_par_iter()
        .with_max_len(1)
        .map(|worker| {
            let (mut map, mut words, mut scratch, mut found, mut packs) =
                (Postings::default(), Words::default(), Vec::new(), KeyMap::default(), Vec::new());
            // The bytes of postings held, and where they are written out (made when first
            // needed; none where it cannot be).
            let (mut held, mut spill): (usize, Option<Option<Spill>>) = (0, None);
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let ids = pack::parts_of(n, count);
                if ids.is_empty() || cancel.load(Ordering::Relaxed) {
                    break;
                }
                if known(n) {
                    // Its documents' postings are the last build's: only what is said of each
                    // is noted, from its record without the text of its body.
                    let made = records.all.make(ids);
                    packs.push((n, (pack(n, &made), Read::of(&made))));
                    continue;
                }
                let read = records.read(ids.clone());
                for (id, r) in ids.zip(&read) {
                    let area = r.area.and_then(|a| labels.areas.get(a)).map(|(_, l, _)| l.as_str());
                    let id = id as u32;
                    record_tokens(r, area, variants, &mut words, &mut scratch, &mut found);
                    for (&key, found) in &found {
                        let lists = map.entry(key).or_default();
                        let place = match found.elsewhere {
                            Some(Place::Heading) => IN_HEADING,
                            Some(Place::Summary) => STRONG,
                            Some(_) if found.body >= FREQUENT => STRONG,
                            Some(_) => WEAK,
                            None => NOT_IN_TEXT,
                        };
                        lists.count += 1;
                        held += lists.docs.push(id, place | if found.title { IN_TITLE } else { 0 });
                    }
                }
                packs.push((n, (pack(n, &read), Read::of(&read))));
                if share.is_some_and(|share| held > share) {
                    if let Some(out) = spill.get_or_insert_with(Spill::open) {
                        out.write(worker as u32, &mut map)?;
                        held = 0;
                    }
                }
            }
            let file = match spill.flatten() {
                Some(Spill { file, .. }) => Some(file.into_inner().map_err(std::io::IntoInnerError::into_error)?),
                None => None,
            };
            Ok::<_, std::io::Error>((map, words, packs, vec![(worker, file)]))
        })
        .try_reduce(
            || (Postings::default(), Words::default(), Vec::new(), Vec::new()),
            // Merge the smaller map into the larger one.
            |a, b| Ok(if a.0.len() < b.0.len() { merge(b, a) } else { merge(a, b) }),
        )?;
    // (One entry from each worker, with its file or none: by worker, they are the pieces'.)
    files.sort_unstable_by_key(|(worker, _)| *worker);
    let spilled = Spilled(files.into_iter().map(|(_, file)| file).collect());
    // Workers took packs of documents in turn, each its own in order, so a list is one
    // sorted run per worker: the runs are merged as the list is written ([`Lists::entries`]).
    packs.sort_unstable_by_key(|(n, _)| *n);
    let (mut made, mut said) = (Vec::with_capacity(packs.len()), Vec::with_capacity(count));
    let mut last_url = None;
    for (_, (pack, read)) in packs {
        made.push(pack);
        let mut docs = read.said.into_iter();
        if let Some(mut first) = docs.next() {
            first.same_page = last_url.is_some_and(|url| url == read.first_url);
            said.push(first);
        }
        said.extend(docs);
        last_url = Some(read.last_url);
    }
    Ok((postings, words, made, said, spilled))
}

/// What each worker of [`gather`] gathered: its postings, words, packs and the file of the runs
/// it wrote out (by worker).
type Gathered<F> = (Postings, Words, Vec<F>, Vec<(usize, Option<std::fs::File>)>);

fn merge<F>((mut a, mut wa, mut fa, mut sa): Gathered<F>, (b, wb, fb, sb): Gathered<F>) -> Gathered<F> {
    for (k, l) in b {
        let e = a.entry(k).or_default();
        e.count += l.count;
        e.spilled.extend(l.spilled);
        let more = l.more.into_iter().flat_map(Vec::from);
        for run in std::iter::once(l.docs).chain(more).filter(|r| !r.bytes.is_empty()) {
            if e.docs.bytes.is_empty() {
                e.docs = run;
            } else {
                // (A token has one run more for each other worker that met it: one at most on
                // two cores.)
                let mut more = e.more.take().map(Vec::from).unwrap_or_default();
                more.push(run);
                e.more = Some(more.into());
            }
        }
    }
    wa.extend(wb);
    fa.extend(fb);
    sa.extend(sb);
    (a, wa, fa, sa)
}

/// A document: its address, title, kind, area label and parts. The language of a title
/// (`l`), area label (`al`) or part that stands in for a missing translation is given, so the
/// browser marks it with `lang`, as the page does.
#[derive(Serialize)]
struct Doc<'a> {
    u: &'a str,
    t: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    l: Option<&'a str>,
    k: &'static str,
    a: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    al: Option<&'a str>,
    s: Vec<DocPart<'a>>,
}

/// A document's part: `[anchor, heading, text]`, then the text's language and the heading's
/// where either stands in (`null` for one that does not, before one that does); one for each
/// run of a part's text in one language ([`Part::text_langs`]).
struct DocPart<'a> {
    part: &'a Part<'a>,
    text: &'a str,
    lang: Option<&'a str>,
}

impl<'a> DocPart<'a> {
    /// The document's parts of `p`.
    fn push_all(p: &'a Part<'a>, out: &mut Vec<DocPart<'a>>) {
        if p.text_langs.is_empty() {
            out.push(DocPart { part: p, text: &p.text, lang: None });
            return;
        }
        for (i, &(start, lang)) in p.text_langs.iter().enumerate() {
            let end = p.text_langs.get(i + 1).map_or(p.text.len(), |s| s.0);
            let text = p.text.get(start..end).unwrap_or_default().trim_end();
            out.push(DocPart { part: p, text, lang });
        }
    }
}

impl Serialize for DocPart<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let p = self.part;
        let len = if p.heading_lang.is_some() {
            5
        } else if self.lang.is_some() {
            4
        } else {
            3
        };
        let mut seq = s.serialize_seq(Some(len))?;
        seq.serialize_element(&*p.anchor)?;
        seq.serialize_element(&*p.heading)?;
        seq.serialize_element(self.text)?;
        if len > 3 {
            seq.serialize_element(&self.lang)?;
        }
        if len > 4 {
            seq.serialize_element(&p.heading_lang)?;
        }
        seq.end()
    }
}

impl<'a> Doc<'a> {
    /// The document of record `r`.
    fn of(r: &'a Record, labels: &'a FilterLabels) -> Doc<'a> {
        Doc {
            u: &r.url,
            t: &r.title,
            l: r.title_lang,
            k: r.kind.key(),
            a: r.area.and_then(|a| labels.areas.get(a)).map(|(_, l, _)| l.as_str()),
            al: r.area.and_then(|a| labels.areas.get(a)).and_then(|(.., lang)| lang.as_deref()),
            s: {
                let mut s = Vec::with_capacity(r.parts.len());
                for p in &r.parts {
                    DocPart::push_all(p, &mut s);
                }
                s
            },
        }
    }
}

/// The version of the index's files, in `meta.json` (search.js reads only its own).
const VERSION: u64 = 5;

/// The fingerprint of each pack of documents of `records` and `salt` (what else makes the
/// pack's file and its documents' tokens), made in parallel.
pub(crate) fn pack_prints(records: &dyn RecordSource, salt: u64) -> Vec<u64> {
    let count = records.len();
    (0..count.div_ceil(pack::PACK))
        .into_par_iter()
        .map(|n| {
            let each: Vec<u64> = records.make(pack::parts_of(n, count)).iter().map(crate::reuse::fingerprint).collect();
            crate::reuse::fingerprint(&(salt, each))
        })
        .collect()
}

/// The index files, as (path below `search/<lang>/`, bytes); `None` if cancelled. With a
/// `reuse`, a pack of documents whose fingerprint the caller has a file for (`keep`) is not
/// made: it comes as what `keep` gave, and where the caller has the last build's index too
/// (`last`), its documents' postings are read back from that index's shards, not made again
/// from their text ([`update`]); the files are the same either way. With a `store`, each file
/// is given to it as soon as it is made (a pack of shards or documents, in parallel), and
/// comes as what `store` gave.
///
/// With a `budget`, the postings held at once are at most about that many bytes: past it the
/// runs are written out to a file with no name ([`Spill`]) and read back as the shards are
/// written; an error writing or reading them is the error.
pub(crate) fn build<T: Send>(
    records: Records,
    labels: &FilterLabels,
    variants: &Variants,
    cancel: &AtomicBool,
    reuse: Option<super::Reuse<T>>,
    store: Option<super::Store<T>>,
    budget: Option<usize>,
) -> std::io::Result<Option<Vec<super::IndexFile<T>>>> {
    let made = |path: String, bytes: Vec<u8>, key: Option<u64>| {
        let content = match store {
            Some(store) => super::Content::Kept(store(&path, bytes)),
            None => super::Content::Made(bytes),
        };
        super::IndexFile { path, content, key }
    };
    let key_of = |n: usize| reuse.as_ref().and_then(|r| r.packs.get(n).copied());
    // The packs of documents the caller has, by number, each taken where its file goes.
    let kept: Vec<std::sync::Mutex<Option<T>>> = (0..records.all.len().div_ceil(pack::PACK))
        .into_par_iter()
        .map(|n| {
            let kept = reuse.as_ref().zip(key_of(n)).and_then(|(r, key)| (r.keep)(&format!("doc/{n}.bin"), key));
            std::sync::Mutex::new(kept)
        })
        .collect();
    let has: Vec<bool> = kept.iter().map(|k| k.lock().is_ok_and(|k| k.is_some())).collect();
    // Where the caller has some packs, and the last build's index they were in, the postings
    // of their documents are that index's.
    let last = reuse.as_ref().filter(|_| has.contains(&true)).and_then(|r| update::LastIndex::of(r.last));
    let known = |n: usize| last.is_some() && has.get(n).copied().unwrap_or(false);
    let pack_of_docs = |n: usize, read: &[Record]| -> super::IndexFile<T> {
        let path = format!("doc/{n}.bin");
        match kept.get(n).and_then(|k| k.lock().ok()?.take()) {
            Some(kept) => super::IndexFile { path, content: super::Content::Kept(kept), key: key_of(n) },
            None => {
                let json = |i: usize| serde_json::to_vec(&Doc::of(&read[i], labels)).unwrap_or_default();
                made(path, pack::pack_of(0..read.len(), json).0, key_of(n))
            }
        }
    };
    let (postings, words, docs, said, spilled) =
        gather(records, labels, variants, cancel, budget, &known, pack_of_docs)?;
    if cancel.load(Ordering::Relaxed) {
        return Ok(None);
    }
    let dropped = |id: u64| !known(id as usize / pack::PACK);
    let updated = match &last {
        Some(last) => update::shards(last, &postings, &words, &spilled, said.len(), &dropped)?,
        None => None,
    };
    let sharded = match updated {
        Some(Sharded { packs, sizes, count, vocab }) => {
            drop((postings, words, spilled));
            let packs = packs.into_par_iter().enumerate();
            let packs = packs.map(|(n, bytes)| made(format!("shard/{n}.bin"), bytes, None)).collect();
            Sharded { packs, sizes, count, vocab }
        }
        None => {
            // Every document's postings, gathered again where only some were (the last build's
            // index could not be used for the others: see `update::shards`).
            let (postings, words, spilled) = match last {
                Some(_) => {
                    drop((postings, words, spilled));
                    let (postings, words, _, _, spilled) =
                        gather(records, labels, variants, cancel, budget, &|_| false, |_, _| ())?;
                    (postings, words, spilled)
                }
                None => (postings, words, spilled),
            };
            if cancel.load(Ordering::Relaxed) {
                return Ok(None);
            }
            shards(&postings, &words, &spilled, said.len(), &made)?
        }
    };
    let Sharded { packs: mut packs_of_docs, sizes: shard_sizes, count: shard_count, vocab } = sharded;
    // The vocabulary completes and corrects English words: an index whose Latin words are
    // taken as written has none (a Vietnamese syllable typed is a word, not the start of one).
    let vocab = if variants.latin() == super::fold::Latin::English { vocab } else { Default::default() };
    packs_of_docs.extend(docs);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let letters: String = vocab.keys().collect();
    files.extend(vocab.into_iter().map(|(letter, list)| {
        let flat: Vec<Value> = list.into_iter().flat_map(|(w, n)| [Value::from(w), Value::from(n)]).collect();
        (format!("vocab/{letter}.json"), serde_json::to_vec(&flat).unwrap_or_default())
    }));
    // Each filter's values are numbered by their place in meta.json's list of them, which is
    // what the browser compares with: the site's kinds only (a site without case studies has
    // no "case"), not every kind there is.
    let kind_index = |k: Kind| labels.kinds.iter().position(|(key, ..)| key == k.key()).map_or(-1, |i| i as i64);
    let year_index =
        |y: Option<i32>| y.and_then(|y| labels.years.iter().position(|(v, _)| *v == y)).map_or(-1, |i| i as i64);
    // Written from lists of numbers, not a JSON value tree: a value of 32 bytes for each
    // number and a list of values for each document's themes come to some 35 MB (counted) at
    // N = 100,000 (150,000 documents a language), made at the end of a language's index, one
    // of the moments the build's memory is highest.
    let filters = FilterLists {
        area: said.iter().map(|r| r.area.map_or(-1, |a| a as i64)).collect(),
        kind: said.iter().map(|r| kind_index(r.kind)).collect(),
        theme: said.iter().map(|r| &*r.themes).collect(),
        year: said.iter().map(|r| year_index(r.year)).collect(),
    };
    files.push(("filters.json".into(), serde_json::to_vec(&filters).unwrap_or_default()));
    let low: Vec<usize> = (0..said.len()).filter(|&i| said[i].lower).collect();
    let variant_files = variants.to_json_buckets(VARIANT_BUCKETS);
    let meta = json!({
        "v": VERSION,
        "pack": pack::PACK,
        "ss": shard_sizes,
        "vb": VARIANT_BUCKETS,
        "variants": variant_files.keys().collect::<Vec<_>>(),
        "docs": said.len(),
        "shards": shard_count,
        "low": low,
        "groups": groups(&said),
        "vocab": letters,
        "filters": {
            "area": labels.areas,
            "theme": labels.themes,
            "kind": labels.kinds,
            "year": labels.years,
        }
    });
    files.push(("meta.json".into(), serde_json::to_vec(&meta).unwrap_or_default()));
    files.extend(
        variant_files
            .into_iter()
            .map(|(b, groups)| (format!("variants/{b}.json"), serde_json::to_vec(&groups).unwrap_or_default())),
    );
    let small = files.into_iter().map(|(path, bytes)| made(path, bytes, None));
    Ok(Some(small.chain(packs_of_docs).collect()))
}

/// The shards of an index as they are made: what was made of each pack of them (its bytes, or
/// what the caller's `store` gave), the compressed size of each shard, how many there are,
/// and the vocabulary (its Latin words by first letter, with their documents' count).
struct Sharded<P> {
    packs: Vec<P>,
    sizes: Vec<usize>,
    count: u32,
    vocab: BTreeMap<char, Vec<(String, usize)>>,
}

/// The shards of `postings` (of `docs` documents), each pack of them given to `made` as soon as
/// it is made.
fn shards<T: Send>(
    postings: &Postings,
    words: &Words,
    spilled: &Spilled,
    docs: usize,
    made: &(dyn Fn(String, Vec<u8>, Option<u64>) -> super::IndexFile<T> + Sync),
) -> std::io::Result<Sharded<super::IndexFile<T>>> {
    // The first error reading back the runs written out, if any.
    let unread: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);
    let mut spelled: Vec<(String, &Lists)> =
        postings.iter().filter_map(|(k, lists)| Some((k.text(words)?, lists))).collect();
    spelled.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let total: usize = spelled.iter().map(|(k, l)| weight(k, l.len())).sum();
    let shard_count = shard_count(total);
    let mut shards: Vec<Vec<usize>> = vec![Vec::new(); shard_count as usize];
    for (i, (token, _)) in spelled.iter().enumerate() {
        shards[shard_of(token, shard_count) as usize].push(i);
    }
    // {"token":[[title],[text],[heading]],…}, tokens in sorted order.
    let shard = |n: usize| {
        let (mut out, mut entries, mut scratch) = (String::from("{"), Vec::new(), Vec::new());
        for &i in &shards[n] {
            let (token, lists) = &spelled[i];
            if let Err(e) = lists.entries(&mut entries, spilled, &mut scratch) {
                if let Ok(mut first) = unread.lock() {
                    first.get_or_insert(e);
                }
            }
            push_token(&mut out, token, docs, &entries);
        }
        out.push('}');
        out.into_bytes()
    };
    let (shard_packs, shard_sizes) =
        pack::packs(shards.len(), shard, |n, bytes| made(format!("shard/{n}.bin"), bytes, None));
    if let Some(e) = unread.into_inner().ok().flatten() {
        return Err(e);
    }
    let vocab = vocabulary(spelled.iter().map(|(w, l)| (w.as_str(), l.len())));
    Ok(Sharded { packs: shard_packs, sizes: shard_sizes, count: shard_count, vocab })
}

/// What a token of `docs` documents adds to the size the number of shards is chosen by.
fn weight(token: &str, docs: usize) -> usize {
    token.len() + 8 + 3 * docs
}

/// The number of shards of an index whose tokens weigh `total` ([`weight`]): some 4 KB a
/// shard, a power of two from 8 to 16,384.
fn shard_count(total: usize) -> u32 {
    (total / 4_000).clamp(8, 16_384).next_power_of_two() as u32
}

/// Writes the entry of `token` in its shard (`"token":[…]`, after a comma unless it is the
/// first): its lists ([`push_lists`]).
fn push_token(out: &mut String, token: &str, docs: usize, entries: &[u64]) {
    if !out.ends_with('{') {
        out.push(',');
    }
    let _ = write!(out, "{}:", Value::from(token));
    push_lists(out, docs, entries);
}

/// `filters.json`: each document's area, kind, year (`-1`: none) and themes, by their
/// places in the labels of `meta.json`.
#[derive(Serialize)]
struct FilterLists<'a> {
    area: Vec<i64>,
    kind: Vec<i64>,
    theme: Vec<&'a [usize]>,
    year: Vec<i64>,
}

/// The runs of consecutive records of one page (more than one record), as `[first, count]`.
fn groups(said: &[Said]) -> Vec<[usize; 2]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=said.len() {
        if i == said.len() || !said[i].same_page {
            if i - start > 1 {
                out.push([start, i - start]);
            }
            start = i;
        }
    }
    out
}

/// The Latin words of the index without digits, by first letter (a–z), each with the number
/// of documents that have it, in alphabetical order.
fn vocabulary<'w>(tokens: impl Iterator<Item = (&'w str, usize)>) -> BTreeMap<char, Vec<(String, usize)>> {
    let mut out: BTreeMap<char, Vec<(String, usize)>> = BTreeMap::new();
    for (token, docs) in tokens {
        if let Some(first) = token.chars().next().filter(|_| is_word(token)) {
            out.entry(first).or_default().push((token.to_string(), docs));
        }
    }
    out
}

/// Whether the vocabulary lists `token`: a Latin word without digits.
fn is_word(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_lowercase())
}

/// How many of a token's `entries` ([`Lists::entry`]) are in its text list: the documents that
/// have it elsewhere than the title.
fn text_len(entries: &[u64]) -> usize {
    entries.iter().filter(|e| *e & 3 != NOT_IN_TEXT).count()
}

/// Whether a token with `text_len` documents in its text list, of `docs`, is in so many that its
/// list has no strong marks ([`push_lists`]).
fn is_dense(text_len: usize, docs: usize) -> bool {
    text_len * 2 > docs
}

/// The 64 characters of the numbers of a list: the first 32 end a number, the others are a
/// digit with more to follow.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Writes `n` in base 32, lowest digit first (search.js reads it back).
fn push_number(out: &mut String, mut n: u64) {
    while n >= 32 {
        out.push(char::from(DIGITS[32 + (n & 31) as usize]));
        n >>= 5;
    }
    out.push(char::from(DIGITS[n as usize]));
}

/// Writes `["title","text","heading"]` (trailing empty lists left out): each list's ids as
/// differences from the previous one (the first from −1), a text entry's doubled plus 1 where
/// the token is strong in that document.
///
/// A token in more than half of the `docs` documents (its idf is small) has no strong marks:
/// its text list starts with `~` and holds the plain differences, which compress to little
/// (such a token is often in a first query, and its marks would cost kilobytes).
///
/// `entries` are the entries of the token's list ([`Lists::entries`]).
fn push_lists(out: &mut String, docs: usize, entries: &[u64]) {
    let place = |e: &u64| e & 3;
    let in_title = |e: &u64| e & IN_TITLE != 0;
    let in_text = |e: &u64| place(e) != NOT_IN_TEXT;
    let in_heading = |e: &u64| place(e) == IN_HEADING;
    let strong = |e: &u64| matches!(place(e), STRONG | IN_HEADING);
    let text_len = text_len(entries);
    let dense = is_dense(text_len, docs);
    let filled = [entries.iter().any(in_title), text_len > 0, entries.iter().any(in_heading)];
    let used = filled.iter().rposition(|f| *f).map_or(1, |i| i + 1);
    out.push('[');
    for n in 0..used {
        if n > 0 {
            out.push(',');
        }
        out.push('"');
        if n == 1 && dense {
            out.push('~');
        }
        let marked = n == 1 && !dense;
        let mut prev: i64 = -1;
        let keep: &dyn Fn(&u64) -> bool = match n {
            0 => &in_title,
            1 => &in_text,
            _ => &in_heading,
        };
        for e in entries.iter().filter(|e| keep(e)) {
            let id = (e >> 3) as i64;
            let d = (id - prev) as u64;
            push_number(out, if marked { d * 2 + u64::from(strong(e)) } else { d });
            prev = id;
        }
        out.push('"');
    }
    out.push(']');
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
