//! Every page's address. Links, hreflang alternates, the language switcher, the sitemap and the
//! feeds all take their URLs from here, so a page and its counterpart in another language always
//! agree: the counterpart of `route` in `lang` is `route.path(lang)`, which exists by construction.

use crate::model::FiscalYear;

/// An item of the model a page is about: its position in the model (so no page looks its item
/// up by name, which would grow with the square of the site) and its slug (its address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Item<'a> {
    pub(crate) index: usize,
    pub(crate) slug: &'a str,
}

/// A page of the site, independent of language, with the typed ids of what it shows. One
/// variant per kind of page in `kinds` (the page-kind table); a new kind adds one here, and the
/// compiler then lists every `match` that must say where it lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Route<'a> {
    Home,
    Overview,
    Themes,
    /// A theme: index into `Site::themes`.
    Theme(Item<'a>),
    Areas,
    /// An area: index into `Site::areas`.
    Area(Item<'a>),
    Cases,
    /// A case study: index into `Site::cases`.
    Case(Item<'a>),
    Structure,
    /// The search page.
    Search,
    /// The list of years with progress data.
    Progress,
    /// The site-wide summary of a fiscal year.
    ProgressYear(FiscalYear),
    /// An area's summary and detail for a fiscal year (the item is the area).
    ProgressArea(FiscalYear, Item<'a>),
    /// The site map: every section of the site and its pages.
    SiteMap,
    /// The accessibility policy (ウェブアクセシビリティ方針).
    Accessibility,
    /// How the site treats personal information (個人情報の取扱い).
    Privacy,
    /// The language chooser at the site root (`index.html`): one page for all languages.
    Landing,
    /// The not-found page (`404.html`), served at any depth: one page for all languages.
    NotFound,
    /// Page 2 or later of a list cut into pages (`ja/cases/page/2/`); its first page is the
    /// list's own route.
    Paged(List<'a>, usize),
}

/// A list cut into pages: the route of its first page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum List<'a> {
    Cases,
    /// A theme's case studies.
    Theme(Item<'a>),
    /// An area's case studies.
    Area(Item<'a>),
    /// The items of an area's progress detail in a year.
    ProgressArea(FiscalYear, Item<'a>),
}

impl<'a> List<'a> {
    /// The list's own route, where its first page is.
    pub(crate) fn first(self) -> Route<'a> {
        match self {
            List::Cases => Route::Cases,
            List::Theme(t) => Route::Theme(t),
            List::Area(a) => Route::Area(a),
            List::ProgressArea(y, a) => Route::ProgressArea(y, a),
        }
    }
}

impl<'a> Route<'a> {
    /// Page `number` (from 1) of the list whose first page is this route: the route itself for
    /// page 1 (there is no `page/1/`, as in Zola: one address per page), `…/page/N/` after it.
    pub(crate) fn page(self, number: usize) -> Route<'a> {
        let list = match self {
            Route::Cases => List::Cases,
            Route::Theme(t) => List::Theme(t),
            Route::Area(a) => List::Area(a),
            Route::ProgressArea(y, a) => List::ProgressArea(y, a),
            Route::Paged(list, _) => list,
            _ => return self,
        };
        if number <= 1 {
            list.first()
        } else {
            Route::Paged(list, number)
        }
    }
}

impl Route<'_> {
    /// The page's directory relative to the site root, with a trailing slash: `ja/themes/x/`
    /// (empty for the pages of no language, which live at the root).
    pub(crate) fn path(&self, lang: &str) -> String {
        let mut out = String::with_capacity(lang.len() + 40);
        self.push_path(lang, &mut out);
        out
    }

    /// The file the page is written to: `ja/themes/x/index.html`. Of its own length: the
    /// rendered site keeps the path of every page to the end of the build (made in room for a
    /// long path, the 235,000 at N = 100,000 held some 5 MB more).
    pub(crate) fn file(&self, lang: &str) -> String {
        let mut out = String::with_capacity(lang.len() + 50);
        self.file_into(lang, &mut out);
        out.as_str().to_owned()
    }

    /// [`Route::file`] written into `out` (emptied first), for a caller that makes many.
    pub(crate) fn file_into(&self, lang: &str, out: &mut String) {
        out.clear();
        if let Route::NotFound = self {
            out.push_str("404.html");
            return;
        }
        self.push_path(lang, out);
        out.push_str("index.html");
    }

    /// Appends [`Route::path`] to `out`. Every page's address is made on every build (and on
    /// every rebuild of `serve`), so without `format!`.
    fn push_path(&self, lang: &str, out: &mut String) {
        use std::fmt::Write;
        fn dirs(out: &mut String, lang: &str, names: &[&str]) {
            out.push_str(lang);
            out.push('/');
            for name in names {
                out.push_str(name);
                out.push('/');
            }
        }
        match self {
            Route::Home => dirs(out, lang, &[]),
            Route::Overview => dirs(out, lang, &["overview"]),
            Route::Themes => dirs(out, lang, &["themes"]),
            Route::Theme(t) => dirs(out, lang, &["themes", t.slug]),
            Route::Areas => dirs(out, lang, &["areas"]),
            Route::Area(a) => dirs(out, lang, &["areas", a.slug]),
            Route::Cases => dirs(out, lang, &["cases"]),
            Route::Case(c) => dirs(out, lang, &["cases", c.slug]),
            Route::Structure => dirs(out, lang, &["structure"]),
            Route::Search => dirs(out, lang, &["search"]),
            Route::Progress => dirs(out, lang, &["progress"]),
            Route::ProgressYear(y) => {
                dirs(out, lang, &["progress"]);
                let _ = write!(out, "{}/", y.0);
            }
            Route::ProgressArea(y, a) => {
                dirs(out, lang, &["progress"]);
                let _ = write!(out, "{}/{}/", y.0, a.slug);
            }
            Route::SiteMap => dirs(out, lang, &["sitemap"]),
            Route::Accessibility => dirs(out, lang, &["accessibility"]),
            Route::Privacy => dirs(out, lang, &["privacy"]),
            Route::Landing | Route::NotFound => {}
            Route::Paged(list, n) => {
                list.first().push_path(lang, out);
                let _ = write!(out, "page/{n}/");
            }
        }
    }

    /// Whether the page is one for all languages rather than one per language.
    pub(crate) fn of_no_language(&self) -> bool {
        matches!(self, Route::Landing | Route::NotFound)
    }
}

/// Makes links from one page to others. Pages link relatively (`../../ja/areas/`), so the site
/// works under any base path and when opened from disk; the 404 page, which is served at any
/// depth, links from the base path instead. A link to a page of the same language starts at
/// the language's folder (`../areas/` rather than `../../ja/areas/`): a page has some thirty
/// such links, 1.3 % of the bytes of a site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Linker {
    prefix: String,
    /// The first folder of the page's own path with its `/` (`ja/`), if the page is below one.
    top: String,
}

impl Linker {
    /// For a page whose directory is `from_dir` (e.g. `ja/themes/x/`, or `` for the root).
    pub(crate) fn relative(from_dir: &str) -> Linker {
        let depth = from_dir.split('/').filter(|s| !s.is_empty()).count();
        let top = from_dir.split_once('/').map(|(first, _)| format!("{first}/")).filter(|t| t.len() > 1);
        Linker { prefix: "../".repeat(depth), top: top.unwrap_or_default() }
    }

    /// For a page served at any depth: links start at the site's base path (e.g. `/plan/`).
    pub(crate) fn absolute(base_path: &str) -> Linker {
        Linker { prefix: base_path.to_string(), top: String::new() }
    }

    /// A link to a root-relative path such as `ja/areas/` or `static/css/main.css`.
    pub(crate) fn to(&self, site_path: &str) -> String {
        let (up, path) = match site_path.strip_prefix(self.top.as_str()).filter(|_| !self.top.is_empty()) {
            Some(rest) => (self.prefix.get(3..).unwrap_or_default(), rest),
            None => (self.prefix.as_str(), site_path),
        };
        if up.is_empty() && path.is_empty() {
            "./".to_string()
        } else {
            format!("{up}{path}")
        }
    }

    pub(crate) fn route(&self, route: Route, lang: &str) -> String {
        self.to(&route.path(lang))
    }
}

/// The path part of a base URL: `https://example.org/plan/` → `/plan/`.
pub(crate) fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

/// The anchor of a progress item on its area's progress page.
pub(crate) fn progress_anchor(district: usize, item: usize) -> String {
    format!("item-{}-{}", district + 1, item + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_climb_to_the_root() {
        let l = Linker::relative("ja/themes/x/");
        assert_eq!(l.route(Route::Area(Item { index: 0, slug: "chuo" }), "en"), "../../../en/areas/chuo/");
        assert_eq!(l.to("static/css/main.css"), "../../../static/css/main.css");
        assert_eq!(Linker::relative("").route(Route::Home, "ja"), "ja/");
        assert_eq!(Linker::absolute("/plan/").route(Route::Home, "ja"), "/plan/ja/");
    }

    #[test]
    fn links_within_a_language_start_at_its_folder() {
        let l = Linker::relative("ja/themes/x/");
        assert_eq!(l.route(Route::Area(Item { index: 0, slug: "chuo" }), "ja"), "../../areas/chuo/");
        assert_eq!(l.route(Route::Home, "ja"), "../../");
        let home = Linker::relative("ja/");
        assert_eq!(home.route(Route::Home, "ja"), "./");
        assert_eq!(home.route(Route::Areas, "ja"), "areas/");
        assert_eq!(home.route(Route::Home, "en"), "../en/");
        // A folder whose name begins as the page's does is another folder.
        assert_eq!(Linker::relative("ja/").to("jax/"), "../jax/");
        assert_eq!(Linker::relative("").to("ja/"), "ja/");
    }

    #[test]
    fn pages_of_a_list_after_the_first_live_under_page() {
        let t = Route::Theme(Item { index: 0, slug: "x" });
        assert_eq!(t.page(1), t);
        assert_eq!(t.page(3).path("en"), "en/themes/x/page/3/");
        assert_eq!(t.page(3).page(1), t);
        assert_eq!(Route::Cases.page(2).file("ja"), "ja/cases/page/2/index.html");
        // Kept to the end of a build for every page: in no more room than it takes.
        let file = t.page(3).file("en");
        assert_eq!(file.capacity(), file.len());
        assert_eq!(Route::Home.page(2), Route::Home);
    }

    #[test]
    fn base_path_of_urls() {
        assert_eq!(base_path("https://example.org/plan/"), "/plan/");
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(Linker::absolute("/plan/").route(Route::Home, "ja"), "/plan/ja/");
    }
}
