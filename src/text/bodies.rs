//! Every Markdown body of a site made into text for the search index, and its HTML, made when
//! its page is rendered. A body's HTML is read once, by its page, so it is not kept: at
//! N = 10,000 every body's HTML was 124 MB, held from before the search index to the end of the
//! render stage. Nor is the text, in a build: the index makes each body's as it reads the
//! body's record, and drops it with the pack of documents the record is in
//! ([`Bodies::later`]), and its pages get the bodies without it ([`Bodies::for_pages`]).
//! `serve` keeps every body's text from one rebuild to the next, remaking only a changed body's
//! ([`Bodies::render_all`]).

use super::links::{NotedLinks, SeenLinks};
use super::markdown::{html_noting, sections_with, BodyContext, PageIds, Section};
use super::record::Part;
use crate::model::{Site, Source};
use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};
use std::sync::{Arc, Mutex};

/// Bodies' text by file, with the hash of the source each was made from (and of its context:
/// the names given furigana and the ids of the pages' layout), in [`SHARDS`] parts shared
/// between the builds that have them alike. In `serve` the last build's bodies are shared while
/// its search index waits for a pause in the editing, and a rebuild after one edit copies the
/// one part it changes, not every body's entry (at N = 10,000, 20,000 of them copied and then
/// freed, every rebuild).
#[derive(Debug, Default, Clone)]
struct ByFile(Vec<Arc<Shard>>);

/// A body's text with its key (the hash of its source and of the names given furigana).
type Keyed = (u64, Arc<[Section]>);

/// Keyed by the body's file as the source tree has it (shared, not a copy).
type Shard = FxHashMap<Arc<str>, Keyed>;

/// The parts of [`ByFile`].
const SHARDS: usize = 64;

impl ByFile {
    fn shard(file: &str) -> usize {
        use std::hash::BuildHasher;
        (rustc_hash::FxBuildHasher.hash_one(file) % SHARDS as u64) as usize
    }

    fn get(&self, file: &str) -> Option<&Keyed> {
        self.0.get(Self::shard(file))?.get(file)
    }

    fn len(&self) -> usize {
        self.0.iter().map(|s| s.len()).sum()
    }

    fn insert(&mut self, file: Arc<str>, value: Keyed) {
        if self.0.is_empty() {
            self.0 = vec![Arc::default(); SHARDS];
        }
        let shard = Self::shard(&file);
        Arc::make_mut(&mut self.0[shard]).insert(file, value);
    }

    /// Keeps the bodies of the files `keep` says, copying only the parts that lose one.
    fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        for shard in &mut self.0 {
            if !shard.keys().all(|f| keep(f)) {
                Arc::make_mut(shard).retain(|f, _| keep(f));
            }
        }
    }
}

impl FromIterator<(Arc<str>, Keyed)> for ByFile {
    fn from_iter<I: IntoIterator<Item = (Arc<str>, Keyed)>>(items: I) -> ByFile {
        let mut map = ByFile::default();
        for (file, value) in items {
            map.insert(file, value);
        }
        map
    }
}

/// The last build's bodies, kept for the next (`serve`); a cold build starts empty.
#[derive(Default)]
pub(crate) struct BodyMemo(Mutex<ByFile>);

/// Every Markdown body of a site, shared by the pages and the search index. Looked up by the
/// model's own [`Source`], so a page can only ask for a body of the site it was made from, in
/// the version it was made from. The bodies a build gives its pages hold no text and look
/// nothing up: there the pages and the bodies come from the one model ([`Bodies::for_pages`]).
#[derive(Debug, Default, Clone)]
pub(crate) struct Bodies(ByFile, u64, Arc<BodyContext>, Text, Arc<NotedLinks>);

/// Whether [`Bodies`] still hold their text, or only what the pages ask of them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Text {
    #[default]
    Held,
    /// Not held: the bodies of a build's pages ([`Bodies::for_pages`]).
    GivenBack,
    /// Not held: each body stands for its text by its key ([`Bodies::keys`]).
    Keys,
    /// Not held: each body's text is made when its record is read ([`Bodies::later`]).
    Later,
}

impl BodyMemo {
    /// Whether it holds no body.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.0.lock().map_or(true, |m| m.len() == 0)
    }
}

impl Bodies {
    /// Makes the text of every body of `site` in parallel, reusing what `memo` holds for
    /// unchanged sources (the memo keeps the last build's; a rebuild after one edit reads one
    /// body).
    pub(crate) fn render_all(site: &Site, page_ids: &PageIds, memo: &BodyMemo) -> Bodies {
        use rayon::prelude::*;
        let sources = || site.bodies().flat_map(|md| md.by_lang.values());
        let (context, salt) = context(site, page_ids);
        let render = |text: &str| -> Arc<[Section]> { sections_with(text, &context).into() };
        let key = |s: &Source| s.hash ^ salt;
        let Ok(mut last) = memo.0.lock() else {
            let all = made(sources().collect(), &context, salt);
            return Bodies::of(all, salt, context, Text::Held);
        };
        let mut count = 0;
        let stale: Vec<&Source> =
            sources().inspect(|_| count += 1).filter(|s| last.get(&s.file).is_none_or(|(h, _)| *h != key(s))).collect();
        if stale.is_empty() && last.len() == count {
            return Bodies::of(last.clone(), salt, context, Text::Held);
        }
        let fresh: Vec<(&Source, Arc<[Section]>)> =
            stale.into_par_iter().with_max_len(crate::reuse::SMALL_TASKS).map(|s| (s, render(&s.text()))).collect();
        // The last build's parts are shared while its search index is being made: only the
        // parts that change are copied.
        for (s, r) in fresh {
            last.insert(s.file.clone(), (key(s), r));
        }
        if last.len() > count {
            let files: std::collections::HashSet<&str> = sources().map(|s| &*s.file).collect();
            last.retain(|f| files.contains(f));
        }
        Bodies::of(last.clone(), salt, context, Text::Held)
    }

    /// The bodies for the records of a build's search index, without any text: a record's
    /// body is a part standing for it (`Part::later`), whose parts the index asks
    /// [`Bodies::parts_of`] for as it reads the record, a pack of documents at a time. Made all
    /// at once, one language's text was a fifth of the build's memory at its peak (51 MB of
    /// 249 MB at N = 10,000, about 500 MB at N = 100,000).
    pub(crate) fn later(site: &Site, page_ids: &PageIds) -> Bodies {
        let (context, salt) = context(site, page_ids);
        Bodies::of(ByFile::default(), salt, context, Text::Later)
    }

    /// Whether a body is a part standing for it in these bodies' records ([`Bodies::later`]).
    pub(crate) fn is_later(&self) -> bool {
        self.3 == Text::Later
    }

    /// The parts of the body `source`, one per section, made now: the text the index reads of
    /// a part standing for it ([`Bodies::later`]).
    pub(crate) fn parts_of(&self, source: &Source) -> Vec<Part<'static>> {
        sections_with(&source.text(), &self.2)
            .into_iter()
            .map(|s| Part::new(s.id.unwrap_or_default(), s.heading, s.text))
            .collect()
    }

    /// The bodies for the pages of a build, without any text: a page reads its body's source.
    /// Pages and bodies come from the one model there, so nothing is looked up (serve's pages
    /// are checked against the bodies of their own version: [`Bodies::render_all`]). Asking
    /// these for a body's text is a bug (a debug assertion) and shows none.
    pub(crate) fn for_pages(site: &Site, page_ids: &PageIds) -> Bodies {
        let (context, salt) = context(site, page_ids);
        Bodies::of(ByFile::default(), salt, context, Text::GivenBack)
    }

    /// The bodies standing for their text by its key (the hash of the source and of its
    /// context, the names given furigana and the pages' ids: the text is made from these
    /// alone), for the records a search index is fingerprinted from. Records made with these
    /// hold each body's key where its text would be ([`Bodies::stand_in`]), so their fingerprint
    /// is that of the records made with the text, without making it: a build whose index is
    /// kept never reads a body for it.
    pub(crate) fn keys(site: &Site, page_ids: &PageIds) -> Bodies {
        let (context, salt) = context(site, page_ids);
        Bodies::of(ByFile::default(), salt, context, Text::Keys)
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
    /// Like [`Bodies::sections`], only for a body of this site. `tag`: the body's language.
    pub(crate) fn html<'a>(&'a self, source: &'a Source, tag: &str) -> Option<Html<'a>> {
        if self.3 == Text::Held {
            self.found(source)?;
        }
        let script = crate::model::i18n::script_of(tag);
        Some(Html { source, context: &self.2, links: &self.4, script })
    }

    /// Bodies of `by_file`, each made with `context` and keyed with `salt`, holding `text`, and
    /// no link noted yet.
    fn of(by_file: ByFile, salt: u64, context: Arc<BodyContext>, text: Text) -> Bodies {
        Bodies(by_file, salt, context, text, Arc::default())
    }

    /// The links of the bodies the pages rendered from these noted, taken out (for the check).
    pub(crate) fn take_links(&self) -> SeenLinks {
        self.4.take()
    }
}

/// The text of each of `sources`, made in parallel, by file, with its key (the source's hash
/// and `salt`).
fn made(sources: Vec<&Source>, context: &BodyContext, salt: u64) -> ByFile {
    use rayon::prelude::*;
    let made: Vec<(Arc<str>, Keyed)> = sources
        .into_par_iter()
        .with_max_len(crate::reuse::SMALL_TASKS)
        .map(|s| (s.file.clone(), (s.hash ^ salt, sections_with(&s.text(), context).into())))
        .collect();
    made.into_iter().collect()
}

/// What every body is made with (the names given furigana, marked in every body, and the ids
/// of the pages' layout, which its headings skip: another list of either makes them anew), and
/// the salt it adds to each body's key.
fn context(site: &Site, page_ids: &PageIds) -> (Arc<BodyContext>, u64) {
    let context = BodyContext { readings: site.search.furigana.clone(), page_ids: page_ids.clone() };
    let salt = if context == BodyContext::default() { 0 } else { crate::reuse::fingerprint(&context) };
    (Arc::new(context), salt)
}

/// A body's HTML, made by serialising it (a page's template reads it as a string).
/// Its links are noted as it is made, for the check ([`Bodies::take_links`]), unless they are
/// already (a body shown on two pages) or it has none.
pub(crate) struct Html<'a> {
    source: &'a Source,
    context: &'a BodyContext,
    links: &'a NotedLinks,
    /// How the body's language stands to Japanese (see `model::ruby::html`).
    script: crate::model::ruby::Script,
}

impl Serialize for Html<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Html { source, context, links, script } = self;
        let note = source.links && !links.has(source.hash);
        let (html, noted) = html_noting(&source.text(), context, note, *script);
        if let Some(noted) = noted {
            links.note(source.hash, noted);
        }
        serializer.serialize_str(&html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceTree;

    fn site_of(tree: &SourceTree) -> Site {
        let (raw, _) = crate::content::parse(tree);
        crate::model::resolve(raw).unwrap()
    }

    fn text_of(bodies: &Bodies, site: &Site, file: &str) -> String {
        let source = site.bodies().flat_map(|md| md.by_lang.values()).find(|s| *s.file == *file).unwrap();
        bodies.sections(source).unwrap().iter().map(|s| s.text.as_str()).collect()
    }

    // A rebuild after one edit, while the last build's bodies are still held (by its search
    // index in `serve`), copies one part of the memo, not every body's entry; the bodies held
    // keep their text, and the new ones have the edit.
    #[test]
    fn a_rebuild_copies_only_the_part_its_edit_changes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-city");
        let mut tree = SourceTree::load(&root).unwrap();
        let file = "content/cases/east-advice-cafe.en.md";
        let memo = BodyMemo::default();
        let site = site_of(&tree);
        let held = Bodies::render_all(&site, &PageIds::default(), &memo);
        assert_eq!(held.0 .0.len(), SHARDS);
        assert!(held.0.len() > 8, "{}", held.0.len());

        let text = String::from_utf8(tree.get(file).unwrap().to_vec()).unwrap();
        tree.insert(file, format!("{text}\nOne more word.\n"));
        let edited = site_of(&tree);
        let fresh = Bodies::render_all(&edited, &PageIds::default(), &memo);
        assert!(text_of(&fresh, &edited, file).contains("One more word."));
        assert!(!text_of(&held, &site, file).contains("One more word."));
        let shared = held.0 .0.iter().zip(&fresh.0 .0).filter(|(a, b)| Arc::ptr_eq(a, b)).count();
        assert_eq!(shared, SHARDS - 1);

        // Nothing changed: everything shared.
        let again = Bodies::render_all(&edited, &PageIds::default(), &memo);
        assert!(fresh.0 .0.iter().zip(&again.0 .0).all(|(a, b)| Arc::ptr_eq(a, b)));
    }
}
