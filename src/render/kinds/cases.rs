//! The list of case studies, grouped by area.

use crate::model::{Shown, Site};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::memo::Cards;
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
    type Id<'a> = ();
    /// Each area with case studies, and its case studies' cards.
    type Inputs<'a> = Vec<(AreaCardIn<'a>, Cards<'a>)>;
    type View<'a> = View<'a>;

    /// The list exists only if the site has case studies.
    fn ids(site: &Site) -> Vec<()> {
        if site.cases.is_empty() {
            vec![]
        } else {
            vec![()]
        }
    }

    fn route<'a>(_: ()) -> Route<'a> {
        Route::Cases
    }

    /// The list, of lower weight: every case study's title, under its area's name.
    fn records<'a>(b: &RecordCx<'a>, _: (), out: &mut Vec<Record>) {
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
        let mut r = b.record(Route::Cases, &b.ui("cases"), Kind::Page, parts);
        r.weight = Weight::Lower;
        out.push(r);
    }

    fn inputs<'a>(cx: &Cx<'a>, _: ()) -> Self::Inputs<'a> {
        (0..cx.site.areas.len())
            .filter(|&i| !cx.prints.area_cases[i].is_empty())
            .map(|i| (cx.area_card(i), cx.prints.area_cards(cx.site, i)))
            .collect()
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
