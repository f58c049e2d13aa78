//! An area's page: slogan, basic policies, text, case studies, contacts and the latest year's
//! progress summary. An area with more case studies than a page shows (`pagination:` in
//! site.yaml) lists the rest on pages of their own (`areas/<slug>/page/2/`…), which show the
//! area's name and the list.

use crate::model::progress::ProgressYear;
use crate::model::{Area as AreaItem, Shown, Site};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::memo::{Cards, Printed};
use crate::render::paginate::Paging;
use crate::render::progress::{area_summary_view, AreaSummaryView};
use crate::render::routes::{Item, Route};
use crate::render::views::*;
use crate::text::record::{Kind, Part, Record};
use serde::Serialize;

pub(crate) struct Area;

/// The area, and the page of its case studies.
pub(crate) type Id<'a> = (Item<'a>, Paging);

#[derive(Hash)]
pub(crate) struct Inputs<'a> {
    /// Whether this is the area's own page (the first of its list), which shows the area.
    first: bool,
    area: Printed<'a, AreaItem>,
    cases: Cards<'a>,
    /// The latest year with data for the area, and the area's place in that year's data.
    latest: Option<(Printed<'a, ProgressYear>, usize)>,
}

#[derive(Serialize)]
pub(crate) struct PolicyView<'a> {
    number: u32,
    title: Shown<'a>,
}

#[derive(Serialize)]
pub(crate) struct View<'a> {
    slug: &'a str,
    name: Shown<'a>,
    slogan: Option<Shown<'a>>,
    images: Vec<FigureView<'a>>,
    area_term: Shown<'a>,
    policies: Vec<PolicyView<'a>>,
    body: Option<BodyView<'a>>,
    attachments: Vec<AttachmentView<'a>>,
    cases: Vec<CaseCard<'a>>,
    site_has_cases: bool,
    /// The area's own page, not a later page of its case studies.
    first: bool,
    contacts: Vec<ContactView<'a>>,
    sample: bool,
    /// The latest year's progress summary, if the area has progress data.
    progress: Option<AreaSummaryView<'a>>,
}

impl PageKind for Area {
    const TEMPLATE: &'static str = "area.html";
    const SECTION: Option<Route<'static>> = Some(Route::Areas);
    type Id<'a> = Id<'a>;
    type Inputs<'a> = Inputs<'a>;
    type View<'a> = View<'a>;

    fn ids(site: &Site) -> Vec<Id<'_>> {
        // As many as `memo::Prints` lists for the area.
        let mut counts = vec![0; site.areas.len()];
        for c in &site.cases {
            counts[c.area] += 1;
        }
        Paging::of_lists(&counts, site.config.pagination.page_size)
            .map(|(index, p)| (Item { index, slug: &site.areas[index].slug }, p))
            .collect()
    }

    fn route<'a>((id, p): Self::Id<'a>) -> Route<'a> {
        Route::Area(id).page(p.number)
    }

    fn paging((_, p): Id<'_>) -> Option<Paging> {
        Some(p)
    }

    fn updated(cx: &Cx<'_>, (id, _): Id<'_>) -> Option<crate::model::Date> {
        cx.site.areas[id.index].updated.or(cx.site.config.updated)
    }

    fn inputs<'a>(cx: &Cx<'a>, (id, p): Id<'a>) -> Inputs<'a> {
        // The progress summary is on the area's own page only.
        let latest = cx.site.progress.iter().enumerate().rev().filter(|_| p.is_first()).find_map(|(yi, y)| {
            y.areas.iter().position(|p| p.area == id.index).map(|ai| (cx.prints.year(cx.site, yi), ai))
        });
        let cases = cx.prints.area_cards(cx.site, id.index);
        Inputs {
            first: p.is_first(),
            area: cx.prints.area(cx.site, id.index),
            cases: cases.slice(p.range(cases.len())),
            latest,
        }
    }

    fn image<'a>(cx: &Cx<'a>, (id, _): Id<'a>) -> Option<&'a crate::model::Image> {
        cx.site.areas[id.index].images.first()
    }

    fn view<'a>(page: &Page<'a>, inputs: Inputs<'a>) -> Built<View<'a>> {
        let (tr, a) = (&page.tr, inputs.area.item);
        let config = page.global.config();
        // A later page of the case studies shows the area's name and the list only.
        let first = inputs.first;
        let view = View {
            slug: &a.slug,
            name: tr.t(&a.name),
            // Also the description of every page of the area.
            slogan: tr.opt(&a.slogan),
            images: if first { figures(page, &a.images) } else { vec![] },
            area_term: tr.t(&config.area_term),
            policies: a
                .policies
                .iter()
                .filter(|_| first)
                .map(|p| PolicyView { number: p.number, title: tr.t(&p.title) })
                .collect(),
            body: if first { tr.body(&a.body) } else { None },
            attachments: if first { attachments(tr, &a.attachments) } else { vec![] },
            cases: inputs.cases.iter().map(|c| case_card(page, c)).collect(),
            site_has_cases: page.global.has_cases(),
            first,
            contacts: a.contacts.iter().filter(|_| first).map(|c| contact(tr, c)).collect(),
            sample: a.sample,
            progress: inputs.latest.map(|(y, ai)| area_summary_view(page, a, (y.item, &y.item.areas[ai]))),
        };
        Built {
            heading: Heading::of(&view.name),
            description: view.slogan.as_ref().unwrap_or(&view.name).text.to_string(),
            // A breadcrumb is navigation, like a menu label: an untranslated one is marked
            // with its language but does not make the page untranslated.
            trail: vec![Crumb::of(&config.areas_title.get(tr.lang), page.href(Route::Areas))],
            view,
        }
    }

    fn early(site: &Site, (id, _): Id<'_>) -> Option<crate::model::publish::Early> {
        site.early.get(&("area", id.slug.to_string())).copied()
    }

    /// The area's records, of its own page (the later pages list case studies only).
    fn records<'a>(b: &RecordCx<'a>, (id, p): Id<'a>, out: &mut Vec<Record<'a>>) {
        if !p.is_first() {
            return;
        }
        let area = &b.site.areas[id.index];
        let name = b.lang(&area.name);
        let slogan: Vec<_> = area.slogan.iter().collect();
        let mut parts = vec![b.texts_part("", b.t(&area.name), &slogan).heading_in(name).into_summary()];
        if !area.policies.is_empty() {
            let policies: Vec<String> =
                area.policies.iter().map(|p| format!("{} {}", p.number, b.t(&p.title))).collect();
            let lang = b.lang_all(area.policies.iter().map(|p| &p.title));
            parts.push(Part::new("policies", b.ui("policies"), policies.join(" ")).text_in(lang));
        }
        b.body(&area.body, &mut parts);
        if !area.contacts.is_empty() {
            parts.push(b.contacts_part("contacts", b.ui("contacts"), None, &area.contacts.iter().collect::<Vec<_>>()));
        }
        let mut r = b.record(Route::Area(id), b.t(&area.name), Kind::Area, parts).title_in(name);
        r.area = Some(id.index);
        out.push(r);
    }
}
