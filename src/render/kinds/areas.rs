//! The list of areas (wards, districts…: the word is the site's `areas_title`).

use crate::model::{Shown, Site};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::routes::Route;
use crate::render::views::*;
use crate::text::record::{Kind, Record, Weight};
use serde::Serialize;

pub(crate) struct Areas;

#[derive(Serialize)]
pub(crate) struct View<'a> {
    title: Shown<'a>,
    site_has_cases: bool,
    areas: Vec<AreaCard<'a>>,
}

impl PageKind for Areas {
    const TEMPLATE: &'static str = "areas.html";
    const SECTION: Option<Route<'static>> = Some(Route::Areas);
    type Id<'a> = ();
    type Inputs<'a> = Vec<AreaCardIn<'a>>;
    type View<'a> = View<'a>;

    fn ids(_: &Site) -> Vec<()> {
        vec![()]
    }

    fn route<'a>(_: ()) -> Route<'a> {
        Route::Areas
    }

    /// The list, of lower weight: every area's name and slogan.
    fn records<'a>(b: &RecordCx<'a>, _: (), out: &mut Vec<Record<'a>>) {
        let texts: Vec<_> = b.site.areas.iter().flat_map(|a| std::iter::once(&a.name).chain(&a.slogan)).collect();
        let title = &b.site.config.areas_title;
        let parts = vec![b.texts_part("", "", &texts)];
        let mut r = b.record(Route::Areas, b.t(title), Kind::Page, parts).title_in(b.lang(title));
        r.weight = Weight::Lower;
        out.push(r);
    }

    fn inputs<'a>(cx: &Cx<'a>, _: ()) -> Vec<AreaCardIn<'a>> {
        cx.area_cards()
    }

    fn view<'a>(page: &Page<'a>, areas: Vec<AreaCardIn<'a>>) -> Built<View<'a>> {
        let tr = &page.tr;
        let title = &page.global.config().areas_title;
        let view = View {
            title: tr.t(title),
            site_has_cases: page.global.has_cases(),
            areas: areas.into_iter().map(|a| area_card(page, a)).collect(),
        };
        let description = view.areas.iter().map(|a| a.name.text).collect::<Vec<_>>().join(" / ");
        Built { heading: Heading::of(&tr.t(title)), description, trail: vec![], view }
    }

    fn nav<'a>(page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
        Some((Route::Areas, page.tr.t(&page.global.config().areas_title)))
    }
}
