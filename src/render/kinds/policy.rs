//! The accessibility policy and the privacy page, linked from the footer of every page (a
//! convention of Japanese public sites). Their text is the theme's (`accessibility_text`,
//! `privacy_text` in `themes/default/i18n/*.yaml`: paragraphs separated by a blank line,
//! nothing about any one city), which a site replaces, language by language, with its own
//! Markdown text (`content/pages/accessibility.ja.md`, `privacy.en.md`…), or with its own words
//! in site.yaml (`words:`) or its own `templates/accessibility.html` and `privacy.html`.

use crate::model::{Markdown, Shown, Site};
use crate::render::kind::{Cx, PageKind};
use crate::render::routes::Route;
use crate::render::views::*;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct View<'a> {
    /// The theme's text, one entry per paragraph (none when the site wrote its own).
    paragraphs: Vec<&'a str>,
    /// The site's own text in the page's language (`content/pages/<key>.<lang>.md`).
    body: Option<BodyView<'a>>,
}

/// The view of the page whose title is the UI string `key` and whose text is the site's own
/// (`own`, in the page's language) or else the UI string `<key>_text`.
fn view<'a>(page: &Page<'a>, key: &str, own: Option<&'a Markdown>) -> Built<View<'a>> {
    let body = own.and_then(|md| page.tr.own_body(md));
    let paragraphs = match body {
        Some(_) => Vec::new(),
        None => {
            let text = page.ui.get(&format!("{key}_text")).map_or("", String::as_str);
            text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect()
        }
    };
    let heading = page.label(key);
    Built {
        description: heading.to_string(),
        heading: Heading::own(heading),
        trail: vec![],
        view: View { paragraphs, body },
    }
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
            /// The page shows the site's own text (`content/pages/`), else the theme's (or the
            /// site's) words.
            type Inputs<'a> = Option<&'a Markdown>;
            type View<'a> = View<'a>;

            fn ids(_: &Site) -> Vec<()> {
                vec![()]
            }

            fn route<'a>(_: ()) -> Route<'a> {
                Route::$route
            }

            fn inputs<'a>(cx: &Cx<'a>, _: ()) -> Option<&'a Markdown> {
                cx.site.pages.get($key)
            }

            fn view<'a>(page: &Page<'a>, own: Option<&'a Markdown>) -> Built<View<'a>> {
                view(page, $key, own)
            }

            fn footer<'a>(page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
                Some((Route::$route, page.tr.own(page.label($key))))
            }
        }
    };
}

words_page!(Accessibility, "accessibility.html", Accessibility, "accessibility");
words_page!(Privacy, "privacy.html", Privacy, "privacy");
