//! Site search that works for Japanese as well as English: a static, sharded index per language,
//! written with every build and queried in the browser by `static/js/search.js`.
//!
//! Pure: `&Site` → index files. [`tokenize`] is the contract shared with the browser; [`records`]
//! decides what is searchable; [`index`] writes the files. Replacing the engine means replacing
//! this module and the script; nothing else knows how search works.

pub(crate) mod index;
pub(crate) mod records;
pub(crate) mod tokenize;

use crate::model::Site;
use crate::render::bodies::Bodies;
use crate::render::templates::UiStrings;
use records::Kind;
use std::sync::atomic::{AtomicBool, Ordering};

/// Files as (path relative to the site root, bytes).
pub(crate) type Files = Vec<(String, Vec<u8>)>;

/// The index files of every language, made in parallel; `None` if `cancel` was set meanwhile.
pub(crate) fn files(
    site: &Site,
    templates: &crate::render::templates::Templates,
    bodies: &Bodies,
    cancel: &AtomicBool,
) -> Option<Files> {
    use rayon::prelude::*;
    let per_lang: Vec<Option<Files>> = site
        .config
        .languages
        .par_iter()
        .map(|l| {
            let empty = UiStrings::new();
            let ui = templates.strings.get(&l.code).unwrap_or(&empty);
            build_index(site, &l.code, ui, bodies, cancel)
        })
        .collect();
    per_lang.into_iter().collect::<Option<Vec<_>>>().map(|v| v.into_iter().flatten().collect())
}

/// The index files of `lang`, as (path relative to the site root, bytes); `None` if `cancel`
/// was set meanwhile (a newer build made this index useless).
pub(crate) fn build_index(
    site: &Site,
    lang: &str,
    ui: &UiStrings,
    bodies: &Bodies,
    cancel: &AtomicBool,
) -> Option<Files> {
    let records = records::records(site, lang, ui, bodies);
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let label = |key: &str| crate::render::templates::ui(ui, key).to_string();
    let labels = index::FilterLabels {
        areas: site.areas.iter().map(|a| (a.slug.clone(), a.name.get(lang).text.to_string())).collect(),
        themes: site.themes.iter().map(|t| (t.slug.clone(), t.title.get(lang).text.to_string())).collect(),
        kinds: Kind::in_site(site).map(|k| (k.key().to_string(), label(&format!("kind_{}", k.key())))).collect(),
        years: site.progress.iter().map(|y| (y.year.0, y.year.label(lang))).collect(),
    };
    let files = index::build(&records, &labels, cancel)?;
    Some(files.into_iter().map(|(path, bytes)| (format!("search/{lang}/{path}"), bytes)).collect())
}
