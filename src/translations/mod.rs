//! The translation report: every text of the content whose translation is missing or stale
//! (`plansite translations`, and the short list `build` and `serve` print).
//!
//! Beside the pipeline, reading what its parse stage read: the report is made from the parsed
//! content ([`report_from`] takes the pipeline's `RawContent`; `build` and `serve` get it in
//! `Compiled::translations`, so no file is parsed twice), with the Markdown bodies as the tree
//! holds them. A *slot* is one text in one language other than the
//! primary: a field of a localized map in a YAML file (`title`, `policies[1].title`), a
//! translated column of a progress table (`取組項目（英語）`), or a Markdown body
//! (`<slug>.en.md`). It is *missing* when it is absent or empty, and *stale* when the record
//! `content/translations.yaml` (written by `plansite translations --mark`, see [`ledger`]) holds
//! a hash of the primary text it was made from and the primary text has changed since. File
//! times play no part: a copy, a checkout or a restore changes nothing.

pub mod cli;
pub(crate) mod ledger;

use crate::content::progress::{LocText, TextLang};
use crate::content::{self, is_valid_slug};
use crate::diag::Lang;
use crate::msg;
use crate::source::SourceTree;
use ledger::Ledger;
use std::collections::BTreeMap;

/// What is wrong with a translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// There is no translation (or it is empty).
    Missing,
    /// The primary text changed after the translation was made.
    Stale,
}

impl State {
    /// The state as the report writes it, in `lang`.
    pub fn label(self, lang: Lang) -> String {
        match self {
            State::Missing => msg!("translation-missing"),
            State::Stale => msg!("translation-stale"),
        }
        .render(lang)
    }

    /// The state's key in the CSV report.
    pub fn key(self) -> &'static str {
        match self {
            State::Missing => "missing",
            State::Stale => "stale",
        }
    }
}

/// One text of the content in one language, translated or not.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub lang: String,
    /// The file the translation goes in (a YAML file, a progress table, or the body file).
    pub file: String,
    /// The field (`title`, `districts[0].items[2].target`), or `本文 body` for a body.
    pub field: String,
    /// The primary-language text.
    pub source: String,
    /// The translation, if there is one.
    pub translation: Option<String>,
}

/// A translation that is missing or stale.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gap {
    /// The language it is missing in.
    pub lang: String,
    /// The file to write it in, relative to the site root.
    pub file: String,
    /// The field of the file.
    pub field: String,
    /// Missing or stale.
    pub state: State,
    /// The text in the primary language.
    pub source: String,
    /// The translation as it is (empty when missing).
    pub translation: String,
}

/// The field name of a Markdown body.
pub(crate) const BODY: &str = "本文 body";

/// The YAML files the parse stage read, each as the value it was read as (the same fields,
/// under the same names, as in the file), in file order.
fn yaml_values(raw: &content::RawContent) -> Vec<(String, serde_json::Value)> {
    fn add<T: serde::Serialize>(out: &mut Vec<(String, serde_json::Value)>, file: &str, raw: &T) {
        if let Ok(value) = serde_json::to_value(raw) {
            out.push((file.to_string(), value));
        }
    }
    let mut out = Vec::new();
    if let Some(i) = &raw.site {
        add(&mut out, &i.file, &*i.raw);
    }
    if let Some(i) = &raw.plan {
        add(&mut out, &i.file, &*i.raw);
    }
    if let Some(i) = &raw.structure {
        add(&mut out, &i.file, &*i.raw);
    }
    if let Some(i) = &raw.search {
        add(&mut out, &i.file, &*i.raw);
    }
    for i in &raw.themes {
        add(&mut out, &i.file, &*i.raw);
    }
    for i in &raw.areas {
        add(&mut out, &i.file, &*i.raw);
    }
    for i in &raw.cases {
        add(&mut out, &i.file, &*i.raw);
    }
    for year in &raw.progress {
        if let Some(meta) = &year.meta {
            add(&mut out, &year.meta_file, meta);
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The site's languages (the primary first), as the loader read them from `content/site.yaml`,
/// and every translation slot of the content `raw` (as the parse stage read it from `tree`), in
/// file order; `None` without a readable site.
pub(crate) fn slots(tree: &SourceTree, raw: &content::RawContent) -> Option<(Vec<String>, Vec<Slot>)> {
    let site = raw.site.as_ref()?;
    let langs: Vec<String> = site.raw.languages.value.iter().map(|l| l.code.value.trim().to_string()).collect();
    let (primary, others) = langs.split_first()?;
    let mut out = Vec::new();
    for (path, value) in yaml_values(raw) {
        let mut fields = Vec::new();
        walk(&value, String::new(), &langs, &mut fields);
        for (field, map) in fields {
            let source = map.get(primary).cloned().unwrap_or_default();
            for lang in others {
                let translation = map.get(lang).filter(|t| !t.trim().is_empty()).cloned();
                out.push(Slot {
                    lang: lang.clone(),
                    file: path.clone(),
                    field: field.clone(),
                    source: source.clone(),
                    translation,
                });
            }
        }
    }
    for (path, bytes) in tree.under("content/") {
        let Ok(text) = std::str::from_utf8(bytes) else { continue };
        if let Some(stem) = path.strip_suffix(&format!(".{primary}.md")) {
            let name = stem.rsplit('/').next().unwrap_or(stem);
            if !is_valid_slug(name) {
                continue;
            }
            for lang in others {
                let file = format!("{stem}.{lang}.md");
                let translation = tree.text(&file).filter(|t| !t.trim().is_empty()).map(str::to_string);
                out.push(Slot { lang: lang.clone(), file, field: BODY.into(), source: text.to_string(), translation });
            }
        }
    }
    table_slots(raw, primary, others, &mut out);
    Some((langs, out))
}

/// The localized maps of a YAML value: (field path, language → text). A localized map is a
/// mapping whose keys are all languages of the site, whose values are all text, and which
/// has the primary language.
fn walk(value: &serde_json::Value, path: String, langs: &[String], out: &mut Vec<(String, BTreeMap<String, String>)>) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let texts = !map.is_empty()
                && map.contains_key(&langs[0])
                && map.iter().all(|(k, v)| langs.contains(k) && (v.is_string() || v.is_null()));
            if texts {
                let map = map.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect();
                out.push((path, map));
                return;
            }
            for (k, v) in map {
                let field = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                walk(v, field, langs, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{path}[{i}]"), langs, out);
            }
        }
        _ => {}
    }
}

/// The translated texts of progress data: the columns of tables (CSV files and sheets of
/// `progress.xlsx`, whose only translated columns are English, `…（英語）`), named by district
/// and item; and the texts of the YAML form, named by their place in the file
/// (`districts[0].items[2].target`).
fn table_slots(raw: &content::RawContent, primary: &str, others: &[String], out: &mut Vec<Slot>) {
    let mut add = |t: &LocText, what: &str, field: String, yaml: bool| {
        let file = &t.loc.file;
        let primary_key = if yaml { TextLang::Named(primary.to_string()) } else { TextLang::Primary };
        let Some(source) = t.value.get(&primary_key).cloned() else { return };
        if !yaml && source.trim().is_empty() {
            return;
        }
        for lang in others {
            let translation = t.value.get(&TextLang::Named(lang.clone())).filter(|s| !s.trim().is_empty()).cloned();
            let field = if yaml { format!("{field}.{what}") } else { format!("{field} {what}") };
            out.push(Slot { lang: lang.clone(), file: file.clone(), field, source: source.clone(), translation });
        }
    };
    for year in &raw.progress {
        for area in &year.areas {
            let yaml = area.area.loc.file.ends_with(".yaml") || area.area.loc.file.ends_with(".yml");
            for (i, d) in area.districts.iter().enumerate() {
                let district = d.name.value.get(&TextLang::Primary).cloned().unwrap_or_default();
                let at_district = if yaml { format!("districts[{i}]") } else { format!("「{district}」") };
                add(&d.name, if yaml { "name" } else { "district" }, at_district.clone(), yaml);
                for (j, item) in d.items.iter().enumerate() {
                    let name = item.item.value.get(&TextLang::Primary).cloned().unwrap_or_default();
                    let at = if yaml {
                        format!("{at_district}.items[{j}]")
                    } else {
                        format!("「{district}」「{name}」")
                    };
                    add(&item.item, "item", at.clone(), yaml);
                    add(&item.target, "target", at.clone(), yaml);
                    for (t, what) in [(&item.result, "result"), (&item.issues, "issues")] {
                        if let Some(t) = t {
                            add(t, what, at.clone(), yaml);
                        }
                    }
                    add(&item.next_target, "next_target", at, yaml);
                }
            }
        }
    }
}

/// The hash recorded for a primary text: FNV-1a (64 bits) of the text with its line ends made
/// `\n` and its ends trimmed, so saving in another editor changes nothing.
pub(crate) fn text_hash(text: &str) -> String {
    let norm = text.replace("\r\n", "\n");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in norm.trim().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Every missing or stale translation of the site in `tree` (in `only` language, if given),
/// sorted by language, file and field. A site without a readable `site.yaml` has none. Parses
/// the content (for `plansite translations`); `build` and `serve` take the pipeline's report
/// ([`crate::Compiled::translations`]) instead.
pub fn report(tree: &SourceTree, only: Option<&str>) -> Vec<Gap> {
    let (raw, _) = content::parse_cached(tree, &content::ParseCache::default());
    report_from(tree, &raw, only)
}

/// [`report`] from content already parsed (`raw`, as the parse stage read it from `tree`).
pub(crate) fn report_from(tree: &SourceTree, raw: &content::RawContent, only: Option<&str>) -> Vec<Gap> {
    let Some((_, slots)) = slots(tree, raw) else { return Vec::new() };
    let ledger = Ledger::read(tree).unwrap_or_default();
    let mut gaps: Vec<Gap> = slots
        .into_iter()
        .filter(|s| only.is_none_or(|l| l == s.lang))
        .filter_map(|s| {
            let state = match &s.translation {
                None => State::Missing,
                Some(_) => match ledger.get(&s.lang, &s.file, &s.field) {
                    Some(h) if h != text_hash(&s.source) => State::Stale,
                    _ => return None,
                },
            };
            Some(Gap {
                lang: s.lang,
                file: s.file,
                field: s.field,
                state,
                source: s.source,
                translation: s.translation.unwrap_or_default(),
            })
        })
        .collect();
    gaps.sort();
    gaps
}

/// The first `n` characters of `s` on one line, with `…` if cut.
pub(crate) fn excerpt(s: &str, n: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > n {
        format!("{}…", one.chars().take(n).collect::<String>())
    } else {
        one
    }
}

/// The short list of `build` and `serve`, in `lang`: at most ten lines, then how many more.
pub fn short_report(gaps: &[Gap], lang: Lang) -> String {
    use std::fmt::Write;
    if gaps.is_empty() {
        return String::new();
    }
    let mut by_lang: BTreeMap<&str, usize> = BTreeMap::new();
    for g in gaps {
        *by_lang.entry(&g.lang).or_default() += 1;
    }
    let counts: Vec<String> = by_lang.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let mut out = msg!("translations-to-do", counts = counts.join(", ")).render(lang);
    out.push('\n');
    for g in gaps.iter().take(10) {
        let label = g.state.label(lang);
        let _ = writeln!(out, "  {:<18} {:<3} {}  {}", label, g.lang, g.file, g.field);
    }
    if gaps.len() > 10 {
        let _ = writeln!(out, "{}", msg!("translations-more", count = gaps.len() - 10).render(lang));
    }
    let _ = writeln!(out, "{}", msg!("translations-full-list").render(lang));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_ignores_line_ends_and_outer_space() {
        assert_eq!(text_hash("見守り\r\n活動\n"), text_hash("見守り\n活動"));
        assert_ne!(text_hash("見守り"), text_hash("見守り活動"));
    }

    #[test]
    fn localized_maps_are_found_with_their_paths() {
        let langs = ["ja".to_string(), "en".to_string()];
        let v: serde_json::Value = serde_json::json!({
            "title": {"ja": "a", "en": "b"},
            "words": {"ja": {"x": "y"}},
            "policies": [{"number": 1, "title": {"ja": "c"}}],
        });
        let mut out = Vec::new();
        walk(&v, String::new(), &langs, &mut out);
        let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["policies[0].title", "title"]);
    }
}
