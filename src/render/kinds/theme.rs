//! A theme's page: its summary and text, its case studies, and the themes before and after it.

use crate::model::{Shown, Site, Theme as ThemeItem};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::memo::{Card, Printed};
use crate::render::routes::{Item, Route};
use crate::render::views::*;
use crate::text::record::{Kind, Part, Record};
use serde::Serialize;

pub(crate) struct Theme;

#[derive(Hash)]
pub(crate) struct Inputs<'a> {
    index: usize,
    theme: Printed<'a, ThemeItem>,
    cases: Vec<Card<'a>>,
}

#[derive(Serialize)]
pub(crate) struct View<'a> {
    number: u32,
    title: Shown<'a>,
    summary: Shown<'a>,
    body: Option<BodyView<'a>>,
    cases: Vec<CaseCard<'a>>,
    site_has_cases: bool,
    sample: bool,
    previous: Option<Link<'a>>,
    next: Option<Link<'a>>,
}

impl PageKind for Theme {
    const TEMPLATE: &'static str = "theme.html";
    const SECTION: Option<Route<'static>> = Some(Route::Themes);
    type Id<'a> = Item<'a>;
    type Inputs<'a> = Inputs<'a>;
    type View<'a> = View<'a>;

    fn ids(site: &Site) -> Vec<Item<'_>> {
        site.themes.iter().enumerate().map(|(index, t)| Item { index, slug: &t.slug }).collect()
    }

    fn route<'a>(id: Self::Id<'a>) -> Route<'a> {
        Route::Theme(id)
    }

    fn inputs<'a>(cx: &Cx<'a>, id: Item<'a>) -> Inputs<'a> {
        Inputs {
            index: id.index,
            theme: cx.prints.theme(cx.site, id.index),
            cases: cx.cards(&cx.prints.theme_cases[id.index]),
        }
    }

    fn view<'a>(page: &Page<'a>, inputs: Inputs<'a>) -> Built<View<'a>> {
        let (tr, t, index) = (&page.tr, inputs.theme.item, inputs.index);
        let neighbour = |i: usize| {
            page.global
                .theme(i)
                .map(|n| Link { label: tr.t(page.global.theme_title(i)), href: page.href(Route::Theme(n)) })
        };
        let view = View {
            number: t.number,
            title: tr.t(&t.title),
            summary: tr.t(&t.summary),
            body: tr.body(&t.body),
            cases: inputs.cases.into_iter().map(|c| case_card(page, c)).collect(),
            site_has_cases: page.global.has_cases(),
            sample: t.sample,
            previous: index.checked_sub(1).and_then(neighbour),
            next: neighbour(index + 1),
        };
        Built {
            heading: view.title.text.to_string(),
            heading_lang: lang_of(&view.title),
            description: view.summary.text.to_string(),
            trail: vec![Crumb::new(page.label("themes"), page.href(Route::Themes))],
            view,
        }
    }

    fn records<'a>(b: &RecordCx<'a>, id: Item<'a>, out: &mut Vec<Record>) {
        let theme = &b.site.themes[id.index];
        let mut parts = vec![Part::new("", b.t(&theme.title), b.t(&theme.summary))];
        b.body(&theme.body, &mut parts);
        let mut r = b.record(Route::Theme(id), b.t(&theme.title), Kind::Theme, parts);
        r.themes = vec![id.index];
        out.push(r);
    }
}
