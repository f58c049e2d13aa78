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

use super::records::{Kind, Record};
use super::tokenize::index_tokens as tokens;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// Labels of filter values in this language, from the model and the theme's UI strings.
pub struct FilterLabels {
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
pub fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The index files, as (path below `search/<lang>/`, bytes).
pub fn build(records: &[Record], labels: &FilterLabels) -> Vec<(String, Vec<u8>)> {
    // token → (title docs, text-only docs); documents are added in order, so lists stay sorted.
    let mut postings: HashMap<String, (Vec<u32>, Vec<u32>)> = HashMap::new();
    let per_doc: Vec<(Vec<String>, Vec<String>)> = {
        use rayon::prelude::*;
        records
            .par_iter()
            .map(|r| {
                let mut title = Vec::new();
                tokens(&r.title, &mut title);
                title.sort_unstable();
                title.dedup();
                let mut text = Vec::new();
                for p in &r.parts {
                    tokens(&p.heading, &mut text);
                    tokens(&p.text, &mut text);
                }
                text.sort_unstable();
                text.dedup();
                text.retain(|t| title.binary_search(t).is_err());
                (title, text)
            })
            .collect()
    };
    for (id, (title, text)) in per_doc.into_iter().enumerate() {
        let id = id as u32;
        for t in title {
            postings.entry(t).or_default().0.push(id);
        }
        for t in text {
            postings.entry(t).or_default().1.push(id);
        }
    }
    let total: usize = postings.iter().map(|(k, (a, b))| k.len() + 4 + 3 * (a.len() + b.len())).sum();
    let shard_count = (total / 12_000).clamp(8, 4096).next_power_of_two() as u32;
    let mut shards: Vec<BTreeMap<&str, Value>> = vec![BTreeMap::new(); shard_count as usize];
    for (token, (title, text)) in &postings {
        shards[(fnv1a(token) % shard_count) as usize].insert(token.as_str(), json!([delta(title), delta(text)]));
    }
    let mut files = Vec::with_capacity(records.len() + shards.len() + 2);
    for (i, shard) in shards.iter().enumerate() {
        files.push((format!("shard/{i}.json"), serde_json::to_vec(shard).unwrap_or_default()));
    }
    for (id, r) in records.iter().enumerate() {
        let area = r.area.and_then(|a| labels.areas.get(a)).map(|(_, l)| l.as_str());
        let parts: Vec<Value> = r.parts.iter().map(|p| json!([p.anchor, p.heading, p.text])).collect();
        let doc = json!({"u": r.url, "t": r.title, "k": r.kind.key(), "a": area, "s": parts});
        files.push((format!("doc/{id}.json"), serde_json::to_vec(&doc).unwrap_or_default()));
    }
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
    files
}

fn delta(ids: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    ids.iter()
        .map(|&id| {
            let d = id - prev;
            prev = id;
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::records::Part;

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
        let files = build(&[record("ja/a/", "見守り", "防災"), record("ja/b/", "防災訓練", "見守り活動")], &labels);
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
