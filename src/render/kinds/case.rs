//! A case study's page.

use crate::model::{Case as CaseItem, Shown, Site};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::memo::Printed;
use crate::render::routes::{Item, Route};
use crate::render::views::*;
use crate::text::record::{Kind, Record};
use serde::Serialize;

pub(crate) struct Case;

#[derive(Serialize)]
pub(crate) struct View<'a> {
    title: Shown<'a>,
    area: Link<'a>,
    /// The area page's contacts (`…/areas/<slug>/#contacts`), one tap from the case study.
    area_contacts: Option<String>,
    themes: Vec<Link<'a>>,
    published: String,
    published_iso: String,
    activities: Shown<'a>,
    point: Shown<'a>,
    venue: Option<Shown<'a>>,
    contact: Option<ContactView<'a>>,
    images: Vec<FigureView<'a>>,
    body: Option<BodyView<'a>>,
    attachments: Vec<AttachmentView<'a>>,
    sample: bool,
}

impl PageKind for Case {
    const TEMPLATE: &'static str = "case.html";
    const SECTION: Option<Route<'static>> = Some(Route::Cases);
    const OG_TYPE: &'static str = "article";
    type Id<'a> = Item<'a>;
    type Inputs<'a> = Printed<'a, CaseItem>;
    type View<'a> = View<'a>;

    fn ids(site: &Site) -> Vec<Item<'_>> {
        site.cases.iter().enumerate().map(|(index, c)| Item { index, slug: &c.slug }).collect()
    }

    fn route<'a>(id: Self::Id<'a>) -> Route<'a> {
        Route::Case(id)
    }

    fn inputs<'a>(cx: &Cx<'a>, id: Item<'a>) -> Printed<'a, CaseItem> {
        cx.prints.case(cx.site, id.index)
    }

    fn image<'a>(cx: &Cx<'a>, id: Item<'a>) -> Option<&'a crate::model::Image> {
        cx.site.cases[id.index].images.first()
    }

    fn view<'a>(page: &Page<'a>, c: Printed<'a, CaseItem>) -> Built<View<'a>> {
        let (tr, c, global) = (&page.tr, c.item, &page.global);
        let view = View {
            title: tr.t(&c.title),
            area: Link { label: tr.t(global.area_name(c.area)), href: page.href(Route::Area(global.area(c.area))) },
            area_contacts: global
                .area_has_contacts(c.area)
                .then(|| format!("{}#contacts", page.href(Route::Area(global.area(c.area))))),
            themes: c
                .themes
                .iter()
                .filter_map(|&i| global.theme(i).map(|t| (i, t)))
                .map(|(i, t)| Link { label: tr.t(global.theme_title(i)), href: page.href(Route::Theme(t)) })
                .collect(),
            published: c.published.label(tr.tag),
            published_iso: c.published.to_string(),
            activities: tr.t(&c.activities),
            point: tr.t(&c.point),
            venue: tr.opt(&c.venue),
            contact: c.contact.as_ref().map(|x| contact(tr, x)),
            images: figures(page, &c.images),
            body: tr.body(&c.body),
            attachments: attachments(tr, &c.attachments),
            sample: c.sample,
        };
        Built {
            heading: Heading::of(&view.title),
            description: view.point.text.to_string(),
            trail: vec![
                Crumb::new(page.label("cases"), page.href(Route::Cases)),
                Crumb::of(&view.area.label, view.area.href.clone()),
            ],
            view,
        }
    }

    /// Its own `updated:` date, else the day it was published.
    fn updated(cx: &Cx<'_>, id: Item<'_>) -> Option<crate::model::Date> {
        let c = &cx.site.cases[id.index];
        Some(c.updated.unwrap_or(c.published))
    }

    fn early(site: &Site, id: Item<'_>) -> Option<crate::model::publish::Early> {
        site.early.get(&("case", id.slug.to_string())).copied()
    }

    fn records<'a>(b: &RecordCx<'a>, id: Item<'a>, out: &mut Vec<Record<'a>>) {
        let case = &b.site.cases[id.index];
        // The area's name is not a part: the index adds every record's area to its text.
        let mut parts = vec![
            b.texts_part("activities", b.ui("activities"), &[&case.activities]).into_summary(),
            b.texts_part("point", b.ui("point"), &[&case.point]).into_summary(),
        ];
        b.body(&case.body, &mut parts);
        if case.venue.is_some() || case.contact.is_some() {
            let contacts: Vec<_> = case.contact.as_deref().into_iter().collect();
            parts.push(b.contacts_part("case-contact", b.ui("contact"), case.venue.as_ref(), &contacts));
        }
        let mut r = b.record(Route::Case(id), b.t(&case.title), Kind::Case, parts).title_in(b.lang(&case.title));
        r.area = Some(case.area);
        r.themes = case.themes.clone();
        out.push(r);
    }
}
