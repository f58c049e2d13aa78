//! An area's progress in a fiscal year: its summary (総括表) and every district's items, each
//! item a search record of its own. An area with more items than a page shows
//! (`pagination: {progress_page_size}` in site.yaml) shows the summary on its first page and
//! the items page by page (`progress/<year>/<area>/page/2/`…), a district's heading on each page
//! its items are on; an item's anchor is the same on whichever page it is.

use crate::model::progress::ProgressYear as YearItem;
use crate::model::{Area, FiscalYear, Shown, Site};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::memo::Printed;
use crate::render::paginate::Paging;
use crate::render::progress::{area_summary_view, rating_view, year_links, years_in, RatingView};
use crate::render::progress::{YearIn, YearLink};
use crate::render::routes::{progress_anchor, Item, Route};
use crate::render::views::*;
use crate::text::record::{Kind, Record};
use serde::Serialize;

pub(crate) struct ProgressArea;

/// The year's place in `Site::progress`, the year, the area's place in the year's `areas`,
/// the area, and the page of its items.
pub(crate) type Id<'a> = (usize, FiscalYear, usize, Item<'a>, Paging);

/// The number of progress items of an area in a year.
fn item_count(p: &crate::model::progress::AreaProgress) -> usize {
    p.districts.iter().map(|d| d.items.len()).sum()
}

#[derive(Hash)]
pub(crate) struct Inputs<'a> {
    /// The page: which items it shows, and whether it shows the summary (the first).
    paging: Paging,
    /// The year's place in `Site::progress` (its summary's place among the shared parts).
    yi: usize,
    year: Printed<'a, YearItem>,
    /// The area's place in the year's `areas`.
    at: usize,
    area: Printed<'a, Area>,
    years: Vec<YearIn>,
}

#[derive(Serialize)]
pub(crate) struct ItemView<'a> {
    /// The row's id: search results link to it.
    anchor: String,
    policy: Option<u32>,
    priority: bool,
    item: Shown<'a>,
    themes: Vec<Shown<'a>>,
    target: Shown<'a>,
    result: Option<Shown<'a>>,
    rating: RatingView<'a>,
    next_target: Shown<'a>,
    issues: Option<Shown<'a>>,
}

#[derive(Serialize)]
pub(crate) struct DistrictView<'a> {
    name: Shown<'a>,
    population: Option<String>,
    households: Option<String>,
    counted_on: Option<String>,
    items: Vec<ItemView<'a>>,
}

#[derive(Serialize)]
pub(crate) struct View<'a> {
    name: Shown<'a>,
    /// Whether the area has basic policies (else its items have no policy column).
    has_policies: bool,
    /// What a district is called (site.yaml `district_term`, else the theme's UI string).
    district_term: Shown<'a>,
    note: Option<Shown<'a>>,
    /// The area's summary of the year ([`AreaSummaryView`]), made once and shared by the
    /// area's pages. Every page has it (a site's own template may show it on each), but it is
    /// the first page's content, which the theme shows there only: its untranslated texts
    /// make the first page say it is untranslated, not the later ones.
    ///
    /// [`AreaSummaryView`]: crate::render::progress::AreaSummaryView
    summary: tera::Value,
    /// The first page, which shows the summary.
    first: bool,
    districts: Vec<DistrictView<'a>>,
    years: Vec<YearLink>,
    area_href: String,
    year_href: String,
    data_csv: String,
    data_json: String,
}

/// `12345` → `12,345`.
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl PageKind for ProgressArea {
    const TEMPLATE: &'static str = "progress_area.html";
    const SECTION: Option<Route<'static>> = Some(Route::Progress);
    type Id<'a> = Id<'a>;
    type Inputs<'a> = Inputs<'a>;
    type View<'a> = View<'a>;

    fn ids(site: &Site) -> Vec<Id<'_>> {
        let mut ids = Vec::new();
        let size = site.config.pagination.progress_page_size;
        for (yi, y) in site.progress.iter().enumerate() {
            for (ai, p) in y.areas.iter().enumerate() {
                for paging in Paging::all(item_count(p), size) {
                    ids.push((yi, y.year, ai, Item { index: p.area, slug: &site.areas[p.area].slug }, paging));
                }
            }
        }
        ids
    }

    fn route<'a>((_, year, _, area, paging): Self::Id<'a>) -> Route<'a> {
        Route::ProgressArea(year, area).page(paging.number)
    }

    fn paging((.., paging): Id<'_>) -> Option<Paging> {
        Some(paging)
    }

    /// The newest day the year's figures were counted on, else the site's date.
    fn updated(cx: &Cx<'_>, (yi, ..): Id<'_>) -> Option<crate::model::Date> {
        crate::render::progress::counted_on(&cx.site.progress[yi]).or(cx.site.config.updated)
    }

    fn inputs<'a>(cx: &Cx<'a>, (yi, _, at, area, paging): Id<'a>) -> Inputs<'a> {
        Inputs {
            paging,
            yi,
            year: cx.prints.year(cx.site, yi),
            at,
            area: cx.prints.area(cx.site, area.index),
            years: years_in(cx.site, Some(area.index)),
        }
    }

    fn view<'a>(page: &Page<'a>, inputs: Inputs<'a>) -> Built<View<'a>> {
        let (tr, global, lang) = (&page.tr, &page.global, page.tr.tag);
        let (y, area) = (inputs.year.item, inputs.area.item);
        let p = &y.areas[inputs.at];
        let first = inputs.paging.is_first();
        // The items of the page: their positions in the area's list, district after district.
        let range = inputs.paging.range(item_count(p));
        let mut start = 0;
        let districts = p
            .districts
            .iter()
            .enumerate()
            .filter_map(|(di, d)| {
                let (from, to) = (range.start.max(start), range.end.min(start + d.items.len()));
                let shown = (from - start.min(from))..(to.max(start) - start);
                start += d.items.len();
                (from < to).then_some((di, d, shown))
            })
            .map(|(di, d, shown)| DistrictView {
                name: tr.t(&d.name),
                population: d.population.map(grouped),
                households: d.households.map(grouped),
                counted_on: d.counted_on.map(|c| c.as_of(lang)),
                items: d
                    .items
                    .iter()
                    .enumerate()
                    .skip(shown.start)
                    .take(shown.len())
                    .map(|(ii, i)| ItemView {
                        anchor: progress_anchor(di, ii),
                        policy: i.policy,
                        priority: i.priority,
                        item: tr.t(&i.item),
                        themes: i.themes.iter().map(|&t| tr.t(global.theme_title(t))).collect(),
                        target: tr.t(&i.target),
                        result: tr.opt(&i.result),
                        rating: rating_view(page.ui, i.rating),
                        next_target: tr.t(&i.next_target),
                        issues: tr.opt(&i.issues),
                    })
                    .collect(),
            })
            .collect();
        let item = Item { index: p.area, slug: &area.slug };
        let year = y.year.label(tr.tag);
        let summary = page.shared(SharedPart::AreaSummary { year: inputs.yi, area: inputs.at }, first, || {
            area_summary_view(page, area, (y, p))
        });
        let district_term = global.config().district_term.as_ref();
        let view = View {
            name: tr.t(&area.name),
            has_policies: !area.policies.is_empty(),
            district_term: district_term.map_or_else(|| tr.own(page.label("district")), |t| tr.t(t)),
            // Shown on the first page (an untranslated note makes only that page say so).
            note: if first { tr.opt(&y.note) } else { tr.quietly(|| tr.opt(&y.note)) },
            summary,
            first,
            districts,
            years: year_links(page, &inputs.years, y.year.0, Some(item)),
            area_href: page.href(Route::Area(item)),
            year_href: page.href(Route::ProgressYear(y.year)),
            data_csv: page.link.to(&format!("data/progress-{}.csv", y.year.0)),
            data_json: page.link.to(&format!("data/progress-{}.json", y.year.0)),
        };
        let heading = [view.name.text, &year, page.label("progress")].join(page.label("title_join"));
        Built {
            description: heading.clone(),
            heading: Heading::around(heading, &view.name),
            trail: vec![
                Crumb::new(page.label("progress"), page.href(Route::Progress)),
                Crumb::new(&year, view.year_href.clone()),
            ],
            view,
        }
    }

    /// One record per progress item, linking to its row (search shows the items of one page
    /// as one result).
    fn records<'a>(b: &RecordCx<'a>, (yi, _, at, area_id, paging): Id<'a>, out: &mut Vec<Record<'a>>) {
        let y = &b.site.progress[yi];
        let ap = &y.areas[at];
        // The records of the items on this page (their position in the area's list decides
        // which page that is).
        let range = paging.range(item_count(ap));
        let mut first = 0;
        for (di, d) in ap.districts.iter().enumerate() {
            // The district's items on this page, found from where its list starts, not by
            // going through the area's list for every page of it.
            let (from, to) = (range.start.saturating_sub(first), range.end.saturating_sub(first).min(d.items.len()));
            first += d.items.len();
            for (ii, item) in d.items.iter().enumerate().take(to).skip(from) {
                let texts: Vec<_> =
                    [Some(&item.target), item.result.as_ref(), Some(&item.next_target), item.issues.as_ref()]
                        .into_iter()
                        .flatten()
                        .collect();
                let anchor = progress_anchor(di, ii);
                // The district's heading on the page; the area is the record's own, and the
                // year is the page's (its summary page is what a search for the year finds).
                let parts = vec![b.texts_part(anchor, b.t(&d.name), &texts).heading_in(b.lang(&d.name))];
                let route = Route::ProgressArea(y.year, area_id).page(paging.number);
                let mut r = b.record(route, b.t(&item.item), Kind::Progress, parts).title_in(b.lang(&item.item));
                r.area = Some(ap.area);
                r.themes = item.themes.clone();
                r.year = Some(y.year.0);
                out.push(r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(grouped(24816), "24,816");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(grouped(999), "999");
    }
}
