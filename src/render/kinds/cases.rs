//! The list of case studies, grouped by area, cut into pages (`pagination:` in site.yaml): the
//! first at `cases/`, then `cases/page/2/`…; an area whose case studies run over a page break
//! has its heading on both pages.

use crate::model::{Shown, Site};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::memo::Cards;
use crate::render::paginate::Paging;
use crate::render::routes::Route;
use crate::render::views::*;
use crate::text::record::{Kind, Record, Weight};
use serde::Serialize;

pub(crate) struct Cases;

#[derive(Serialize)]
pub(crate) struct CaseGroup<'a> {
    area: AreaCard<'a>,
    cases: Vec<CaseCard<'a>>,
}

#[derive(Serialize)]
pub(crate) struct View<'a> {
    groups: Vec<CaseGroup<'a>>,
}

impl PageKind for Cases {
    const TEMPLATE: &'static str = "cases.html";
    const SECTION: Option<Route<'static>> = Some(Route::Cases);
    /// The page of the list.
    type Id<'a> = Paging;
    /// Each area with case studies on the page, and the cards of its case studies there.
    type Inputs<'a> = Vec<(AreaCardIn<'a>, Cards<'a>)>;
    type View<'a> = View<'a>;

    /// The list exists only if the site has case studies.
    fn ids(site: &Site) -> Vec<Paging> {
        if site.cases.is_empty() {
            vec![]
        } else {
            Paging::all(site.cases.len(), site.config.pagination.page_size)
        }
    }

    fn route<'a>(p: Paging) -> Route<'a> {
        Route::Cases.page(p.number)
    }

    fn paging(p: Paging) -> Option<Paging> {
        Some(p)
    }

    /// The list, of lower weight: what its first page shows, each area's heading there with the
    /// titles of its case studies on that page (a part each, at the area's section), as the other
    /// lists' records are their first pages' own text; search finds the case studies themselves.
    /// With every case study's title the record grew with the site: at N = 100,000 one document
    /// of 100,000 titles, fetched whole to show it as a result, in the postings of every word
    /// of a title, and a list of its distinct words so long that the index's work for every
    /// document after it grew with it.
    fn records<'a>(b: &RecordCx<'a>, p: Paging, out: &mut Vec<Record<'a>>) {
        if !p.is_first() {
            return;
        }
        // The list is the areas' case studies one area after another ([`Cases::inputs`]).
        let mut left = p.range(b.site.cases.len()).len();
        let mut parts = Vec::new();
        for (i, a) in b.site.areas.iter().enumerate() {
            if left == 0 {
                break;
            }
            let titles: Vec<_> = b.site.cases.iter().filter(|c| c.area == i).take(left).map(|c| &c.title).collect();
            if !titles.is_empty() {
                left -= titles.len();
                // (The template numbers the page's sections of areas from 1: `group-1`…)
                let anchor = format!("group-{}", parts.len() + 1);
                parts.push(b.texts_part(anchor, b.t(&a.name), &titles).heading_in(b.lang(&a.name)));
            }
        }
        let mut r = b.record(Route::Cases, b.ui("cases"), Kind::Page, parts);
        r.weight = Weight::Lower;
        out.push(r);
    }

    /// The list is the areas' case studies one area after another: the page shows the part of
    /// it in its range.
    fn inputs<'a>(cx: &Cx<'a>, p: Paging) -> Self::Inputs<'a> {
        let total = cx.prints.area_cases.iter().map(Vec::len).sum();
        let range = p.range(total);
        let mut start = 0;
        let mut groups = Vec::new();
        for (i, cases) in cx.prints.area_cases.iter().enumerate() {
            let end = start + cases.len();
            let (from, to) = (range.start.max(start), range.end.min(end));
            if from < to {
                groups.push((cx.area_card(i), cx.prints.area_cards(cx.site, i).slice(from - start..to - start)));
            }
            start = end;
        }
        groups
    }

    fn view<'a>(page: &Page<'a>, groups: Self::Inputs<'a>) -> Built<View<'a>> {
        let groups = groups
            .into_iter()
            .map(|(area, cases)| CaseGroup {
                area: area_card(page, area),
                cases: cases.iter().map(|c| case_card(page, c)).collect(),
            })
            .collect();
        let heading = page.label("cases");
        Built { description: heading.to_string(), heading: Heading::own(heading), trail: vec![], view: View { groups } }
    }

    fn nav<'a>(page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
        page.global.has_cases().then(|| (Route::Cases, page.tr.own(page.label("cases"))))
    }
}
