//! The rendered site and its sources → findings: the fifth stage of the pipeline, between
//! render and output. `build` refuses to publish on an error; `plansite check` prints every
//! finding and writes nothing; `serve` shows them in its overlay.
//!
//! 1. **Content.** Every Markdown body's links and images, each with its line and column (as
//!    the page that rendered the body noted them, `text::links`; the body is read again only
//!    where no page did), so a finding points at the very place: references that name
//!    nothing (with a "did you mean"), links from the root or relative links that lead to no
//!    page or file, anchors the page lacks, images without alternative text, malformed
//!    `mailto:` and `tel:` links.
//! 2. **Pages.** Every link and image in every page (what the templates made as well as the
//!    content) must lead to a page or file of the site, and its `#anchor` to an id there;
//!    every `<img>` needs `alt`. A reference left unresolved came from a YAML field: it is
//!    found in the YAML file that holds it.
//! 3. **The whole.** Pages that stand in for a missing translation, pages and files under
//!    `content/` that nothing links to, and files too large for residents on phones are warned
//!    about.
//!
//! Outside links are checked only when asked (`check --external`, see [`external`]).

pub mod external;
mod links;

use crate::diag::msg;
use crate::diag::{Code, Diagnostic, Diagnostics, Location, Msg};
use crate::model::refs::{split, Target};
use crate::model::{Site, Source};
use crate::output::{RenderedSite, Stored};
use crate::source::cache::{BodyNote, CheckNotes};
use crate::source::SourceTree;
use crate::text::links::{BodyLinks, SeenLinks};
use crate::text::markdown::links_of;
use links::{resolve_path, scan, Link};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap, HashSet};

/// How many links of a page to itself are looked for by reading it through, before a set of
/// its ids is made (see `Cx::notes_of`).
const READ_THROUGH: u32 = 3;
/// Images larger than this are warned about (they are resized, but an editor should know).
const LARGE_IMAGE: u64 = 5_000_000;
/// Documents larger than this are warned about: residents download them on phones.
const LARGE_FILE: u64 = 10_000_000;

/// What the checks found, and the outside links they saw (for `--external`).
#[derive(Debug, Default)]
pub struct Findings {
    /// Errors and warnings, with where each is.
    pub diagnostics: Diagnostics,
    /// Outside links (http, https) with where each was first seen.
    pub external: BTreeMap<String, Location>,
}

impl Findings {
    /// What a body's links found on its own page.
    fn add_found(&mut self, found: &BodyFound) {
        for d in found.diagnostics.iter() {
            self.diagnostics.push(d.clone());
        }
        for (url, loc) in &found.external {
            self.external.entry(url.clone()).or_insert_with(|| loc.clone());
        }
    }
}

/// The bodies of the site's items, found once per check for its two uses.
struct BodyPages<'a> {
    site: &'a Site,
    /// The items with a body before the case studies, and after them, each with its page.
    before: Vec<(&'a crate::model::Markdown, crate::render::routes::Route<'a>)>,
    after: Vec<(&'a crate::model::Markdown, crate::render::routes::Route<'a>)>,
    /// Each Markdown body with the page (in the site) it is shown on, in the page's language:
    /// the body's item's page in the body's language and in each language whose fallback chain
    /// shows it (`false`: what it holds is reported from its own page only). Always in the same
    /// order for the same items, so a rebuild finds the last build's notes of a body at its
    /// place. Each by its item's place among the items with a body, its language's place in
    /// the site's, and whether it is its own page: with the body's source, the page and the
    /// language at hand, this list was 14 MB at N = 100,000, at the check's peak.
    shown: Vec<(u32, u16, bool)>,
    /// The items with a body that lack it in a language: their page and the language.
    missing: Vec<(crate::render::routes::Route<'a>, &'a str)>,
}

impl<'a> BodyPages<'a> {
    /// The item at `place` among those with a body: its body and its page.
    fn owner(&self, place: usize) -> Option<(&'a crate::model::Markdown, crate::render::routes::Route<'a>)> {
        use crate::render::routes::{Item, Route};
        let cases = &self.site.cases;
        match place.checked_sub(self.before.len()) {
            None => self.before.get(place).copied(),
            Some(index) if index < cases.len() => {
                cases.get(index).map(|c| (&c.body, Route::Case(Item { index, slug: &c.slug })))
            }
            Some(index) => self.after.get(index - cases.len()).copied(),
        }
    }

    /// How many items have a body.
    fn owners(&self) -> usize {
        self.before.len() + self.site.cases.len() + self.after.len()
    }

    /// The body, its page and its language of an entry of `shown`, and whether the page is its
    /// own.
    fn shown(
        &self,
        (owner, lang, own): (u32, u16, bool),
    ) -> Option<(&'a Source, crate::render::routes::Route<'a>, &'a str, bool)> {
        let (md, route) = self.owner(owner as usize)?;
        let lang = self.site.config.languages.get(lang as usize)?.code.as_str();
        let shown = md.get(lang, &self.site.config.chains)?;
        Some((shown.source, route, lang, own))
    }
}

/// The bodies of every item with a page, in every language of the site.
fn body_pages(site: &Site) -> BodyPages<'_> {
    use crate::render::routes::{Item, Route};
    let mut before: Vec<(&crate::model::Markdown, Route)> = vec![(&site.plan.body, Route::Overview)];
    before.extend(site.structure.as_ref().map(|s| (&s.body, Route::Structure)));
    before.extend(
        site.themes.iter().enumerate().map(|(index, t)| (&t.body, Route::Theme(Item { index, slug: &t.slug }))),
    );
    before
        .extend(site.areas.iter().enumerate().map(|(index, a)| (&a.body, Route::Area(Item { index, slug: &a.slug }))));
    let mut after = Vec::new();
    after.extend(site.pages.get("accessibility").map(|md| (md, Route::Accessibility)));
    after.extend(site.pages.get("privacy").map(|md| (md, Route::Privacy)));
    // Each page's body found where it is listed, one after the other (a look-up each): made in
    // parallel, a list of every page's with its language beside this one was some 40 MB at
    // the check's start at N = 100,000, its peak.
    let languages = &site.config.languages;
    let mut pages = BodyPages { site, before, after, shown: Vec::new(), missing: Vec::new() };
    pages.shown.reserve(pages.owners() * languages.len());
    for owner in 0..pages.owners() {
        let Some((md, route)) = pages.owner(owner) else { continue };
        for (l, lang) in languages.iter().map(|l| l.code.as_str()).enumerate() {
            let shown = md.get(lang, &site.config.chains);
            if !md.by_lang.is_empty() && shown.as_ref().is_none_or(|s| s.fallback) {
                pages.missing.push((route, lang));
            }
            if let (Some(shown), Ok(owner), Ok(l)) = (shown, u32::try_from(owner), u16::try_from(l)) {
                pages.shown.push((owner, l, !shown.fallback));
            }
        }
    }
    pages
}

/// What the last build found in each page, kept for the next (`serve`): a page whose bytes are
/// the very same (an unchanged page is the same allocation) in a site with the same files is
/// not read again. A page that did not change is not checked again against anchors of pages
/// that did; `build` and `check` start empty and check everything. The same for each body on
/// each page it is shown on (in [`body_pages`]'s order).
///
/// A build starts from the last build's [`CheckNotes`] (the root's page memo) instead: while
/// the site has the same files, it reads only the pages made anew (see [`Cx::carried`]).
#[derive(Default)]
pub(crate) struct CheckMemo {
    pages: std::sync::Mutex<PagesState>,
    bodies: std::sync::Mutex<BodiesState>,
    last: std::sync::Mutex<Option<CheckNotes>>,
    /// How many pages the last check read.
    read: std::sync::atomic::AtomicUsize,
    /// How many bodies the last check read for their links, their pages having noted none.
    bodies_read: std::sync::atomic::AtomicUsize,
    /// The memo of a build ([`CheckMemo::from_last`]), which notes its bodies for the next.
    for_build: bool,
    /// This build's notes of its bodies, for the next (`None`: one of them had a finding).
    next_bodies: std::sync::Mutex<Option<Vec<BodyNote>>>,
    /// The pages no other page links to, as the last check found them: the same while the
    /// site has the same files and no page or body links elsewhere (at N = 100,000, asking
    /// each of 230,000 pages was a fifth of a rebuild's check).
    orphans: std::sync::Mutex<Option<Vec<String>>>,
}

impl CheckMemo {
    /// The memo of a build that starts from the last build's notes.
    pub(crate) fn from_last(last: Option<CheckNotes>) -> CheckMemo {
        CheckMemo { last: std::sync::Mutex::new(last), for_build: true, ..CheckMemo::default() }
    }

    /// How many pages' notes and bodies' notes it keeps for a next check.
    #[cfg(test)]
    pub(crate) fn kept(&self) -> (usize, usize) {
        (self.pages.lock().map_or(0, |p| p.pages.len()), self.bodies.lock().map_or(0, |b| b.notes.len()))
    }

    /// How many pages the last check read (the others it knew from the last build's).
    pub(crate) fn pages_read(&self) -> usize {
        self.read.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How many bodies the last check read for their links (see [`Cx::body`]).
    #[cfg(test)]
    pub(crate) fn bodies_read(&self) -> usize {
        self.bodies_read.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// What this check knew of the site as a whole, for the next build's, written into the
    /// output whose manifest has the fingerprint `manifest`: `None` if it found something wrong
    /// with a page (the next check then reads every page).
    pub(crate) fn notes(&self, manifest: u64) -> Option<CheckNotes> {
        let state = self.pages.lock().ok()?;
        let bodies = self.next_bodies.lock().ok()?.take()?;
        let clean = state.pages.values().all(|n| n.notes.is_empty());
        let links_to = state.links_to.nonzero().collect();
        clean.then(|| CheckNotes { files: state.files, manifest, links_to, bodies })
    }
}

/// Every body's notes on each page it is shown on, in [`body_pages`]'s order, and how many of
/// them report or link to each target: counted again only for the bodies that changed.
#[derive(Default)]
struct BodiesState {
    notes: Vec<std::sync::Arc<BodyNotes>>,
    /// Target → how many notes report it (at its place in the content).
    reported: FxHashMap<String, u32>,
    /// Site file, by its place in the site's paths → how many notes link to it.
    linked: FxHashMap<u32, u32>,
    /// The fingerprint of the site's file list the places are of.
    files: u64,
    /// Whether the notes link to the very files the last state's did (the same bodies at
    /// their places, each changed one linking where it did).
    links_as_last: bool,
}

impl BodiesState {
    /// The state of `notes`, counted from `last`'s: only where a note is not the very same as
    /// `last`'s at its place (all of them when bodies came or went).
    /// `files` is the fingerprint of the site's file list the notes' places are of: with
    /// another, every note is counted anew.
    fn of(notes: Vec<std::sync::Arc<BodyNotes>>, last: BodiesState, files: u64) -> BodiesState {
        let at_their_places = last.notes.len() == notes.len() && last.files == files;
        let BodiesState { notes: old, reported, linked, .. } = last;
        let mut state = BodiesState { reported, linked, files, ..BodiesState::default() };
        if !at_their_places {
            state.reported.clear();
            state.linked.clear();
        }
        let mut links_as_last = at_their_places;
        if at_their_places {
            for (was, now) in old.iter().zip(&notes).filter(|(was, now)| !std::sync::Arc::ptr_eq(was, now)) {
                links_as_last &= was.linked == now.linked;
                state.count(&was.linked, was.found.as_deref(), false);
                state.count(&now.linked, now.found.as_deref(), true);
            }
        } else {
            notes.iter().for_each(|now| state.count(&now.linked, now.found.as_deref(), true));
        }
        BodiesState { notes, links_as_last, ..state }
    }

    /// Counts one body's links and the targets it reported, or takes them away (`add` false).
    fn count(&mut self, linked: &[u32], found: Option<&BodyFound>, add: bool) {
        fn count<'k, K: std::hash::Hash + Eq + Clone + 'k>(
            map: &mut FxHashMap<K, u32>,
            keys: impl IntoIterator<Item = &'k K>,
            add: bool,
        ) {
            for key in keys {
                if add {
                    *map.entry(key.clone()).or_default() += 1;
                } else if let Some(n) = map.get_mut(key) {
                    *n = n.saturating_sub(1);
                    if *n == 0 {
                        map.remove(key);
                    }
                }
            }
        }
        count(&mut self.reported, found.into_iter().flat_map(|f| &f.reported), add);
        count(&mut self.linked, linked, add);
    }

    /// The state of a build's bodies, which keeps no notes: the counts alone. `noted` holds each
    /// body's key and the files it links to (in [`body_pages`]'s order), `found` what the
    /// bodies that found anything found (by their place in that order, and whether the page
    /// is the body's own). What the bodies found on their own pages goes into `f`, and `noted`
    /// into `next` for the next build (nothing if one had a finding: the build then fails, or
    /// shows a warning the next build must show again, and notes nothing).
    fn of_build(
        noted: Vec<BodyNote>,
        mut found: Vec<(usize, bool, Box<BodyFound>)>,
        files: u64,
        f: &mut Findings,
        next: &std::sync::Mutex<Option<Vec<BodyNote>>>,
    ) -> BodiesState {
        let mut state = BodiesState { files, ..BodiesState::default() };
        for (_, linked) in &noted {
            state.count(linked, None, true);
        }
        // In the bodies' order, whichever thread found them first.
        found.sort_unstable_by_key(|(i, _, _)| *i);
        for (_, own, found) in &found {
            if *own {
                f.add_found(found);
            }
            state.count(&[], Some(found), true);
        }
        let clean = found.iter().all(|(_, _, found)| found.diagnostics.is_empty());
        *next.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = clean.then_some(noted);
        state
    }

    /// Whether a body reports `target` at its place in the content.
    fn reports(&self, target: &str) -> bool {
        self.reported.contains_key(target)
    }

    /// Whether a body links to the site's file at `place` in its paths.
    fn links(&self, place: u32) -> bool {
        self.linked.contains_key(&place)
    }
}

/// What one Markdown body's links gave on the page of one language, for its source and the
/// site's file list. The body file and the language name the page: the file is named by its
/// item's slug, and the page's path by the slug and the language (a site whose paths changed
/// has another file list).
///
/// `serve` keeps one for each body on each page (at N = 100,000, 200,000 of them; a build
/// keeps none, see [`BodiesState::of_build`]): the body and
/// the language are noted by a fingerprint, and the files linked to by their places in the
/// site's paths, sorted (with the file and the language as strings, and the paths in sets, the
/// notes were some 85 MB at the check's peak).
struct BodyNotes {
    /// A fingerprint of the body's file and the language.
    of: u64,
    hash: u64,
    files: u64,
    /// The site's files the body links to on the page, by their places in the site's paths
    /// (of the file list `files`), sorted, each once.
    linked: Box<[u32]>,
    /// What the body's links found, if anything (few bodies have any: the lists of every
    /// body, empty, were some 20 MB of the check's start at N = 100,000).
    found: Option<Box<BodyFound>>,
}

/// What one body's links found on a page: [`BodyNotes::found`].
struct BodyFound {
    diagnostics: Diagnostics,
    external: BTreeMap<String, Location>,
    /// Targets reported at their place in the body.
    reported: HashSet<String>,
}

impl BodyFound {
    /// What was found, if anything was.
    fn of(
        diagnostics: Diagnostics,
        external: BTreeMap<String, Location>,
        reported: HashSet<String>,
    ) -> Option<Box<Self>> {
        let nothing = diagnostics.is_empty() && external.is_empty() && reported.is_empty();
        (!nothing).then(|| Box::new(BodyFound { diagnostics, external, reported }))
    }
}

/// What [`BodyNotes::of`] notes of a body's file and a language.
fn body_of(file: &str, lang: &str) -> u64 {
    crate::reuse::fingerprint(&(file, lang))
}

/// Every page's findings, and how many pages link to each file, for one list of files.
#[derive(Default)]
struct PagesState {
    /// The fingerprint of the site's file list these were found with.
    files: u64,
    pages: FxHashMap<String, std::sync::Arc<PageNotes>>,
    /// How many pages link to each file of the site (from their own links, not the content's).
    links_to: LinkCounts,
    /// Carried over from the last build's notes ([`Cx::carried`]): `pages` holds only the
    /// pages read, the others had nothing wrong.
    carried: bool,
}

/// How many pages link to each file of the site, the file named by its place in the site's
/// paths ([`Cx::names`]), which are the same while the site has the same files (as these
/// counts are for). By path, the counts of N = 100,000's 235,000 files were a map and a copy of
/// each path, some 33 MB at the check's peak.
#[derive(Debug, Default)]
struct LinkCounts(Vec<u32>);

impl LinkCounts {
    /// The counts noted for a next build (`(place, count)`, in order, none zero).
    fn of_notes(counts: &[(u32, u32)], files: usize) -> Option<LinkCounts> {
        let mut all = LinkCounts::default();
        for &(place, n) in counts {
            // (Of another file list: not these files' counts.)
            if place as usize >= files {
                return None;
            }
            all.add(place, n);
        }
        Some(all)
    }

    fn add(&mut self, place: u32, n: u32) {
        let at = place as usize;
        if self.0.len() <= at {
            self.0.resize(at + 1, 0);
        }
        if let Some(count) = self.0.get_mut(at) {
            *count = count.saturating_add(n);
        }
    }

    /// One page less links to the file at `place`.
    fn take_one(&mut self, place: u32) {
        if let Some(count) = self.0.get_mut(place as usize) {
            *count = count.saturating_sub(1);
        }
    }

    fn get(&self, place: u32) -> u32 {
        self.0.get(place as usize).copied().unwrap_or(0)
    }

    /// The files linked to, in order, with their counts.
    fn nonzero(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (0..).zip(self.0.iter().copied()).filter(|(_, n)| *n > 0)
    }
}

/// How many of the pages read link to each file of the site, by its place in the site's paths:
/// [`LinkCounts`] for each of the pool's threads, each counting the pages it reads. The
/// pages' work was counted in a map made for every few pages and merged up, which held some
/// 12 MB at the check's peak at N = 100,000 (a list is 4 bytes a file); one list shared
/// by both threads would have them take turns at the cache lines of the links every page has
/// (the header's and the footer's).
struct Tally {
    files: usize,
    lists: Vec<std::sync::Mutex<LinkCounts>>,
}

impl Tally {
    fn new(files: usize) -> Tally {
        let lists = (0..rayon::current_num_threads().max(1)).map(|_| std::sync::Mutex::default()).collect();
        Tally { files, lists }
    }

    /// Counts one page's links (the places of the files it links to, each once; a place past
    /// the site's files is of another list, and not counted).
    fn add(&self, linked: &[u32]) {
        let thread = rayon::current_thread_index().unwrap_or(0) % self.lists.len().max(1);
        let Some(Ok(mut list)) = self.lists.get(thread).map(|l| l.lock()) else {
            return;
        };
        for &to in linked.iter().filter(|&&to| (to as usize) < self.files) {
            list.add(to, 1);
        }
    }

    /// Adds what every thread counted to `into`.
    fn add_to(self, into: &mut LinkCounts) {
        for list in self.lists.into_iter().filter_map(|l| l.into_inner().ok()) {
            for (to, n) in list.nonzero() {
                into.add(to, n);
            }
        }
    }
}

/// One page's findings (code, what, message) and the files it links to, with its bytes (when
/// they are in memory: those of a page on disk are not kept, and not reused) and
/// the fingerprint of the site's file list they were found with.
struct PageNotes {
    bytes: Option<std::sync::Arc<[u8]>>,
    /// Where a page `serve` keeps on disk is ([`Stored::Held`]): each page made is put in a
    /// place of its own, so the same place is the same page, read again only when it moves.
    held: Option<(u64, u64)>,
    notes: Vec<(Code, String, Msg)>,
    /// The files it links to, each once, by their places in the site's ordered paths (the
    /// same while the site has the same files, which these notes are for): as text, these
    /// lists raised the check stage's peak at N = 100,000 by 426 MB (2,598 against 2,172 MB).
    linked: Vec<u32>,
}

/// Runs every check over `out`, the site rendered from `site` and `tree`. `untranslated` lists
/// the pages that stand in for a missing translation (their path in the site).
pub(crate) fn check(
    site: &Site,
    tree: &SourceTree,
    out: &RenderedSite,
    untranslated: &[String],
    memo: &CheckMemo,
    noted: &SeenLinks,
) -> Findings {
    let base_path = crate::render::routes::base_path(&site.config.base_url);
    let paths: Vec<&str> = out.paths().collect();
    // The site's address too: a page's links to it are the site's own.
    let files = crate::render::memo::fingerprint(&(&paths, &site.config.base_url));
    // Every page and body is read again when the site's file list is not the last check's (a
    // build, or files came or went): then the paths are hashed for their look-ups. A rebuild
    // of `serve` with the same files reads the few changed ones, and looks up in the site.
    let everything = memo.pages.lock().map_or(true, |m| m.files != files);
    let places = everything.then(|| Places::of(&paths)).flatten();
    let cx = Cx {
        site,
        out,
        names: paths,
        places,
        base_url: &site.config.base_url,
        base_path: &base_path,
        ids: Default::default(),
        noted,
    };
    let mut f = Findings::default();
    // A build with the same files as the last: only what it made anew is read (pages and
    // bodies), where every page made anew has the ids it had.
    let html: Vec<(&str, &Stored)> = out.stored().filter(|(p, _)| p.ends_with(".html")).collect();
    let last_build = memo.last.lock().ok().and_then(|mut l| l.take()).filter(|l| l.files == files);
    let (carried, carried_bodies) = match last_build.and_then(|last| cx.carried(last, &html)) {
        Some((state, bodies)) => (Some(state), bodies),
        None => (None, Vec::new()),
    };
    // The files a body linked to as the last build noted them, if its key is the noted one.
    let carried_places = |i: usize, key: u64| {
        let (_, places) = carried_bodies.get(i).filter(|(k, _)| *k == key)?;
        // (Places of the same file list as this check's: the last build's notes are taken only
        // then.)
        places.iter().all(|p| (*p as usize) < cx.names.len()).then_some(places)
    };
    // Each body on each page it is shown on, read again only if it or the site's file list
    // changed (in parallel: at N = 10,000 there are some 20,000).
    let body_pages = body_pages(site);
    let bodies_read = std::sync::atomic::AtomicUsize::new(0);
    // What one body's links give on its page: the files it links to, sorted, each once, and
    // what they found.
    let read = |source: &Source, page: &str| -> (Box<[u32]>, Option<Box<BodyFound>>) {
        let mut bf = Findings::default();
        let (mut rep, mut lk) = (HashSet::new(), Vec::new());
        if cx.body(source, page, &mut bf, &mut rep, &mut lk) {
            bodies_read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        lk.sort_unstable();
        lk.dedup();
        (lk.into_boxed_slice(), BodyFound::of(bf.diagnostics, bf.external, rep))
    };
    let last: BodiesState = memo.bodies.lock().map(|mut m| std::mem::take(&mut *m)).unwrap_or_default();
    let bodies = if memo.for_build {
        // A build keeps no notes past the counts: each body on each page gives only what its
        // check depends on in itself and the files it links to, straight into the list the
        // next build reads (in its own size), and the few that found anything give that beside
        // it. (At N = 100,000 the shared notes of 200,000 bodies were 13 MB of the check's
        // start, its highest, and a list of each body's notes and findings, copied into the
        // next build's, 13 MB more.)
        let found = std::sync::Mutex::new(Vec::new());
        let noted: Vec<BodyNote> = body_pages
            .shown
            .par_iter()
            .with_max_len(crate::reuse::SMALL_TASKS)
            .enumerate()
            .map(|(i, at)| {
                // (An entry names a body and a language it has: none lacks either.)
                let Some((source, route, lang, own)) = body_pages.shown(*at) else {
                    return (0, Box::default());
                };
                let page = route.path(lang);
                let key = crate::render::memo::fingerprint(&(source.hash, &source.file, lang, &page));
                let (linked, what) = match carried_places(i, key) {
                    Some(places) => (places.clone(), None),
                    None => read(source, &page),
                };
                // (Locked only by the few bodies that found anything; a lock a panicking thread
                // left is still taken, so that no finding is lost.)
                if let Some(what) = what {
                    found.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((i, own, what));
                }
                (key, linked)
            })
            .collect();
        let found = found.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        BodiesState::of_build(noted, found, files, &mut f, &memo.next_bodies)
    } else {
        // The last check's notes of a body are where they were, unless items came or went
        // before it: then found by file and language (the map made once, and only then).
        let moved: std::sync::OnceLock<FxHashMap<u64, &std::sync::Arc<BodyNotes>>> = std::sync::OnceLock::new();
        let known = |i: usize, source: &Source, lang: &str| {
            let fresh = |b: &&std::sync::Arc<BodyNotes>| b.hash == source.hash && b.files == files;
            let of = body_of(&source.file, lang);
            match last.notes.get(i) {
                Some(b) if b.of == of => Some(b).filter(fresh),
                _ => {
                    moved.get_or_init(|| last.notes.iter().map(|b| (b.of, b)).collect()).get(&of).copied().filter(fresh)
                }
            }
            .cloned()
        };
        let bodies: Vec<(bool, std::sync::Arc<BodyNotes>)> = body_pages
            .shown
            .par_iter()
            .with_max_len(crate::reuse::SMALL_TASKS)
            .enumerate()
            .filter_map(|(i, at)| body_pages.shown(*at).map(|shown| (i, shown)))
            .map(|(i, (source, route, lang, own))| {
                // The page's path is made only where it is needed: a rebuild of `serve` knows
                // nearly every body already.
                let notes = known(i, source, lang).unwrap_or_else(|| {
                    let (linked, found) = read(source, &route.path(lang));
                    std::sync::Arc::new(BodyNotes {
                        of: body_of(&source.file, lang),
                        hash: source.hash,
                        files,
                        linked,
                        found,
                    })
                });
                (own, notes)
            })
            .collect();
        drop(moved);
        let (own, notes): (Vec<bool>, Vec<std::sync::Arc<BodyNotes>>) = bodies.into_iter().unzip();
        for found in own.iter().zip(&notes).filter(|(own, _)| **own).filter_map(|(_, n)| n.found.as_deref()) {
            f.add_found(found);
        }
        // Targets already reported at their place in the content, not again from the pages.
        BodiesState::of(notes, last, files)
    };
    memo.bodies_read.store(bodies_read.into_inner(), std::sync::atomic::Ordering::Relaxed);
    // The last check's pages (serve's, while the site has the same files), or the last
    // build's carried over.
    let mut state = memo.pages.lock().map(|mut m| std::mem::take(&mut *m)).unwrap_or_default();
    if state.files != files {
        state = PagesState { files, ..PagesState::default() };
    }
    let state = carried.unwrap_or(state);
    let (state, read, links_as_last) =
        cx.pages(tree, &mut f, &|what| bodies.reports(what), state, &html, !memo.for_build);
    memo.read.store(read, std::sync::atomic::Ordering::Relaxed);
    let is_linked = |p: &str| cx.place_of(p).is_some_and(|at| bodies.links(at) || state.links_to.get(at) > 0);
    // The last check's orphans while nothing that decides them changed: the same files (else
    // `state` started anew, and no page was known), the same links from every page and body.
    let known = (links_as_last && bodies.links_as_last).then(|| memo.orphans.lock().ok()?.take()).flatten();
    let orphans = cx.whole(tree, untranslated, &body_pages.missing, &is_linked, known, &mut f);
    if let Ok(mut m) = memo.pages.lock() {
        *m = state;
    }
    // A build has no next check to give the bodies' notes and the orphans to (at N = 100,000
    // the bodies' notes were some 70 MB, kept until the site was written).
    if memo.for_build {
        crate::reuse::drop_aside((bodies, orphans));
        return f;
    }
    if let Ok(mut m) = memo.orphans.lock() {
        *m = Some(orphans);
    }
    if let Ok(mut m) = memo.bodies.lock() {
        *m = bodies;
    }
    f
}

struct Cx<'a> {
    site: &'a Site,
    out: &'a RenderedSite,
    /// The site's paths in order: a page's notes name the files it links to by their place
    /// here ([`PageNotes::linked`]).
    names: Vec<&'a str>,
    /// The place of each path in `names`, when every link of every page is looked up (some
    /// 1.4 million at N = 10,000): hashed once, where a search of the ordered paths compares
    /// each with some fifteen paths sharing a long beginning (`ja/cases/case-0…`). `None` when
    /// few are.
    places: Option<Places>,
    base_url: &'a str,
    base_path: &'a str,
    /// The ids of pages asked about, found once each.
    ids: std::sync::Mutex<HashMap<String, std::sync::Arc<HashSet<String>>>>,
    /// The links of the bodies the pages noted as they rendered them.
    noted: &'a SeenLinks,
}

/// The place of each of the site's paths in their order, found by a hash of the path: a table
/// of places alone (four bytes a slot, more than a quarter of them empty), each path compared
/// where it is found. A map of the paths to their places was 13 MB at N = 100,000 (235,000
/// paths in 524,288 slots of 24 bytes), at the check's start, the build's peak then.
///
/// The paths are compared with a copy of their own, one after the other in their order (`text`,
/// `ends`, some 9 MB at N = 100,000), not with the rendered site's strings, which lie all over
/// the heap: in order, a page's links to itself, to its other language and to its neighbours
/// are near one another. At N = 100,000 the check took 4.45-4.67 s against 4.57-4.89 (three
/// builds each, alternated).
struct Places {
    slots: Vec<u32>,
    /// Every path, one after the other, in their order.
    text: String,
    /// Where each path ends in `text`.
    ends: Vec<usize>,
}

impl Places {
    /// A slot with no place.
    const EMPTY: u32 = u32::MAX;

    /// The places of `names`; `None` for more paths than places can be numbered.
    fn of(names: &[&str]) -> Option<Places> {
        if names.len() >= Self::EMPTY as usize {
            return None;
        }
        let size = (names.len() + names.len() / 3 + 1).next_power_of_two();
        let mut slots = vec![Self::EMPTY; size];
        let mut text = String::with_capacity(names.iter().map(|n| n.len()).sum());
        let mut ends = Vec::with_capacity(names.len());
        for (place, name) in (0..).zip(names) {
            let mut at = Self::first(name, size);
            while slots[at] != Self::EMPTY {
                at = (at + 1) & (size - 1);
            }
            slots[at] = place;
            text.push_str(name);
            ends.push(text.len());
        }
        Some(Places { slots, text, ends })
    }

    /// The first slot `name` may be in, of `size` (a power of two).
    fn first(name: &str, size: usize) -> usize {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(name) as usize & (size - 1)
    }

    /// The path at `place`.
    fn name(&self, place: u32) -> Option<&str> {
        let place = place as usize;
        let start = if place == 0 { 0 } else { *self.ends.get(place - 1)? };
        self.text.get(start..*self.ends.get(place)?)
    }

    /// The place of `name` among the paths the table was made of.
    fn get(&self, name: &str) -> Option<u32> {
        let size = self.slots.len();
        let mut at = Self::first(name, size);
        loop {
            let place = *self.slots.get(at)?;
            if place == Self::EMPTY {
                return None;
            }
            if self.name(place) == Some(name) {
                return Some(place);
            }
            at = (at + 1) & (size - 1);
        }
    }
}

impl Cx<'_> {
    /// The place in the site's paths of the file a path leads to (`ja/areas/` →
    /// `ja/areas/index.html`), if any.
    fn place(&self, path: &str) -> Option<u32> {
        self.place_with(path, &mut String::new())
    }

    /// [`Cx::place`], the path with `index.html` made in `scratch`: a page's links are looked
    /// up without a new string each.
    fn place_with(&self, path: &str, scratch: &mut String) -> Option<u32> {
        let mut find = |suffix: &str| {
            scratch.clear();
            scratch.push_str(path);
            scratch.push_str(suffix);
            self.place_of(scratch)
        };
        if path.is_empty() || path.ends_with('/') {
            return find("index.html");
        }
        self.place_of(path).or_else(|| find("/index.html"))
    }

    /// The place of the file `file` in the site's paths, if the site has it.
    fn place_of(&self, file: &str) -> Option<u32> {
        match &self.places {
            Some(places) => places.get(file),
            None => self.names.binary_search(&file).ok().and_then(|i| u32::try_from(i).ok()),
        }
    }

    /// The path at `place` in the site's paths: from the places' copy when there is one, where
    /// the look-up that found `place` has just read it, not from the rendered site's string,
    /// one more read from far away in the heap for each link.
    fn name(&self, place: u32) -> &'_ str {
        match &self.places {
            Some(places) => places.name(place),
            None => self.names.get(place as usize).copied(),
        }
        .unwrap_or_default()
    }

    /// Whether the page `file` has the id `anchor`.
    fn has_id(&self, file: &str, anchor: &str) -> bool {
        let known = self.ids.lock().ok().and_then(|m| m.get(file).cloned());
        let ids = match known {
            Some(ids) => ids,
            None => {
                let bytes = self.out.get(file).unwrap_or_default();
                let ids = std::sync::Arc::new(links::ids(&bytes));
                if let Ok(mut m) = self.ids.lock() {
                    m.insert(file.to_string(), ids.clone());
                }
                ids
            }
        };
        links::names_id(&ids, anchor)
    }

    /// Checks the links and images of one Markdown body, shown on the page `page` (a folder);
    /// whether it read the body for them (its page noted none).
    fn body(
        &self,
        source: &Source,
        page: &str,
        f: &mut Findings,
        reported: &mut HashSet<String>,
        linked: &mut Vec<u32>,
    ) -> bool {
        // A body of no link, image or HTML is not read (again, where the tree did not keep it).
        if !source.links {
            return false;
        }
        // The links its page noted as it rendered it; read (again) only where none did.
        let noted = self.noted.get(source.hash);
        let read = noted.is_none().then(|| links_of(&source.text()));
        let lang = page.split('/').next().unwrap_or("");
        for link in noted.into_iter().chain(&read).flat_map(BodyLinks::iter) {
            let loc = || Location::at(&*source.file, link.line.into(), link.column.into());
            if link.image && is_elsewhere(link.dest) {
                // The pages' Content-Security-Policy shows images of the site only (and one from
                // elsewhere would tell that site of every visitor): it would show as broken.
                f.diagnostics.push(
                    Diagnostic::error(Code::BadImage, loc(), msg!("external-image", src = link.dest))
                        .with_hint(msg!("external-image-hint")),
                );
                continue;
            }
            self.content_link(link.dest, page, lang, &loc, f, reported, linked);
            if link.no_alt {
                let src = link.dest;
                f.diagnostics.push(
                    Diagnostic::error(Code::MissingAlt, loc(), msg!("markdown-image-without-alt", src = src))
                        .with_hint(msg!("markdown-image-without-alt-hint", src = src)),
                );
            }
        }
        read.is_some()
    }

    /// Checks one link or image address written in content (an image's, once [`is_elsewhere`]
    /// has told it is of this site).
    #[allow(clippy::too_many_arguments)]
    fn content_link(
        &self,
        dest: &str,
        page: &str,
        lang: &str,
        loc: &dyn Fn() -> Location,
        f: &mut Findings,
        reported: &mut HashSet<String>,
        linked: &mut Vec<u32>,
    ) {
        let dest = dest.trim();
        let lower = dest.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            if !links::web_address_ok(dest) {
                f.diagnostics.push(
                    Diagnostic::error(Code::BadLink, loc(), msg!("not-a-web-address", value = dest))
                        .with_hint(msg!("link-address-hint")),
                );
            } else {
                f.external.entry(dest.to_string()).or_insert_with(loc);
            }
            return;
        }
        if let Some(address) = lower.strip_prefix("mailto:") {
            if !links::email_ok(address.split('?').next().unwrap_or("")) {
                f.diagnostics.push(
                    Diagnostic::error(Code::BadLink, loc(), msg!("not-an-email", value = dest))
                        .with_hint(msg!("mailto-hint")),
                );
            }
            return;
        }
        if let Some(number) = lower.strip_prefix("tel:") {
            if !links::phone_ok(number) {
                f.diagnostics.push(
                    Diagnostic::error(Code::BadLink, loc(), msg!("not-a-phone-number", value = dest))
                        .with_hint(msg!("tel-hint")),
                );
            }
            return;
        }
        if dest.contains(':') && !dest.starts_with('@') && !dest.starts_with('#') {
            // Another scheme: removed when the body was rendered (see text::markdown).
            return;
        }
        let (path, anchor) = split(dest);
        // Where the link leads in the site, before the anchor.
        let target = if let Some(root) = path.strip_prefix("@/").or_else(|| path.strip_prefix('/')) {
            root.to_string()
        } else if let Some(reference) = path.strip_prefix('@').map(|_| path) {
            match self.site.target(reference) {
                Ok(Target::File(file)) => file.to_string(),
                Ok(t) => match crate::render::refs::route(self.site, t) {
                    Some(route) => route.path(lang),
                    None => return,
                },
                Err(e) => {
                    reported.insert(dest.to_string());
                    f.diagnostics.push(Diagnostic::error(Code::UnknownReference, loc(), e.message).with_hint(e.hint));
                    return;
                }
            }
        } else if path.is_empty() {
            page.to_string()
        } else {
            resolve_path(page, &links::percent_decode(path))
        };
        let Some(place) = self.place(&target) else {
            reported.insert(target.clone());
            // A file of content/ written as a path from the page (`images/photo.jpg`): its
            // reference, which leads there from every page and language.
            let mut tail = path.trim_start_matches('/');
            while let Some(rest) = tail.strip_prefix("../").or_else(|| tail.strip_prefix("./")) {
                tail = rest;
            }
            let hint = match self.site.media.iter().any(|m| m.strip_prefix("content/") == Some(tail)) {
                true => msg!("broken-link-file-hint", file = tail),
                false => msg!("broken-link-hint"),
            };
            f.diagnostics
                .push(Diagnostic::error(Code::BrokenLink, loc(), msg!("broken-link", dest = dest)).with_hint(hint));
            return;
        };
        linked.push(place);
        let file = self.name(place);
        if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
            if file.ends_with(".html") && !self.has_id(file, anchor) {
                reported.insert(format!("{target}#{anchor}"));
                f.diagnostics.push(
                    Diagnostic::error(
                        Code::BrokenAnchor,
                        loc(),
                        msg!("broken-anchor", dest = dest, target = target.as_str(), anchor = anchor),
                    )
                    .with_hint(msg!("broken-anchor-hint")),
                );
            }
        }
    }

    /// Checks every link and image of every page `pages` but those `state` knows (of the
    /// last check, for the same files); returns what each page found and links to, how many
    /// pages were read, and whether every page links to the very files it did in `state`
    /// (each page read anew was known there, with the same links). Unless `keep_all` (a next
    /// check of the same memo may use them), a page's notes are kept only if it has a finding:
    /// a build's next check reads the counts of links (at N = 100,000, the notes of 235,000
    /// pages were 49 MB in the heap profile, besides the map of their paths).
    fn pages(
        &self,
        tree: &SourceTree,
        f: &mut Findings,
        reported: &(dyn Fn(&str) -> bool + Sync),
        mut state: PagesState,
        pages: &[(&str, &Stored)],
        keep_all: bool,
    ) -> (PagesState, usize, bool) {
        // Those read to carry the last build's check over.
        let read = if state.carried { state.pages.len() } else { 0 };
        // The links of the pages read, counted in parallel by file, then added once per file
        // (at N = 10,000, some 600,000 links counted one after the other were a tenth of the
        // check, on one core). A page's notes are kept past its count only where they are
        // kept after the check, or stand in for notes it had: made for every page at once,
        // they were some 50 MB of the check's peak at N = 100,000.
        let tally = Tally::new(self.names.len());
        type Read<'p> = (Vec<(&'p str, std::sync::Arc<PageNotes>)>, usize);
        let (fresh, dropped): Read = pages
            .par_iter()
            .with_max_len(crate::reuse::SMALL_TASKS)
            .filter(|(path, stored)| match stored {
                Stored::Bytes(bytes) => !state
                    .pages
                    .get(*path)
                    .is_some_and(|n| n.bytes.as_ref().is_some_and(|b| std::sync::Arc::ptr_eq(b, bytes))),
                Stored::Held { at, len } => state.pages.get(*path).is_none_or(|n| n.held != Some((*at, *len))),
                // Carried from the last build's check: its pages, and the ones it read.
                _ if state.carried => false,
                _ => true,
            })
            .fold(
                || (Vec::new(), 0),
                |(mut kept, mut dropped), (path, stored)| {
                    let notes = self.page_notes(path, stored);
                    tally.add(&notes.linked);
                    if keep_all || !notes.notes.is_empty() || state.pages.contains_key(*path) {
                        kept.push((*path, std::sync::Arc::new(notes)));
                    } else {
                        dropped += 1;
                    }
                    (kept, dropped)
                },
            )
            .reduce(
                || (Vec::new(), 0),
                |(a, dropped), (b, also)| {
                    let (mut kept, more) = if a.len() < b.len() { (b, a) } else { (a, b) };
                    kept.extend(more);
                    (kept, dropped + also)
                },
            );
        let read = read + fresh.len() + dropped;
        tally.add_to(&mut state.links_to);
        // (A page whose notes were not kept had none before: it links to files anew.)
        let mut links_as_last = !state.carried && dropped == 0;
        for (path, notes) in fresh {
            let old = if !keep_all && notes.notes.is_empty() {
                state.pages.remove(path)
            } else {
                state.pages.insert(path.to_string(), notes.clone())
            };
            links_as_last &= old.as_ref().is_some_and(|old| old.linked == notes.linked);
            if let Some(old) = old {
                for &to in &old.linked {
                    state.links_to.take_one(to);
                }
            }
        }
        // (code, what) → (first page, how many pages, message).
        let mut found: BTreeMap<(Code, String), (String, usize, Msg)> = BTreeMap::new();
        for (page, notes) in state.pages.iter().filter(|(_, n)| !n.notes.is_empty()) {
            for (code, what, message) in &notes.notes {
                if matches!(code, Code::UnknownReference | Code::BrokenLink | Code::BrokenAnchor) && reported(what) {
                    continue;
                }
                let entry = found.entry((*code, what.clone())).or_insert((page.clone(), 0, message.clone()));
                entry.1 += 1;
                if *page < entry.0 {
                    entry.0 = page.clone();
                    entry.2 = message.clone();
                }
            }
        }
        let unknown: Vec<&str> =
            found.keys().filter(|(code, _)| *code == Code::UnknownReference).map(|(_, what)| what.as_str()).collect();
        let mut places = find_in_content(tree, &unknown);
        for ((code, what), (page, count, message)) in &found {
            let d = if *code == Code::UnknownReference {
                let (reference, _) = split(what);
                let e = self.site.target(reference).err();
                let message =
                    e.as_ref().map_or_else(|| msg!("names-nothing", what = what.as_str()), |e| e.message.clone());
                let hint = e.map(|e| e.hint).unwrap_or_default();
                let place = places.remove(what.as_str()).unwrap_or_else(|| Location::file(page));
                Diagnostic::error(*code, place, message).with_hint(hint)
            } else {
                Diagnostic::error(*code, Location::file(format!("site: {page}")), message.clone().arg("pages", *count))
                    .with_hint(msg!("from-templates-hint"))
            };
            f.diagnostics.push(d);
        }
        (state, read, links_as_last)
    }

    /// The last build's check carried over to this site, whose pages `pages` have the same
    /// files (`last` is of them): `None` where every page must be read.
    ///
    /// What a page's check finds depends on its bytes, the site's file list, and the ids of
    /// the pages its anchors lead to. A page the output keeps ([`Stored::Kept`]) has the
    /// bytes the last build checked, and that build found nothing wrong with any page (else it
    /// failed, and wrote no notes). So only the pages made anew are read, each beside what the
    /// last build left at its place (still in the output): while every one has the ids it had,
    /// no page kept can have a broken anchor, and the counts of links to each file are the
    /// last build's, less the old page's links, plus the new one's.
    ///
    /// The bodies' notes are given back with it (see [`check`]): a body's check depends on its
    /// source, its page, the file list and the ids of the pages it links to, so a body whose
    /// key is the noted one links to the files it did, and has nothing to report.
    fn carried(&self, last: CheckNotes, pages: &[(&str, &Stored)]) -> Option<(PagesState, Vec<BodyNote>)> {
        let spill = self.out.spill()?;
        // Notes of another output's site (the root was built into another since) or of this
        // output before someone changed its manifest are not this output's.
        if spill.previous_print() != last.manifest {
            return None;
        }
        let changed: Vec<&(&str, &Stored)> = pages.iter().filter(|(_, s)| !matches!(s, Stored::Kept { .. })).collect();
        // Reading two versions of most pages is slower than reading one of each.
        if changed.len() * 2 > pages.len() {
            return None;
        }
        let read: Option<Vec<(&str, PageNotes, Vec<u32>)>> = changed
            .par_iter()
            .map(|(path, _)| {
                let (was, now) = (spill.last_bytes(path)?, self.out.get(path)?);
                if links::ids(&was) != links::ids(&now) {
                    return None;
                }
                let was = self.notes_of(path, &was, None).linked;
                Some((*path, self.notes_of(path, &now, None), was))
            })
            .collect();
        let CheckNotes { files, links_to, bodies, .. } = last;
        let mut links_to = LinkCounts::of_notes(&links_to, self.names.len())?;
        let mut pages = FxHashMap::default();
        for (path, now, was) in read? {
            for to in was {
                links_to.take_one(to);
            }
            for &to in &now.linked {
                links_to.add(to, 1);
            }
            pages.insert(path.to_string(), std::sync::Arc::new(now));
        }
        Some((PagesState { files, pages, links_to, carried: true }, bodies))
    }

    /// Reads one page: what is wrong with its links and images, and what it links to.
    fn page_notes(&self, page: &str, stored: &Stored) -> PageNotes {
        match stored {
            Stored::Bytes(b) => self.notes_of(page, b, Some(b.clone())),
            _ => {
                let held = if let &Stored::Held { at, len } = stored { Some((at, len)) } else { None };
                PageNotes { held, ..self.notes_of(page, &self.out.get(page).unwrap_or_default(), None) }
            }
        }
    }

    /// What is wrong with the links and images of the page `page` whose bytes are `bytes`, and
    /// what it links to; with its bytes when they are kept in memory (`kept`).
    fn notes_of(&self, page: &str, bytes: &[u8], kept: Option<std::sync::Arc<[u8]>>) -> PageNotes {
        let mut notes = Vec::new();
        let mut linked = Vec::new();
        // The page's own ids, for its links to itself (every page's skip link is `#main`): from
        // the bytes at hand. Asked of `has_id`, each page was read from the stage a second time
        // and its ids kept in the map of pages linked to until the check ended. The first
        // few are found by reading the page through (nearly every page has one or two: a set
        // of its ids was a dozen copies and hashes); a page with more, such as a table of
        // contents, makes the set once, so a long page with many is not read through for each.
        let (own_ids, own_asked) = (std::cell::OnceCell::new(), std::cell::Cell::new(0u32));
        let has_id = |file: &str, anchor: &str| {
            if file != page {
                return self.has_id(file, anchor);
            }
            own_asked.set(own_asked.get() + 1);
            if own_asked.get() <= READ_THROUGH {
                links::has_id(bytes, anchor)
            } else {
                links::names_id(own_ids.get_or_init(|| links::ids(bytes)), anchor)
            }
        };
        // Each link's path in the site, and its file's, made in these two strings.
        let (mut site_path, mut scratch) = (String::new(), String::new());
        for link in scan(bytes) {
            match link {
                Link::ImageWithoutAlt(src) => {
                    let message = msg!("page-image-without-alt", src = &*src);
                    notes.push((Code::MissingAlt, src.into_owned(), message));
                }
                Link::Url(url) if url.starts_with('@') => {
                    notes.push((Code::UnknownReference, url.into_owned(), Msg::none()));
                }
                Link::Url(url) => {
                    if !self.internal(&url, page, &mut site_path) {
                        continue;
                    }
                    let (path, anchor) = split(&site_path);
                    let Some(place) = self.place_with(path, &mut scratch) else {
                        let message = msg!("page-broken-link", path = path);
                        notes.push((Code::BrokenLink, path.to_string(), message));
                        continue;
                    };
                    let file = self.name(place);
                    if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                        if file.ends_with(".html") && !has_id(file, anchor) {
                            let message = msg!("page-broken-anchor", path = site_path.as_str(), anchor = anchor);
                            notes.push((Code::BrokenAnchor, site_path.clone(), message));
                        }
                    }
                    if file != page {
                        linked.push(place);
                    }
                }
            }
        }
        // Each page linked to once: the header, the breadcrumbs and the footer lead to the same
        // pages, and these notes are kept for every page of the site.
        linked.sort_unstable();
        linked.dedup();
        linked.shrink_to_fit();
        PageNotes { bytes: kept, held: None, notes, linked }
    }

    /// Whether an address in the page `page` leads to one of the site's own files, and if so
    /// its site path (with its anchor) in `site_path`. An anchor alone (`#main`) is in the page itself, not in its folder's
    /// `index.html` (the two differ for `404.html`); a relative address is resolved against
    /// the page's folder.
    fn internal(&self, url: &str, page: &str, site_path: &mut String) -> bool {
        let url = url.split('?').next().unwrap_or(url);
        let mut set = |path: &str| {
            site_path.clear();
            site_path.push_str(path);
        };
        if let Some(rest) = url.strip_prefix(self.base_url) {
            set(&links::percent_decode(rest));
            return true;
        }
        if url.starts_with("//") || url.contains(':') && !url.starts_with('#') && !url.starts_with('.') {
            // Another site, mailto:, tel:, data:…
            return false;
        }
        if let Some(rest) = url.strip_prefix(self.base_path) {
            set(&links::percent_decode(rest));
            return true;
        }
        if url.starts_with('#') {
            set(page);
            site_path.push_str(url);
            return true;
        }
        let dir = page.rsplit_once('/').map_or("", |(dir, _)| dir);
        links::resolve_into(dir, &links::percent_decode(url), site_path);
        true
    }

    /// The name of the site's language `code` (the code itself if the site has no such one).
    fn language_name<'s>(&'s self, code: &'s str) -> &'s str {
        self.site.config.languages.iter().find(|l| l.code == code).map_or(code, |l| l.name.as_str())
    }

    /// Warnings about the site as a whole.
    fn whole(
        &self,
        tree: &SourceTree,
        untranslated: &[String],
        missing: &[(crate::render::routes::Route, &str)],
        linked: &(dyn Fn(&str) -> bool + Sync),
        known_orphans: Option<Vec<String>>,
        f: &mut Findings,
    ) -> Vec<String> {
        // A language translated page by page (`partial: true`) lacks pages and bodies on purpose.
        let languages: Vec<&str> =
            self.site.config.languages.iter().filter(|l| !l.partial).map(|l| l.code.as_str()).collect();
        for page in untranslated {
            let lang = page.split('/').next().unwrap_or("");
            if !languages.contains(&lang) {
                continue;
            }
            let name = self.language_name(lang);
            f.diagnostics.push(
                Diagnostic::warning(
                    Code::MissingTranslation,
                    Location::file(source_of(page).unwrap_or_else(|| format!("site: {page}"))),
                    msg!("page-untranslated", page = page.as_str(), name = name, lang = lang),
                )
                .with_hint(msg!("page-untranslated-hint", name = name, lang = lang)),
            );
        }
        // Bodies missing in a language (the page shows the primary language's body). The
        // stem of an item's files is spelled out only for a body that is missing.
        for &(route, lang) in missing.iter().filter(|(_, lang)| languages.contains(lang)) {
            // The site's own pages (`content/pages/`) are not items of the plan: they have none.
            let Some(yaml) = source_of(&route.file(lang)) else { continue };
            let stem = yaml.trim_end_matches(".yaml");
            let name = self.language_name(lang);
            f.diagnostics.push(
                Diagnostic::warning(
                    Code::MissingTranslation,
                    Location::file(yaml.as_str()),
                    msg!("body-untranslated", stem = stem, lang = lang, name = name),
                )
                .with_hint(msg!("body-untranslated-hint", stem = stem, lang = lang, name = name)),
            );
        }
        for d in placeholders_left(self.site, tree) {
            f.diagnostics.push(d);
        }
        // The photos pages show from their YAML (a Markdown body's are among its links); one
        // no page shows is published all the same, and may be a resident's photo dropped into
        // the folder by mistake.
        let site = self.site;
        let config = &site.config;
        let shown: HashSet<&str> = (config.og_image.iter())
            .chain(site.themes.iter().flat_map(|t| &t.images))
            .chain(site.areas.iter().flat_map(|a| &a.images))
            .chain(site.cases.iter().flat_map(|c| &c.images))
            .map(|i| i.source.as_str())
            .chain(config.icon.iter().chain(&config.touch_icon).map(String::as_str))
            .collect();
        for media in &self.site.media {
            let path = &media["content/".len()..];
            let size = tree.get_shared(media).map_or(0, |b| b.len() as u64);
            let image = crate::render::refs::format_name(path).is_none();
            let used = linked(path) || image && shown.contains(media.as_str());
            if !used {
                let (what, hint) = match image {
                    true => (msg!("unlinked-image"), msg!("unlinked-image-hint", path = path)),
                    false => (msg!("unlinked-file"), msg!("unlinked-file-hint", path = path)),
                };
                f.diagnostics.push(
                    Diagnostic::warning(Code::UnlinkedFile, Location::file(media.as_str()), what).with_hint(hint),
                );
            }
            let limit = if image { LARGE_IMAGE } else { LARGE_FILE };
            if size > limit {
                f.diagnostics.push(
                    Diagnostic::warning(
                        Code::OversizedFile,
                        Location::file(media.as_str()),
                        msg!(
                            "oversized-file",
                            size = crate::render::refs::size_text(size, "en"),
                            limit = crate::render::refs::size_text(limit, "en")
                        ),
                    )
                    .with_hint(if image {
                        msg!("oversized-image-hint")
                    } else {
                        msg!("oversized-document-hint")
                    }),
                );
            }
        }
        // Pages of the site no other page links to (the home pages and the pages of no
        // language are where visitors arrive).
        // In parallel: a site of 20,000 pages asks 20,000 times, at every rebuild of `serve`
        // where a page or body links elsewhere (else the last check's are `known_orphans`).
        let orphans = known_orphans.unwrap_or_else(|| {
            let pages: Vec<&str> = self.out.paths().filter(|p| p.ends_with("index.html")).collect();
            let orphans = pages.into_par_iter().filter(|path| path.matches('/').count() > 1 && !linked(path));
            orphans.map(str::to_string).collect()
        });
        for path in &orphans {
            f.diagnostics.push(
                Diagnostic::warning(
                    Code::OrphanPage,
                    Location::file(source_of(path).unwrap_or_else(|| format!("site: {path}"))),
                    msg!("orphan-page", path = path.as_str()),
                )
                .with_hint(msg!("orphan-page-hint")),
            );
        }
        orphans
    }
}

/// The placeholders of `plansite new` (「（事例の名前）」) left in the texts of the published
/// items' YAML files, where each is written: the editor took `draft: true` away before writing
/// them, and the page shows them as they are. (Drafts are not in the site.)
fn placeholders_left(site: &Site, tree: &SourceTree) -> Vec<Diagnostic> {
    use crate::content::placeholders::is_placeholder;
    let langs: Vec<&str> = site.config.languages.iter().map(|l| l.code.as_str()).collect();
    let texts = |t: &'_ crate::model::Text| -> Vec<String> {
        langs
            .iter()
            .filter(|l| t.has(l))
            .map(|l| t.get(l).text)
            .filter(|v| is_placeholder(v))
            .map(String::from)
            .collect()
    };
    // (kind, slug, placeholders left in its texts) of each item.
    let items = (site.cases.iter().map(|c| {
        let all = [Some(&c.title), Some(&c.activities), Some(&c.point), c.venue.as_ref()];
        ("case", &c.slug, all.into_iter().flatten().flat_map(texts).collect::<Vec<_>>())
    }))
    .chain(site.areas.iter().map(|a| {
        let all = [Some(&a.name), a.slogan.as_ref()];
        ("area", &a.slug, all.into_iter().flatten().flat_map(texts).collect())
    }))
    .chain(site.themes.iter().map(|t| {
        let all = [&t.title, &t.summary].into_iter().chain(&t.aims);
        ("theme", &t.slug, all.flat_map(texts).collect())
    }));
    // (A draft in the preview is still being written: its placeholders are expected.)
    let draft = |kind: &'static str, slug: &String| {
        matches!(site.early.get(&(kind, slug.clone())), Some(crate::model::publish::Early::Draft))
    };
    let mut found = Vec::new();
    for (kind, slug, left) in items.filter(|(kind, slug, left)| !left.is_empty() && !draft(kind, slug)) {
        let file = format!("content/{kind}s/{slug}.yaml");
        // Where each is written (the file is read again only for an item that has one).
        let source = tree.get_shared(&file).and_then(|b| b.text_now(&file).ok().flatten());
        for text in left {
            let at = source.as_deref().and_then(|s| Some(Location::in_text(&file, s, s.find(&text)?)));
            found.push(
                Diagnostic::warning(
                    Code::PlaceholderLeft,
                    at.unwrap_or_else(|| Location::file(file.as_str())),
                    msg!("placeholder-left", text = text.as_str()),
                )
                .with_hint(msg!("placeholder-left-hint")),
            );
        }
    }
    found
}

/// The YAML file an item's page is made from: `ja/areas/chuo/index.html` →
/// `content/areas/chuo.yaml`.
fn source_of(page: &str) -> Option<String> {
    let parts: Vec<&str> = page.trim_end_matches("index.html").trim_end_matches('/').split('/').collect();
    match parts.as_slice() {
        [_, dir @ ("themes" | "areas" | "cases"), slug] => Some(format!("content/{dir}/{slug}.yaml")),
        [_, "overview"] => Some("content/plan.yaml".into()),
        [_, "structure"] => Some("content/structure.yaml".into()),
        _ => None,
    }
}

/// Where each of `texts` is first written in the content's files other than Markdown bodies,
/// for those that are: a reference a body makes is reported from the body (where it is a link,
/// not text that merely looks like one), so one left unresolved came from a data file's field.
/// One pass over the files for all of them: a file the tree did not keep (an item's YAML) is
/// read again, once, whatever the number of texts. (A body is not read here at all.)
fn find_in_content<'t>(tree: &SourceTree, texts: &[&'t str]) -> HashMap<&'t str, Location> {
    let mut found = HashMap::new();
    for (path, bytes) in tree.entries("content/").filter(|(path, _)| !path.ends_with(".md")) {
        if found.len() == texts.len() {
            break;
        }
        let Ok(Some(source)) = bytes.text_now(path) else { continue };
        for &text in texts {
            if !found.contains_key(text) {
                if let Some(i) = source.find(text) {
                    found.insert(text, Location::in_text(path, &source, i));
                }
            }
        }
    }
    found
}

/// Whether an address written in content is of another site (`https://…`, `//host/…`).
fn is_elsewhere(dest: &str) -> bool {
    let dest = dest.trim();
    ["http://", "https://", "//"].iter().any(|p| dest.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every path is found at its place in the table of places, and a path not among them is
    // not, whatever slot its hash starts at.
    #[test]
    fn paths_are_found_at_their_places() {
        let owned: Vec<String> = (0..1000).map(|i| format!("ja/cases/case-{i}/index.html")).collect();
        let names: Vec<&str> = owned.iter().map(String::as_str).collect();
        let places = Places::of(&names).unwrap();
        assert!(places.slots.len() >= names.len() * 4 / 3, "{} slots", places.slots.len());
        for (place, name) in (0..).zip(&names) {
            assert_eq!(places.get(name), Some(place), "{name}");
            assert_eq!(places.name(place), Some(*name));
        }
        for other in ["ja/cases/case-1000/index.html", "ja/cases/case-1/index.htmlja", "", "ja/cases/"] {
            assert_eq!(places.get(other), None, "{other}");
        }
        let none = Places::of(&[]).unwrap();
        assert_eq!(none.get("a"), None);
        assert_eq!(none.name(0), None);
    }

    // Pages counted on the pool's threads, in any order, give each file the number of pages
    // linking to it, the files in order and those no page links to left out.
    #[test]
    fn the_pages_links_are_tallied_by_file_across_threads() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        let pages: Vec<Vec<u32>> = (0..3000u32).map(|i| vec![0, 1 + i % 7, 20 + i % 3]).collect();
        let counts: Vec<(u32, u32)> = pool.install(|| {
            let tally = Tally::new(30);
            pages.par_iter().with_max_len(1).for_each(|linked| tally.add(linked));
            // A place past the file list (of another list) is not counted.
            tally.add(&[40]);
            // Added to what was counted before.
            let mut all = LinkCounts::default();
            all.add(5, 10);
            tally.add_to(&mut all);
            all.nonzero().collect()
        });
        let mut expected = vec![(0, 3000)];
        expected.extend(
            (1..8).map(|to| (to, (0..3000u32).filter(|i| 1 + i % 7 == to).count() as u32 + 10 * u32::from(to == 5))),
        );
        expected.extend((20..23).map(|to| (to, 1000)));
        assert_eq!(counts, expected);
        // Nothing counted: nothing linked to, and no list made.
        let none = Tally::new(1_000_000);
        none.add(&[]);
        assert!(none.lists.iter().all(|l| l.lock().unwrap().0.is_empty()));
        let mut all = LinkCounts::default();
        none.add_to(&mut all);
        assert!(all.0.is_empty());
    }

    fn notes(body: u64, files: u64, linked: &[u32]) -> std::sync::Arc<BodyNotes> {
        std::sync::Arc::new(BodyNotes { of: body, hash: 0, files, linked: linked.into(), found: None })
    }

    // The bodies' links are counted by place, and again from nothing when the site's file list
    // is another: places of two lists are not the same files, even where they are equal.
    #[test]
    fn bodies_links_are_counted_by_place_in_one_file_list() {
        let first = BodiesState::of(vec![notes(1, 7, &[2, 5]), notes(2, 7, &[5])], BodiesState::default(), 7);
        assert!(first.links(2) && first.links(5) && !first.links(3));
        assert_eq!(first.linked.get(&5), Some(&2));

        // The same list, one body changed: counted from the last state; its links are not the
        // last's.
        let second = BodiesState::of(vec![first.notes[0].clone(), notes(2, 7, &[3])], first, 7);
        assert!(second.links(2) && second.links(3) && second.links(5));
        assert_eq!(second.linked.get(&5), Some(&1));
        assert!(!second.links_as_last);

        // Another file list (a file came before them): the same numbers name other files, so
        // the links are not the last's though the places are equal, and the counts are made
        // anew.
        let third = BodiesState::of(vec![notes(1, 8, &[2, 5]), notes(2, 8, &[3])], second, 8);
        assert!(!third.links_as_last);
        assert_eq!((third.linked.get(&2), third.linked.get(&3), third.linked.get(&5)), (Some(&1), Some(&1), Some(&1)));
        // The same list again, nothing changed: the links are the last's.
        let notes_again = third.notes.clone();
        let fourth = BodiesState::of(notes_again, third, 8);
        assert!(fourth.links_as_last);
    }

    // A build counts its bodies' links and reported targets from what it noted of each, and
    // hands the notes (each body's key and files, in order) to the next build; only a body's
    // findings on its own page are the build's (on the others the same body would say the same
    // again), taken in the bodies' order whichever thread found them first. A body with a
    // finding leaves the next build no notes, so that it is read and reported again.
    #[test]
    fn a_builds_bodies_are_counted_and_noted_for_the_next() {
        let next = std::sync::Mutex::new(None);
        let noted =
            || -> Vec<BodyNote> { vec![(11, vec![2, 5].into()), (12, vec![2, 5].into()), (13, vec![3].into())] };
        let found = |file: &str, diagnostics: Diagnostics| {
            let url = if file == "b.md" { "https://b.example/" } else { "https://example.org/" };
            let external = BTreeMap::from([(url.to_string(), Location::file(file))]);
            BodyFound::of(diagnostics, external, HashSet::from(["@case/nowhere".to_string()])).unwrap()
        };
        let mut f = Findings::default();
        let state = BodiesState::of_build(
            noted(),
            vec![
                (2, true, found("c.md", Diagnostics::new())),
                (1, false, found("b.md", Diagnostics::new())),
                (0, true, found("a.md", Diagnostics::new())),
            ],
            9,
            &mut f,
            &next,
        );
        assert_eq!((state.files, state.notes.len()), (9, 0));
        assert_eq!((state.linked.get(&2), state.linked.get(&3), state.linked.get(&5)), (Some(&2), Some(&1), Some(&2)));
        assert!(state.links(3) && !state.links(4) && state.reports("@case/nowhere"));
        assert_eq!(state.reported.get("@case/nowhere"), Some(&3));
        assert!(f.diagnostics.is_empty());
        assert_eq!(f.external.get("https://example.org/"), Some(&Location::file("a.md")));
        // (The outside link b.md's body found on another page than its own is not the build's.)
        assert_eq!(f.external.len(), 1);
        let keys: Vec<(u64, Vec<u32>)> =
            next.lock().unwrap().take().unwrap().into_iter().map(|(k, l)| (k, l.to_vec())).collect();
        assert_eq!(keys, [(11, vec![2, 5]), (12, vec![2, 5]), (13, vec![3])]);

        // A finding: on its own page it is the build's, once; on another page not again; and
        // nothing is noted for the next build.
        let bad = |line: u64| {
            let mut diagnostics = Diagnostics::new();
            let loc = Location::at("content/cases/a.ja.md", line, 1);
            diagnostics.push(Diagnostic::error(Code::BadLink, loc, msg!("not-an-email", value = "x")));
            diagnostics
        };
        let mut f = Findings::default();
        *next.lock().unwrap() = Some(Vec::new());
        let with = vec![(1, false, found("a.md", bad(9))), (0, true, found("a.md", bad(3)))];
        let state = BodiesState::of_build(noted(), with, 9, &mut f, &next);
        let lines: Vec<u64> = f.diagnostics.iter().map(|d| d.location.line).collect();
        assert_eq!(lines, [3]);
        assert_eq!(state.linked.get(&5), Some(&2));
        assert!(next.lock().unwrap().is_none());
    }
}
