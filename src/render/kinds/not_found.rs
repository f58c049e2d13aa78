//! The not-found page (`404.html`): in every language, linking from the base path because the
//! server shows it at any depth.

use crate::model::Site;
use crate::render::kind::{Cx, PageKind};
use crate::render::routes::Route;
use crate::render::views::*;
use serde::Serialize;

pub(crate) struct NotFound;

#[derive(Serialize)]
pub(crate) struct Part<'a> {
    /// The language's code (ids).
    lang: &'a str,
    /// The language's BCP 47 tag (`lang`, `hreflang`).
    tag: &'a str,
    title: &'a str,
    text: &'a str,
    home: &'a str,
    home_href: String,
}

impl PageKind for NotFound {
    const TEMPLATE: &'static str = "404.html";
    const SERVED_AT_ANY_DEPTH: bool = true;
    type Id<'a> = ();
    /// The page shows only what every page shows.
    type Inputs<'a> = ();
    type View<'a> = Vec<Part<'a>>;

    fn ids(_: &Site) -> Vec<()> {
        vec![()]
    }

    fn route<'a>(_: ()) -> Route<'a> {
        Route::NotFound
    }

    /// Not a page of content: no 「最終更新日」.
    fn updated(_: &Cx<'_>, _: ()) -> Option<crate::model::Date> {
        None
    }

    fn inputs(_: &Cx<'_>, _: ()) {}

    fn view<'a>(page: &Page<'a>, _: ()) -> Built<Vec<Part<'a>>> {
        let parts = page
            .global
            .config()
            .languages
            .iter()
            .map(|l| Part {
                lang: &l.code,
                tag: &l.tag,
                title: page.label_in(&l.code, "not_found_title"),
                text: page.label_in(&l.code, "not_found_text"),
                home: page.label_in(&l.code, "home"),
                home_href: page.link.route(Route::Home, &l.code),
            })
            .collect();
        Built {
            view: parts,
            heading: Heading::own(page.label("not_found_title")),
            description: page.label("not_found_text").to_string(),
            trail: vec![],
        }
    }
}
