//! The accessibility policy and the privacy page, linked from the footer of every page (a
//! convention of Japanese public sites). Their text is the theme's (`accessibility_text`,
//! `privacy_text` in `themes/default/i18n/*.yaml`: paragraphs separated by a blank line,
//! nothing about any one city), which a site replaces with its own words in site.yaml
//! (`words:`) or with its own `templates/accessibility.html` and `templates/privacy.html`.

use crate::model::{Shown, Site};
use crate::render::kind::{Cx, PageKind};
use crate::render::routes::Route;
use crate::render::views::*;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct View<'a> {
    /// The page's text, one entry per paragraph.
    paragraphs: Vec<&'a str>,
}

/// The view of the page whose title and text are the UI strings `key` and `<key>_text`.
fn view<'a>(page: &Page<'a>, key: &str) -> Built<View<'a>> {
    let text = page.ui.get(&format!("{key}_text")).map_or("", String::as_str);
    let paragraphs = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let heading = page.label(key);
    Built { description: heading.to_string(), heading: Heading::own(heading), trail: vec![], view: View { paragraphs } }
}

/// A page of the theme's words: its kind, template, route and UI key (title `key`, text
/// `<key>_text`). The two pages differ in nothing else.
macro_rules! words_page {
    ($kind:ident, $template:literal, $route:ident, $key:literal) => {
        pub(crate) struct $kind;

        impl PageKind for $kind {
            const TEMPLATE: &'static str = $template;
            const SECTION: Option<Route<'static>> = Some(Route::$route);
            type Id<'a> = ();
            /// The page shows only the theme's (or the site's) words.
            type Inputs<'a> = ();
            type View<'a> = View<'a>;

            fn ids(_: &Site) -> Vec<()> {
                vec![()]
            }

            fn route<'a>(_: ()) -> Route<'a> {
                Route::$route
            }

            fn inputs(_: &Cx<'_>, _: ()) {}

            fn view<'a>(page: &Page<'a>, _: ()) -> Built<View<'a>> {
                view(page, $key)
            }

            fn footer<'a>(page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
                Some((Route::$route, page.tr.own(page.label($key))))
            }
        }
    };
}

words_page!(Accessibility, "accessibility.html", Accessibility, "accessibility");
words_page!(Privacy, "privacy.html", Privacy, "privacy");
