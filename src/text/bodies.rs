//! Every Markdown body of a site made into text for the search index, and its HTML, made when
//! its page is rendered. A body's HTML is read once, by its page, so it is not kept: at
//! N = 10,000 every body's HTML was 124 MB, held from before the search index to the end of the
//! render stage. Nor is the text, in a build: it makes one language's at a time, for that
//! language's index ([`Bodies::of_language`]), and its pages get the bodies without it
//! ([`Bodies::for_pages`]). `serve` keeps every body's text from one rebuild to the next,
//! remaking only a changed body's ([`Bodies::render_all`]).

use super::markdown::{html_with, sections_with, Section};
use crate::model::ruby::Readings;
use crate::model::{Site, Source};
use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};
use std::sync::{Arc, Mutex};

/// Bodies' text by file, with the hash of the source each was made from (and of the names
/// given furigana, when there are any).
type ByFile = FxHashMap<String, (u64, Arc<[Section]>)>;

/// The last build's bodies, kept for the next (`serve`); a cold build starts empty.
#[derive(Default)]
pub(crate) struct BodyMemo(Mutex<Arc<ByFile>>);

/// Every Markdown body of a site, shared by the pages and the search index. Looked up by the
/// model's own [`Source`], so a page can only ask for a body of the site it was made from, in
/// the version it was made from. The bodies a build gives its pages hold no text and look
/// nothing up: there the pages and the bodies come from the one model ([`Bodies::for_pages`]).
#[derive(Debug, Default, Clone)]
pub(crate) struct Bodies(Arc<ByFile>, u64, Arc<Readings>, Text);

/// Whether [`Bodies`] still hold their text, or only what the pages ask of them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Text {
    #[default]
    Held,
    /// Not held: the bodies of a build's pages ([`Bodies::for_pages`]).
    GivenBack,
    /// Not held: each body stands for its text by its key ([`Bodies::keys`]).
    Keys,
}

impl BodyMemo {
    /// Whether it holds no body.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.0.lock().map_or(true, |m| m.is_empty())
    }
}

impl Bodies {
    /// Makes the text of every body of `site` in parallel, reusing what `memo` holds for
    /// unchanged sources (the memo keeps the last build's; a rebuild after one edit reads one
    /// body).
    pub(crate) fn render_all(site: &Site, memo: &BodyMemo) -> Bodies {
        use rayon::prelude::*;
        let sources = || site.bodies().flat_map(|md| md.by_lang.values());
        let (readings, salt) = readings(site);
        let render = |text: &str| -> Arc<[Section]> { sections_with(text, &readings).into() };
        let key = |s: &Source| s.hash ^ salt;
        let Ok(mut last) = memo.0.lock() else {
            let all = made(sources().collect(), &readings, salt);
            return Bodies(Arc::new(all), salt, readings, Text::Held);
        };
        let mut count = 0;
        let stale: Vec<&Source> =
            sources().inspect(|_| count += 1).filter(|s| last.get(&s.file).is_none_or(|(h, _)| *h != key(s))).collect();
        if stale.is_empty() && last.len() == count {
            return Bodies(last.clone(), salt, readings, Text::Held);
        }
        let fresh: Vec<(&Source, Arc<[Section]>)> = stale.into_par_iter().map(|s| (s, render(&s.text))).collect();
        // The last build's map is shared only while its search index is being made.
        let map = Arc::make_mut(&mut last);
        for (s, r) in fresh {
            map.insert(s.file.clone(), (key(s), r));
        }
        if map.len() > count {
            let files: std::collections::HashSet<&str> = sources().map(|s| s.file.as_str()).collect();
            map.retain(|f, _| files.contains(f.as_str()));
        }
        Bodies(last.clone(), salt, readings, Text::Held)
    }

    /// The text of the bodies `lang` shows (its own, or its chain's where it has none), made
    /// in parallel: a build makes one language's search index at a time, and the text of the
    /// other language's bodies need not be held meanwhile (nor any of it once the indexes are
    /// made: see [`Bodies::for_pages`]).
    pub(crate) fn of_language(site: &Site, lang: &str) -> Bodies {
        let (readings, salt) = readings(site);
        let shown = site.bodies().filter_map(|md| md.get(lang, &site.config.chains)).map(|b| b.source).collect();
        let all = made(shown, &readings, salt);
        Bodies(Arc::new(all), salt, readings, Text::Held)
    }

    /// The bodies for the pages of a build, without any text: a page reads its body's source.
    /// Pages and bodies come from the one model there, so nothing is looked up (serve's pages
    /// are checked against the bodies of their own version: [`Bodies::render_all`]). Asking
    /// these for a body's text is a bug (a debug assertion) and shows none.
    pub(crate) fn for_pages(site: &Site) -> Bodies {
        let (readings, salt) = readings(site);
        Bodies(Arc::default(), salt, readings, Text::GivenBack)
    }

    /// The bodies standing for their text by its key (the hash of the source and of the names
    /// given furigana: the text is made from these alone), for the records a search index is
    /// fingerprinted from. Records made with these hold each body's key where its text would be
    /// ([`Bodies::stand_in`]), so their fingerprint is that of the records made with the text,
    /// without making it: a build whose index is kept never reads a body for it.
    pub(crate) fn keys(site: &Site) -> Bodies {
        let (readings, salt) = readings(site);
        Bodies(Arc::default(), salt, readings, Text::Keys)
    }

    /// The key standing for the text of `source`, in bodies made by [`Bodies::keys`].
    pub(crate) fn stand_in(&self, source: &Source) -> Option<u64> {
        (self.3 == Text::Keys).then_some(source.hash ^ self.1)
    }

    /// The text of the body `source`, split at its headings. Every body of the site these
    /// bodies were made from is here; asking for another one is a bug (a debug assertion) and
    /// shows no body.
    pub(crate) fn sections(&self, source: &Source) -> Option<&[Section]> {
        debug_assert!(self.3 == Text::Held, "the text of {} was given back", source.file);
        self.found(source).filter(|_| self.3 == Text::Held)
    }

    /// The text of `source` as these bodies hold it.
    fn found(&self, source: &Source) -> Option<&[Section]> {
        let found = self.0.get(&source.file).filter(|(hash, _)| *hash == source.hash ^ self.1).map(|(_, r)| &**r);
        debug_assert!(found.is_some(), "no body for {} (not of this site?)", source.file);
        found
    }

    /// The HTML of the body `source`, made when it is serialised (when its page is rendered).
    /// Like [`Bodies::sections`], only for a body of this site.
    pub(crate) fn html<'a>(&'a self, source: &'a Source) -> Option<Html<'a>> {
        if self.3 == Text::Held {
            self.found(source)?;
        }
        Some(Html { source: &source.text, readings: &self.2 })
    }
}

/// The text of each of `sources`, made in parallel, by file, with its key (the source's hash
/// and `salt`).
fn made(sources: Vec<&Source>, readings: &Readings, salt: u64) -> ByFile {
    use rayon::prelude::*;
    sources
        .into_par_iter()
        .map(|s| (s.file.clone(), (s.hash ^ salt, sections_with(&s.text, readings).into())))
        .collect()
}

/// The names given furigana, which are marked in every body (another list renders them anew),
/// and the salt they add to each body's key.
fn readings(site: &Site) -> (Arc<Readings>, u64) {
    let readings = Arc::new(site.search.furigana.clone());
    let salt = if readings.is_empty() { 0 } else { crate::reuse::fingerprint(&*readings) };
    (readings, salt)
}

/// A body's HTML, made by serialising it (a page's template reads it as a string).
pub(crate) struct Html<'a> {
    source: &'a str,
    readings: &'a Readings,
}

impl Serialize for Html<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&html_with(self.source, self.readings))
    }
}
