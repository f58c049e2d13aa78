//! The list of themes.

use crate::model::{Shown, Site};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::routes::Route;
use crate::render::views::*;
use crate::text::record::{Kind, Record, Weight};
use serde::Serialize;

pub(crate) struct Themes;

#[derive(Serialize)]
pub(crate) struct View<'a> {
    themes: Vec<ThemeCard<'a>>,
}

impl PageKind for Themes {
    const TEMPLATE: &'static str = "themes.html";
    const SECTION: Option<Route<'static>> = Some(Route::Themes);
    type Id<'a> = ();
    type Inputs<'a> = Vec<ThemeCardIn<'a>>;
    type View<'a> = View<'a>;

    fn ids(_: &Site) -> Vec<()> {
        vec![()]
    }

    fn route<'a>(_: ()) -> Route<'a> {
        Route::Themes
    }

    /// The list, of lower weight: every theme's title and summary.
    fn records<'a>(b: &RecordCx<'a>, _: (), out: &mut Vec<Record<'a>>) {
        let texts: Vec<_> = b.site.themes.iter().flat_map(|t| [&t.title, &t.summary]).collect();
        let mut r = b.record(Route::Themes, b.ui("themes"), Kind::Page, vec![b.texts_part("", "", &texts)]);
        r.weight = Weight::Lower;
        out.push(r);
    }

    fn inputs<'a>(cx: &Cx<'a>, _: ()) -> Vec<ThemeCardIn<'a>> {
        cx.theme_cards()
    }

    fn view<'a>(page: &Page<'a>, themes: Vec<ThemeCardIn<'a>>) -> Built<View<'a>> {
        let view = View { themes: themes.into_iter().map(|t| theme_card(page, t)).collect() };
        let description = view.themes.iter().map(|t| t.title.text).collect::<Vec<_>>().join(" / ");
        Built { heading: Heading::own(page.label("themes")), description, trail: vec![], view }
    }

    fn nav<'a>(page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
        Some((Route::Themes, page.tr.own(page.label("themes"))))
    }
}
