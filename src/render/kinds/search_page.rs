//! The search page: the form, its filters and the script that queries the index.

use crate::model::{Shown, Site};
use crate::render::kind::{Cx, PageKind};
use crate::render::routes::Route;
use crate::render::views::*;
use crate::text::record::Kind;
use crate::text::ui::kind_label;
use serde::Serialize;

pub(crate) struct Search;

#[derive(Serialize)]
pub(crate) struct FilterOption<'a> {
    value: String,
    label: String,
    /// The label's language where it stands in for a missing translation (the option is then
    /// marked with it; one in the page's language is not).
    lang: Option<&'a str>,
}

fn option<'a>(value: impl Into<String>, label: Shown<'a>) -> FilterOption<'a> {
    FilterOption { value: value.into(), label: label.text.to_string(), lang: label.fallback.then_some(label.lang) }
}

#[derive(Serialize)]
pub(crate) struct View<'a> {
    /// From the search page to the site root, for the index files and result links.
    root: String,
    areas: Vec<FilterOption<'a>>,
    themes: Vec<FilterOption<'a>>,
    kinds: Vec<FilterOption<'a>>,
    years: Vec<FilterOption<'a>>,
    script: String,
    themes_href: String,
    areas_href: String,
    /// The list of case studies, if the site has any.
    cases_href: Option<String>,
    site_map_href: String,
    areas_title: Shown<'a>,
    /// How the language's index takes Latin words (`english` or `plain`): the script takes the
    /// query's the same way.
    latin: &'static str,
}

impl PageKind for Search {
    const TEMPLATE: &'static str = "search.html";
    const SECTION: Option<Route<'static>> = Some(Route::Search);
    type Id<'a> = ();
    /// The page shows only what every page shows.
    type Inputs<'a> = ();
    type View<'a> = View<'a>;

    fn ids(_: &Site) -> Vec<()> {
        vec![()]
    }

    fn route<'a>(_: ()) -> Route<'a> {
        Route::Search
    }

    /// Not a page of content: no 「最終更新日」.
    fn updated(_: &Cx<'_>, _: ()) -> Option<crate::model::Date> {
        None
    }

    fn inputs(_: &Cx<'_>, _: ()) {}

    fn view<'a>(page: &Page<'a>, _: ()) -> Built<View<'a>> {
        let (tr, global) = (&page.tr, &page.global);
        let view = View {
            root: page.link.to(""),
            areas: global.areas().map(|(slug, name)| option(slug, tr.t(name))).collect(),
            themes: global.themes().map(|(slug, title)| option(slug, tr.t(title))).collect(),
            kinds: Kind::in_site(global.has_progress(), global.has_cases())
                .map(|k| {
                    let (label, lang) = kind_label(page.ui, global.config(), tr.lang, k);
                    FilterOption { value: k.key().into(), label: label.into(), lang }
                })
                .collect(),
            years: global
                .years()
                .map(|y| FilterOption { value: y.0.to_string(), label: y.label(tr.tag), lang: None })
                .collect(),
            script: page.link.to("static/js/search.js"),
            themes_href: page.href(Route::Themes),
            areas_href: page.href(Route::Areas),
            cases_href: global.has_cases().then(|| page.href(Route::Cases)),
            site_map_href: page.href(Route::SiteMap),
            areas_title: tr.t(&global.config().areas_title),
            latin: crate::search::latin_words(tr.tag),
        };
        let heading = page.label("search");
        Built { description: heading.to_string(), heading: Heading::own(heading), trail: vec![], view }
    }
}
