//! The list of case studies, grouped by area, cut into pages (`pagination:` in site.yaml): the
//! first at `cases/`, then `cases/page/2/`…; an area whose case studies run over a page break
//! has its heading on both pages.

use crate::model::{Shown, Site};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::memo::Cards;
use crate::render::paginate::Paging;
use crate::render::routes::Route;
use crate::render::views::*;
use crate::text::record::{Kind, Part, Record, Weight};
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

    /// The list, of lower weight: every case study's title, under its area's name (one record,
    /// of the list's first page: search finds the case studies themselves).
    fn records<'a>(b: &RecordCx<'a>, p: Paging, out: &mut Vec<Record<'a>>) {
        if !p.is_first() {
            return;
        }
        let parts = b
            .site
            .areas
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let titles: Vec<&str> = b.site.cases.iter().filter(|c| c.area == i).map(|c| b.t(&c.title)).collect();
                (!titles.is_empty()).then(|| Part::new("", b.t(&a.name), titles.join(" ")))
            })
            .collect();
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
