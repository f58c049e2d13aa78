//! The site map: every section of the site with the pages under it, linked from the footer
//! of every page (a convention of Japanese public sites, and a way around for residents who do
//! not use the menu or search).

use crate::model::{Shown, Site};
use crate::render::kind::{Cx, PageKind};
use crate::render::routes::Route;
use crate::render::views::*;
use serde::Serialize;

pub(crate) struct SiteMap;

#[derive(Serialize)]
pub(crate) struct Entry<'a> {
    label: String,
    /// The label's language (the primary one where a translation is missing).
    lang: &'a str,
    href: String,
    children: Vec<Entry<'a>>,
}

#[derive(Serialize)]
pub(crate) struct View<'a> {
    sections: Vec<Entry<'a>>,
}

impl PageKind for SiteMap {
    const TEMPLATE: &'static str = "site_map.html";
    const SECTION: Option<Route<'static>> = Some(Route::SiteMap);
    type Id<'a> = ();
    /// The page shows only what every page shows: the sections, themes, areas and years.
    type Inputs<'a> = ();
    type View<'a> = View<'a>;

    fn ids(_: &Site) -> Vec<()> {
        vec![()]
    }

    fn route<'a>(_: ()) -> Route<'a> {
        Route::SiteMap
    }

    /// Not a page of content: no 「最終更新日」.
    fn updated(_: &Cx<'_>, _: ()) -> Option<crate::model::Date> {
        None
    }

    fn inputs(_: &Cx<'_>, _: ()) {}

    fn view<'a>(page: &Page<'a>, _: ()) -> Built<View<'a>> {
        let (tr, global) = (&page.tr, &page.global);
        let entry = |label: Shown<'a>, route: Route, children: Vec<Entry<'a>>| Entry {
            label: label.text.to_string(),
            lang: label.lang,
            href: page.href(route),
            children,
        };
        let own = |key: &str| tr.own(page.label(key));
        let themes = global
            .themes()
            .enumerate()
            .filter_map(|(i, (_, title))| global.theme(i).map(|t| entry(tr.t(title), Route::Theme(t), vec![])));
        let areas =
            global.areas().enumerate().map(|(i, (_, name))| entry(tr.t(name), Route::Area(global.area(i)), vec![]));
        let mut sections = vec![
            entry(own("home"), Route::Home, vec![]),
            entry(own("overview"), Route::Overview, vec![]),
            entry(own("themes"), Route::Themes, themes.collect()),
            entry(tr.t(&global.config().areas_title), Route::Areas, areas.collect()),
        ];
        if global.has_cases() {
            sections.push(entry(own("cases"), Route::Cases, vec![]));
        }
        if global.has_progress() {
            let years = global.years().rev().map(|y| Entry {
                label: y.label(tr.tag),
                lang: tr.tag,
                href: page.href(Route::ProgressYear(y)),
                children: vec![],
            });
            sections.push(entry(own("progress"), Route::Progress, years.collect()));
        }
        if let Some(title) = global.structure_title() {
            sections.push(entry(tr.t(title), Route::Structure, vec![]));
        }
        sections.push(entry(own("search"), Route::Search, vec![]));
        sections.push(entry(own("accessibility"), Route::Accessibility, vec![]));
        sections.push(entry(own("privacy"), Route::Privacy, vec![]));
        let heading = page.label("site_map");
        Built {
            description: heading.to_string(),
            heading: Heading::own(heading),
            trail: vec![],
            view: View { sections },
        }
    }

    fn footer<'a>(page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
        Some((Route::SiteMap, page.tr.own(page.label("site_map"))))
    }
}
