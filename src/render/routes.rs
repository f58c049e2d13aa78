//! Every page's address. Links, hreflang alternates, the language switcher, the sitemap and the
//! feeds all take their URLs from here, so a page and its counterpart in another language always
//! agree: the counterpart of `route` in `lang` is `route.path(lang)`, which exists by construction.

/// A page of the site, independent of language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route<'a> {
    Home,
    Overview,
    Themes,
    Theme(&'a str),
    Areas,
    Area(&'a str),
    Cases,
    Case(&'a str),
    Structure,
    /// The search page.
    Search,
    /// The list of years with progress data.
    Progress,
    /// The city-wide summary of a fiscal year.
    ProgressYear(i32),
    /// An area's summary and detail for a fiscal year.
    ProgressArea(i32, &'a str),
}

impl Route<'_> {
    /// The page's directory relative to the site root, with a trailing slash: `ja/themes/x/`.
    pub(crate) fn path(&self, lang: &str) -> String {
        match self {
            Route::Home => format!("{lang}/"),
            Route::Overview => format!("{lang}/overview/"),
            Route::Themes => format!("{lang}/themes/"),
            Route::Theme(slug) => format!("{lang}/themes/{slug}/"),
            Route::Areas => format!("{lang}/areas/"),
            Route::Area(slug) => format!("{lang}/areas/{slug}/"),
            Route::Cases => format!("{lang}/cases/"),
            Route::Case(slug) => format!("{lang}/cases/{slug}/"),
            Route::Structure => format!("{lang}/structure/"),
            Route::Search => format!("{lang}/search/"),
            Route::Progress => format!("{lang}/progress/"),
            Route::ProgressYear(y) => format!("{lang}/progress/{y}/"),
            Route::ProgressArea(y, slug) => format!("{lang}/progress/{y}/{slug}/"),
        }
    }

    /// The file the page is written to: `ja/themes/x/index.html`.
    pub(crate) fn file(&self, lang: &str) -> String {
        format!("{}index.html", self.path(lang))
    }
}

/// Makes links from one page to others. Pages link relatively (`../../ja/areas/`), so the site
/// works under any base path and when opened from disk; the 404 page, which is served at any
/// depth, links from the base path instead.
#[derive(Debug, Clone)]
pub(crate) struct Linker {
    prefix: String,
}

impl Linker {
    /// For a page whose directory is `from_dir` (e.g. `ja/themes/x/`, or `` for the root).
    pub(crate) fn relative(from_dir: &str) -> Linker {
        let depth = from_dir.split('/').filter(|s| !s.is_empty()).count();
        Linker { prefix: "../".repeat(depth) }
    }

    /// For a page served at any depth: links start at the site's base path (e.g. `/plan/`).
    pub(crate) fn absolute(base_path: &str) -> Linker {
        Linker { prefix: base_path.to_string() }
    }

    /// A link to a root-relative path such as `ja/areas/` or `static/css/main.css`.
    pub(crate) fn to(&self, site_path: &str) -> String {
        if self.prefix.is_empty() && site_path.is_empty() {
            "./".to_string()
        } else {
            format!("{}{site_path}", self.prefix)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_climb_to_the_root() {
        let l = Linker::relative("ja/themes/x/");
        assert_eq!(l.route(Route::Area("chuo"), "en"), "../../../en/areas/chuo/");
        assert_eq!(Linker::relative("").route(Route::Home, "ja"), "ja/");
    }

    #[test]
    fn base_path_of_urls() {
        assert_eq!(base_path("https://example.org/plan/"), "/plan/");
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(Linker::absolute("/plan/").route(Route::Home, "ja"), "/plan/ja/");
    }
}

/// What kind of page a record is; also a search filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Case,
    Theme,
    Area,
    Progress,
    Page,
}

impl Kind {
    pub(crate) const ALL: [Kind; 5] = [Kind::Case, Kind::Theme, Kind::Area, Kind::Progress, Kind::Page];

    /// The kinds `site` has pages of (progress only with progress data), in filter order: the
    /// search page's filter and the index's labels both list these.
    pub(crate) fn in_site(site: &crate::model::Site) -> impl Iterator<Item = Kind> + '_ {
        Kind::ALL.into_iter().filter(|k| *k != Kind::Progress || !site.progress.is_empty())
    }

    pub(crate) fn key(self) -> &'static str {
        match self {
            Kind::Case => "case",
            Kind::Theme => "theme",
            Kind::Area => "area",
            Kind::Progress => "progress",
            Kind::Page => "page",
        }
    }
}

/// The anchor of a progress item on its area's progress page.
pub(crate) fn progress_anchor(district: usize, item: usize) -> String {
    format!("item-{}-{}", district + 1, item + 1)
}
