//! Lists cut into pages: which pages a list of some length has, which items each shows, and
//! the numbered navigation between them (`rel="prev"`/`"next"`, the current page marked,
//! long runs of pages elided). A list's first page is at the list's own address, page N at
//! `…/page/N/` (`Route::page`); every list has at least one page, which says when it is empty.

use super::routes::{Linker, Route};
use crate::text::ui::{ui, UiStrings};
use serde::Serialize;
use std::ops::Range;

/// One page of a list: its number (from 1), how many pages the list has, and how many items
/// a page shows. Part of the page's fingerprint: the navigation shows the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Paging {
    pub(crate) number: usize,
    pub(crate) count: usize,
    pub(crate) size: usize,
}

impl Paging {
    /// The pages of a list of `len` items, `size` to a page: always at least one.
    pub(crate) fn all(len: usize, size: usize) -> Vec<Paging> {
        let size = size.max(1);
        let count = len.div_ceil(size).max(1);
        (1..=count).map(|number| Paging { number, count, size }).collect()
    }

    /// The pages of several lists (a theme's or an area's case studies: one list per item,
    /// `lens` their lengths), as (the list's index, page), in order.
    pub(crate) fn of_lists(lens: &[usize], size: usize) -> impl Iterator<Item = (usize, Paging)> + '_ {
        lens.iter().enumerate().flat_map(move |(i, &len)| Paging::all(len, size).into_iter().map(move |p| (i, p)))
    }

    /// The positions of the items this page shows, in a list of `len` items.
    pub(crate) fn range(&self, len: usize) -> Range<usize> {
        let start = (self.number - 1).saturating_mul(self.size).min(len);
        start..start.saturating_add(self.size).min(len)
    }

    /// Whether this is the list's first page (the one at the list's own address).
    pub(crate) fn is_first(&self) -> bool {
        self.number <= 1
    }
}

/// The page numbers the navigation shows, `None` for an elided run: the first and the last
/// page, and two on each side of the current one (a run of one page is shown, not elided).
fn shown(number: usize, count: usize) -> Vec<Option<usize>> {
    let near = |n: usize| n == 1 || n == count || n.abs_diff(number) <= 2;
    let mut out = Vec::new();
    let mut n = 1;
    while n <= count {
        if near(n) || (n > 1 && n < count && near(n - 1) && near(n + 1)) {
            out.push(Some(n));
            n += 1;
        } else {
            out.push(None);
            // To the next number shown, at once (a list of 3,000 pages went through them all
            // for each of its pages): the first of those around the current one, or the last.
            n = if n + 2 < number { number - 2 } else { count };
        }
    }
    out
}

/// A numbered link of the navigation, or an elided run (`number` 0, no link).
#[derive(Serialize)]
pub(crate) struct PagerItem {
    number: usize,
    href: Option<String>,
    /// What a screen reader says for the number: 「3ページ」, "Page 3".
    label: String,
    current: bool,
    gap: bool,
}

/// The navigation between the pages of a list, and what the page says of its place.
#[derive(Serialize)]
pub(crate) struct Pager {
    pub(crate) number: usize,
    pub(crate) count: usize,
    /// The navigation's accessible name.
    label: String,
    pub(crate) previous: Option<String>,
    pub(crate) next: Option<String>,
    items: Vec<PagerItem>,
}

/// The navigation of page `paging` of the list whose first page is `route`, in `lang`; none
/// for a list of one page.
pub(crate) fn pager(paging: Paging, route: Route, lang: &str, link: &Linker, strings: &UiStrings) -> Option<Pager> {
    if paging.count <= 1 {
        return None;
    }
    let href = |n: usize| link.route(route.page(n), lang);
    let items = shown(paging.number, paging.count)
        .into_iter()
        .map(|n| match n {
            Some(n) => PagerItem {
                number: n,
                href: Some(href(n)),
                label: format!("{}{n}{}", ui(strings, "page_n_before"), ui(strings, "page_n_after")),
                current: n == paging.number,
                gap: false,
            },
            None => PagerItem { number: 0, href: None, label: String::new(), current: false, gap: true },
        })
        .collect();
    Some(Pager {
        number: paging.number,
        count: paging.count,
        label: ui(strings, "pagination").to_string(),
        previous: (paging.number > 1).then(|| href(paging.number - 1)),
        next: (paging.number < paging.count).then(|| href(paging.number + 1)),
        items,
    })
}

/// What a page after the first adds to its title and heading: 「（2／5ページ）」, " (page 2 of
/// 5)"; nothing on the first page, which is the list's own.
pub(crate) fn title_suffix(paging: Paging, strings: &UiStrings) -> Option<String> {
    (paging.number > 1).then(|| {
        let (open, middle, close) =
            (ui(strings, "page_of_open"), ui(strings, "page_of_middle"), ui(strings, "page_of_close"));
        format!("{open}{}{middle}{}{close}", paging.number, paging.count)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(number: usize, count: usize) -> String {
        shown(number, count).iter().map(|n| n.map_or("…".to_string(), |n| n.to_string())).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn long_runs_of_pages_are_elided_short_ones_shown() {
        assert_eq!(numbers(1, 1), "1");
        assert_eq!(numbers(3, 5), "1 2 3 4 5");
        assert_eq!(numbers(1, 20), "1 2 3 … 20");
        assert_eq!(numbers(10, 20), "1 … 8 9 10 11 12 … 20");
        assert_eq!(numbers(20, 20), "1 … 18 19 20");
        // A gap of one page shows the page instead.
        assert_eq!(numbers(5, 9), "1 2 3 4 5 6 7 8 9");
        assert_eq!(numbers(5, 10), "1 2 3 4 5 6 7 … 10");
    }

    // Held to the rule itself for every short list: a number is shown if it is the first, the
    // last or within two of the current one, or is alone between two such; each run of others
    // is one gap.
    #[test]
    fn the_numbers_shown_follow_the_rule_for_every_page_of_every_short_list() {
        for count in 1..=40 {
            for number in 1..=count {
                let near = |n: usize| n == 1 || n == count || n.abs_diff(number) <= 2;
                let show = |n: usize| near(n) || (n > 1 && n < count && near(n - 1) && near(n + 1));
                let mut want: Vec<Option<usize>> = Vec::new();
                for n in 1..=count {
                    if show(n) {
                        want.push(Some(n));
                    } else if want.last() != Some(&None) {
                        want.push(None);
                    }
                }
                assert_eq!(shown(number, count), want, "page {number} of {count}");
            }
        }
    }

    #[test]
    fn pages_cover_the_list_once() {
        let pages = Paging::all(7, 3);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages.iter().map(|p| p.range(7)).collect::<Vec<_>>(), [0..3, 3..6, 6..7]);
        assert_eq!(Paging::all(0, 3).len(), 1, "an empty list has its one page");
        assert_eq!(Paging::all(0, 3)[0].range(0), 0..0);
    }
}
