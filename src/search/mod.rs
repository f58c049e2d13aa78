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
use crate::text::record::{Kind, RecordSource, Sections};
use crate::text::ui::{kind_label, UiStrings};
use std::sync::atomic::{AtomicBool, Ordering};

/// How the index of the language tagged `tag` takes Latin words (`english` or `plain`, see
/// `fold::Latin`): what the search page tells the script, which takes a query's the same way.
pub(crate) fn latin_words(tag: &str) -> &'static str {
    fold::Latin::of(tag).key()
}

/// Files as (path relative to the site root, bytes).
pub(crate) type Files = Vec<(String, Vec<u8>)>;

/// Everything the index of one language is made from, and only that: [`build_index`] reads
/// nothing else, so the fingerprint of this value is the index's (a build keeps the last
/// build's index files while it is the same).
pub(crate) struct Inputs<'r> {
    lang: &'r str,
    /// How the language's Latin words are taken (by its tag).
    latin: fold::Latin,
    /// The labels of the filter values in the language.
    labels: index::FilterLabels,
    /// The site's own groups of search words (the built-in table is in the program).
    groups: &'r [Vec<String>],
    /// The records, and what makes the parts of a body a record's part stands for
    /// (`Part::later`): made as the index reads the record, not read from elsewhere (the
    /// records' fingerprint is the same either way: `Bodies::keys`).
    records: index::Records<'r>,
}

impl<'r> Inputs<'r> {
    pub(crate) fn new(site: &'r Site, lang: &'r str, strings: &UiStrings, records: &'r dyn RecordSource) -> Self {
        let labels = index::FilterLabels {
            areas: site
                .areas
                .iter()
                .map(|a| {
                    let shown = a.name.get(lang);
                    (a.slug.clone(), shown.text.to_string(), shown.fallback.then(|| shown.lang.to_string()))
                })
                .collect(),
            themes: site.themes.iter().map(|t| (t.slug.clone(), t.title.get(lang).text.to_string())).collect(),
            kinds: Kind::in_site(!site.progress.is_empty(), !site.cases.is_empty())
                .map(|k| {
                    let (label, tag) = kind_label(strings, &site.config, lang, k);
                    (k.key().to_string(), label.to_string(), tag.map(str::to_string))
                })
                .collect(),
            years: site.progress.iter().map(|y| (y.year.0, y.year.label(site.config.chains.tag(lang)))).collect(),
        };
        let latin = fold::Latin::of(site.config.chains.tag(lang));
        Inputs {
            lang,
            latin,
            labels,
            groups: &site.search.groups,
            records: index::Records { all: records, sections: None },
        }
    }

    /// The inputs whose records' bodies are parts standing for them, made by `sections`.
    pub(crate) fn with_sections(self, sections: Sections<'r>) -> Self {
        Inputs { records: index::Records { sections: Some(sections), ..self.records }, ..self }
    }

    /// The fingerprint of each pack of documents' inputs, and of the whole value: the records
    /// made and hashed in parallel, a pack at a time (at N = 10,000 they are some 45 MB of text
    /// a language). Made with records that hold each body's key for its text
    /// (`Bodies::keys`), no body is read for them.
    pub(crate) fn prints(&self) -> Prints {
        let Inputs { lang, latin, labels, groups, records } = self;
        let salt = crate::reuse::fingerprint(&(lang, latin, labels, groups));
        let packs = index::pack_prints(records.all, salt);
        Prints { whole: crate::reuse::fingerprint(&(salt, &packs)), packs }
    }
}

/// The fingerprints of an index's inputs ([`Inputs::prints`]).
pub(crate) struct Prints {
    /// Of the whole index: the same inputs make the same files.
    pub(crate) whole: u64,
    /// Of each pack of documents: its documents, and the labels and the words that make their
    /// tokens. The same for a pack makes the same file of documents and the same postings.
    pub(crate) packs: Vec<u64>,
}

/// What a caller of [`build_index_keeping`] has: given the path of a pack of documents and the
/// fingerprint of its inputs, the caller's own `T` for that file made from the same inputs, if
/// it has it.
pub(crate) type Keep<'k, T> = &'k (dyn Fn(&str, u64) -> Option<T> + Sync);

/// The bytes of a file of the last build's index (given its path), if the caller has them as
/// that build made them.
pub(crate) type Last<'l> = &'l (dyn Fn(&str) -> Option<Vec<u8>> + Sync);

/// What a build that has the last build's index can take from it: the packs of documents made
/// from the same inputs ([`Keep`], by [`Prints::packs`]), and the postings of their documents,
/// read back from the last build's shards ([`Last`]) instead of made again from their text.
pub(crate) struct Reuse<'r, T> {
    /// The fingerprint of each pack of documents' inputs ([`Prints::packs`]).
    pub(crate) packs: &'r [u64],
    pub(crate) keep: Keep<'r, T>,
    pub(crate) last: Last<'r>,
}

/// What a caller of [`build_index_keeping`] makes of a file's bytes as soon as the file is made
/// (given its path relative to the site root): a build writes it out and keeps only its hash
/// and size, so a language's index is never held whole.
pub(crate) type Store<'s, T> = &'s (dyn Fn(&str, Vec<u8>) -> T + Sync);

/// A file of a search index: its path relative to the site root, its bytes or what the caller
/// has of it ([`Keep`]), and for a pack of documents (where there is a [`Reuse`]) the
/// fingerprint of its inputs.
pub(crate) struct IndexFile<T> {
    pub(crate) path: String,
    pub(crate) content: Content<T>,
    pub(crate) key: Option<u64>,
}

/// The bytes of an index file, or what the caller has of it.
pub(crate) enum Content<T> {
    Made(Vec<u8>),
    Kept(T),
}

/// The index files of one language made from `inputs`, as (path relative to the site root,
/// bytes); `None` if `cancel` was set meanwhile (a newer build made this index useless).
pub(crate) fn build_index(inputs: &Inputs, cancel: &AtomicBool) -> Option<Files> {
    // (With no budget nothing is written out, so nothing can fail to be read back.)
    let files = build_index_keeping::<std::convert::Infallible>(inputs, cancel, None, None, None).ok()??;
    Some(
        files
            .into_iter()
            .map(|f| match f.content {
                Content::Made(bytes) => (f.path, bytes),
                Content::Kept(never) => match never {},
            })
            .collect(),
    )
}

/// [`build_index`], but with a `reuse`, a pack of documents the caller has (`keep` gives its
/// `T` for the pack's fingerprint) is not made, and the postings of its documents are read
/// back from the last build's shards rather than made again from their text (after a one-word
/// edit, one pack's documents are read); with a `store`, every file made is given to it at
/// once, and comes as the `T` it gave. Its documents are a part of `inputs`, so this reads
/// nothing else either (the last build's index was made from the same inputs where the
/// fingerprints are the same). With a `budget`, the postings held at once are at most about
/// that many bytes, the rest written out to a temporary file and read back (`index::build`):
/// an error doing so is the error.
pub(crate) fn build_index_keeping<T: Send>(
    inputs: &Inputs,
    cancel: &AtomicBool,
    reuse: Option<Reuse<T>>,
    store: Option<Store<T>>,
    budget: Option<usize>,
) -> std::io::Result<Option<Vec<IndexFile<T>>>> {
    if cancel.load(Ordering::Relaxed) {
        return Ok(None);
    }
    let variants = variants::Variants::for_words(inputs.groups.iter().map(Vec::as_slice), inputs.latin);
    let lang = inputs.lang;
    let in_folder = |path: &str| format!("search/{lang}/{path}");
    let keep = reuse.as_ref().map(|r| move |path: &str, key: u64| (r.keep)(&in_folder(path), key));
    let last = reuse.as_ref().map(|r| move |path: &str| (r.last)(&in_folder(path)));
    let reuse_in = match (&reuse, &keep, &last) {
        (Some(r), Some(keep), Some(last)) => Some(Reuse { packs: r.packs, keep, last }),
        _ => None,
    };
    let store_in = store.map(|store| move |path: &str, bytes: Vec<u8>| store(&in_folder(path), bytes));
    let store_in = store_in.as_ref().map(|s| s as Store<T>);
    let Some(mut files) = index::build(inputs.records, &inputs.labels, &variants, cancel, reuse_in, store_in, budget)?
    else {
        return Ok(None);
    };
    for f in &mut files {
        f.path = in_folder(&f.path);
    }
    Ok(Some(files))
}
