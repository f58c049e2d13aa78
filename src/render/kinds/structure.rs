//! The promotion structure: its bodies, who reports to whom, and the diagram.

use crate::model::{Shown, Site, Structure as StructureItem};
use crate::render::diagram;
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::routes::Route;
use crate::render::views::*;
use crate::text::record::{Kind, Part, Record};
use serde::Serialize;

pub(crate) struct Structure;

#[derive(Serialize)]
pub(crate) struct OrgBodyView<'a> {
    id: &'a str,
    name: Shown<'a>,
    role: Shown<'a>,
    reports: Vec<ReportView<'a>>,
}

#[derive(Serialize)]
pub(crate) struct ReportView<'a> {
    to: Shown<'a>,
    to_id: &'a str,
    label: Option<Shown<'a>>,
}

#[derive(Serialize)]
pub(crate) struct View<'a> {
    title: Shown<'a>,
    bodies: Vec<OrgBodyView<'a>>,
    diagram: String,
    body: Option<BodyView<'a>>,
    sample: bool,
}

impl PageKind for Structure {
    const TEMPLATE: &'static str = "structure.html";
    const SECTION: Option<Route<'static>> = Some(Route::Structure);
    /// The structure itself: the page exists only if the plan has one.
    type Id<'a> = &'a StructureItem;
    type Inputs<'a> = &'a StructureItem;
    type View<'a> = View<'a>;

    fn ids(site: &Site) -> Vec<&StructureItem> {
        site.structure.iter().collect()
    }

    fn route<'a>(_: Self::Id<'a>) -> Route<'a> {
        Route::Structure
    }

    fn updated(cx: &Cx<'_>, s: &StructureItem) -> Option<crate::model::Date> {
        s.updated.or(cx.site.config.updated)
    }

    fn inputs<'a>(_: &Cx<'a>, s: Self::Id<'a>) -> &'a StructureItem {
        s
    }

    fn view<'a>(page: &Page<'a>, s: &'a StructureItem) -> Built<View<'a>> {
        let tr = &page.tr;
        let bodies: Vec<OrgBodyView> = s
            .bodies
            .iter()
            .map(|b| OrgBodyView {
                id: &b.id,
                name: tr.t(&b.name),
                role: tr.t(&b.role),
                reports: b
                    .reports_to
                    .iter()
                    .map(|&i| ReportView {
                        to: tr.t(&s.bodies[i].name),
                        to_id: &s.bodies[i].id,
                        label: tr.opt(&b.report),
                    })
                    .collect(),
            })
            .collect();
        let diagram = diagram::render(s, tr, page.label("diagram_title"), page.ui);
        let view = View { title: tr.t(&s.title), diagram, body: tr.body(&s.body), sample: s.sample, bodies };
        let description = view.bodies.iter().map(|b| b.name.text).collect::<Vec<_>>().join(" / ");
        Built { heading: Heading::of(&view.title), description, trail: vec![], view }
    }

    fn nav<'a>(page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
        page.global.structure_title().map(|title| (Route::Structure, page.tr.t(title)))
    }

    fn records<'a>(b: &RecordCx<'a>, s: Self::Id<'a>, out: &mut Vec<Record<'a>>) {
        let mut parts = vec![Part::new("", b.t(&s.title), "").heading_in(b.lang(&s.title))];
        parts.extend(
            s.bodies
                .iter()
                .map(|o| b.texts_part(format!("body-{}", o.id), b.t(&o.name), &[&o.role]).heading_in(b.lang(&o.name))),
        );
        b.body(&s.body, &mut parts);
        out.push(b.record(Route::Structure, b.t(&s.title), Kind::Page, parts).title_in(b.lang(&s.title)));
    }
}
