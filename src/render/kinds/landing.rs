//! The language chooser at the site root (`index.html`): the site's title and description in
//! every language, each with a link into it.

use crate::model::{Shown, Site};
use crate::render::kind::{Cx, PageKind};
use crate::render::routes::Route;
use crate::render::views::*;
use serde::Serialize;

pub(crate) struct Landing;

#[derive(Serialize)]
pub(crate) struct Panel<'a> {
    /// The language's code (ids).
    lang: &'a str,
    /// The language's BCP 47 tag (`lang`, `hreflang`).
    tag: &'a str,
    name: &'a str,
    title: Shown<'a>,
    description: Shown<'a>,
    enter: &'a str,
    href: String,
}

impl PageKind for Landing {
    const TEMPLATE: &'static str = "landing.html";
    type Id<'a> = ();
    /// The page shows only what every page shows.
    type Inputs<'a> = ();
    type View<'a> = Vec<Panel<'a>>;

    fn ids(_: &Site) -> Vec<()> {
        vec![()]
    }

    fn route<'a>(_: ()) -> Route<'a> {
        Route::Landing
    }

    /// Not a page of content: no 「最終更新日」.
    fn updated(_: &Cx<'_>, _: ()) -> Option<crate::model::Date> {
        None
    }

    fn inputs(_: &Cx<'_>, _: ()) {}

    fn view<'a>(page: &Page<'a>, _: ()) -> Built<Vec<Panel<'a>>> {
        let config = page.global.config();
        let panels = config
            .languages
            .iter()
            .map(|l| {
                let t = page.tr.in_lang(&l.code);
                Panel {
                    lang: &l.code,
                    tag: &l.tag,
                    name: &l.name,
                    title: t.t(&config.title),
                    description: t.t(&config.description),
                    enter: page.label_in(&l.code, "enter"),
                    href: page.link.route(Route::Home, &l.code),
                }
            })
            .collect();
        Built {
            view: panels,
            heading: Heading::own(config.title.primary()),
            description: config.description.primary().to_string(),
            trail: vec![],
        }
    }
}
