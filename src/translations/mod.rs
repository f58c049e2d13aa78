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
use crate::diag::msg;
use crate::diag::Lang;
use crate::source::{FileBytes, SourceTree};
use ledger::Ledger;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

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

/// One text of the content in one language, translated or not: the texts borrowed from the
/// source tree where they are its files (a body), so that only a gap's are copied (at
/// N = 10,000, 20,000 bodies of some 4 KB were copied each build).
#[derive(Debug, Clone)]
pub(crate) struct Slot<'a> {
    pub lang: String,
    /// The file the translation goes in (a YAML file, a progress table, or the body file).
    pub file: String,
    /// The field (`title`, `districts[0].items[2].target`), or `本文 body` for a body.
    pub field: String,
    /// The primary-language text.
    pub source: Cow<'a, str>,
    /// The translation, if there is one.
    pub translation: Option<Cow<'a, str>>,
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

/// One file the report reads on its own: a YAML file the parse stage read (made into the value
/// it was read as only when needed: the same fields, under the same names, as in the file), or
/// a Markdown body in the primary language (`<stem>.<primary>.md`).
enum Unit<'a> {
    Yaml { file: &'a str, value: Box<dyn Fn() -> Option<serde_json::Value> + Sync + 'a> },
    Body { file: &'a str, stem: &'a str },
}

impl Unit<'_> {
    fn file(&self) -> &str {
        match self {
            Unit::Yaml { file, .. } | Unit::Body { file, .. } => file,
        }
    }

    /// Its missing and stale translations by the record `ledger`. A body's slot is made (and
    /// its text read) only where a gap may show: its translation not written, or recorded (its
    /// hash to compare). A build that did not keep the bodies read every one again for the
    /// report (at N = 100,000, 200,000 files), to find nearly every translation written and
    /// none recorded.
    ///
    /// `langs` are all the site's languages, primary first: a YAML text is told by its keys
    /// being these (a text with an `easy:` line is one even when easy Japanese is `left_out`);
    /// the gaps of the languages `left_out` are not looked for.
    fn gaps(&self, tree: &SourceTree, langs: &[String], left_out: &[&str], ledger: &Ledger) -> Vec<Gap> {
        let may_lack = |lang: &str, path: &str, written: bool| !written || ledger.get(lang, path, BODY).is_some();
        self.slots_where(tree, langs, left_out, &may_lack).into_iter().filter_map(|s| gap(s, ledger)).collect()
    }

    /// Its translation slots, in field order.
    fn slots<'t>(&self, tree: &'t SourceTree, langs: &[String]) -> Vec<Slot<'t>> {
        self.slots_where(tree, langs, &[], &|_, _, _| true)
    }

    /// Its translation slots, in field order, in the languages of `langs` (primary first, which
    /// also tell a YAML text by its keys) but those `left_out`: of a body, those `wanted` says
    /// (given the language, the translation's file and whether it is written), its text read
    /// only if there are any.
    fn slots_where<'t>(
        &self,
        tree: &'t SourceTree,
        langs: &[String],
        left_out: &[&str],
        wanted: &dyn Fn(&str, &str, bool) -> bool,
    ) -> Vec<Slot<'t>> {
        let Some((primary, all_others)) = langs.split_first() else { return Vec::new() };
        let others = || all_others.iter().filter(|l| !left_out.contains(&l.as_str()));
        let mut out = Vec::new();
        match self {
            Unit::Yaml { file, value } => {
                let Some(value) = value() else { return out };
                let mut fields = Vec::new();
                walk(&value, String::new(), langs, &mut fields);
                for (field, map) in fields {
                    let source = map.get(primary).cloned().unwrap_or_default();
                    for lang in others() {
                        let translation = map.get(lang).filter(|t| !t.trim().is_empty()).cloned();
                        out.push(Slot {
                            lang: lang.clone(),
                            file: file.to_string(),
                            field: field.clone(),
                            source: Cow::Owned(source.clone()),
                            translation: translation.map(Cow::Owned),
                        });
                    }
                }
            }
            Unit::Body { file, stem } => {
                // (A body the tree did not keep is read again: once, and only if needed.)
                let mut source = None;
                for lang in others() {
                    let path = format!("{stem}.{lang}.md");
                    // Written: there, text, and not only white space (told without reading it).
                    let written = tree.get_shared(&path).and_then(FileBytes::is_blank) == Some(false);
                    if !wanted(lang, &path, written) {
                        continue;
                    }
                    // A body that cannot be read as text has no slots.
                    let Some(text) = source.get_or_insert_with(|| tree.text_of(file)) else { return Vec::new() };
                    // (Written means not only white space: a file that changed since it was read
                    // cannot be read again, so has no text either.)
                    let translation = written.then(|| tree.text_of(&path)).flatten();
                    out.push(Slot {
                        lang: lang.clone(),
                        file: path,
                        field: BODY.into(),
                        source: text.clone(),
                        translation,
                    });
                }
            }
        }
        out
    }
}

/// The units of the content `raw` (as the parse stage read it from `tree`): its YAML files in
/// file order, then its bodies in the primary language; only those of the files `only` names,
/// if given (a rebuild of `serve` after one edit reads one or two, and neither makes nor sorts
/// the units of the other thousands).
fn units<'a>(
    tree: &'a SourceTree,
    raw: &'a content::RawContent,
    primary: &str,
    only: Option<&rustc_hash::FxHashSet<String>>,
) -> Vec<Unit<'a>> {
    let wanted = |file: &str| only.is_none_or(|only| only.contains(file));
    /// The unit of the YAML file `file` read as `raw`, if `wanted`.
    fn yaml<'a, T: serde::Serialize + Sync>(
        wanted: impl Fn(&str) -> bool,
        file: &'a str,
        raw: &'a T,
    ) -> Option<Unit<'a>> {
        wanted(file).then(|| Unit::Yaml { file, value: Box::new(move || serde_json::to_value(raw).ok()) })
    }
    /// The units of the items `items` that are `wanted`.
    fn items<'a, T: serde::Serialize + Sync + 'a>(
        items: impl IntoIterator<Item = &'a Arc<content::Item<T>>>,
        wanted: impl Fn(&str) -> bool + Copy,
    ) -> impl Iterator<Item = Unit<'a>> {
        items.into_iter().filter_map(move |i| yaml(wanted, &i.file, &*i.raw))
    }
    let mut out = Vec::new();
    out.extend(items(&raw.site, wanted));
    out.extend(items(&raw.plan, wanted));
    out.extend(items(&raw.structure, wanted));
    out.extend(items(&raw.search, wanted));
    out.extend(items(&raw.themes, wanted));
    out.extend(items(&raw.areas, wanted));
    out.extend(items(&raw.cases, wanted));
    out.extend(raw.progress.iter().filter_map(|y| yaml(wanted, &y.meta_file, y.meta.as_ref()?)));
    out.sort_by(|a, b| a.file().cmp(b.file()));
    let suffix = format!(".{primary}.md");
    let body = |file: &'a str| {
        let stem = file.strip_prefix("content/").and(file.strip_suffix(&suffix))?;
        is_valid_slug(stem.rsplit('/').next().unwrap_or(stem)).then_some(Unit::Body { file, stem })
    };
    match only {
        None => out.extend(tree.under("content/").filter_map(|(file, _)| body(file))),
        Some(only) => {
            // The tree's own spelling of each file named (the units borrow it), in file order.
            let mut files: Vec<&str> = only.iter().filter_map(|f| tree.path(f)).collect();
            files.sort_unstable();
            out.extend(files.into_iter().filter_map(body));
        }
    }
    out
}

/// The site's languages, the primary first, as the loader read them from `content/site.yaml`.
fn languages(raw: &content::RawContent) -> Option<Vec<String>> {
    let site = raw.site.as_ref()?;
    let langs: Vec<String> = site.raw.languages.value.iter().map(|l| l.code.value.trim().to_string()).collect();
    (!langs.is_empty()).then_some(langs)
}

/// The site's languages (the primary first), as the loader read them from `content/site.yaml`,
/// and every translation slot of the content `raw` (as the parse stage read it from `tree`), in
/// file order; `None` without a readable site.
pub(crate) fn slots<'t>(tree: &'t SourceTree, raw: &content::RawContent) -> Option<(Vec<String>, Vec<Slot<'t>>)> {
    let langs = languages(raw)?;
    let (primary, others) = langs.split_first()?;
    let mut out: Vec<Slot> = units(tree, raw, primary, None).iter().flat_map(|u| u.slots(tree, &langs)).collect();
    for year in &raw.progress {
        table_slots(year, primary, others, &mut |slot| {
            let owned = |text: Cow<'_, str>| -> Cow<'t, str> { Cow::Owned(text.into_owned()) };
            out.push(Slot { source: owned(slot.source), translation: slot.translation.map(owned), ..slot });
        });
    }
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
/// Each slot is given to `each` as it is found, its texts borrowed from `year`: a build's
/// report keeps only the gaps among them (at N = 100,000 the slots of a year, made first with
/// copies of their texts, were some 16 MB at the parse's peak).
fn table_slots<'y>(
    year: &'y content::progress::RawProgressYear,
    primary: &str,
    others: &[String],
    each: &mut dyn FnMut(Slot<'y>),
) {
    let mut add = |t: &'y LocText, what: &str, field: String, yaml: bool| {
        let file = t.loc.path();
        let primary_key = if yaml { TextLang::Named(primary) } else { TextLang::Primary };
        let Some(source) = t.value.get(primary_key) else { return };
        if !yaml && source.trim().is_empty() {
            return;
        }
        for lang in others {
            let translation = t.value.get(TextLang::Named(lang)).filter(|s| !s.trim().is_empty());
            let field = if yaml { format!("{field}.{what}") } else { format!("{field} {what}") };
            each(Slot {
                lang: lang.clone(),
                file: file.to_string(),
                field,
                source: Cow::Borrowed(source),
                translation: translation.map(Cow::Borrowed),
            });
        }
    };
    for area in &year.areas {
        let yaml = area.area.loc.path().ends_with(".yaml") || area.area.loc.path().ends_with(".yml");
        for (i, d) in area.districts.iter().enumerate() {
            let district = d.name.value.get(TextLang::Primary).unwrap_or_default();
            let at_district = if yaml { format!("districts[{i}]") } else { format!("「{district}」") };
            add(&d.name, if yaml { "name" } else { "district" }, at_district.clone(), yaml);
            for (j, item) in d.items.iter().enumerate() {
                let name = item.item.value.get(TextLang::Primary).unwrap_or_default();
                let at =
                    if yaml { format!("{at_district}.items[{j}]") } else { format!("「{district}」「{name}」") };
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
/// ([`crate::pipeline::Compiled::translations`]) instead.
pub fn report(tree: &SourceTree, only: Option<&str>) -> Vec<Gap> {
    let (raw, _) = content::parse_cached(tree, &content::ParseCache::default());
    report_from(tree, &raw, only, &[], None)
}

/// What the last report found in each file, kept for the next (`serve`): a file whose bytes
/// (and a body's translations' bytes) are the very same allocations as last time, in a site of
/// the same languages with the same translation record, has the same gaps, and is not read
/// again (the tree names the files that are not: those it changed since the report's mark).
/// At N = 10,000 the whole report took about half a second; a rebuild after one edit reads
/// only the edited file. `build` and `plansite translations` keep none ([`report_from`]).
#[derive(Default)]
pub(crate) struct ReportMemo(Mutex<Remembered>);

impl ReportMemo {
    /// Whether it holds nothing from a last report.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.0.lock().map_or(true, |m| m.tables.is_empty() && m.units.is_empty() && m.record.is_none())
    }
}

/// Whether two reads of a file are the very same bytes as the tree shares them (or both found
/// no file).
fn same_file(a: &Option<FileBytes>, b: &Option<FileBytes>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => FileBytes::same(a, b),
        (None, None) => true,
        _ => false,
    }
}

#[derive(Default)]
struct Remembered {
    langs: Vec<String>,
    record: Option<FileBytes>,
    /// The record as read from `record`.
    ledger: Arc<Ledger>,
    /// The gaps of each unit, by its file.
    units: rustc_hash::FxHashMap<String, Arc<[Gap]>>,
    /// The gaps of each progress year's tables, by the year as the parse stage shares it.
    tables: Vec<(Arc<content::progress::RawProgressYear>, Arc<[Gap]>)>,
    /// When the units were last read from the tree.
    files: Option<crate::source::Mark>,
}

/// The gap `s` is by the record `ledger` (missing or stale), if it is one.
fn gap(s: Slot<'_>, ledger: &Ledger) -> Option<Gap> {
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
        source: s.source.into_owned(),
        translation: s.translation.map(Cow::into_owned).unwrap_or_default(),
    })
}

/// [`report`] from content already parsed (`raw`, as the parse stage read it from `tree`),
/// reusing what `memo` kept of files that did not change, and keeping there what the next
/// report can reuse (with no memo, nothing: a build's report is its only one); the languages
/// `leave_out` (other than the primary) are not looked at: a build's list leaves out those
/// translated page by page on purpose, and a body lacking in one was read for a gap that was then dropped (every
/// body, in a site with such a language that keeps no bodies).
pub(crate) fn report_from(
    tree: &SourceTree,
    raw: &content::RawContent,
    only: Option<&str>,
    leave_out: &[&str],
    memo: Option<&ReportMemo>,
) -> Vec<Gap> {
    use rayon::prelude::*;
    let Some(all) = languages(raw) else { return Vec::new() };
    // (The primary language is never left out: the others are translated from it.)
    let langs: Vec<String> = all
        .iter()
        .cloned()
        .enumerate()
        .filter(|(i, l)| *i == 0 || !leave_out.contains(&l.as_str()))
        .map(|(_, l)| l)
        .collect();
    let Some((primary, others)) = langs.split_first() else { return Vec::new() };
    let record = tree.get_shared(ledger::FILE).cloned();
    let wanted = |g: &Gap| only.is_none_or(|l| l == g.lang);
    let Some(memo) = memo else {
        // Only the gaps: at N = 100,000 the gaps of each of 100,000 files with their paths,
        // in a list and then a map for a next report, were some 20 MB at the parse's peak.
        let ledger = Ledger::read(tree).unwrap_or_default();
        let mut all: Vec<Gap> = units(tree, raw, primary, None)
            .par_iter()
            .flat_map_iter(|u| u.gaps(tree, &all, leave_out, &ledger))
            .filter(wanted)
            .collect();
        for year in &raw.progress {
            table_slots(year, primary, others, &mut |slot| all.extend(gap(slot, &ledger).filter(wanted)));
        }
        all.par_sort_unstable();
        return all;
    };
    let mut last = match memo.0.lock() {
        Ok(mut m) => std::mem::take(&mut *m),
        Err(_) => Remembered::default(),
    };
    let same_record = same_file(&last.record, &record);
    if !same_record {
        last.ledger = Arc::new(Ledger::read(tree).unwrap_or_default());
    }
    let ledger = last.ledger.clone();
    let same_setup = last.langs == langs && same_record;
    if !same_setup {
        last.units.clear();
        last.tables.clear();
    }
    // Only the units of the files that changed, came or went are read; the others keep their
    // gaps as they are.
    let changed_files = tree.changed_since(last.files.as_ref(), "content/");
    last.files = Some(tree.mark());
    let touched = changed_files.filter(|_| same_setup).and_then(|files| touched(&files, &langs));
    let units = units(tree, raw, primary, touched.as_ref());
    let changed: Vec<(String, Arc<[Gap]>)> =
        units.par_iter().map(|u| (u.file().to_string(), u.gaps(tree, &all, leave_out, &ledger).into())).collect();
    for (file, found) in changed {
        last.units.insert(file, found);
    }
    match &touched {
        // A unit that went (its file removed, or no longer read as an item) was touched.
        Some(touched) => {
            let now: std::collections::HashSet<&str> = units.iter().map(Unit::file).collect();
            for gone in touched.iter().filter(|f| !now.contains(f.as_str())) {
                last.units.remove(gone);
            }
        }
        None if last.units.len() != units.len() => {
            let now: std::collections::HashSet<&str> = units.iter().map(Unit::file).collect();
            last.units.retain(|file, _| now.contains(file.as_str()));
        }
        None => {}
    }
    let tables: Vec<(Arc<content::progress::RawProgressYear>, Arc<[Gap]>)> = raw
        .progress
        .iter()
        .map(|year| {
            let kept = last.tables.iter().find(|(was, _)| Arc::ptr_eq(was, year));
            let found = match kept {
                Some((_, gaps)) => gaps.clone(),
                None => {
                    let mut found = Vec::new();
                    table_slots(year, primary, others, &mut |slot| found.extend(gap(slot, &ledger)));
                    found.into()
                }
            };
            (year.clone(), found)
        })
        .collect();
    let mut all: Vec<Gap> = last
        .units
        .values()
        .chain(tables.iter().map(|(_, gaps)| gaps))
        .flat_map(|gaps| gaps.iter())
        .filter(|g| wanted(g))
        .cloned()
        .collect();
    all.par_sort_unstable();
    if let Ok(mut m) = memo.0.lock() {
        *m = Remembered { langs, record, ledger, units: last.units, tables, files: last.files };
    }
    all
}

/// The units (by their file) that the content files `changed` (or that came or went) are read
/// for: a YAML file's own, and for a body in any language, its primary-language body. `None`
/// (read every unit) if a file of the whole site changed (`site.yaml` and its like, directly in
/// `content/`): they can change which items are read at all (their size limits, the
/// languages).
fn touched(changed: &[String], langs: &[String]) -> Option<rustc_hash::FxHashSet<String>> {
    let primary = langs.first()?;
    changed
        .iter()
        .map(|file| {
            if file.strip_prefix("content/").is_none_or(|rest| !rest.contains('/')) {
                return None;
            }
            let body = langs.iter().find_map(|l| {
                let stem = file.strip_suffix(".md")?.strip_suffix(l.as_str())?.strip_suffix('.')?;
                Some(format!("{stem}.{primary}.md"))
            });
            Some(body.unwrap_or_else(|| file.clone()))
        })
        .collect()
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
        let (file, field) = (crate::diag::printable(&g.file), crate::diag::printable(&g.field));
        let _ = writeln!(out, "  {:<18} {:<3} {file}  {field}", label, g.lang);
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

    // A text with a line in a language left out of the report (easy Japanese, `partial`) is
    // still a text: its missing English is reported.
    #[test]
    fn a_text_with_a_left_out_language_still_reports_its_gaps() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut tree = SourceTree::load(root).unwrap();
        let file = "content/cases/cafe-saiwai.yaml";
        let text = String::from_utf8(tree.get(file).unwrap().to_vec()).unwrap();
        let edited = text.replace("  en: \"Café Saiwai, a place to relax\"", "  easy: カフェさいわい");
        assert_ne!(edited, text);
        tree.insert(file, edited);
        let (raw, _) = content::parse_cached(&tree, &content::ParseCache::default());
        let gaps = report_from(&tree, &raw, Some("en"), &["easy"], None);
        assert!(gaps.iter().any(|g| g.file == file && g.field == "title" && g.lang == "en"), "{gaps:?}");
        // …and the left-out language's own gaps are not.
        assert!(report_from(&tree, &raw, None, &["easy"], None).iter().all(|g| g.lang != "easy"));
    }
}
