//! The index files made from small fixtures: where a token is placed (title, strong, heading,
//! plain text), the documents of lower weight, the runs of one page, the vocabulary.

use super::*;
use crate::text::record::Part;

fn record<'a>(url: &str, title: &'a str, text: &'a str) -> Record<'a> {
    Record {
        area: Some(0),
        themes: vec![1],
        ..Record::new(url.into(), title, Kind::Case, vec![Part::new("", "", text)])
    }
}

/// The records as the index reads them, with no part standing for a body.
fn plain<'r>(records: &'r &[Record]) -> Records<'r> {
    Records { all: records, sections: None }
}

fn labels() -> FilterLabels {
    FilterLabels {
        areas: vec![("n".into(), "北区".into(), None)],
        themes: vec![],
        // A site's kinds only, as meta.json lists them: the filters number a kind by its place here.
        kinds: vec![("case".into(), "事例".into(), None), ("progress".into(), "進捗".into(), None)],
        years: vec![],
    }
}

/// The files of an index of `records` with `variants`, all made.
fn files_with(records: &[Record], variants: &Variants) -> Vec<(String, Vec<u8>)> {
    let files =
        build::<()>(plain(&records), &labels(), variants, &AtomicBool::new(false), None, None, None).unwrap().unwrap();
    files.into_iter().map(|f| (f.path, made(f.content).unwrap())).collect()
}

/// The bytes of a file that was made.
fn made(content: crate::search::Content<()>) -> Option<Vec<u8>> {
    match content {
        crate::search::Content::Made(bytes) => Some(bytes),
        crate::search::Content::Kept(()) => None,
    }
}

/// The files of an index of `records` with no variants.
fn files_of(records: &[Record]) -> Vec<(String, Vec<u8>)> {
    files_with(records, &Variants::default())
}

/// What the caller of a build has: the packs of documents whose fingerprint is one of
/// `packs` (by number), and the last build's `files`.
fn reuse<'r>(
    packs: &'r [u64],
    keep: crate::search::Keep<'r, ()>,
    last: crate::search::Last<'r>,
) -> Option<crate::search::Reuse<'r, ()>> {
    Some(crate::search::Reuse { packs, keep, last })
}

// A pack of documents the caller has (by its path and the fingerprint of its records) is not
// made; every other file is as it would be. The fingerprint is that of the pack's records and
// what else makes their tokens (the salt): the same for the same, another when one of them
// changes.
#[test]
fn a_pack_of_documents_the_caller_has_is_not_made() {
    let texts: Vec<String> = (0..pack::PACK + 3).map(|i| format!("見守り活動 {i}")).collect();
    let records: Vec<Record> = texts.iter().map(|t| record("ja/a/", "見守り", t)).collect();
    let keys = |records: &[Record], keep: crate::search::Keep<()>| {
        let packs = pack_prints(&records, 0);
        let files = build(
            plain(&records),
            &labels(),
            &Variants::default(),
            &AtomicBool::new(false),
            reuse(&packs, keep, &|_| None),
            None,
            None,
        )
        .unwrap()
        .unwrap();
        let keys: Vec<(String, u64)> = files.iter().filter_map(|f| Some((f.path.clone(), f.key?))).collect();
        let made: Vec<(String, Option<Vec<u8>>)> = files.into_iter().map(|f| (f.path, made(f.content))).collect();
        (made, keys)
    };
    let (all, first) = keys(&records, &|_, _| None);
    assert_eq!(first.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(), ["doc/0.bin", "doc/1.bin"]);
    let (some, again) = keys(&records, &|path, key| (path == "doc/0.bin" && key == first[0].1).then_some(()));
    assert_eq!(again, first);
    for ((path, all), (_, some)) in all.iter().zip(&some) {
        if path == "doc/0.bin" {
            assert!(some.is_none(), "a pack the caller has is made");
        } else {
            assert_eq!(all, some, "{path}");
        }
    }
    let mut changed = records.clone();
    changed[pack::PACK + 1] = record("ja/a/", "見守り", "一語");
    let (_, other) = keys(&changed, &|_, _| None);
    assert_eq!(other[0], first[0]);
    assert_ne!(other[1], first[1]);
    let records = &records[..];
    assert_ne!(pack_prints(&records, 1), pack_prints(&records, 0), "the salt is not in the fingerprints");
}

// With a store, every file made is given to it as soon as it is made, once, with the bytes it
// would have had, and comes back as what the store gave; a pack the caller keeps is not given.
#[test]
fn every_file_made_goes_to_the_store_once() {
    let texts: Vec<String> = (0..pack::PACK * 2 + 3).map(|i| format!("見守り活動 {i} neighbourhood")).collect();
    let records: Vec<Record> = texts.iter().map(|t| record("ja/a/", "見守り", t)).collect();
    let all = files_of(&records);
    let given = std::sync::Mutex::new(Vec::new());
    let store = |path: &str, bytes: Vec<u8>| {
        given.lock().unwrap().push((path.to_string(), bytes));
        path.len()
    };
    let keep = |path: &str, _: u64| (path == "doc/1.bin").then_some(0);
    let packs = pack_prints(&&records[..], 0);
    let files = build(
        plain(&&records[..]),
        &labels(),
        &Variants::default(),
        &AtomicBool::new(false),
        Some(crate::search::Reuse { packs: &packs, keep: &keep, last: &|_| None }),
        Some(&store),
        None,
    )
    .unwrap()
    .unwrap();
    for f in &files {
        let expected = if f.path == "doc/1.bin" { 0 } else { f.path.len() };
        assert!(matches!(f.content, crate::search::Content::Kept(n) if n == expected), "{}", f.path);
    }
    let mut given = given.into_inner().unwrap();
    given.sort();
    let mut expected: Vec<(String, Vec<u8>)> = all.into_iter().filter(|(p, _)| p != "doc/1.bin").collect();
    expected.sort();
    assert!(expected.iter().any(|(p, _)| p.starts_with("shard/")) && expected.len() > 5);
    assert_eq!(given, expected);
}

fn file(files: &[(String, Vec<u8>)], name: &str) -> Value {
    serde_json::from_slice(&files.iter().find(|(p, _)| p == name).unwrap().1).unwrap()
}

/// Shard `n`, out of its pack.
fn shard(files: &[(String, Vec<u8>)], n: u32) -> Value {
    let name = format!("shard/{}.bin", n as usize / pack::PACK);
    let bytes = &files.iter().find(|(p, _)| *p == name).unwrap().1;
    serde_json::from_slice(&pack::part(bytes, n as usize % pack::PACK).unwrap()).unwrap()
}

/// The numbers of a list as written (base 32, lowest digit first).
fn numbers(s: &str) -> Vec<u64> {
    update::numbers(s).map(|n| n.expect("a number as push_number writes it")).collect()
}

/// The lists of `token`: title ids, text ids with whether strong, heading ids.
fn entry(files: &[(String, Vec<u8>)], token: &str) -> (Vec<i64>, Vec<(i64, bool)>, Vec<i64>) {
    let shards = file(files, "meta.json")["shards"].as_u64().unwrap() as u32;
    let lists = shard(files, shard_of(token, shards))[token].clone();
    let list = |i: usize| lists.get(i).and_then(Value::as_str).map(numbers).unwrap_or_default();
    let ids = |ds: Vec<u64>| {
        ds.iter()
            .scan(-1i64, |p, d| {
                *p += *d as i64;
                Some(*p)
            })
            .collect::<Vec<_>>()
    };
    let raw = lists.get(1).and_then(Value::as_str).unwrap_or("");
    if let Some(plain) = raw.strip_prefix('~') {
        let text: Vec<(i64, bool)> = ids(numbers(plain)).into_iter().map(|i| (i, false)).collect();
        return (ids(list(0)), text, ids(list(2)));
    }
    let text = list(1);
    let text_ids = ids(text.iter().map(|n| n / 2).collect());
    (ids(list(0)), text_ids.into_iter().zip(text.iter().map(|n| n % 2 == 1)).collect(), ids(list(2)))
}

// Numbers are written in base 32, lowest digit first, and read back.
#[test]
fn numbers_round_trip() {
    for n in [0, 1, 31, 32, 1000, 1 << 20, u64::from(u32::MAX)] {
        let mut s = String::new();
        push_number(&mut s, n);
        assert_eq!(numbers(&s), [n], "{s}");
    }
    let mut s = String::new();
    push_number(&mut s, 3);
    push_number(&mut s, 40);
    assert_eq!(s, "DoB");
}

#[test]
fn fnv_matches_the_reference_values() {
    assert_eq!(fnv1a(""), 0x811c_9dc5);
    assert_eq!(fnv1a("a"), 0xe40c_292c);
    assert_eq!(shard_of("*区", 16), shard_of("区", 16));
}

// Each worker takes the next pack of records while there are any, into a map of its own, and
// the maps are merged: over many packs, taken in turn by the workers, every list still has every
// document of its token, once, in order.
#[test]
fn postings_gathered_in_packs_keep_every_document_in_order() {
    let n = pack::PACK * 6 + 7;
    let texts: Vec<String> = (0..n)
        .map(|i| match i % 3 {
            0 => format!("見守り活動 w{i}"),
            1 => format!("見守り {i}"),
            _ => format!("子育て {i}"),
        })
        .collect();
    let titles: Vec<String> = (0..n).map(|i| if i % 5 == 0 { "見守り".to_string() } else { format!("t{i}") }).collect();
    let records: Vec<Record> = (0..n).map(|i| record("ja/a/", &titles[i], &texts[i])).collect();
    let files = files_of(&records);
    let (title, text, _) = entry(&files, "見守");
    assert_eq!(title, (0..n as i64).filter(|i| i % 5 == 0).collect::<Vec<_>>());
    let text_ids: Vec<i64> = text.iter().map(|(id, _)| *id).collect();
    assert_eq!(text_ids, (0..n as i64).filter(|i| i % 3 != 2).collect::<Vec<_>>());
    let (_, text, _) = entry(&files, "子育");
    assert_eq!(
        text.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        (0..n as i64).filter(|i| i % 3 == 2).collect::<Vec<_>>()
    );
    // A token of one document only, from a late batch: that document alone.
    let last = n - 1 - (n - 1) % 3;
    let (title, text, _) = entry(&files, &format!("w{last}"));
    assert!(title.is_empty());
    assert_eq!(text.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [last as i64]);
}

// A part standing for a body (`Part::later`) is read as the parts `sections` makes of the body,
// in its place among the record's other parts: the index is the one those parts written out
// give, to the byte. Each body is made once, however many files its text goes into.
#[test]
fn a_body_is_read_in_its_place_as_its_sections_make_it() {
    use crate::content::Body;
    let n = pack::PACK * 2 + 5;
    let bodies: Vec<Body> =
        (0..n).map(|i| Body::new(&format!("content/cases/c{i}.ja.md"), format!("見守り活動 {i}"))).collect();
    let bodies_made = AtomicUsize::new(0);
    let sections = |source: &crate::model::Source| {
        bodies_made.fetch_add(1, Ordering::Relaxed);
        vec![Part::new("", "", "はじめに"), Part::new("h", "活動", source.text().to_string())]
    };
    fn with<'a>(parts: Vec<Part<'a>>) -> Record<'a> {
        let mut r = record("ja/a/", "見守り", "");
        r.parts = [vec![Part::summary("s", "", "子育て")], parts, vec![Part::new("c", "連絡先", "千葉市")]].concat();
        r
    }
    let standing: Vec<Record> = bodies.iter().map(|b| with(vec![Part::later(b)])).collect();
    let written: Vec<Record> = bodies
        .iter()
        .map(|b| with(vec![Part::new("", "", "はじめに"), Part::new("h", "活動", b.text().to_string())]))
        .collect();
    let standing = &standing[..];
    let read = Records { all: &standing, sections: Some(&sections) };
    let files =
        build::<()>(read, &labels(), &Variants::default(), &AtomicBool::new(false), None, None, None).unwrap().unwrap();
    assert_eq!(bodies_made.load(Ordering::Relaxed), n, "each body made once");
    let files: Vec<(String, Vec<u8>)> = files.into_iter().map(|f| (f.path, made(f.content).unwrap())).collect();
    assert_eq!(files, files_of(&written));
    let doc = pack::part(&files.iter().find(|(p, _)| p == "doc/2.bin").unwrap().1, 1).unwrap();
    let doc: Value = serde_json::from_slice(&doc).unwrap();
    assert_eq!(doc["s"][2], json!(["h", "活動", format!("見守り活動 {}", pack::PACK * 2 + 1)]));
    assert_eq!(doc["s"][3], json!(["c", "連絡先", "千葉市"]));
}

// A token in the title is in the title list; elsewhere, in the text list (ids as differences
// from −1).
#[test]
fn postings_separate_title_and_text_matches() {
    let files = files_of(&[record("ja/a/", "見守り", "防災"), record("ja/b/", "防災訓練", "見守り活動")]);
    assert_eq!(entry(&files, "見守"), (vec![0], vec![(1, false)], vec![]));
    assert_eq!(entry(&files, "防災"), (vec![1], vec![(0, false)], vec![]));
    assert_eq!(entry(&files, "訓練"), (vec![1], vec![], vec![]));
    // Every record's area is in its text.
    assert_eq!(entry(&files, "北区"), (vec![], vec![(0, false), (1, false)], vec![]));
    // A token in the title and the text is in both lists.
    let files = files_of(&[record("ja/a/", "見守り", "見守りの話")]);
    assert_eq!(entry(&files, "見守"), (vec![0], vec![(0, false)], vec![]));
}

// In the text list a document is marked strong (negative) where the token is in the summary or a
// heading or comes three times; a heading match is also in the third list.
#[test]
fn strong_matches_are_marked() {
    let mut a = record("ja/a/", "題", "防災 防災 防災");
    a.parts.push(Part::summary("s", "", "見守り"));
    let mut b = record("ja/b/", "題", "防災 見守り");
    b.parts.push(Part::new("h", "防災の話", "本文"));
    // (Two documents of five: not so common that the marks are left out.)
    let others = (0..3).map(|i| record(&format!("ja/{i}/"), "他", "他の話"));
    let files = files_of(&[a, b].into_iter().chain(others).collect::<Vec<_>>());
    assert_eq!(entry(&files, "防災"), (vec![], vec![(0, true), (1, true)], vec![1]));
    assert_eq!(entry(&files, "見守"), (vec![], vec![(0, true), (1, false)], vec![]));
}

// A token in more than half of the documents has no strong marks in its text list.
#[test]
fn dense_tokens_have_no_strong_marks() {
    let files = files_of(&[
        record("ja/a/", "題", "防災 防災 防災"),
        record("ja/b/", "題", "防災"),
        record("ja/c/", "題", "見守り"),
    ]);
    let shards = file(&files, "meta.json")["shards"].as_u64().unwrap() as u32;
    let raw = shard(&files, shard_of("防災", shards))["防災"].clone();
    assert!(raw[1].as_str().unwrap().starts_with('~'), "{raw}");
    assert_eq!(entry(&files, "防災"), (vec![], vec![(0, false), (1, false)], vec![]));
    assert_eq!(entry(&files, "見守"), (vec![], vec![(2, false)], vec![]));
}

// The groups of variants in force are shipped for the browser, canonical form first.
#[test]
fn variants_are_shipped_canonical_first() {
    let v = Variants::of_groups(&[vec!["子ども".into(), "こども".into(), "子供".into()]]);
    let files = files_with(&[record("ja/a/", "子供", "")], &v);
    // In the file of each form's first character (and in no other), which meta.json lists.
    let meta = file(&files, "meta.json");
    let mut buckets: Vec<u32> =
        ['子', 'こ'].iter().map(|c| super::super::variants::bucket_of(*c, VARIANT_BUCKETS)).collect();
    buckets.sort_unstable();
    buckets.dedup();
    assert_eq!(meta["variants"], json!(buckets));
    for b in buckets {
        assert_eq!(file(&files, &format!("variants/{b}.json")), json!([["子ども", "こども", "子供"]]));
    }
    // The text's form and the canonical one are both indexed.
    let shards = file(&files, "meta.json")["shards"].as_u64().unwrap() as u32;
    for token in ["子供", "子ど", "ども"] {
        assert!(shard(&files, shard_of(token, shards)).get(token).is_some(), "{token}");
    }
}

// Pages of lower weight and the runs of records of one page are listed in meta.json; the
// vocabulary lists Latin words by first letter with their document counts.
#[test]
fn meta_lists_lower_weight_groups_and_vocabulary() {
    let mut list = record("en/cases/", "Cases", "cafe salon");
    list.weight = Weight::Lower;
    let records = [
        list,
        record("en/progress/x/", "Salon", "weekly cafe"),
        record("en/progress/x/", "Walks", "weekly walks"),
        record("en/cases/y/", "Cafeteria", "children"),
    ];
    let files = files_of(&records);
    let meta = file(&files, "meta.json");
    assert_eq!(meta["low"], json!([0]));
    assert_eq!(meta["groups"], json!([[1, 2]]));
    assert_eq!(meta["vocab"], json!("csw"));
    assert_eq!(file(&files, "vocab/c.json"), json!(["cafe", 2, "cafeteria", 1, "case", 1, "child", 1]));
    // A document counts once: in the title only ("Salon") or the text only ("cafe salon"),
    // and once where the word is in both its title and its text ("Walks", "weekly walks").
    assert_eq!(file(&files, "vocab/s.json"), json!(["salon", 2]));
    assert_eq!(file(&files, "vocab/w.json"), json!(["walk", 1, "weekly", 2]));
    // A run of one page's records across two packs of documents is one run; a page's records
    // beginning a pack after another page's are a run of their own, and so are the filters
    // and kinds of each document, in order (a kind numbered by its place among the site's).
    let at = pack::PACK;
    let mut records: Vec<Record> = (0..at + 6).map(|i| record(&format!("ja/p/{}/", i / 2), "見守り", "防災")).collect();
    for r in &mut records[at - 2..at + 2] {
        r.url = "ja/progress/".into();
        r.kind = Kind::Progress;
        r.year = Some(2024);
    }
    let files = files_of(&records);
    let meta = file(&files, "meta.json");
    let mut groups: Vec<[usize; 2]> = (0..at / 2 - 1).map(|i| [2 * i, 2]).collect();
    groups.extend([[at - 2, 4], [at + 2, 2], [at + 4, 2]]);
    assert_eq!(meta["groups"], json!(groups));
    assert_eq!(meta["docs"], json!(at + 6));
    let filters = file(&files, "filters.json");
    let kinds = filters["kind"].as_array().unwrap();
    assert_eq!(kinds.len(), at + 6);
    assert!(kinds.iter().enumerate().all(|(i, k)| *k == json!(if (at - 2..at + 2).contains(&i) { 1 } else { 0 })));
    assert_eq!(filters["area"][at], json!(0));
    assert_eq!(filters["theme"][at + 5], json!([1]));
}

// A token's list kept as bytes gives back its documents and places, small gaps and large
// alike (a gap of 15 is the last of one byte, 16 the first of two), and the runs of two
// workers merged come out as one list in order.
#[test]
fn lists_kept_as_bytes_give_back_every_entry() {
    let mut a = Run::default();
    let (title_weak, title_only) = (IN_TITLE | WEAK, IN_TITLE | NOT_IN_TEXT);
    for (id, place) in [(0, STRONG), (2, WEAK), (18, title_weak), (35, IN_HEADING), (1 << 30, title_only)] {
        a.push(id, place);
    }
    // 0 strong; gap 1 weak; gap 15 in the title and weak; gap 16 in a heading (two bytes,
    // lowest bits first).
    assert_eq!(a.bytes[..5], [2, 8 | 1, 15 << 3 | 5, 0x80 | 3, 1]);
    let mut b = Run::default();
    for (id, place) in [(1, WEAK), (3, STRONG), (200_000, IN_HEADING)] {
        b.push(id, place);
    }
    let lists = Lists { docs: a, more: Some(Box::new([b])), spilled: Vec::new(), count: 8 };
    let mut out = Vec::new();
    lists.entries(&mut out, &Spilled::default(), &mut Vec::new()).unwrap();
    let want = [
        (0, STRONG),
        (1, WEAK),
        (2, WEAK),
        (3, STRONG),
        (18, title_weak),
        (35, IN_HEADING),
        (200_000, IN_HEADING),
        (1 << 30, title_only),
    ];
    assert_eq!(out, want.map(|(id, place)| Lists::entry(id, place)));
    // Written as the shard's three lists: the title's, the text's with its strong marks (the
    // heading's strong too), the heading's.
    let mut json = String::new();
    push_lists(&mut json, 1 << 31, &out);
    let mut want = String::new();
    for (n, list) in [
        vec![(18, false), (1 << 30, false)],
        vec![(0, true), (1, false), (2, false), (3, true), (18, false), (35, true), (200_000, true)],
        vec![(35, false), (200_000, false)],
    ]
    .into_iter()
    .enumerate()
    {
        want.push_str(if n == 0 { "[\"" } else { "\",\"" });
        let mut prev: i64 = -1;
        for (id, strong) in list {
            let d = (id - prev) as u64;
            push_number(&mut want, if n == 1 { d * 2 + u64::from(strong) } else { d });
            prev = id;
        }
    }
    want.push_str("\"]");
    assert_eq!(json, want);
}

// Postings written out past a budget (here: each worker's after every pack) and read back
// make the very same files as postings held in memory; and they were written out: a token in
// every document has a piece for each pack but those still in memory.
#[test]
fn postings_written_out_past_a_budget_make_the_same_index() {
    let texts: Vec<String> =
        (0..pack::PACK * 5 + 7).map(|i| format!("見守り活動 {i} 第{}地区 sample{} watch", i % 7, i % 3)).collect();
    let records: Vec<Record> = texts.iter().map(|t| record("ja/a/", "見守り", t)).collect();
    let records = &records[..];
    let files = |budget: Option<usize>| -> Vec<(String, Vec<u8>)> {
        let files =
            build::<()>(plain(&records), &labels(), &Variants::default(), &AtomicBool::new(false), None, None, budget);
        files.unwrap().unwrap().into_iter().map(|f| (f.path, made(f.content).unwrap())).collect()
    };
    let held = files(None);
    assert!(held.iter().any(|(p, _)| p.starts_with("shard/")));
    assert_eq!(files(Some(0)), held);
    let never = AtomicBool::new(false);
    let (postings, _, _, _, spilled) =
        gather(plain(&records), &labels(), &Variants::default(), &never, Some(0), &|_| false, |_, _| ()).unwrap();
    assert!(spilled.0.iter().any(Option::is_some), "nothing was written out");
    let everywhere = postings.values().find(|l| l.len() == records.len()).expect("a token in every document");
    assert!(everywhere.spilled.len() >= 4, "{} pieces", everywhere.spilled.len());
    let (mut entries, mut scratch) = (Vec::new(), Vec::new());
    everywhere.entries(&mut entries, &spilled, &mut scratch).unwrap();
    let ids: Vec<u64> = entries.iter().map(|e| e >> 3).collect();
    assert_eq!(ids, (0..records.len() as u64).collect::<Vec<_>>());
}

/// The bodies of a few packs of case studies, `texts` (a heading, a line, then the text).
fn bodies(texts: &[String]) -> Vec<crate::content::Body> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| crate::content::Body::new(&format!("content/cases/c{i}.ja.md"), t.clone()))
        .collect()
}

/// The records of `bodies`, each body a part standing for it (made as the index reads it).
fn standing(bodies: &[crate::content::Body]) -> Vec<Record<'_>> {
    let title = |i: usize| if i.is_multiple_of(3) { "見守り".to_string() } else { format!("サロン {i}") };
    let parts = |b| vec![Part::summary("s", "", "子育て"), Part::later(b)];
    let record = |(i, b)| Record { title: title(i).into(), parts: parts(b), ..record(&format!("ja/c/{i}/"), "", "") };
    bodies.iter().enumerate().map(record).collect()
}

/// The parts of a body of [`bodies`]: its first line as the heading, the rest as the text.
fn sections_of(source: &crate::model::Source) -> Vec<Part<'static>> {
    let text = source.text();
    let (heading, text) = text.split_once('\n').unwrap_or(("", &text));
    vec![Part::new("h", heading.to_string(), text.to_string())]
}

/// The index of `bodies` made from `reuse` (if any) within `budget`, as (path, bytes), the files
/// the caller has as `last` gives them; and how many bodies it read.
fn index_of(
    bodies: &[crate::content::Body],
    reuse: Option<crate::search::Reuse<()>>,
    last: &[(String, Vec<u8>)],
    budget: Option<usize>,
) -> (Vec<(String, Vec<u8>)>, usize) {
    let read = AtomicUsize::new(0);
    let sections = |source: &crate::model::Source| {
        read.fetch_add(1, Ordering::Relaxed);
        sections_of(source)
    };
    let records = standing(bodies);
    let records = &records[..];
    let never = AtomicBool::new(false);
    let files = build(
        Records { all: &records, sections: Some(&sections) },
        &labels(),
        &Variants::default(),
        &never,
        reuse,
        None,
        budget,
    );
    let mut files: Vec<(String, Vec<u8>)> = files
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|f| {
            let kept = || {
                last.iter().find(|(p, _)| *p == f.path).expect("a file kept that was not the last build's").1.clone()
            };
            let bytes = made(f.content).unwrap_or_else(kept);
            (f.path, bytes)
        })
        .collect();
    files.sort();
    (files, read.into_inner())
}

/// The index of `now` made within `budget` by a build whose last build made the index `last`
/// from `before`: the packs of documents of the same fingerprint kept, `last` giving that
/// build's files.
fn index_after(
    before: &[crate::content::Body],
    now: &[crate::content::Body],
    last: &[(String, Vec<u8>)],
    budget: Option<usize>,
) -> (Vec<(String, Vec<u8>)>, usize) {
    let (then, packs) = (pack_prints(&&standing(before)[..], 0), pack_prints(&&standing(now)[..], 0));
    let keep = |path: &str, key: u64| {
        let n: usize = path.strip_prefix("doc/")?.strip_suffix(".bin")?.parse().ok()?;
        (then.get(n) == Some(&key)).then_some(())
    };
    let files = |path: &str| last.iter().find(|(p, _)| p == path).map(|(_, bytes)| bytes.clone());
    index_of(now, reuse(&packs, &keep, &files), last, budget)
}

/// A case study's body: its heading, a line of words most have, some a half of them have
/// (`half`), some in three times (strong), and its district.
fn case_text(i: usize) -> String {
    let heading = if i.is_multiple_of(5) { "防災訓練" } else { "活動報告" };
    let half = if i.is_multiple_of(2) { " half" } else { "" };
    let strong = if i.is_multiple_of(7) { " kyoryoku kyoryoku kyoryoku" } else { "" };
    format!("{heading}\n見守り活動 {i} common neighbourhood watch{half}{strong} 第{}地区", i % 9)
}

// A build whose last build's index has most of its packs of documents reads only the others'
// bodies, and makes the very index a whole build makes: after a word changed, documents added
// or taken away, or nothing changed. Where the last build's index cannot give what a whole
// build would (a token in more than half the documents, whose strong marks are not written,
// is in fewer now; the number of shards changes; the last build's files are not what it
// wrote, or not there), every body is read and the index is the same.
#[test]
fn an_index_made_from_the_last_builds_is_a_whole_builds() {
    let n = pack::PACK * 3 + 5;
    let texts: Vec<String> = (0..n).map(case_text).collect();
    let before = bodies(&texts);
    let (last, read) = index_of(&before, None, &[], None);
    assert_eq!(read, n);
    let same_within = |what: &str, texts: Vec<String>, last: &[(String, Vec<u8>)], expected, budget| {
        let now = bodies(&texts);
        let (whole, _) = index_of(&now, None, &[], None);
        let (after, read) = index_after(&before, &now, last, budget);
        assert!(after == whole, "{what}: not the index of a whole build");
        assert_eq!(read, expected, "{what}: bodies read");
    };
    let same_as_whole =
        |what: &str, texts, last: &[(String, Vec<u8>)], expected| same_within(what, texts, last, expected, None);
    let edited = |i: usize, edit: &dyn Fn(&str) -> String| {
        let mut texts = texts.clone();
        texts[i] = edit(&texts[i]);
        texts
    };
    same_as_whole("nothing changed", texts.clone(), &last, 0);
    let words = edited(pack::PACK + 3, &|t| t.replace("neighbourhood", "community garden"));
    same_as_whole("a word changed", words, &last, pack::PACK);
    let heading = edited(2 * pack::PACK + 2, &|t| t.replace("防災訓練", "避難所運営"));
    same_as_whole("a heading changed", heading, &last, pack::PACK);
    let more: Vec<String> = (0..n + 70).map(case_text).collect();
    same_as_whole("documents added", more.clone(), &last, n + 70 - 3 * pack::PACK);
    // (The postings of the documents read, written out after each pack and read back.)
    same_within("documents added, postings written out", more, &last, n + 70 - 3 * pack::PACK, Some(0));
    same_as_whole("documents taken away", texts[..n - 10].to_vec(), &last, n - 10 - 2 * pack::PACK);

    // `half` is in 99 of 197 documents, and loses one.
    let thinner = edited(4, &|t| t.replace(" half", ""));
    same_as_whole("a token in half the documents no longer", thinner, &last, pack::PACK + n);
    let long: String = (0..3000)
        .map(|i| {
            format!(" w{}", (0..4).map(|k| char::from(b'a' + (i / 26usize.pow(k) % 26) as u8)).collect::<String>())
        })
        .collect();
    let longer = edited(2 * pack::PACK + 1, &|t| format!("{t}{long}"));
    same_as_whole("more shards", longer, &last, pack::PACK + n);
    let words = edited(pack::PACK + 3, &|t| t.replace("neighbourhood", "community garden"));
    let broken: Vec<(String, Vec<u8>)> = last
        .iter()
        .map(|(p, b)| (p.clone(), if p == "shard/0.bin" { b"not a pack".to_vec() } else { b.clone() }))
        .collect();
    same_as_whole("a pack of shards changed", words.clone(), &broken, pack::PACK + n);
    let no_meta: Vec<(String, Vec<u8>)> = last.iter().filter(|(p, _)| p != "meta.json").cloned().collect();
    same_as_whole("no meta.json", words, &no_meta, n);
}

// The postings of a pack of documents the caller has come from the last build's shards, not
// from its documents: told (wrongly) that the first pack is the last build's, a build finds a
// word its documents have now only in the pack it read.
#[test]
fn the_postings_of_a_pack_kept_are_the_last_builds() {
    let n = pack::PACK * 3;
    let texts: Vec<String> = (0..n).map(case_text).collect();
    let before = bodies(&texts);
    let (last, _) = index_of(&before, None, &[], None);
    let lantern: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| if i / pack::PACK == 1 { t.clone() } else { format!("{t} lantern") })
        .collect();
    let now = bodies(&lantern);
    let (whole, _) = index_of(&now, None, &[], None);
    let packs = pack_prints(&&standing(&now)[..], 0);
    let files = |path: &str| last.iter().find(|(p, _)| p == path).map(|(_, bytes)| bytes.clone());
    let (after, read) =
        index_of(&now, reuse(&packs, &|path, _| (path != "doc/2.bin").then_some(()), &files), &last, None);
    assert_eq!(read, pack::PACK);
    let ids = |files: &[(String, Vec<u8>)]| entry(files, "lantern").1.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
    assert_eq!(ids(&whole), (0..pack::PACK as i64).chain(2 * pack::PACK as i64..n as i64).collect::<Vec<_>>());
    assert_eq!(ids(&after), (2 * pack::PACK as i64..n as i64).collect::<Vec<_>>());
}
