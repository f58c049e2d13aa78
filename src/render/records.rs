//! The search records of every page in one language, made where the index asks for them: each
//! kind of page gives its records (`PageKind::records`), and the list knows only where each
//! page's records start. At N = 100,000 a language's records, made all at once, were some
//! 100 MB of the index stage's peak (the stage's own peak, and the build's); the index reads them
//! a pack of documents at a time.

use super::kind::{PageKind, RecordCx};
use super::kinds::{table, Visit};
use crate::model::Site;
use crate::text::bodies::Bodies;
use crate::text::record::{Record, RecordSource};
use crate::text::ui::UiStrings;
use rayon::prelude::*;
use std::ops::Range;
use std::sync::Arc;

/// The pages of one kind, and how to make the records of each.
trait KindPages<'a>: Send + Sync {
    /// How many pages of the kind there are.
    fn len(&self) -> usize;
    /// Adds the records of the kind's page `i` (in the kind's order).
    fn records(&self, cx: &RecordCx<'a>, i: usize, out: &mut Vec<Record<'a>>);
}

/// The pages of kind `K`.
struct Pages<'a, K: PageKind>(Vec<K::Id<'a>>, std::marker::PhantomData<fn() -> K>);

impl<'a, K: PageKind> KindPages<'a> for Pages<'a, K> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn records(&self, cx: &RecordCx<'a>, i: usize, out: &mut Vec<Record<'a>>) {
        if let Some(&id) = self.0.get(i) {
            K::records(cx, id, out);
        }
    }
}

/// The pages of every kind, in the table's order.
fn kinds(site: &Site) -> Vec<Box<dyn KindPages<'_> + '_>> {
    struct Kinds<'a>(&'a Site, Vec<Box<dyn KindPages<'a> + 'a>>);
    impl Visit for Kinds<'_> {
        fn kind<K: PageKind>(&mut self) {
            self.1.push(Box::new(Pages::<K>(K::ids(self.0), std::marker::PhantomData)));
        }
    }
    let mut k = Kinds(site, Vec::new());
    table(&mut k);
    k.1
}

/// Where each page's records are: what depends on the site and the language only, the same
/// whatever bodies the records are made with.
struct Places {
    /// Each page with records: its kind (in the table's order) and its place among the kind's
    /// pages.
    pages: Vec<(u32, u32)>,
    /// Where the records of each page start, and after the last, how many there are.
    starts: Vec<usize>,
}

/// The search records of every page in one language, in the table's order (see the module).
pub(crate) struct RecordList<'a> {
    cx: RecordCx<'a>,
    kinds: Vec<Box<dyn KindPages<'a> + 'a>>,
    places: Arc<Places>,
}

impl<'a> RecordList<'a> {
    /// The records of `site`'s pages in `lang`, with the bodies' parts `bodies` gives. Each
    /// page's records are made once here, in parallel, to count them.
    pub(crate) fn new(site: &'a Site, lang: &'a str, ui: &'a UiStrings, bodies: &'a Bodies) -> Self {
        let cx = RecordCx { site, lang, ui, bodies };
        let kinds = kinds(site);
        let mut pages = Vec::new();
        let mut starts = vec![0];
        for (k, of_kind) in kinds.iter().enumerate() {
            let count = |i: usize| {
                let mut out = Vec::new();
                of_kind.records(&cx, i, &mut out);
                out.len()
            };
            let made: Vec<usize> = (0..of_kind.len()).into_par_iter().map(count).collect();
            for (i, n) in made.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                pages.push((k as u32, i as u32));
                starts.push(starts.last().copied().unwrap_or(0) + n);
            }
        }
        RecordList { cx, kinds, places: Arc::new(Places { pages, starts }) }
    }

    /// The same pages' records with the bodies' parts `bodies` gives (not counted again: a
    /// page's bodies make its records' parts, never how many records it has).
    pub(crate) fn with_bodies<'b>(&self, bodies: &'b Bodies) -> RecordList<'b>
    where
        'a: 'b,
    {
        let RecordCx { site, lang, ui, .. } = self.cx;
        RecordList { cx: RecordCx { site, lang, ui, bodies }, kinds: kinds(site), places: self.places.clone() }
    }

    /// The records' language.
    pub(crate) fn lang(&self) -> &'a str {
        self.cx.lang
    }

    /// The bodies the records' parts are made with.
    pub(crate) fn bodies(&self) -> &'a Bodies {
        self.cx.bodies
    }
}

impl RecordSource for RecordList<'_> {
    fn len(&self) -> usize {
        self.places.starts.last().copied().unwrap_or(0)
    }

    fn make(&self, range: Range<usize>) -> Vec<Record<'_>> {
        let Places { pages, starts } = &*self.places;
        let mut out = Vec::with_capacity(range.len());
        // The last page whose records start at or before the range's start.
        let first = starts[..pages.len()].partition_point(|&s| s <= range.start).saturating_sub(1);
        let mut made = Vec::new();
        for (p, &(k, i)) in pages.iter().enumerate().skip(first) {
            let start = starts[p];
            if start >= range.end {
                break;
            }
            made.clear();
            if let Some(kind) = self.kinds.get(k as usize) {
                kind.records(&self.cx, i as usize, &mut made);
            }
            debug_assert_eq!(made.len(), starts[p + 1] - start, "a page's records counted as made");
            let skip = range.start.saturating_sub(start);
            out.extend(made.drain(..).skip(skip).take(range.end - start.max(range.start)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceTree;

    // Records made a few at a time, at any boundary (inside a page's records too), are those
    // every page gives in the table's order; so are those of the same list with other bodies.
    #[test]
    fn records_made_a_few_at_a_time_are_every_pages_in_order() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let tree = SourceTree::load(root).unwrap();
        let (raw, _) = crate::content::parse(&tree);
        let site = crate::model::resolve(raw).unwrap();
        let templates =
            super::super::templates::Templates::load(&tree, &site.config, &super::super::kinds::page_templates())
                .unwrap();
        let bodies = Bodies::render_all(&site, &templates.page_ids, &Default::default());
        for lang in ["ja", "en"] {
            let ui = &templates.strings[lang];
            // Every page's records, each kind's pages in order, the kinds in the table's.
            struct All<'a>(RecordCx<'a>, Vec<Record<'a>>);
            impl Visit for All<'_> {
                fn kind<K: PageKind>(&mut self) {
                    for id in K::ids(self.0.site) {
                        K::records(&self.0, id, &mut self.1);
                    }
                }
            }
            let mut all = All(RecordCx { site: &site, lang, ui, bodies: &bodies }, Vec::new());
            table(&mut all);
            let all = all.1;
            // Some page has several records (a progress page, one per item), so some ranges
            // below start or end inside a page's.
            assert!(all.windows(2).any(|w| w[0].url == w[1].url), "no page of several records");
            let list = RecordList::new(&site, lang, ui, &bodies);
            assert_eq!(list.len(), all.len());
            for size in [1, 2, 3, 7, 64, all.len()] {
                let made: Vec<Record> =
                    (0..all.len()).step_by(size).flat_map(|at| list.make(at..all.len().min(at + size))).collect();
                assert!(made == all, "{lang}, {size} at a time");
            }
            let again = list.with_bodies(&bodies);
            assert!(again.make(0..again.len()) == all);
            assert!(list.make(3..3).is_empty());
        }
    }
}
