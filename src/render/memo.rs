//! What one build keeps for the next, inside the one pipeline: pages by a fingerprint of
//! exactly what they show. A rebuild after one edit renders the pages whose inputs changed and
//! reuses the bytes of the rest, which are the bytes a cold build would produce (a test
//! compares them). What a page shows is its kind's `Inputs` (see `kinds`): its fingerprint is
//! that value's hash, so it cannot forget a field the view reads.

use crate::model::progress::ProgressYear;
use crate::model::{Area, Case, Site, Theme};
use crate::output::Stored;
use crate::source::cache::{page_key, PageNotes, PageNotesMaker};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, RwLock};

/// A case study with its fingerprint and its card's.
type CasePrints = (Arc<Case>, u64, u64);

/// A value and the fingerprint of what it was made from.
pub(crate) type Keyed<T> = (u64, T);

/// How much of a page's own content is in the page's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Coverage {
    /// Every text and body is in the language.
    Full,
    /// Some texts stand in from another language of its chain.
    Partial,
    /// No text of the page is in the language: it shows its chain's texts only.
    None,
}

/// Caches of rendered pages, filled by each build.
#[derive(Default)]
pub(crate) struct RenderMemo {
    /// Output path → (fingerprint of the inputs, (bytes in memory or where `held` keeps
    /// them, whether the page stands in for a missing translation, whether it holds
    /// references)).
    files: RwLock<FxHashMap<String, Keyed<Entry>>>,
    /// Where `serve` keeps the pages past its memory budget (none: every page in memory).
    pub(crate) held: Option<Arc<crate::output::held::PageStore>>,
    /// Output path → (fingerprint of the page's inputs, how much of it is in its language): the
    /// coverage of every page is needed before any page is rendered, and finding it makes the
    /// page's view.
    coverage: RwLock<FxHashMap<String, Keyed<Coverage>>>,
    /// The last build's case studies in order, with their fingerprints and their cards'.
    case_prints: Mutex<Vec<CasePrints>>,
    /// The last build's progress years with their fingerprints.
    year_prints: Mutex<Vec<(Arc<ProgressYear>, u64)>>,
    /// The order that sorted the last build's files by path.
    pub(crate) order: crate::reuse::LastOrder,
    /// Files rendered (not reused) by the last build.
    pub(crate) rendered: std::sync::atomic::AtomicUsize,
    /// Files asked for by the last build, rendered or reused.
    pub(crate) asked: std::sync::atomic::AtomicUsize,
    /// Bodies the last build made into text for its search index (the others' words were
    /// taken from the index it left).
    pub(crate) indexed: std::sync::atomic::AtomicUsize,
    /// Where a build that writes its pages as they are rendered puts them: such a memo is of
    /// one build, and keeps no page (see `output::spill`).
    pub(crate) spill: Option<Arc<crate::output::spill::Spill>>,
    /// In such a build: what the last build knew of its pages (the page memo of the site root,
    /// `.plansite-cache/pages`), and what this one knows, for the next. A page whose inputs
    /// have the fingerprint the last build noted, and whose file that build left in the output
    /// as it is, is neither rendered nor written again.
    pub(crate) last_pages: PageNotes,
    pub(crate) pages: Mutex<PageNotesMaker>,
    /// The most pages a sitemap file lists (`None`: [`super::feeds::SITEMAP_URLS`]); a test
    /// sets it low to split a small site's sitemap.
    pub(crate) sitemap_urls: Option<usize>,
}

/// Coverage as the page memo writes it.
fn coverage_code(coverage: Coverage) -> u8 {
    match coverage {
        Coverage::Full => 0,
        Coverage::Partial => 1,
        Coverage::None => 2,
    }
}

fn coverage_of_code(code: u8) -> Option<Coverage> {
    [Coverage::Full, Coverage::Partial, Coverage::None].into_iter().find(|c| coverage_code(*c) == code)
}

/// A rendered file, whether it is a page that stands in for a missing translation, and
/// whether it holds page references (resolved anew by every build: see `render::refs`).
pub(crate) type Made = (Arc<[u8]>, bool, bool);

/// A file as the memo keeps it: like [`Made`], its bytes in memory or on disk.
pub(crate) type Entry = (crate::output::Stored, bool, bool);

impl RenderMemo {
    /// The file at `path` if its inputs have the fingerprint `key`, else renders and keeps it:
    /// in memory, or in `serve` past the budget of `held` on disk.
    fn file<E>(&self, path: &str, key: u64, render: impl FnOnce() -> Result<Vec<u8>, E>) -> Result<Stored, E> {
        self.page(path, key, || render().map(|bytes| (bytes, false))).map(|(stored, _, _)| stored)
    }

    /// Like [`RenderMemo::file`] for a page, keeping whether it is untranslated and whether it
    /// holds references too (a page with references stays in memory: every build resolves them
    /// anew from its bytes).
    pub(crate) fn page<E>(
        &self,
        path: &str,
        key: u64,
        render: impl FnOnce() -> Result<(Vec<u8>, bool), E>,
    ) -> Result<Entry, E> {
        self.asked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let make = || {
            let (bytes, untranslated) = render()?;
            let refs = super::refs::has_references(&bytes);
            self.rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let bytes: Arc<[u8]> = bytes.into();
            let stored = match &self.held {
                Some(store) => store.keep(bytes, !refs),
                None => Stored::Bytes(bytes),
            };
            Ok((stored, untranslated, refs))
        };
        if self.spill.is_some() {
            return make();
        }
        kept_or_made(&self.files, path, key, make, |(old, _, _): &Entry| self.release(old))
    }

    /// A file the memo kept is replaced or gone: in `serve`, its memory or its room on disk
    /// is given back (see `output::held`).
    fn release(&self, stored: &Stored) {
        if let Some(store) = &self.held {
            store.release(stored);
        }
    }

    /// How many of the files kept are on disk ([`crate::output::Stored::Held`]).
    pub(crate) fn pages_on_disk(&self) -> usize {
        self.files.read().map_or(0, |m| m.values().filter(|(_, (s, _, _))| matches!(s, Stored::Held { .. })).count())
    }

    /// The bytes of a file the memo keeps (read from disk if `held` has it there).
    pub(crate) fn bytes_of(&self, stored: &Stored) -> Option<Arc<[u8]>> {
        match stored {
            Stored::Bytes(bytes) => Some(bytes.clone()),
            Stored::Held { at, len } => self.held.as_ref()?.read(*at, *len).map(Arc::from),
            _ => None,
        }
    }

    /// The file at `path` whose inputs have the fingerprint `key`, as the site stores it: in a
    /// build that writes its pages as they are rendered, the last build's file, left in the
    /// output as it is, if it was made from the same inputs ([`RenderMemo::kept`]), else made,
    /// written out and noted for the next build; else as [`RenderMemo::file`] keeps it.
    pub(crate) fn stored_file(
        &self,
        path: &str,
        key: u64,
        render: impl FnOnce() -> Result<Vec<u8>, crate::error::BuildError>,
    ) -> Result<crate::output::Stored, crate::error::BuildError> {
        if self.spill.is_none() {
            return self.file(path, key, render);
        }
        if let Some((stored, _)) = self.kept(path, key) {
            self.note(path, key, &stored, false);
            return Ok(stored);
        }
        self.asked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let stored = self.store(path, render()?.into())?;
        self.note(path, key, &stored, false);
        Ok(stored)
    }

    /// Like [`RenderMemo::stored_file`] for a large file made as a stream by `write` (the open
    /// data): in a build that writes its files as it makes them, written into the stage without
    /// being held whole ([`crate::output::spill::Spill::put_written`]); else as
    /// [`RenderMemo::file`] keeps it.
    pub(crate) fn stored_stream(
        &self,
        path: &str,
        key: u64,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<crate::output::Stored, crate::error::BuildError> {
        let Some(spill) = &self.spill else {
            let stored = self.file(path, key, || {
                let mut bytes = Vec::new();
                write(&mut bytes).map(|()| bytes)
            });
            return stored.map_err(|e| crate::error::BuildError::io(path, &e));
        };
        if let Some((stored, _)) = self.kept(path, key) {
            self.note(path, key, &stored, false);
            return Ok(stored);
        }
        self.asked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let stored = spill.put_written(path, write)?;
        self.note(path, key, &stored, false);
        Ok(stored)
    }

    /// A page as the site stores it: written out now if this build writes its pages as they
    /// are rendered, else kept in memory.
    pub(crate) fn store(
        &self,
        path: &str,
        bytes: Arc<[u8]>,
    ) -> Result<crate::output::Stored, crate::error::BuildError> {
        match &self.spill {
            Some(spill) => spill.put(path, &bytes),
            None => Ok(crate::output::Stored::Bytes(bytes)),
        }
    }

    /// In a build that writes its pages as it renders them: the last build's file at `path`,
    /// left in the output as it is, if the page memo says it was made from inputs of the
    /// fingerprint `key` and nobody changed it since; with whether it stands in for a missing
    /// translation.
    pub(crate) fn kept(&self, path: &str, key: u64) -> Option<(crate::output::Stored, bool)> {
        let spill = self.spill.as_ref()?;
        let (known, hash, fell_back) = self.last_pages.made(page_key(path))?;
        let stored = spill.kept(path, hash).filter(|_| known == key)?;
        self.asked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some((stored, fell_back))
    }

    /// In a build that writes its pages as it renders them: the bytes of the last build's file at
    /// `path`, if it is still in the output as that build left it.
    pub(crate) fn last_bytes(&self, path: &str) -> Option<Vec<u8>> {
        self.spill.as_ref()?.last_bytes(path)
    }

    /// Notes for the next build's page memo that the page at `path`, made from inputs of the
    /// fingerprint `key`, was stored as `stored` (in a build that writes its pages as it
    /// renders them; a page in memory is not on disk for a next build to keep).
    pub(crate) fn note(&self, path: &str, key: u64, stored: &crate::output::Stored, fell_back: bool) {
        let Some(hash) = stored.hash_on_disk() else { return };
        if let Ok(mut pages) = self.pages.lock() {
            pages.made(page_key(path), (key, hash, fell_back));
        }
    }

    /// Like [`RenderMemo::kept`] for files made together (a language's search index, the
    /// files under `folder`): the last build's files there, all left in the output as they
    /// are, if the page memo says they were made from inputs of the fingerprint `key`, and
    /// they are the very files it noted (their paths and hashes).
    pub(crate) fn kept_files(&self, folder: &str, key: u64) -> Option<Vec<(crate::output::Stored, String)>> {
        let spill = self.spill.as_ref()?;
        let (known, list, _) = self.last_pages.made(page_key(folder))?;
        let previous = spill.previous();
        let files: Vec<(&String, u64)> = previous
            .range::<str, _>((std::ops::Bound::Included(folder), std::ops::Bound::Unbounded))
            .take_while(|(path, _)| path.starts_with(folder))
            .map(|(path, (hash, _))| (path, *hash))
            .collect();
        if known != key || fingerprint(&files) != list {
            return None;
        }
        files.into_iter().map(|(path, hash)| Some((spill.kept(path, hash)?, path.clone()))).collect()
    }

    /// Notes for the next build's page memo that the files under `folder` (all of them) were
    /// made from inputs of the fingerprint `key` (none where there is no next build to note
    /// for) and stored as `files`.
    pub(crate) fn note_files(&self, folder: &str, key: Option<u64>, files: &[(crate::output::Stored, String)]) {
        let Some(key) = key else { return };
        let list: Option<Vec<(&String, u64)>> =
            files.iter().map(|(stored, path)| Some((path, stored.hash_on_disk()?))).collect();
        let Some(mut list) = list else { return };
        list.sort_unstable();
        if let Ok(mut pages) = self.pages.lock() {
            pages.made(page_key(folder), (key, fingerprint(&list), false));
        }
    }

    /// Notes for the next build's page memo what the last build noted of the file at `path`,
    /// kept as `stored` (with a whole search index: the fingerprints of its packs of
    /// documents).
    pub(crate) fn note_again(&self, path: &str, stored: &crate::output::Stored) {
        let Some(made) = self.last_pages.made(page_key(path)) else { return };
        if stored.hash_on_disk() == Some(made.1) {
            if let Ok(mut pages) = self.pages.lock() {
                pages.made(page_key(path), made);
            }
        }
    }

    /// What this build knows of its pages, for the next build's page memo.
    pub(crate) fn page_notes(&self) -> PageNotes {
        self.pages.lock().map(|mut p| std::mem::take(&mut *p)).unwrap_or_default().finish()
    }

    /// The coverage of the page at `path` if its inputs have the fingerprint `key`, else
    /// `find`'s, kept: the coverage of every page is needed before any page is rendered, and
    /// finding it makes the page's view.
    pub(crate) fn coverage(&self, path: &str, key: u64, find: impl FnOnce() -> Coverage) -> Coverage {
        if self.spill.is_some() {
            // A memo of one build keeps nothing in memory for a next one (see `page`), but the
            // last build's page memo may know, and this one's will.
            let known = self.last_pages.coverage(page_key(path)).filter(|(k, _)| *k == key);
            let coverage = known.and_then(|(_, code)| coverage_of_code(code)).unwrap_or_else(find);
            if let Ok(mut pages) = self.pages.lock() {
                pages.coverage(page_key(path), (key, coverage_code(coverage)));
            }
            return coverage;
        }
        let Ok(coverage) =
            kept_or_made(&self.coverage, path, key, || Ok::<_, std::convert::Infallible>(find()), |_| {});
        coverage
    }
}

/// The value `map` keeps for `path` if it was made from inputs of fingerprint `key`, else
/// `make`'s, kept for the next build (the value it replaces given to `replaced`). Read under a
/// shared lock: in a rebuild nearly every page is kept, and the render threads would otherwise
/// wait for each other at every page.
fn kept_or_made<T: Clone, E>(
    map: &RwLock<FxHashMap<String, Keyed<T>>>,
    path: &str,
    key: u64,
    make: impl FnOnce() -> Result<T, E>,
    replaced: impl Fn(&T),
) -> Result<T, E> {
    if let Some(value) = map.read().ok().and_then(|m| m.get(path).filter(|(k, _)| *k == key).map(|(_, v)| v.clone())) {
        return Ok(value);
    }
    let value = make()?;
    if let Ok(mut m) = map.write() {
        if let Some((_, old)) = m.insert(path.to_string(), (key, value.clone())) {
            replaced(&old);
        }
    }
    Ok(value)
}

impl RenderMemo {
    /// Starts counting the files of a new build.
    pub(crate) fn begin(&self) {
        self.rendered.store(0, std::sync::atomic::Ordering::Relaxed);
        self.asked.store(0, std::sync::atomic::Ordering::Relaxed);
        self.indexed.store(0, std::sync::atomic::Ordering::Relaxed);
    }

    /// Forgets files that `site` no longer has (pages of a deleted case study, a renamed year),
    /// when there can be some.
    pub(crate) fn forget_all_but(&self, site: &crate::output::RenderedSite) {
        let asked = self.asked.load(std::sync::atomic::Ordering::Relaxed);
        fn prune<T>(
            map: &RwLock<FxHashMap<String, T>>,
            asked: usize,
            site: &crate::output::RenderedSite,
            gone: impl Fn(&T),
        ) {
            if let Ok(mut m) = map.write() {
                if m.len() > asked {
                    m.retain(|path, value| {
                        let keep = site.contains(path);
                        if !keep {
                            gone(value);
                        }
                        keep
                    });
                }
            }
        }
        prune(&self.files, asked, site, |(_, (stored, _, _)): &Keyed<Entry>| self.release(stored));
        prune(&self.coverage, asked, site, |_| {});
    }
}

pub(crate) use crate::reuse::fingerprint;

/// An item of the model with its fingerprint: hashing it hashes the fingerprint, made once per
/// build (or kept from the last build while the item is the very same `Arc`).
#[derive(Debug)]
pub(crate) struct Printed<'a, T> {
    pub(crate) item: &'a T,
    print: u64,
}

impl<T> Clone for Printed<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Printed<'_, T> {}

impl<T> Hash for Printed<'_, T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.print.hash(state);
    }
}

impl<T> std::ops::Deref for Printed<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.item
    }
}

/// A case study as its card in a list shows it: hashing it hashes [`card_print`], the
/// fingerprint of exactly the fields the card shows (`views::case_card` reads only these).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Card<'a> {
    pub(crate) index: usize,
    pub(crate) case: &'a Case,
    print: u64,
}

impl Hash for Card<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.print.hash(state);
    }
}

/// The cards of a list of case studies (a theme's, an area's): hashing it hashes one
/// fingerprint of all their cards, made once per build, so a list of thousands costs one
/// `u64` per page to fingerprint.
#[derive(Clone, Copy)]
pub(crate) struct Cards<'a> {
    site: &'a Site,
    prints: &'a Prints,
    indices: &'a [usize],
    print: u64,
}

impl Hash for Cards<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.print.hash(state);
    }
}

impl<'a> Cards<'a> {
    /// The cards at `range` of this list (a page of it), with the fingerprint of those alone:
    /// a page of a long list is rendered again only when one of its own cards changed.
    pub(crate) fn slice(self, range: std::ops::Range<usize>) -> Cards<'a> {
        let end = range.end.min(self.indices.len());
        let indices = &self.indices[range.start.min(end)..end];
        if indices.len() == self.indices.len() {
            return self;
        }
        Cards { indices, print: self.prints.list_print(indices), ..self }
    }

    pub(crate) fn len(&self) -> usize {
        self.indices.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Card<'a>> + '_ {
        self.indices.iter().map(|&i| self.prints.card(self.site, i))
    }
}

/// The fingerprint of the cards of the case studies at `indices`, given every case study's.
fn cards_print(cases: &[(u64, u64)], indices: &[usize]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    for &i in indices {
        (i, cases[i].1).hash(&mut h);
    }
    h.finish()
}

/// What a case study's card shows: the fields `views::case_card` reads.
fn card_print(c: &Case) -> u64 {
    fingerprint(&(&c.slug, &c.title, c.area, &c.themes, &c.point, c.sample))
}

/// The fingerprints of one build's model items, and which case studies each theme and area
/// lists, made once per build for every page's inputs.
pub(crate) struct Prints {
    /// Every case study: its fingerprint and its card's.
    cases: Vec<(u64, u64)>,
    themes: Vec<u64>,
    areas: Vec<u64>,
    years: Vec<u64>,
    /// The case studies of each theme and of each area (indices into `Site::cases`), in order.
    pub(crate) theme_cases: Vec<Vec<usize>>,
    pub(crate) area_cases: Vec<Vec<usize>>,
    /// The fingerprint of the cards of each theme's and each area's case studies.
    theme_cards: Vec<u64>,
    area_cards: Vec<u64>,
}

impl Prints {
    pub(crate) fn of(site: &Site, memo: &RenderMemo) -> Prints {
        let mut theme_cases = vec![Vec::new(); site.themes.len()];
        let mut area_cases = vec![Vec::new(); site.areas.len()];
        for (i, c) in site.cases.iter().enumerate() {
            area_cases[c.area].push(i);
            for &t in &c.themes {
                theme_cases[t].push(i);
            }
        }
        let cases = case_prints(site, memo);
        let list_print = |indices: &Vec<usize>| cards_print(&cases, indices);
        let theme_cards = theme_cases.iter().map(list_print).collect();
        let area_cards = area_cases.iter().map(list_print).collect();
        Prints {
            cases,
            themes: site.themes.iter().map(fingerprint).collect(),
            areas: site.areas.iter().map(fingerprint).collect(),
            years: year_prints(site, memo),
            theme_cases,
            area_cases,
            theme_cards,
            area_cards,
        }
    }

    /// The fingerprint of the cards of the case studies at `indices`.
    fn list_print(&self, indices: &[usize]) -> u64 {
        cards_print(&self.cases, indices)
    }

    /// The cards of theme `i`'s case studies.
    pub(crate) fn theme_cards<'a>(&'a self, site: &'a Site, i: usize) -> Cards<'a> {
        Cards { site, prints: self, indices: &self.theme_cases[i], print: self.theme_cards[i] }
    }

    /// The cards of area `i`'s case studies.
    pub(crate) fn area_cards<'a>(&'a self, site: &'a Site, i: usize) -> Cards<'a> {
        Cards { site, prints: self, indices: &self.area_cases[i], print: self.area_cards[i] }
    }

    /// What the open data files show besides what every page shows: the progress years, and
    /// the areas and themes they name.
    pub(crate) fn data(&self) -> u64 {
        fingerprint(&(&self.years, &self.areas, &self.themes))
    }

    pub(crate) fn case<'a>(&self, site: &'a Site, i: usize) -> Printed<'a, Case> {
        Printed { item: &site.cases[i], print: self.cases[i].0 }
    }

    pub(crate) fn card<'a>(&self, site: &'a Site, i: usize) -> Card<'a> {
        Card { index: i, case: &site.cases[i], print: self.cases[i].1 }
    }

    pub(crate) fn theme<'a>(&self, site: &'a Site, i: usize) -> Printed<'a, Theme> {
        Printed { item: &site.themes[i], print: self.themes[i] }
    }

    pub(crate) fn area<'a>(&self, site: &'a Site, i: usize) -> Printed<'a, Area> {
        Printed { item: &site.areas[i], print: self.areas[i] }
    }

    pub(crate) fn year<'a>(&self, site: &'a Site, i: usize) -> Printed<'a, ProgressYear> {
        Printed { item: &site.progress[i], print: self.years[i] }
    }
}

/// The fingerprints of every case study and of its card, in list order. Hashing thousands of
/// case studies on every rebuild would cost more than rendering the one that changed: an
/// unchanged case is the same `Arc` as in the last build, with known prints, usually at the
/// same place in the list.
fn case_prints(site: &Site, memo: &RenderMemo) -> Vec<(u64, u64)> {
    use rayon::prelude::*;
    let mut last = memo.case_prints.lock().ok();
    let previous: &[CasePrints] = last.as_deref().map_or(&[], |v| v.as_slice());
    // A case study not at its last place is looked up among all of the last build's, by its
    // address, from the second one on: after an edit in place there is one, an edited case
    // (a new `Arc`, found nowhere), and listing 100,000 cases for it would be wasted. (Cases
    // added, removed or moved put a second one out of place; the first is then made anew.)
    let mut moved: Option<HashMap<*const Case, (u64, u64)>> = None;
    let mut elsewhere = 0;
    let known: Vec<Option<(u64, u64)>> = site
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| match previous.get(i) {
            Some((old, fp, card)) if Arc::ptr_eq(old, c) => Some((*fp, *card)),
            _ => {
                elsewhere += 1;
                (elsewhere > 1)
                    .then(|| {
                        moved
                            .get_or_insert_with(|| {
                                previous.iter().map(|(c, fp, card)| (Arc::as_ptr(c), (*fp, *card))).collect()
                            })
                            .get(&Arc::as_ptr(c))
                            .copied()
                    })
                    .flatten()
            }
        })
        .collect();
    let both: Vec<(u64, u64)> = site
        .cases
        .par_iter()
        .zip(known)
        .map(|(c, k)| k.unwrap_or_else(|| (fingerprint(&**c), card_print(c))))
        .collect();
    if let Some(last) = last.as_mut() {
        **last = site.cases.iter().zip(&both).map(|(c, (fp, card))| (c.clone(), *fp, *card)).collect();
    }
    both
}

/// The fingerprint of each progress year: that of the last build while the year is the very
/// same `Arc` (a year is thousands of values).
fn year_prints(site: &Site, memo: &RenderMemo) -> Vec<u64> {
    let mut last = memo.year_prints.lock().ok();
    let previous: &[(Arc<ProgressYear>, u64)] = last.as_deref().map_or(&[], |v| v.as_slice());
    let prints: Vec<u64> = site
        .progress
        .iter()
        .map(|y| previous.iter().find(|(old, _)| Arc::ptr_eq(old, y)).map_or_else(|| fingerprint(&**y), |(_, fp)| *fp))
        .collect();
    if let Some(last) = last.as_mut() {
        **last = site.progress.iter().cloned().zip(prints.iter().copied()).collect();
    }
    prints
}
