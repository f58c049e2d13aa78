//! The model → every file of the site, in memory: the fourth stage of the pipeline.
//!
//! `render_site` lists the pages (every route in every language, the bilingual landing and 404
//! pages), renders them in parallel with the theme's templates, and adds the sitemap, robots.txt,
//! the Atom feeds, the theme's static files and the content's media. It does no I/O.

pub(crate) mod bodies;
mod chart;
mod diagram;
mod feeds;
mod highlight;
pub(crate) mod markdown;
pub(crate) mod memo;
pub(crate) mod opendata;
mod pages;
mod progress;
pub(crate) mod routes;
mod summary;
pub(crate) mod templates;
mod views;

use crate::error::BuildError;
use crate::model::{Shown, Site};
use crate::output::RenderedSite;
use crate::source::SourceTree;
use rayon::prelude::*;
use routes::{base_path, Linker, Route};
use serde::Serialize;
use templates::{Templates, UiStrings};
use views::Built;
use views::{contact, ContactView, Tr};

/// Renders the whole site (the search index aside: the pipeline makes it beside the pages from
/// the same `bodies`), reusing from `memo` every page whose inputs are unchanged.
pub(crate) fn render_site(
    site: &Site,
    templates: &Templates,
    tree: &SourceTree,
    memo: &memo::RenderMemo,
    bodies: &bodies::Bodies,
) -> Result<RenderedSite, BuildError> {
    let prints = memo::Prints::of(site, memo);
    let r = Renderer { site, bodies, templates, base_url: &site.config.base_url, memo, prints: &prints };
    // Every page: its route, language, and the position of its item in the model (so no page
    // looks its item up by name: that would grow with the square of the site).
    let mut jobs: Vec<Job> = Vec::new();
    for lang in &site.config.languages {
        let l = lang.code.as_str();
        let job = |route, item| Job { route, lang: l, item };
        jobs.extend(
            [Route::Home, Route::Overview, Route::Themes, Route::Areas, Route::Cases, Route::Structure, Route::Search]
                .map(|r| job(r, (0, 0))),
        );
        jobs.extend(site.themes.iter().enumerate().map(|(i, t)| job(Route::Theme(&t.slug), (i, 0))));
        jobs.extend(site.areas.iter().enumerate().map(|(i, a)| job(Route::Area(&a.slug), (i, 0))));
        jobs.extend(site.cases.iter().enumerate().map(|(i, c)| job(Route::Case(&c.slug), (i, 0))));
        if !site.progress.is_empty() {
            jobs.push(job(Route::Progress, (0, 0)));
        }
        for (yi, y) in site.progress.iter().enumerate() {
            jobs.push(job(Route::ProgressYear(y.year.0), (yi, 0)));
            jobs.extend(
                y.areas
                    .iter()
                    .enumerate()
                    .map(|(ai, a)| job(Route::ProgressArea(y.year.0, &site.areas[a.area].slug), (yi, ai))),
            );
        }
    }
    let pages = jobs.par_iter().map(|job| r.page(job)).collect::<Result<Vec<_>, _>>()?;
    let mut out = RenderedSite::default();
    for (path, bytes) in pages {
        out.insert(path, bytes);
    }
    out.insert("index.html".into(), r.landing()?);
    out.insert("404.html".into(), r.not_found()?);
    // The routes are those of the cases (their slugs are in the cards), themes, areas and
    // progress years and areas.
    let key = memo::fingerprint(&(prints.global, prints.lists, prints.progress));
    let sitemap = memo.file("sitemap.xml", key, || {
        let routes: Vec<(Route, &str)> = jobs.iter().map(|j| (j.route, j.lang)).collect();
        Ok::<_, BuildError>(feeds::sitemap(site, &routes).into_bytes())
    })?;
    out.insert("sitemap.xml".into(), sitemap);
    out.insert(
        "robots.txt".into(),
        format!("User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n", site.config.base_url).into_bytes(),
    );
    for lang in &site.config.languages {
        let feed = feeds::atom(site, &lang.code, r.strings(&lang.code));
        out.insert(format!("{}/feed.xml", lang.code), feed.into_bytes());
    }
    let data_key = memo::fingerprint(&(prints.global, prints.progress, &prints.areas, &prints.themes));
    for y in &site.progress {
        // The rows are made once, for both files, and only if one of them must be written anew.
        let rows = std::cell::OnceCell::new();
        let rows = || rows.get_or_init(|| opendata::rows(site, y));
        let csv_path = format!("data/progress-{}.csv", y.year.0);
        let csv = memo.file(&csv_path, data_key, || Ok::<_, BuildError>(opendata::csv(site, rows())))?;
        let json_path = format!("data/progress-{}.json", y.year.0);
        let json = memo.file(&json_path, data_key, || Ok::<_, BuildError>(opendata::json(site, y, rows())))?;
        out.insert(csv_path, csv);
        out.insert(json_path, json);
    }
    for (path, bytes) in &templates.statics {
        out.insert(path.clone(), bytes.clone());
    }
    for path in &site.media {
        if let Some(bytes) = tree.get_shared(path) {
            out.insert(path.trim_start_matches("content/").to_string(), bytes.clone());
        }
    }
    memo.forget_all_but(&out);
    Ok(out)
}

/// The template that renders a route.
fn template_of(route: Route) -> &'static str {
    match route {
        Route::Home => "home.html",
        Route::Overview => "overview.html",
        Route::Themes => "themes.html",
        Route::Theme(_) => "theme.html",
        Route::Areas => "areas.html",
        Route::Area(_) => "area.html",
        Route::Cases => "cases.html",
        Route::Case(_) => "case.html",
        Route::Structure => "structure.html",
        Route::Search => "search.html",
        Route::Progress => "progress_index.html",
        Route::ProgressYear(_) => "progress_year.html",
        Route::ProgressArea(..) => "progress_area.html",
    }
}

/// One page to render.
#[derive(Clone, Copy)]
struct Job<'a> {
    route: Route<'a>,
    lang: &'a str,
    /// Position of the page's item: (theme, area or case index, 0), (year index, 0) or
    /// (year index, area-in-year index).
    item: (usize, usize),
}

struct Renderer<'a> {
    site: &'a Site,
    bodies: &'a bodies::Bodies,
    memo: &'a memo::RenderMemo,
    prints: &'a memo::Prints,
    templates: &'a Templates,
    base_url: &'a str,
}

/// The parts of every page outside `<main>`: metadata, navigation, switcher, footer.
#[derive(Serialize)]
struct Layout<'a> {
    lang: &'a str,
    site_title: Shown<'a>,
    /// `<title>`: the heading and the site's title.
    title: String,
    heading: String,
    description: String,
    canonical: String,
    alternates: Vec<Alternate>,
    x_default: String,
    switcher: Vec<Switch<'a>>,
    nav: Vec<Nav<'a>>,
    breadcrumbs: Vec<Crumb>,
    home_href: String,
    css: String,
    print_css: String,
    highlight_css: String,
    feed_href: String,
    search_href: String,
    untranslated: bool,
    jsonld: String,
    og_type: &'static str,
    locale: &'a str,
    locale_alternates: Vec<&'a str>,
    footer: Footer<'a>,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    href: String,
}

#[derive(Serialize)]
struct Switch<'a> {
    lang: &'a str,
    name: &'a str,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct Nav<'a> {
    label: Shown<'a>,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct Crumb {
    label: String,
    href: String,
}

#[derive(Serialize)]
struct Footer<'a> {
    organisation: Shown<'a>,
    url: Option<&'a str>,
    contact: Option<ContactView<'a>>,
    copyright: Option<Shown<'a>>,
}

impl<'a> Renderer<'a> {
    fn strings(&self, lang: &str) -> &'a UiStrings {
        // `Templates::load` guarantees strings for every site language.
        static EMPTY: std::sync::OnceLock<UiStrings> = std::sync::OnceLock::new();
        self.templates.strings.get(lang).unwrap_or_else(|| EMPTY.get_or_init(UiStrings::new))
    }

    fn ui(&self, lang: &str, key: &str) -> &'a str {
        templates::ui(self.strings(lang), key)
    }

    /// Which model items a page shows, as one fingerprint (see `memo`).
    fn page_key(&self, job: &Job<'a>) -> u64 {
        let p = self.prints;
        let (i, _) = job.item;
        let deps = match job.route {
            Route::Case(_) => p.cases[i],
            Route::Theme(_) => memo::fingerprint(&(p.themes[i], p.theme_cases[i])),
            Route::Area(_) => memo::fingerprint(&(p.areas[i], p.area_cases[i], p.progress)),
            Route::Progress | Route::ProgressYear(_) | Route::ProgressArea(..) => {
                memo::fingerprint(&(p.progress, &p.areas, &p.themes))
            }
            Route::Overview => p.plan,
            Route::Structure => p.structure,
            Route::Search => 0,
            Route::Home => memo::fingerprint(&(p.lists, p.plan)),
            Route::Themes | Route::Areas | Route::Cases => p.lists,
        };
        let template = self.templates.fingerprint(template_of(job.route));
        memo::fingerprint(&(p.global, template, job.lang, deps))
    }

    fn page(&self, job: &Job<'a>) -> Result<(String, std::sync::Arc<[u8]>), BuildError> {
        let path = job.route.file(job.lang);
        let bytes = self.memo.file(&path, self.page_key(job), || self.render_page(job).map(String::into_bytes))?;
        Ok((path, bytes))
    }

    fn render_page(&self, job: &Job<'a>) -> Result<String, BuildError> {
        let (route, lang, (i, j)) = (job.route, job.lang, job.item);
        let site = self.site;
        let primary = site.config.primary().code.as_str();
        let tr = Tr::new(lang, primary, self.bodies);
        let link = Linker::relative(&route.path(lang));
        let ui = self.strings(lang);
        let label = |key: &str| self.ui(lang, key);
        let html = match route {
            Route::Home => self.wrap(route, &tr, &link, pages::home(site, &tr, &link))?,
            Route::Overview => self.wrap(route, &tr, &link, pages::overview(site, &tr, label("overview")))?,
            Route::Themes => self.wrap(route, &tr, &link, pages::themes(site, &tr, &link, label("themes")))?,
            Route::Theme(_) => self.wrap(route, &tr, &link, pages::theme(site, &tr, &link, i, label("themes")))?,
            Route::Areas => self.wrap(route, &tr, &link, pages::areas(site, &tr, &link))?,
            Route::Area(_) => self.wrap(route, &tr, &link, pages::area(site, &tr, &link, i, ui))?,
            Route::Cases => self.wrap(route, &tr, &link, pages::cases(site, &tr, &link, label("cases")))?,
            Route::Case(_) => self.wrap(route, &tr, &link, pages::case(site, &tr, &link, i, label("cases")))?,
            Route::Structure => self.wrap(route, &tr, &link, pages::structure(site, &tr, label("diagram_title")))?,
            Route::Search => self.wrap(route, &tr, &link, pages::search(site, &tr, &link, ui))?,
            Route::Progress => self.wrap(route, &tr, &link, progress::index(site, &tr, &link, label("progress")))?,
            Route::ProgressYear(_) => self.wrap(route, &tr, &link, progress::year(site, &tr, &link, i, ui))?,
            Route::ProgressArea(..) => self.wrap(route, &tr, &link, progress::area(site, &tr, &link, (i, j), ui))?,
        };
        Ok(html)
    }

    /// Renders `built` inside the layout with the route's template.
    fn wrap<V: Serialize>(
        &self,
        route: Route,
        tr: &Tr<'a>,
        link: &Linker,
        built: Built<V>,
    ) -> Result<String, BuildError> {
        self.render_in_layout(template_of(route), Some(route), tr, link, &built)
    }

    /// Renders a page view inside the layout; `route` is `None` for the landing and 404 pages.
    fn render_in_layout<V: Serialize>(
        &self,
        template: &str,
        route: Option<Route>,
        tr: &Tr<'a>,
        link: &Linker,
        built: &Built<V>,
    ) -> Result<String, BuildError> {
        let layout = self.layout(route, tr, link, built);
        let mut cx = tera::Context::new();
        cx.insert("layout", &layout);
        cx.insert("page", &built.view);
        cx.insert("t", self.strings(tr.lang));
        // Text from YAML may hold characters no page may carry (`"\0"` is a valid YAML escape).
        self.templates.render(template, &cx).map(crate::escape::without_forbidden)
    }

    fn layout<V>(&self, route: Option<Route>, tr: &Tr<'a>, link: &Linker, built: &Built<V>) -> Layout<'a> {
        let site = self.site;
        let lang = tr.lang;
        let config = &site.config;
        let abs = |path: &str| format!("{}{path}", self.base_url);
        let path_in = |l: &str| route.map_or_else(String::new, |r| r.path(l));
        let mut nav_items: Vec<(Route, Shown<'a>)> = vec![
            (Route::Home, tr.own(self.ui(lang, "home"))),
            (Route::Overview, tr.own(self.ui(lang, "overview"))),
            (Route::Themes, tr.own(self.ui(lang, "themes"))),
            (Route::Areas, tr.t(&config.areas_title)),
            (Route::Cases, tr.own(self.ui(lang, "cases"))),
        ];
        if !site.progress.is_empty() {
            nav_items.push((Route::Progress, tr.own(self.ui(lang, "progress"))));
        }
        nav_items.push((Route::Structure, tr.t(&site.structure.title)));
        let section = route.map(|r| match r {
            Route::Theme(_) => Route::Themes,
            Route::Area(_) => Route::Areas,
            Route::Case(_) => Route::Cases,
            Route::ProgressYear(_) | Route::ProgressArea(..) => Route::Progress,
            other => other,
        });
        let nav = nav_items
            .into_iter()
            .map(|(r, label)| Nav { label, href: link.route(r, lang), current: section == Some(r) })
            .collect();
        let mut breadcrumbs = Vec::new();
        if route.is_some_and(|r| r != Route::Home) {
            breadcrumbs.push(Crumb { label: self.ui(lang, "home").to_string(), href: link.route(Route::Home, lang) });
            breadcrumbs
                .extend(built.trail.iter().map(|(label, href)| Crumb { label: label.clone(), href: href.clone() }));
        }
        let site_title = tr.t(&config.title);
        let title = if route == Some(Route::Home) || route.is_none() {
            site_title.text.to_string()
        } else {
            format!("{} | {}", built.heading, site_title.text)
        };
        let canonical = abs(&path_in(lang));
        let alternates: Vec<Alternate> =
            config.languages.iter().map(|l| Alternate { lang: l.code.clone(), href: abs(&path_in(&l.code)) }).collect();
        let x_default = if route.is_some() { abs(&path_in(&config.primary().code)) } else { abs("") };
        let switcher = config
            .languages
            .iter()
            .map(|l| Switch { lang: &l.code, name: &l.name, href: link.to(&path_in(&l.code)), current: l.code == lang })
            .collect();
        let org = &config.organisation;
        let footer = Footer {
            organisation: tr.t(&org.name),
            url: org.url.as_deref(),
            contact: org.contact.as_ref().map(|c| contact(tr, c)),
            copyright: tr.opt(&config.copyright),
        };
        let locale = config.languages.iter().find(|l| l.code == lang).map_or(lang, |l| l.locale.as_str());
        let jsonld = self.jsonld(tr, &canonical, built, &breadcrumbs);
        Layout {
            lang,
            site_title,
            title,
            heading: built.heading.clone(),
            description: truncate(&built.description, 120),
            canonical,
            alternates,
            x_default,
            switcher,
            nav,
            breadcrumbs,
            home_href: link.route(Route::Home, lang),
            css: link.to("static/css/main.css"),
            print_css: link.to("static/css/print.css"),
            highlight_css: link.to("static/css/highlight.css"),
            feed_href: link.to(&format!("{lang}/feed.xml")),
            search_href: link.route(Route::Search, lang),
            untranslated: tr.fell_back(),
            jsonld,
            og_type: if matches!(route, Some(Route::Case(_))) { "article" } else { "website" },
            locale,
            locale_alternates: config.languages.iter().filter(|l| l.code != lang).map(|l| l.locale.as_str()).collect(),
            footer,
        }
    }

    /// JSON-LD for the page: a WebPage in the WebSite, published by the organisation.
    fn jsonld<V>(&self, tr: &Tr<'a>, url: &str, built: &Built<V>, crumbs: &[Crumb]) -> String {
        let config = &self.site.config;
        let org = &config.organisation;
        let c = org.contact.as_ref();
        let mut publisher = serde_json::json!({"@type": "GovernmentOrganization", "name": org.name.get(tr.lang).text});
        if let Some(u) = &org.url {
            publisher["url"] = u.as_str().into();
        }
        if let Some(e) = c.and_then(|c| c.email.as_deref()) {
            publisher["email"] = e.into();
        }
        if let Some(p) = c.and_then(|c| c.phone.as_ref()) {
            publisher["telephone"] = p.display.as_str().into();
        }
        let mut page = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": built.heading,
            "description": truncate(&built.description, 200),
            "url": url,
            "inLanguage": tr.lang,
            "isPartOf": {"@type": "WebSite", "name": config.title.get(tr.lang).text, "url": format!("{}{}/", self.base_url, tr.lang)},
            "publisher": publisher,
        });
        if !crumbs.is_empty() {
            let items: Vec<_> = crumbs
                .iter()
                .map(|c| c.label.as_str())
                .chain(std::iter::once(built.heading.as_str()))
                .enumerate()
                .map(|(i, name)| serde_json::json!({"@type": "ListItem", "position": i + 1, "name": name}))
                .collect();
            page["breadcrumb"] = serde_json::json!({"@type": "BreadcrumbList", "itemListElement": items});
        }
        crate::escape::json_in_script(&page.to_string())
    }

    /// The bilingual landing page at `/`.
    fn landing(&self) -> Result<Vec<u8>, BuildError> {
        #[derive(Serialize)]
        struct Panel<'a> {
            lang: &'a str,
            name: &'a str,
            title: Shown<'a>,
            description: Shown<'a>,
            enter: &'a str,
            href: String,
        }
        let config = &self.site.config;
        let primary = config.primary().code.as_str();
        let tr = Tr::new(primary, primary, self.bodies);
        let link = Linker::relative("");
        let panels: Vec<Panel> = config
            .languages
            .iter()
            .map(|l| {
                let t = Tr::new(&l.code, primary, self.bodies);
                Panel {
                    lang: &l.code,
                    name: &l.name,
                    title: t.t(&config.title),
                    description: t.t(&config.description),
                    enter: self.ui(&l.code, "enter"),
                    href: link.route(Route::Home, &l.code),
                }
            })
            .collect();
        let built = Built {
            view: panels,
            heading: config.title.primary().to_string(),
            description: config.description.primary().to_string(),
            trail: vec![],
        };
        Ok(self.render_in_layout("landing.html", None, &tr, &link, &built)?.into_bytes())
    }

    /// The 404 page: bilingual, linking from the base path because it is served at any depth.
    fn not_found(&self) -> Result<Vec<u8>, BuildError> {
        #[derive(Serialize)]
        struct Part<'a> {
            lang: &'a str,
            title: &'a str,
            text: &'a str,
            home: &'a str,
            home_href: String,
        }
        let config = &self.site.config;
        let primary = config.primary().code.as_str();
        let tr = Tr::new(primary, primary, self.bodies);
        let link = Linker::absolute(&base_path(self.base_url));
        let parts: Vec<Part> = config
            .languages
            .iter()
            .map(|l| Part {
                lang: &l.code,
                title: self.ui(&l.code, "not_found_title"),
                text: self.ui(&l.code, "not_found_text"),
                home: self.ui(&l.code, "home"),
                home_href: link.route(Route::Home, &l.code),
            })
            .collect();
        let built = Built {
            view: parts,
            heading: self.ui(primary, "not_found_title").to_string(),
            description: String::new(),
            trail: vec![],
        };
        Ok(self.render_in_layout("404.html", None, &tr, &link, &built)?.into_bytes())
    }
}

/// Text escaped for HTML, SVG and XML written by hand (templates escape by themselves).
pub(crate) fn escape(s: &str) -> String {
    crate::escape::xml(s)
}

/// At most `max` characters, ending with … when cut.
fn truncate(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let mut out: String = s.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A page template left out of PAGE_TEMPLATES would count as shared, and every page would
    // be rendered again whenever it changed.
    #[test]
    fn every_route_template_is_a_page_template() {
        let routes = [
            Route::Home,
            Route::Overview,
            Route::Themes,
            Route::Theme("t"),
            Route::Areas,
            Route::Area("a"),
            Route::Cases,
            Route::Case("c"),
            Route::Structure,
            Route::Search,
            Route::Progress,
            Route::ProgressYear(2024),
            Route::ProgressArea(2024, "a"),
        ];
        let mut used: Vec<&str> = routes.iter().map(|r| template_of(*r)).chain(["landing.html", "404.html"]).collect();
        used.sort_unstable();
        assert_eq!(used, templates::PAGE_TEMPLATES);
    }
}
