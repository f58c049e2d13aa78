//! Site search that works for Japanese as well as English: a static, sharded index per language,
//! written with every build and queried in the browser by `static/js/search.js`.
//!
//! Pure: search records (`text::record`, made by each kind of page) → index files. It reads
//! the model and the records, never render. [`tokenize`] is the contract shared with the
//! browser, on [`fold`] (characters and words folded); [`variants`] the table of variants, readings and synonyms applied to the index;
//! [`index`] writes the files, [`pack`] packs the many small ones into few. Replacing the engine means replacing this module and the
//! script; nothing else knows how search works. docs/search.md describes it for editors.

pub(crate) mod fold;
pub(crate) mod index;
pub(crate) mod pack;
pub(crate) mod tokenize;
pub(crate) mod variants;

use crate::model::Site;
use crate::text::record::{Kind, Record};
use crate::text::ui::{ui, UiStrings};
use std::sync::atomic::{AtomicBool, Ordering};

/// Files as (path relative to the site root, bytes).
pub(crate) type Files = Vec<(String, Vec<u8>)>;

/// Everything the index of one language is made from, and only that: [`build_index`] reads
/// nothing else, so the fingerprint of this value is the index's (a build keeps the last
/// build's index files while it is the same).
pub(crate) struct Inputs<'r, 'a> {
    lang: &'r str,
    /// The labels of the filter values in the language.
    labels: index::FilterLabels,
    /// The site's own groups of search words (the built-in table is in the program).
    groups: &'r [Vec<String>],
    records: &'r [Record<'a>],
}

impl<'r, 'a> Inputs<'r, 'a> {
    pub(crate) fn new(site: &'r Site, lang: &'r str, strings: &UiStrings, records: &'r [Record<'a>]) -> Self {
        let label = |key: &str| ui(strings, key).to_string();
        let labels = index::FilterLabels {
            areas: site.areas.iter().map(|a| (a.slug.clone(), a.name.get(lang).text.to_string())).collect(),
            themes: site.themes.iter().map(|t| (t.slug.clone(), t.title.get(lang).text.to_string())).collect(),
            kinds: Kind::in_site(!site.progress.is_empty(), !site.cases.is_empty())
                .map(|k| (k.key().to_string(), label(&format!("kind_{}", k.key()))))
                .collect(),
            years: site.progress.iter().map(|y| (y.year.0, y.year.label(site.config.chains.tag(lang)))).collect(),
        };
        Inputs { lang, labels, groups: &site.search.groups, records }
    }

    /// The fingerprint of the whole value, the records hashed in parallel (at N = 10,000 they
    /// are some 45 MB of text a language).
    pub(crate) fn fingerprint(&self) -> u64 {
        use rayon::prelude::*;
        let Inputs { lang, labels, groups, records } = self;
        let each: Vec<u64> = records.par_iter().map(crate::reuse::fingerprint).collect();
        crate::reuse::fingerprint(&(lang, labels, groups, each))
    }
}

/// What a caller of [`build_index_keeping`] has: given the path of a pack of documents and the
/// fingerprint of its documents, whether it has that file made from the same documents.
pub(crate) type Keep<'k> = &'k (dyn Fn(&str, u64) -> bool + Sync);

/// A file of a search index: its path relative to the site root, its bytes (`None`: the
/// caller has it, see [`build_index_keeping`]), and for a pack of documents the fingerprint of
/// its documents.
pub(crate) struct IndexFile {
    pub(crate) path: String,
    pub(crate) bytes: Option<Vec<u8>>,
    pub(crate) key: Option<u64>,
}

/// The index files of one language made from `inputs`, as (path relative to the site root,
/// bytes); `None` if `cancel` was set meanwhile (a newer build made this index useless).
pub(crate) fn build_index(inputs: &Inputs, cancel: &AtomicBool) -> Option<Files> {
    let files = made_index(inputs, cancel, None)?;
    Some(files.into_iter().filter_map(|f| Some((f.path, f.bytes?))).collect())
}

/// [`build_index`], but a pack of documents that `keep` says the caller has (given its path
/// and the fingerprint of its documents: the caller has the file of that path made from the
/// same documents) is not made, and comes without its bytes. Its documents are a part of
/// `inputs`, so this reads nothing else either.
pub(crate) fn build_index_keeping(inputs: &Inputs, cancel: &AtomicBool, keep: Keep) -> Option<Vec<IndexFile>> {
    made_index(inputs, cancel, Some(keep))
}

/// The index files, the packs of documents with their fingerprints where there is a `keep`.
fn made_index(inputs: &Inputs, cancel: &AtomicBool, keep: Option<Keep>) -> Option<Vec<IndexFile>> {
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let variants = variants::Variants::new(inputs.groups.iter().map(Vec::as_slice));
    let lang = inputs.lang;
    let in_folder = keep.map(|keep| move |path: &str, key: u64| keep(&format!("search/{lang}/{path}"), key));
    let in_folder = in_folder.as_ref().map(|k| k as Keep);
    let mut files = index::build(inputs.records, &inputs.labels, &variants, cancel, in_folder)?;
    for f in &mut files {
        f.path = format!("search/{lang}/{}", f.path);
    }
    Some(files)
}
