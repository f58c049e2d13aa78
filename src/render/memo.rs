//! What one build keeps for the next, inside the one pipeline: rendered Markdown bodies by
//! their source, and pages by a fingerprint of exactly the model items they show. A rebuild
//! after one edit renders the bodies and pages whose inputs changed and reuses the bytes of the
//! rest, which are the bytes a cold build would produce (a test compares them).

use super::markdown::Rendered;
use crate::model::progress::ProgressYear;
use crate::model::{Case, Site};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// Rendered bodies by file, with the hash of the source each was rendered from.
pub(crate) type RenderedBodies = HashMap<String, (u64, Arc<Rendered>)>;

/// A case study with its fingerprint and its card's.
pub(crate) type CasePrints = (Arc<Case>, u64, u64);

/// A value and the fingerprint of what it was made from.
pub(crate) type Keyed<T> = (u64, T);

/// Caches of rendered bodies and pages, filled by each build.
#[derive(Default)]
pub(crate) struct RenderMemo {
    /// The bodies of the last build: file → (source hash, rendered body).
    pub(crate) bodies: Mutex<Arc<RenderedBodies>>,
    /// Output path → (fingerprint of the inputs, bytes).
    pub(crate) files: Mutex<HashMap<String, Keyed<Arc<[u8]>>>>,
    /// The last build's case studies in order, with their fingerprints and their cards'.
    pub(crate) case_prints: Mutex<Vec<CasePrints>>,
    /// The last build's progress years and their fingerprint.
    pub(crate) progress_print: Mutex<Option<(Vec<Arc<ProgressYear>>, u64)>>,
    /// Files rendered (not reused) by the last build.
    pub(crate) rendered: std::sync::atomic::AtomicUsize,
    /// Files asked for by the last build, rendered or reused.
    pub(crate) asked: std::sync::atomic::AtomicUsize,
}

impl RenderMemo {
    /// The bytes of `path` if its inputs have the fingerprint `key`, else renders and keeps them.
    pub(crate) fn file<E>(
        &self,
        path: &str,
        key: u64,
        render: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Arc<[u8]>, E> {
        self.asked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Some((k, bytes)) = self.files.lock().ok().and_then(|m| m.get(path).cloned()) {
            if k == key {
                return Ok(bytes);
            }
        }
        let bytes: Arc<[u8]> = render()?.into();
        self.rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut m) = self.files.lock() {
            m.insert(path.to_string(), (key, bytes.clone()));
        }
        Ok(bytes)
    }
}

impl RenderMemo {
    /// Starts counting the files of a new build.
    pub(crate) fn begin(&self) {
        self.rendered.store(0, std::sync::atomic::Ordering::Relaxed);
        self.asked.store(0, std::sync::atomic::Ordering::Relaxed);
    }

    /// Forgets files that `site` no longer has (pages of a deleted case study, a renamed year),
    /// when there can be some.
    pub(crate) fn forget_all_but(&self, site: &crate::output::RenderedSite) {
        let asked = self.asked.load(std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut m) = self.files.lock() {
            if m.len() > asked {
                m.retain(|path, _| site.get(path).is_some());
            }
        }
    }
}

pub(crate) use crate::reuse::fingerprint;

/// Fingerprints of the parts of the model that pages depend on.
pub(crate) struct Prints {
    /// What the layout of every page shows (configuration, the names of themes and areas, the
    /// structure's title, the progress years): every page depends on this (and on its
    /// template: `Templates::fingerprint`).
    pub(crate) global: u64,
    /// The plan overview (the home and overview pages).
    pub(crate) plan: u64,
    /// The promotion structure (its page).
    pub(crate) structure: u64,
    /// Whole themes and areas (their own pages, progress pages and open data).
    pub(crate) themes: Vec<u64>,
    pub(crate) areas: Vec<u64>,
    /// The cards of the case studies of each theme and of each area, in list order.
    pub(crate) theme_cases: Vec<u64>,
    pub(crate) area_cases: Vec<u64>,
    /// Whole case studies (their own pages).
    pub(crate) cases: Vec<u64>,
    pub(crate) progress: u64,
    /// Everything listing pages and the home page show: the cards of themes, areas and cases.
    pub(crate) lists: u64,
}

/// What a case study's card in a list shows.
fn card(c: &Case) -> u64 {
    fingerprint(&(&c.slug, &c.title, c.area, &c.themes, &c.point, c.sample, c.published))
}

impl Prints {
    pub(crate) fn of(site: &Site, memo: &RenderMemo) -> Prints {
        let labels: Vec<_> = site
            .themes
            .iter()
            .map(|t| (&t.slug, &t.title))
            .chain(site.areas.iter().map(|a| (&a.slug, &a.name)))
            .collect();
        let years: Vec<_> = site.progress.iter().map(|y| y.year).collect();
        let global = fingerprint(&(&site.config, &site.structure.title, labels, years));
        let (cases, cards) = case_prints(site, memo);
        // A case's card is listed on the pages of its area and of each of its themes.
        let mut theme_cases = vec![DefaultHasher::new(); site.themes.len()];
        let mut area_cases = vec![DefaultHasher::new(); site.areas.len()];
        for (c, card) in site.cases.iter().zip(&cards) {
            card.hash(&mut area_cases[c.area]);
            for &t in &c.themes {
                card.hash(&mut theme_cases[t]);
            }
        }
        let theme_cards: Vec<_> = site.themes.iter().map(|t| (&t.slug, t.number, &t.title, &t.summary)).collect();
        let area_cards: Vec<_> = site.areas.iter().map(|a| (&a.slug, &a.name, &a.slogan)).collect();
        Prints {
            global,
            plan: fingerprint(&site.plan),
            structure: fingerprint(&site.structure),
            themes: site.themes.iter().map(fingerprint).collect(),
            areas: site.areas.iter().map(fingerprint).collect(),
            theme_cases: theme_cases.iter().map(Hasher::finish).collect(),
            area_cases: area_cases.iter().map(Hasher::finish).collect(),
            lists: fingerprint(&(&cards, theme_cards, area_cards)),
            cases,
            progress: progress_print(site, memo),
        }
    }
}

/// The fingerprints of every case study and of its card, in list order. Hashing thousands of
/// case studies on every rebuild would cost more than rendering the one that changed: an
/// unchanged case is the same `Arc` as in the last build, with known prints, usually at the
/// same place in the list.
fn case_prints(site: &Site, memo: &RenderMemo) -> (Vec<u64>, Vec<u64>) {
    use rayon::prelude::*;
    let mut last = memo.case_prints.lock().ok();
    let previous: &[CasePrints] = last.as_deref().map_or(&[], |v| v.as_slice());
    let mut moved: Option<HashMap<*const Case, (u64, u64)>> = None;
    let known: Vec<Option<(u64, u64)>> = site
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| match previous.get(i) {
            Some((old, fp, card)) if Arc::ptr_eq(old, c) => Some((*fp, *card)),
            _ => moved
                .get_or_insert_with(|| previous.iter().map(|(c, fp, card)| (Arc::as_ptr(c), (*fp, *card))).collect())
                .get(&Arc::as_ptr(c))
                .copied(),
        })
        .collect();
    let both: Vec<(u64, u64)> =
        site.cases.par_iter().zip(known).map(|(c, k)| k.unwrap_or_else(|| (fingerprint(&**c), card(c)))).collect();
    if let Some(last) = last.as_mut() {
        **last = site.cases.iter().zip(&both).map(|(c, (fp, card))| (c.clone(), *fp, *card)).collect();
    }
    both.into_iter().unzip()
}

/// The fingerprint of all progress data: that of the last build while its years are the very
/// same (they are thousands of values).
fn progress_print(site: &Site, memo: &RenderMemo) -> u64 {
    let mut last = memo.progress_print.lock().ok();
    let hit = last.as_deref().and_then(Option::as_ref).filter(|(years, _)| {
        years.len() == site.progress.len() && years.iter().zip(&site.progress).all(|(a, b)| Arc::ptr_eq(a, b))
    });
    if let Some((_, fp)) = hit {
        return *fp;
    }
    let fp = fingerprint(&site.progress);
    if let Some(last) = last.as_mut() {
        **last = Some((site.progress.clone(), fp));
    }
    fp
}
