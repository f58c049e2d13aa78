//! Search records → the static index files of one language, under `search/<lang>/`:
//!
//! - `meta.json`: number of documents and shards, and the labels of every filter value.
//! - `shard/<n>.json`: a shard of the inverted index: token → [documents with the token in the
//!   title, documents with it only in the text], delta-encoded. A token's shard is its FNV-1a
//!   hash modulo the shard count, so a query fetches only the shards of its own tokens.
//! - `doc/<id>.json`: one document: address, title, kind, area label and its parts with
//!   anchors, fetched only for results that are shown.
//! - `filters.json`: each document's area, kind, year and themes as small numbers, fetched only
//!   when a filter is used.

use super::tokenize::{index_keys, Key};
use crate::text::record::{Kind, Record};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Write;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};

/// Labels of filter values in this language, from the model and the theme's UI strings.
pub(crate) struct FilterLabels {
    /// (slug, label) per area, in area order.
    pub areas: Vec<(String, String)>,
    /// (slug, label) per theme, in theme order.
    pub themes: Vec<(String, String)>,
    /// (key, label) per kind.
    pub kinds: Vec<(String, String)>,
    /// (year, label) per fiscal year with progress data.
    pub years: Vec<(i32, String)>,
}

/// FNV-1a over the UTF-8 bytes (the browser computes the same).
pub(crate) fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// A fast hasher for the packed token keys (a multiply-rotate, as in rustc's FxHash).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type KeyMap<V> = HashMap<Key, V, BuildHasherDefault<KeyHasher>>;

/// (documents with a token in the title, documents with it only in the text).
type Lists = (Vec<u32>, Vec<u32>);

/// token → its lists.
type Postings = KeyMap<Lists>;

/// Tokenizes every record, in parallel, into postings and the spelling of its words.
fn postings(records: &[Record], cancel: &AtomicBool) -> (Postings, HashMap<Key, String>) {
    let (mut postings, words) = records
        .par_iter()
        .enumerate()
        .fold(
            || (Postings::default(), HashMap::new(), Vec::new(), Vec::new()),
            |(mut map, mut words, mut title, mut text), (id, r)| {
                if cancel.load(Ordering::Relaxed) {
                    return (map, words, title, text);
                }
                title.clear();
                text.clear();
                index_keys(&r.title, &mut title, &mut words);
                title.sort_unstable();
                title.dedup();
                for p in &r.parts {
                    index_keys(&p.heading, &mut text, &mut words);
                    index_keys(&p.text, &mut text, &mut words);
                }
                text.sort_unstable();
                text.dedup();
                let id = id as u32;
                for k in &title {
                    map.entry(*k).or_default().0.push(id);
                }
                for k in text.iter().filter(|k| title.binary_search(k).is_err()) {
                    map.entry(*k).or_default().1.push(id);
                }
                (map, words, title, text)
            },
        )
        .map(|(map, words, _, _)| (map, words))
        .reduce(
            || (Postings::default(), HashMap::new()),
            // Merge the smaller map into the larger one.
            |a, b| if a.0.len() < b.0.len() { merge(b, a) } else { merge(a, b) },
        );
    // Workers took documents in interleaved runs: put every list back in order.
    postings.par_iter_mut().for_each(|(_, (t, x))| {
        t.sort_unstable();
        x.sort_unstable();
    });
    (postings, words)
}

fn merge(
    (mut a, mut wa): (Postings, HashMap<Key, String>),
    (b, wb): (Postings, HashMap<Key, String>),
) -> (Postings, HashMap<Key, String>) {
    for (k, (t, x)) in b {
        let e = a.entry(k).or_default();
        e.0.extend(t);
        e.1.extend(x);
    }
    wa.extend(wb);
    (a, wa)
}

#[derive(Serialize)]
struct Doc<'a> {
    u: &'a str,
    t: &'a str,
    k: &'static str,
    a: Option<&'a str>,
    s: Vec<(&'a str, &'a str, &'a str)>,
}

/// The index files, as (path below `search/<lang>/`, bytes); `None` if cancelled.
pub(crate) fn build(records: &[Record], labels: &FilterLabels, cancel: &AtomicBool) -> Option<Vec<(String, Vec<u8>)>> {
    let (postings, words) = postings(records, cancel);
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let mut spelled: Vec<(String, &Lists)> =
        postings.iter().filter_map(|(k, lists)| Some((k.text(&words)?, lists))).collect();
    spelled.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let total: usize = spelled.iter().map(|(k, (a, b))| k.len() + 8 + 4 * (a.len() + b.len())).sum();
    let shard_count = (total / 12_000).clamp(8, 4096).next_power_of_two() as u32;
    let mut shards: Vec<Vec<usize>> = vec![Vec::new(); shard_count as usize];
    for (i, (token, _)) in spelled.iter().enumerate() {
        shards[(fnv1a(token) % shard_count) as usize].push(i);
    }
    let mut files: Vec<(String, Vec<u8>)> = shards
        .par_iter()
        .enumerate()
        .map(|(n, members)| {
            // {"token":[[title ids],[text ids]],…}, ids delta-encoded, tokens in sorted order.
            let mut out = String::from("{");
            for (j, &i) in members.iter().enumerate() {
                let (token, (title, text)) = &spelled[i];
                if j > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{}:[", Value::from(token.as_str()));
                push_delta(&mut out, title);
                out.push(',');
                push_delta(&mut out, text);
                out.push(']');
            }
            out.push('}');
            (format!("shard/{n}.json"), out.into_bytes())
        })
        .collect();
    let docs: Vec<(String, Vec<u8>)> = records
        .par_iter()
        .enumerate()
        .map(|(id, r)| {
            let doc = Doc {
                u: &r.url,
                t: &r.title,
                k: r.kind.key(),
                a: r.area.and_then(|a| labels.areas.get(a)).map(|(_, l)| l.as_str()),
                s: r.parts.iter().map(|p| (p.anchor.as_str(), p.heading.as_str(), p.text.as_str())).collect(),
            };
            (format!("doc/{id}.json"), serde_json::to_vec(&doc).unwrap_or_default())
        })
        .collect();
    files.extend(docs);
    let kind_index = |k: Kind| Kind::ALL.iter().position(|x| *x == k).unwrap_or(0);
    let year_index =
        |y: Option<i32>| y.and_then(|y| labels.years.iter().position(|(v, _)| *v == y)).map_or(-1, |i| i as i64);
    let filters = json!({
        "area": records.iter().map(|r| r.area.map_or(-1, |a| a as i64)).collect::<Vec<_>>(),
        "kind": records.iter().map(|r| kind_index(r.kind)).collect::<Vec<_>>(),
        "year": records.iter().map(|r| year_index(r.year)).collect::<Vec<_>>(),
        "theme": records.iter().map(|r| r.themes.clone()).collect::<Vec<_>>(),
    });
    files.push(("filters.json".into(), serde_json::to_vec(&filters).unwrap_or_default()));
    let meta = json!({
        "v": 1,
        "docs": records.len(),
        "shards": shard_count,
        "filters": {
            "area": labels.areas,
            "theme": labels.themes,
            "kind": labels.kinds,
            "year": labels.years,
        }
    });
    files.push(("meta.json".into(), serde_json::to_vec(&meta).unwrap_or_default()));
    Some(files)
}

/// Writes `[d1,d2,…]`: the ids as differences from the previous one.
fn push_delta(out: &mut String, ids: &[u32]) {
    out.push('[');
    let mut prev = 0;
    for (i, &id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", id - prev);
        prev = id;
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::record::Part;

    fn record(url: &str, title: &str, text: &str) -> Record {
        Record {
            url: url.into(),
            title: title.into(),
            kind: Kind::Case,
            area: Some(0),
            themes: vec![1],
            year: None,
            parts: vec![Part { anchor: String::new(), heading: String::new(), text: text.into() }],
        }
    }

    #[test]
    fn fnv_matches_the_reference_values() {
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
    }

    #[test]
    fn postings_separate_title_and_text_matches() {
        let labels =
            FilterLabels { areas: vec![("n".into(), "N".into())], themes: vec![], kinds: vec![], years: vec![] };
        let files = build(
            &[record("ja/a/", "見守り", "防災"), record("ja/b/", "防災訓練", "見守り活動")],
            &labels,
            &AtomicBool::new(false),
        )
        .unwrap();
        let meta: Value = serde_json::from_slice(&files.iter().find(|(p, _)| p == "meta.json").unwrap().1).unwrap();
        let shards = meta["shards"].as_u64().unwrap() as u32;
        let shard = |t: &str| -> Value {
            let name = format!("shard/{}.json", fnv1a(t) % shards);
            let bytes = &files.iter().find(|(p, _)| *p == name).unwrap().1;
            serde_json::from_slice::<Value>(bytes).unwrap()[t].clone()
        };
        assert_eq!(shard("見守"), json!([[0], [1]]));
        assert_eq!(shard("防災"), json!([[1], [0]]));
        assert_eq!(shard("訓練"), json!([[1], []]));
    }
}
