//! The model → every file of the site, in memory: the fourth stage of the pipeline.
//!
//! `render_site` lists the pages (every route in every language, the bilingual landing and 404
//! pages), renders them in parallel with the theme's templates, and adds the sitemap, robots.txt,
//! the Atom feeds, the theme's static files and the content's media (its images as `media`
//! made them). It does no I/O.

mod chart;
mod diagram;
mod feeds;
mod indent;
mod kind;
mod kinds;
pub(crate) mod memo;
pub(crate) mod opendata;
mod paginate;
mod progress;
mod records;
pub(crate) mod refs;
pub(crate) mod routes;
mod summary;
pub(crate) mod templates;
mod views;

use crate::error::BuildError;
use crate::media::Images;
use crate::model::{Image, Shown, Site};
use crate::output::RenderedSite;
use crate::source::SourceTree;
use crate::text::bodies::Bodies;
use crate::text::ui::UiStrings;
use kind::{Cx, PageKind};
pub(crate) use kinds::page_templates;
use kinds::{table, Visit};
use rayon::prelude::*;
pub(crate) use records::RecordList;
use routes::{base_path, Linker, Route};
use serde::Serialize;
use templates::Templates;
use views::{contact, Built, ContactView, Coverage, Crumb, Global, Page, Tr};

/// Renders the whole site (the search index aside: the pipeline makes it beside the pages from
/// the same `bodies`), reusing from `memo` every page whose inputs are unchanged. `prints`: the
/// fingerprints [`render_first`] made of this site, if it ran.
pub(crate) fn render_site(
    site: &Site,
    templates: &Templates,
    tree: &SourceTree,
    memo: &memo::RenderMemo,
    bodies: &Bodies,
    images: &Images,
    prints: Option<memo::Prints>,
) -> Result<(RenderedSite, Vec<String>), BuildError> {
    let prints = prints.unwrap_or_else(|| memo::Prints::of(site, memo));
    let ahead = Ahead::new(site, tree);
    let mut r = Renderer::new(site, templates, memo, bodies, images, &prints, &ahead);
    // Every page of every kind in every language (the pages of no language once).
    let mut jobs = Jobs::new(site, None);
    table(&mut jobs);
    // How much of each page is in its own language, before any page is rendered: each page's
    // switcher and alternates list only the languages it has content of its own in.
    let coverage = (0..jobs.len()).into_par_iter().map(|at| jobs.coverage(&r, at)).collect();
    r.coverage = coverage;
    // Each page stored as soon as it is made: in a build, written out (`output::spill`). The
    // site's files that no page decides (feeds, open data, favicon) are made beside them, so
    // that the last pages do not wait for them one after the other (at N = 1,000 they were 3 %
    // of the build's time with one core idle).
    let (pages, whole) =
        rayon::join(|| pages_of(&r, &jobs, memo), || whole_site_files(site, &r, templates, images, memo, &prints));
    let Pages { files, fell_back } = pages?;
    let untranslated: std::collections::HashSet<(Route, &str)> = fell_back.into_iter().collect();
    let whole = whole?;
    let mut out = RenderedSite::of(files, memo.spill.clone(), &memo.order);
    out.held_in(memo.held.clone());
    // The sitemap lists the routes in each language (in the configuration), with alternates
    // only in the languages a page is translated into.
    let translated = |route: Route, lang: &str| untranslated.is_empty() || !untranslated.contains(&(route, lang));
    let flags: Vec<bool> = jobs.sitemap().map(|(route, lang)| translated(route, lang)).collect();
    // The files besides the pages, added to the site at once.
    let mut more: Vec<(String, crate::output::Stored)> = Vec::new();
    let bytes = |path: String, bytes: std::sync::Arc<[u8]>| (path, crate::output::Stored::Bytes(bytes));
    // The large files of the site's whole go to disk too, in a build (the pages did already),
    // or are kept there as the last build left them, where they are made from the same. A
    // sitemap of more pages than one file may list is split, each part made on its own: an
    // index at `sitemap.xml`, where robots.txt points.
    let per_file = memo.sitemap_urls.unwrap_or(feeds::SITEMAP_URLS).max(1);
    let parts: Vec<&[bool]> = flags.chunks(per_file).collect();
    // The pages of part `n`.
    let part = |n: usize| jobs.sitemap().skip(n * per_file).take(per_file);
    if parts.len() <= 1 {
        let key = memo::fingerprint(&(r.global_print, Listed(jobs.sitemap()), &flags));
        let sitemap =
            memo.stored_stream("sitemap.xml", key, &|out| feeds::sitemap(site, jobs.sitemap(), &translated, out))?;
        more.push(("sitemap.xml".into(), sitemap));
    } else {
        let made = parts
            .par_iter()
            .enumerate()
            .map(|(n, flags)| {
                let (path, key) = (feeds::part_path(n), memo::fingerprint(&(r.global_print, Listed(part(n)), flags)));
                let stored = memo.stored_stream(&path, key, &|out| feeds::sitemap(site, part(n), &translated, out))?;
                Ok::<_, BuildError>((path, stored))
            })
            .collect::<Result<Vec<_>, _>>()?;
        more.extend(made);
        let index = feeds::sitemap_index(site, parts.len()).into_bytes();
        more.push(("sitemap.xml".into(), memo.store("sitemap.xml", index.into())?));
    }
    let robots = format!("User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n", site.config.base_url);
    more.push(bytes("robots.txt".into(), robots.into_bytes().into()));
    more.extend(whole);
    more.extend(templates.statics.iter().map(|(path, b)| bytes(path.clone(), b.clone())));
    // Images as `media` made them (never the original bytes of a photo); the rest (PDFs) as
    // they are.
    for (_, image) in images.iter() {
        for (path, b) in image.files() {
            more.push(bytes(path.to_string(), b.clone()));
        }
    }
    for path in site.media.iter().filter(|p| !crate::media::is_image(p)) {
        if let Some(b) = tree.get_shared(path) {
            more.push(bytes(path.trim_start_matches("content/").to_string(), b.shared(path)));
        }
    }
    out.add_all(more);
    memo.forget_all_but(&out);
    let mut untranslated: Vec<String> =
        untranslated.into_iter().filter(|(r, _)| !r.of_no_language()).map(|(r, l)| r.file(l)).collect();
    untranslated.sort_unstable();
    Ok((out, untranslated))
}

/// The pages of a site as [`pages_of`] made them.
struct Pages<'a> {
    /// Each page's file and how it is stored, in the order of the jobs.
    files: Vec<(String, crate::output::Stored)>,
    /// The pages that stand in for a missing translation (few: listed apart, not noted with
    /// every page).
    fell_back: Vec<(Route<'a>, &'a str)>,
}

/// Every page of `jobs`, each stored as soon as it is made, with its file, in the order of the
/// jobs; or why one could not be (the first in that order). The list of files is made in place
/// and is all that is held of each page: a list of each page's result, route and language
/// beside it was some 30 MB at N = 100,000, at the render's end (its peak), and a list made
/// as one result was gathered in pieces joined at the end, both held then.
fn pages_of<'a>(r: &Renderer<'a>, jobs: &Jobs<'a, '_>, memo: &memo::RenderMemo) -> Result<Pages<'a>, BuildError> {
    let failed: std::sync::Mutex<Option<(usize, BuildError)>> = std::sync::Mutex::new(None);
    let fell_back = std::sync::Mutex::new(Vec::new());
    let fail = |at: usize, e: BuildError| {
        if let Ok(mut first) = failed.lock() {
            if first.as_ref().is_none_or(|(was, _)| at < *was) {
                *first = Some((at, e));
            }
        }
    };
    let files = (0..jobs.len())
        .into_par_iter()
        .with_max_len(crate::reuse::SMALL_TASKS)
        .map(|at| {
            let made = jobs.page(r, at).and_then(|(page, path, key, outcome)| {
                let (stored, fell, references) = match outcome {
                    Outcome::Kept(stored, fell) => (stored, fell, false),
                    Outcome::Made((bytes, fell, references)) => (memo.store(&path, bytes)?, fell, references),
                };
                // A page with references is made by every build (see `Renderer::page`).
                if !references {
                    memo.note(&path, key, &stored, fell);
                }
                if fell {
                    if let Ok(mut list) = fell_back.lock() {
                        list.push(page);
                    }
                }
                Ok((path, stored))
            });
            // A page that failed holds its place with nothing: the build fails with the first
            // such page's error below, and the list is not used.
            made.unwrap_or_else(|e| {
                fail(at, e);
                (String::new(), crate::output::Stored::Kept { hash: 0, len: 0 })
            })
        })
        .collect();
    if let Some((_, e)) = failed.into_inner().ok().flatten() {
        return Err(e);
    }
    Ok(Pages { files, fell_back: fell_back.into_inner().unwrap_or_default() })
}

/// The site's files that no page decides: the feeds (of case studies: a site without any has
/// none, and links to none), the open data of each year and `favicon.ico`; each stored as it
/// is made, in parallel.
fn whole_site_files(
    site: &Site,
    r: &Renderer,
    templates: &Templates,
    images: &Images,
    memo: &memo::RenderMemo,
    prints: &memo::Prints,
) -> Result<Vec<(String, crate::output::Stored)>, BuildError> {
    type Made<'m> = Box<dyn Fn() -> Result<Option<(String, crate::output::Stored)>, BuildError> + Send + Sync + 'm>;
    let mut files: Vec<Made> = Vec::new();
    for lang in site.config.languages.iter().filter(|_| !site.cases.is_empty()) {
        files.push(Box::new(move || {
            let path = format!("{}/feed.xml", lang.code);
            let feed = feeds::atom(site, &lang.code, r.strings(&lang.code));
            Ok(Some((path.clone(), memo.store(&path, feed.into_bytes().into())?)))
        }));
    }
    let data_key = memo::fingerprint(&(r.global_print, prints.data()));
    for y in &site.progress {
        // Each file written as its rows are made, one row at a time (into the stage, in a
        // build), and only if it must be written anew.
        files.push(Box::new(move || {
            let path = format!("data/progress-{}.csv", y.year.0);
            Ok(Some((path.clone(), memo.stored_stream(&path, data_key, &|out| opendata::csv(site, y, out))?)))
        }));
        files.push(Box::new(move || {
            let path = format!("data/progress-{}.json", y.year.0);
            Ok(Some((path.clone(), memo.stored_stream(&path, data_key, &|out| opendata::json(site, y, out))?)))
        }));
    }
    files.push(Box::new(|| Ok(favicon(site, templates, images, memo)?.map(|ico| (FAVICON.to_string(), ico)))));
    files.par_iter().filter_map(|make| make().transpose()).collect()
}

/// The pages a preview renders ahead of the rest of a rebuild (those open in a browser), and
/// what it does with them as soon as they are made (shows them; see `serve`).
pub(crate) struct Early<'a> {
    /// The files of the pages, as the site has them (`ja/cases/x/index.html`).
    pub(crate) pages: Vec<String>,
    /// Given each page of `pages` that the site has, rendered, with its file.
    #[allow(clippy::type_complexity, reason = "a callback, named where it is used")]
    pub(crate) show: &'a (dyn Fn(Vec<(String, std::sync::Arc<[u8]>)>) + Sync),
}

/// The pages `early` names, rendered and given to it ahead of the rest of the site, before the
/// bodies' text is made: a page reads its body's source, as a build's pages do
/// ([`Bodies::for_pages`]), so they are the bytes the whole render makes. Returns the
/// fingerprints made on the way, for that render ([`render_site`]).
pub(crate) fn render_first(
    site: &Site,
    templates: &Templates,
    tree: &SourceTree,
    memo: &memo::RenderMemo,
    images: &Images,
    early: &Early,
) -> memo::Prints {
    let prints = memo::Prints::of(site, memo);
    let ahead = Ahead::new(site, tree);
    let bodies = Bodies::for_pages(site, &templates.page_ids);
    let mut r = Renderer::new(site, templates, memo, &bodies, images, &prints, &ahead);
    (early.show)(render_early(&mut r, &early.pages));
    prints
}

/// What a render makes before its pages and lends to them: the sizes of the site's files, and
/// the parts of views pages share, kept as they are made.
struct Ahead {
    sizes: refs::FileSizes,
    shared: views::Shared,
}

impl Ahead {
    fn new(site: &Site, tree: &SourceTree) -> Self {
        Ahead { sizes: file_sizes(site, tree), shared: views::Shared::default() }
    }
}

/// The size of each file of `site.media`, by its path in the site.
fn file_sizes(site: &Site, tree: &SourceTree) -> refs::FileSizes {
    site.media
        .iter()
        .filter_map(|m| Some((m.trim_start_matches("content/").to_string(), tree.get_shared(m)?.len() as u64)))
        .collect()
}

/// The pages at the files `wanted`, rendered through the memo exactly as the whole site's
/// render will render them: that render then finds them made. Only their routes' jobs are
/// made (with the other languages', whose coverage their switchers need). A page that fails is
/// left out: the whole render reports it.
fn render_early<'a>(r: &mut Renderer<'a>, wanted: &[String]) -> Vec<(String, std::sync::Arc<[u8]>)> {
    let wanted: rustc_hash::FxHashSet<&str> = wanted.iter().map(String::as_str).collect();
    let mut jobs = Jobs::new(r.cx.site, Some(&wanted));
    table(&mut jobs);
    let coverage = (0..jobs.len()).map(|at| jobs.coverage(r, at)).collect();
    r.coverage = coverage;
    let r = &*r;
    (0..jobs.len())
        .into_par_iter()
        .filter(|&i| jobs.wanted[i])
        .filter_map(|i| {
            let (_, path, _, outcome) = jobs.page(r, i).ok()?;
            let bytes = match outcome {
                Outcome::Made((bytes, _, _)) => bytes,
                Outcome::Kept(stored, _) => r.memo.bytes_of(&stored)?,
            };
            Some((path, bytes))
        })
        .collect()
}

/// Where the site publishes its `favicon.ico`: at its root (the path of `base_url`).
const FAVICON: &str = "favicon.ico";
/// The theme's home-screen icon, the picture of `favicon.ico` unless the site gives its own.
const THEME_TOUCH_ICON: &str = "static/icons/touch-icon.png";

/// `favicon.ico`, drawn from the home-screen icon (the site's `touch_icon:`, else the theme's)
/// and kept while that picture is the same; none if the theme has no touch icon.
fn favicon(
    site: &Site,
    templates: &Templates,
    images: &Images,
    memo: &memo::RenderMemo,
) -> Result<Option<crate::output::Stored>, BuildError> {
    let own = site.config.touch_icon.as_deref().and_then(|source| {
        let p = images.get(source)?;
        p.files().find(|(path, _)| *path == p.src).map(|(_, bytes)| (source.to_string(), bytes.clone()))
    });
    let Some((from, png)) = own.or_else(|| {
        let bytes = templates.statics.get(THEME_TOUCH_ICON)?;
        Some((THEME_TOUCH_ICON.to_string(), bytes.clone()))
    }) else {
        return Ok(None);
    };
    let key = memo::fingerprint(&*png);
    let ico = memo.stored_file(FAVICON, key, || {
        crate::media::favicon::ico(&png)
            .map_err(|message| BuildError::Template { template: from, message: format!("favicon.ico: {message}") })
    })?;
    Ok(Some(ico))
}

/// One page of this build: its route and language, its path, the fingerprint of its inputs
/// and what came of it.
type Done<'a> = ((Route<'a>, &'a str), String, u64, Outcome);

/// What came of a page in this build.
enum Outcome {
    /// Rendered, or its bytes taken from `serve`'s memo.
    Made(memo::Made),
    /// The last build's file, left in the output as it is (see `memo::RenderMemo::kept`), or a
    /// page `serve` keeps on disk (`output::held`), and whether the page stands in for a
    /// missing translation.
    Kept(crate::output::Stored, bool),
}

/// Lists the pages of each kind, each in every language (the pages of no language once, in the
/// primary language), numbered in that order: the page of route `n` of a kind in the `i`th
/// language is the page `first + n × languages + i`, its kind's `first` its first page. What
/// is held of a page is the id its kind tells it by (in the kind's list, of its routes): a
/// boxed job for each page, another for each one's coverage and a sitemap entry for each were
/// some 30 MB at N = 100,000, at the render's end (its peak).
struct Jobs<'a, 'w> {
    site: &'a Site,
    /// Only the routes with a page at one of these files (`None`: all).
    only: Option<&'w rustc_hash::FxHashSet<&'w str>>,
    kinds: Vec<KindJobs<'a>>,
    /// How many pages.
    pages: usize,
    /// With `only`: whether each page is one of them (the others are the other languages of
    /// their routes).
    wanted: Vec<bool>,
    /// With `only`: where each route's file is written to be looked up (one string for all).
    buf: String,
}

/// The pages of one kind.
struct KindJobs<'a> {
    /// The number of its first page.
    first: usize,
    /// How many pages each route has: one per language, or one for a route of no language.
    per_route: usize,
    routes: Box<dyn Routes<'a> + 'a>,
}

/// The routes of one kind of page, by their ids, and what a page of each is made with.
trait Routes<'a>: Send + Sync {
    /// How many.
    fn len(&self) -> usize;
    /// The route `n`.
    fn route(&self, n: usize) -> Route<'a>;
    /// Renders the page of route `n` in `lang`; `first` is the number of the route's first page.
    fn page(&self, r: &Renderer<'a>, n: usize, lang: &'a str, first: usize) -> Result<Done<'a>, BuildError>;
    /// How much of the page of route `n` in `lang` is in that language.
    fn coverage(&self, r: &Renderer<'a>, n: usize, lang: &'a str) -> Coverage;
}

/// The routes of the kind `K`, by their ids.
struct Ids<'a, K: PageKind> {
    ids: Vec<K::Id<'a>>,
    kind: std::marker::PhantomData<fn() -> K>,
}

impl<'a, K: PageKind> Routes<'a> for Ids<'a, K> {
    fn len(&self) -> usize {
        self.ids.len()
    }

    fn route(&self, n: usize) -> Route<'a> {
        K::route(self.ids[n])
    }

    fn page(&self, r: &Renderer<'a>, n: usize, lang: &'a str, first: usize) -> Result<Done<'a>, BuildError> {
        r.page::<K>(self.ids[n], lang, first)
    }

    fn coverage(&self, r: &Renderer<'a>, n: usize, lang: &'a str) -> Coverage {
        r.coverage_of::<K>(self.ids[n], lang)
    }
}

impl<'a, 'w> Jobs<'a, 'w> {
    fn new(site: &'a Site, only: Option<&'w rustc_hash::FxHashSet<&'w str>>) -> Self {
        Jobs { site, only, kinds: Vec::new(), pages: 0, wanted: Vec::new(), buf: String::new() }
    }

    /// How many pages.
    fn len(&self) -> usize {
        self.pages
    }

    /// The kind of page `at`, the number of its route in the kind, its language's place and
    /// the number of its route's first page.
    fn find(&self, at: usize) -> (&KindJobs<'a>, usize, usize, usize) {
        let kind = &self.kinds[self.kinds.partition_point(|k| k.first <= at).saturating_sub(1)];
        let (n, lang) = ((at - kind.first) / kind.per_route, (at - kind.first) % kind.per_route);
        (kind, n, lang, at - lang)
    }

    fn lang(&self, i: usize) -> &'a str {
        let site: &'a Site = self.site;
        site.config.languages.get(i).map_or("", |l| l.code.as_str())
    }

    /// Renders page `at`.
    fn page(&self, r: &Renderer<'a>, at: usize) -> Result<Done<'a>, BuildError> {
        let (kind, n, lang, first) = self.find(at);
        kind.routes.page(r, n, self.lang(lang), first)
    }

    /// How much of page `at` is in its own language: all of it in the primary language and
    /// in a page of no language.
    fn coverage(&self, r: &Renderer<'a>, at: usize) -> Coverage {
        match self.find(at) {
            (kind, n, lang, _) if lang > 0 => kind.routes.coverage(r, n, self.lang(lang)),
            _ => Coverage::Full,
        }
    }

    /// The pages the sitemap lists, in order: every page of a language.
    fn sitemap(&self) -> impl Iterator<Item = (Route<'a>, &'a str)> + Clone + '_ {
        self.kinds.iter().flat_map(move |kind| {
            (0..kind.routes.len())
                .map(move |n| kind.routes.route(n))
                .filter(|route| !route.of_no_language())
                .flat_map(move |route| (0..kind.per_route).map(move |i| (route, self.lang(i))))
        })
    }
}

/// A list's items hashed one after the other, as they come (not gathered first).
struct Listed<I>(I);

impl<I: Iterator<Item = T> + Clone, T: std::hash::Hash> std::hash::Hash for Listed<I> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for item in self.0.clone() {
            item.hash(state);
        }
    }
}

impl<'a> Visit for Jobs<'a, '_> {
    fn kind<K: PageKind>(&mut self) {
        let languages = &self.site.config.languages;
        let mut ids = K::ids(self.site);
        let Some(&one) = ids.first() else { return };
        // Every route of a kind is of a language, or none is.
        let per_route = if K::route(one).of_no_language() { 1 } else { languages.len() };
        if let Some(only) = self.only {
            let (buf, wanted) = (&mut self.buf, &mut self.wanted);
            ids.retain(|&id| {
                let route = K::route(id);
                let pages: Vec<bool> = languages
                    .iter()
                    .take(per_route)
                    .map(|l| {
                        route.file_into(&l.code, buf);
                        only.contains(buf.as_str())
                    })
                    .collect();
                let any = pages.contains(&true);
                if any {
                    wanted.extend(pages);
                }
                any
            });
        }
        let routes = Box::new(Ids::<K> { ids, kind: std::marker::PhantomData });
        let first = self.pages;
        self.pages += routes.len() * per_route;
        self.kinds.push(KindJobs { first, per_route, routes });
    }
}

struct Renderer<'a> {
    cx: Cx<'a>,
    bodies: &'a Bodies,
    images: &'a Images,
    memo: &'a memo::RenderMemo,
    templates: &'a Templates,
    base_url: &'a str,
    global: Global<'a>,
    global_print: u64,
    resolver: refs::Resolver<'a>,
    /// How much of each page is in its language, at the place of its job (the primary language
    /// and the pages of no language have all theirs).
    coverage: Vec<Coverage>,
    /// All of every language: the coverage of a page of no language.
    all_full: Vec<Coverage>,
    shared: &'a views::Shared,
}

/// The parts of a page outside `<main>` that are its own: metadata, switcher, breadcrumbs. The
/// template sees them and the page's [`Chrome`] as one value, `layout`.
#[derive(Serialize)]
struct Layout<'a> {
    /// `<title>`: the heading and the site's title.
    title: String,
    heading: String,
    /// The heading's language, when it is not the page's (an untranslated title).
    heading_lang: Option<String>,
    description: String,
    /// The address search engines are to index for the page: its own, or for a page with
    /// nothing in its language, the page it shows.
    canonical: String,
    /// The page's own address (printed at its foot).
    address: String,
    /// Whether the page has an address of its own to give search engines (canonical, language
    /// alternates): not a page the server shows at any missing address
    /// ([`PageKind::SERVED_AT_ANY_DEPTH`]), which asks not to be indexed instead.
    listed: bool,
    alternates: Vec<Alternate>,
    x_default: String,
    switcher: Vec<Switch<'a>>,
    breadcrumbs: Vec<Crumb>,
    untranslated: bool,
    /// The band of a page shown before it is published (a draft, or dated after today).
    early: Option<String>,
    jsonld: String,
    og_type: &'static str,
    /// The page's first image, else the site's (`og_image` in site.yaml).
    og_image: Option<OgImage>,
    /// The root page: where it sends the reader at once (`<meta http-equiv="refresh">`).
    refresh: Option<String>,
    /// 「最終更新日」 of a page of content.
    updated: Option<DateView>,
    /// Whether the header offers the site's search box: not on the search page, whose own form
    /// is the search (one search landmark, not two).
    search_box: bool,
    /// The navigation between the pages of a list cut into pages (also the head's
    /// `<link rel="prev|next">`).
    pager: Option<paginate::Pager>,
    /// What a page after the first of a list adds to its heading: 「（2／5ページ）」 (also in
    /// `heading`, for the templates that print the heading as it is).
    page_of: Option<String>,
}

/// The parts of a page outside `<main>` that every page of its language, at its depth (its
/// links are relative) and in its section (the menu marks it) has the same: the menu, the
/// footer, the links to the stylesheets, icons and script.
#[derive(Serialize)]
struct Chrome<'a> {
    /// The BCP 47 tag of the page's language (`<html lang>`).
    lang: &'a str,
    /// The code of the page's language (its folder; the search index's).
    code: &'a str,
    site_title: Shown<'a>,
    nav: Vec<Nav<'a>>,
    home_href: String,
    css: String,
    print_css: String,
    highlight_css: String,
    /// The Atom feed of case studies, if the site has any.
    feed_href: Option<String>,
    search_href: String,
    locale: &'a str,
    locale_alternates: Vec<&'a str>,
    footer: Footer<'a>,
    /// The favicon (an SVG) and the home-screen icon (a PNG): the site's, else the theme's.
    icon: String,
    /// `favicon.ico` at the site's root, for browsers that do not read SVG icons.
    favicon: String,
    touch_icon: String,
    /// The theme's script: enhancements only (the text-size buttons); nothing needs it to read.
    site_js: String,
}

/// A date for `<time>`: as written in the page's language, and as YYYY-MM-DD.
#[derive(Serialize)]
struct DateView {
    label: String,
    iso: String,
}

/// An image for link previews: an absolute address, its size and its alt text.
#[derive(Serialize)]
struct OgImage {
    url: String,
    width: Option<u32>,
    height: Option<u32>,
    alt: String,
    /// The alt text's language, when it is not the page's.
    alt_lang: Option<String>,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    href: String,
}

#[derive(Serialize)]
struct Switch<'a> {
    /// The language's BCP 47 tag.
    lang: &'a str,
    name: &'a str,
    href: String,
    current: bool,
    /// Some of the page's texts stand in from another language.
    partial: bool,
}

#[derive(Serialize)]
struct Nav<'a> {
    label: Shown<'a>,
    href: String,
    /// `aria-current` of the entry: `page` on its own page, `true` on the other pages of its
    /// section (a case study is in the case studies, page 2 of a list is not the list's page).
    current: Option<&'static str>,
}

#[derive(Serialize)]
struct Footer<'a> {
    organisation: Shown<'a>,
    url: Option<&'a str>,
    contact: Option<ContactView<'a>>,
    copyright: Option<Shown<'a>>,
    /// Links to the pages of kinds with a footer entry (the site map…).
    links: Vec<Nav<'a>>,
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a Site,
        templates: &'a Templates,
        memo: &'a memo::RenderMemo,
        bodies: &'a Bodies,
        images: &'a Images,
        prints: &'a memo::Prints,
        ahead: &'a Ahead,
    ) -> Self {
        let global = Global::new(site);
        Renderer {
            cx: Cx { site, prints },
            bodies,
            images,
            templates,
            base_url: &site.config.base_url,
            memo,
            global,
            // The addresses and sizes of images are shown by the pages that show them and by
            // every page's og:image (the site's default).
            global_print: memo::fingerprint(&(global.print(), images.print())),
            resolver: refs::Resolver { site, sizes: &ahead.sizes, images },
            shared: &ahead.shared,
            coverage: Vec::new(),
            all_full: vec![Coverage::Full; site.config.languages.len()],
        }
    }

    fn strings(&self, lang: &str) -> &'a UiStrings {
        // `Templates::load` guarantees strings for every site language.
        static EMPTY: std::sync::OnceLock<UiStrings> = std::sync::OnceLock::new();
        self.templates.strings.get(lang).unwrap_or_else(|| EMPTY.get_or_init(UiStrings::new))
    }

    /// How much of the page `route` is in each language of the site, in their order, given the
    /// place of its first job (its page in the primary language).
    fn coverage(&self, route: Route<'a>, first: usize) -> &[Coverage] {
        if route.of_no_language() {
            return &self.all_full;
        }
        self.coverage.get(first..first + self.all_full.len()).unwrap_or(&self.all_full)
    }

    /// How much of the page `id` of kind `K` is in `lang`: what its view shows, as `render`
    /// makes it (its texts and bodies, not the menu or the footer). A page whose title stands
    /// in from another language has none of its own (as the sitemap has it).
    /// Kept while the page's inputs are the same, as its bytes are.
    fn coverage_of<K: PageKind>(&self, id: K::Id<'a>, lang: &'a str) -> Coverage {
        let route = K::route(id);
        let inputs = K::inputs(&self.cx, id);
        let key = memo::fingerprint(&(self.global_print, lang, &inputs));
        self.memo.coverage(&route.file(lang), key, || {
            let page = self.page_cx::<K>(route, lang);
            let built = K::view(&page, inputs);
            if built.heading.lang.is_some() {
                Coverage::None
            } else {
                page.tr.coverage()
            }
        })
    }

    /// What a view of a page of kind `K` in `lang` is made with.
    fn page_cx<K: PageKind>(&self, route: Route<'a>, lang: &'a str) -> Page<'a> {
        Page {
            tr: Tr::new(lang, &self.global.config().chains, self.bodies),
            link: self.linker::<K>(route, lang),
            ui: self.strings(lang),
            all_ui: &self.templates.strings,
            global: self.global,
            images: self.images,
            shared: self.shared,
        }
    }

    /// The page `id` of kind `K` in `lang`: rendered, or the last build's bytes if its
    /// fingerprint (what every page shows, its template, its language and its kind's inputs)
    /// is unchanged: in `serve`, kept in memory; in a build, the file the last build left in
    /// the output, which is then neither rendered nor written.
    fn page<K: PageKind>(&self, id: K::Id<'a>, lang: &'a str, first: usize) -> Result<Done<'a>, BuildError> {
        let route = K::route(id);
        let path = route.file(lang);
        let inputs = K::inputs(&self.cx, id);
        let template = self.templates.fingerprint(K::TEMPLATE);
        let key = memo::fingerprint(&(self.global_print, template, lang, &inputs));
        let updated = K::updated(&self.cx, id);
        // The switcher and the alternates list the languages the page has content in.
        let coverage = self.coverage(route, first);
        let paging = K::paging(id);
        let key = memo::fingerprint(&(key, updated, coverage, paging));
        if let Some((stored, fell_back)) = self.memo.kept(&path, key) {
            return Ok(((route, lang), path, key, Outcome::Kept(stored, fell_back)));
        }
        let (stored, fell_back, references) = self.memo.page(&path, key, || {
            // Found only for a page that is rendered: whether it is shown early is in every
            // page's fingerprint (`Global::print`), and its image is in its inputs or the
            // site's configuration.
            let early = K::early(self.cx.site, id);
            let image = K::image(&self.cx, id).or(self.global.config().og_image.as_ref());
            self.render::<K>(route, lang, inputs, (early, image, updated), coverage, paging)
        })?;
        let Some(mut bytes) = references.then(|| self.memo.bytes_of(&stored)).flatten() else {
            // In memory, or kept on disk by `serve` (see `output::held`).
            return Ok(match stored {
                crate::output::Stored::Bytes(bytes) => {
                    ((route, lang), path, key, Outcome::Made((bytes, fell_back, false)))
                }
                stored => ((route, lang), path, key, Outcome::Kept(stored, fell_back)),
            });
        };
        // References are resolved by every build, after the memo: what they lead to may have
        // changed while the page did not.
        let html = String::from_utf8_lossy(&bytes);
        let link = self.linker::<K>(route, lang);
        bytes = self.resolver.resolve(&html, lang, &link, self.strings(lang)).into_bytes().into();
        Ok(((route, lang), path, key, Outcome::Made((bytes, fell_back, true))))
    }

    /// Makes the links of page `route` in `lang`.
    fn linker<K: PageKind>(&self, route: Route<'a>, lang: &str) -> Linker {
        if K::SERVED_AT_ANY_DEPTH {
            Linker::absolute(&base_path(self.base_url))
        } else {
            Linker::relative(&route.path(lang))
        }
    }

    /// The page's bytes, and whether it stands in for a missing translation (its title does).
    fn render<K: PageKind>(
        &self,
        route: Route<'a>,
        lang: &'a str,
        inputs: K::Inputs<'a>,
        (early, image, updated): (Option<crate::model::publish::Early>, Option<&'a Image>, Option<crate::model::Date>),
        coverage: &[Coverage],
        paging: Option<paginate::Paging>,
    ) -> Result<(Vec<u8>, bool), BuildError> {
        let page = self.page_cx::<K>(route, lang);
        let mut built = K::view(&page, inputs);
        // A page after the first of a list says which it is in its title and heading (each page
        // its own title), and leads back to the first, the list's own page.
        let pager = paging.and_then(|p| paginate::pager(p, route, lang, &page.link, page.ui));
        let page_of = paging.and_then(|p| paginate::title_suffix(p, page.ui));
        if let Some(suffix) = &page_of {
            built.trail.push(Crumb {
                label: built.heading.text.clone(),
                lang: built.heading.lang.clone(),
                href: page.href(route.page(1)),
            });
            built.heading.text.push_str(suffix);
            built.description.push_str(suffix);
        }
        // The notice says the page's own content is untranslated: what its view shows, not a
        // menu label, the site's title or the footer, which the layout adds after this.
        let own_untranslated = page.tr.fell_back();
        let mut layout = self.layout::<K, _>(route, &page, &built, coverage);
        layout.untranslated = own_untranslated;
        layout.pager = pager;
        layout.page_of = page_of;
        layout.og_image = image.and_then(|i| self.og_image(&page.tr, i));
        let tag = page.tr.tag;
        layout.updated = updated.map(|d| DateView { label: d.label(tag), iso: d.to_string() });
        layout.early = early.map(|e| match e {
            crate::model::publish::Early::Draft => page.ui.get("draft_band").cloned().unwrap_or_default(),
            crate::model::publish::Early::Scheduled(date) => {
                page.ui.get("scheduled_band").map(|s| s.replace("{date}", &date.label(tag))).unwrap_or_default()
            }
        });
        let mut cx = tera::Context::new();
        let mut value = tera::Value::from_serializable(&layout).into_map().unwrap_or_default();
        if let Some(chrome) = self.chrome::<K>(&page, K::SECTION == Some(route)).as_map() {
            value.extend(chrome.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        cx.insert_value("layout", tera::Value::from(value));
        cx.insert("page", &built.view);
        cx.insert_value("t", self.templates.ui_value(lang));
        // Text from YAML may hold characters no page may carry (`"\0"` is a valid YAML escape).
        let html = self.templates.render(K::TEMPLATE, &cx).map(crate::escape::without_forbidden)?;
        // A page whose own title has no translation stands in for the page in the primary
        // language (a label or a card in another language does not make it one).
        Ok((html, built.heading.lang.is_some()))
    }

    fn layout<K: PageKind, V>(
        &self,
        route: Route<'a>,
        page: &Page<'a>,
        built: &Built<V>,
        coverage: &[Coverage],
    ) -> Layout<'a> {
        let (tr, link) = (&page.tr, &page.link);
        let lang = tr.lang;
        let config = self.global.config();
        let abs = |path: &str| format!("{}{path}", self.base_url);
        let mut breadcrumbs = Vec::new();
        let of_no_language = route.of_no_language();
        if !of_no_language && route != Route::Home {
            breadcrumbs.push(Crumb::new(page.label("home"), link.route(Route::Home, lang)));
            breadcrumbs.extend(built.trail.iter().cloned());
        }
        let site_title = tr.t(&config.title);
        // The not-found page says so in its title too (it is what a screen reader reads first).
        let title = if matches!(route, Route::Home | Route::Landing) {
            site_title.text.to_string()
        } else {
            format!("{} | {}", built.heading.text, site_title.text)
        };
        let address = abs(&route.path(lang));
        // Whether the page has content of its own in the language `code`.
        let has_own = |code: &str| {
            config.languages.iter().position(|l| l.code == code).and_then(|i| coverage.get(i)) != Some(&Coverage::None)
        };
        let alternates: Vec<Alternate> = crate::model::i18n::alternates(&config.languages, lang, |l| has_own(&l.code))
            .into_iter()
            .map(|l| Alternate { lang: l.tag.clone(), href: abs(&route.path(&l.code)) })
            .collect();
        // A page with nothing of its own language shows the page of the first language of its
        // chain that has some: that page is its canonical address (search engines index the
        // original once), and it names no alternates.
        let shown = config.chains.chain(lang).map(|(code, _)| code).find(|code| has_own(code));
        let canonical = abs(&route.path(shown.unwrap_or(lang)));
        let x_default = abs(&route.path(&config.primary().code));
        // The page's own language, and each other one it has content of its own in (marked
        // partial where some of it stands in from another language).
        let switcher = config
            .languages
            .iter()
            .zip(coverage)
            .filter_map(|(l, &coverage)| {
                // The pages of no language lead to each language's home page.
                let to = if of_no_language { Route::Home } else { route };
                // The root page is no language's: each language is a link there (none is "current").
                let current = !of_no_language && l.code == lang;
                (current || coverage != Coverage::None).then(|| Switch {
                    lang: &l.tag,
                    name: &l.name,
                    href: link.to(&to.path(&l.code)),
                    current,
                    partial: coverage != Coverage::Full,
                })
            })
            .collect();
        // The language chooser at the root sends browsers on to the primary language's home
        // page at once (a redirect, to search engines): it asks not to be indexed, as the page
        // at any missing address does.
        let listed = !K::SERVED_AT_ANY_DEPTH && route != Route::Landing;
        let jsonld = self.jsonld(tr, listed.then_some(canonical.as_str()), built, &breadcrumbs, route == Route::Home);
        Layout {
            title,
            heading: built.heading.text.clone(),
            heading_lang: built.heading.lang.clone(),
            description: truncate(&built.description, 120),
            canonical,
            address,
            listed,
            alternates,
            x_default,
            switcher,
            breadcrumbs,
            // Set by `render` from the view alone (a menu label does not count).
            untranslated: false,
            early: None,
            jsonld,
            og_type: K::OG_TYPE,
            og_image: None,
            refresh: (route == Route::Landing).then(|| link.route(Route::Home, &config.primary().code)),
            updated: None,
            search_box: route != Route::Search,
            pager: None,
            page_of: None,
        }
    }

    /// The chrome of `page`, a page of kind `K`, as a template value: made once for the pages
    /// of its language, depth and section. It is no part of the page's own content (its
    /// coverage).
    fn chrome<K: PageKind>(&self, page: &Page<'a>, own: bool) -> tera::Value {
        page.shared(views::SharedPart::Chrome { section: K::SECTION, own }, false, || self.make_chrome::<K>(page, own))
    }

    fn make_chrome<K: PageKind>(&self, page: &Page<'a>, own: bool) -> Chrome<'a> {
        /// The entries of the main navigation and of the footer, from the table.
        struct Links<'p, 'a> {
            page: &'p Page<'a>,
            nav: Vec<(Route<'a>, Shown<'a>)>,
            footer: Vec<(Route<'a>, Shown<'a>)>,
        }
        impl Visit for Links<'_, '_> {
            fn kind<K: PageKind>(&mut self) {
                self.nav.extend(K::nav(self.page));
                self.footer.extend(K::footer(self.page));
            }
        }
        let (tr, link) = (&page.tr, &page.link);
        let lang = tr.lang;
        let config = self.global.config();
        let mut links = Links { page, nav: Vec::new(), footer: Vec::new() };
        table(&mut links);
        let entry = |(r, label): (Route<'a>, Shown<'a>)| Nav {
            label,
            href: link.route(r, lang),
            current: (K::SECTION == Some(r)).then_some(if own { "page" } else { "true" }),
        };
        let org = &config.organisation;
        let footer = Footer {
            organisation: tr.t(&org.name),
            url: org.url.as_deref(),
            contact: org.contact.as_ref().map(|c| contact(tr, c)),
            copyright: tr.opt(&config.copyright),
            links: links.footer.into_iter().map(entry).collect(),
        };
        let locale = config.languages.iter().find(|l| l.code == lang).map_or(lang, |l| l.locale.as_str());
        Chrome {
            lang: tr.tag,
            code: lang,
            site_title: tr.t(&config.title),
            nav: links.nav.into_iter().map(entry).collect(),
            home_href: link.route(Route::Home, lang),
            css: link.to("static/css/main.css"),
            print_css: link.to("static/css/print.css"),
            highlight_css: link.to("static/css/highlight.css"),
            feed_href: self.global.has_cases().then(|| link.to(&format!("{lang}/feed.xml"))),
            search_href: link.route(Route::Search, lang),
            locale,
            locale_alternates: {
                // Each other locale once (やさしい日本語's is Japanese's, ja_JP).
                let mut others: Vec<&str> = Vec::new();
                for l in config.languages.iter().filter(|l| l.locale != locale) {
                    if !others.contains(&l.locale.as_str()) {
                        others.push(&l.locale);
                    }
                }
                others
            },
            footer,
            icon: self.icon(link, config.icon.as_deref(), "static/icons/icon.svg"),
            favicon: link.to(FAVICON),
            touch_icon: self.icon(link, config.touch_icon.as_deref(), THEME_TOUCH_ICON),
            site_js: link.to("static/js/site.js"),
        }
    }

    /// The link to an icon: the site's own file (as published), else the theme's.
    fn icon(&self, link: &Linker, own: Option<&str>, theme: &str) -> String {
        match own.and_then(|source| self.images.get(source)) {
            Some(p) => link.to(&crate::escape::url_path(&p.src)),
            None => link.to(theme),
        }
    }

    /// The og:image of `image`: the absolute address of its file at its own name (the largest
    /// variant, in its own format, which every link preview reads).
    fn og_image(&self, tr: &Tr<'a>, image: &'a Image) -> Option<OgImage> {
        let p = self.images.get(&image.source)?;
        let alt = tr.t(&image.alt);
        Some(OgImage {
            url: format!("{}{}", self.base_url, crate::escape::url_path(&p.src)),
            width: p.size.map(|s| s.0),
            height: p.size.map(|s| s.1),
            alt: alt.text.to_string(),
            alt_lang: alt.fallback.then(|| alt.lang.to_string()),
        })
    }

    /// JSON-LD for the page: a WebPage in the WebSite, published by the organisation.
    /// `url`: the page's address (none for a page shown at any missing address). The website
    /// and the organisation are described in full on each language's home page only, under an
    /// `@id` every other page refers to: written out on every page they were a fifth of its
    /// structured data, the same on each of 20,000 pages at N = 10,000.
    fn jsonld<V>(&self, tr: &Tr<'a>, url: Option<&str>, built: &Built<V>, crumbs: &[Crumb], home: bool) -> String {
        let config = self.global.config();
        let org = &config.organisation;
        let c = org.contact.as_ref();
        let site_url = format!("{}{}/", self.base_url, tr.lang);
        let publisher = jsonld::Publisher {
            id: format!("{}#publisher", self.base_url),
            about: home.then(|| jsonld::Organisation {
                kind: org.kind.schema_type(),
                email: c.and_then(|c| c.email.as_deref()),
                name: org.name.get(tr.lang).text,
                telephone: c.and_then(|c| c.phone.as_ref()).map(|p| p.display.as_str()),
                // A page reference (`@overview`) is resolved in pages only: not in structured data.
                url: org.url.as_deref().filter(|u| u.starts_with("http")),
            }),
        };
        // Each step with its address, as search engines require of every step but the last
        // (the last is the page itself): the links are relative to the page, so they are joined
        // to its address as a browser would.
        let breadcrumb = url.filter(|_| !crumbs.is_empty()).map(|url| {
            let page_url = url::Url::parse(url).ok();
            let absolute = |href: &str| page_url.as_ref().and_then(|u| u.join(href).ok()).map(String::from);
            let items = crumbs
                .iter()
                .map(|c| (c.label.as_str(), absolute(&c.href)))
                .chain(std::iter::once((built.heading.text.as_str(), Some(url.to_string()))))
                .zip(1..)
                .map(|((name, item), position)| jsonld::ListItem { item, name, position })
                .collect();
            jsonld::Breadcrumbs { items }
        });
        let page = jsonld::WebPage {
            context: "https://schema.org",
            kind: "WebPage",
            breadcrumb,
            description: truncate(&built.description, 200),
            in_language: tr.tag,
            is_part_of: jsonld::WebSite {
                id: format!("{site_url}#website"),
                about: home
                    .then(|| jsonld::WebSiteAbout { name: config.title.get(tr.lang).text, url: site_url.clone() }),
            },
            name: &built.heading.text,
            publisher,
            url,
        };
        crate::escape::json_in_script(&serde_json::to_string(&page).unwrap_or_default())
    }
}

/// The page's structured data, written straight from these types (a map of values per page was
/// 2 % of a build's time). The fields are in the order of their names, `@` first (a tag is
/// written first), as the sorted maps wrote them before.
mod jsonld {
    use serde::Serialize;

    #[derive(Serialize)]
    pub(super) struct WebPage<'p> {
        #[serde(rename = "@context")]
        pub context: &'static str,
        #[serde(rename = "@type")]
        pub kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub breadcrumb: Option<Breadcrumbs<'p>>,
        pub description: String,
        #[serde(rename = "inLanguage")]
        pub in_language: &'p str,
        #[serde(rename = "isPartOf")]
        pub is_part_of: WebSite<'p>,
        pub name: &'p str,
        pub publisher: Publisher<'p>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub url: Option<&'p str>,
    }

    /// The organisation: its `@id` on every page, the rest on the home pages.
    #[derive(Serialize)]
    pub(super) struct Publisher<'p> {
        #[serde(rename = "@id")]
        pub id: String,
        #[serde(flatten)]
        pub about: Option<Organisation<'p>>,
    }

    #[derive(Serialize)]
    pub(super) struct Organisation<'p> {
        #[serde(rename = "@type")]
        pub kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub email: Option<&'p str>,
        pub name: &'p str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub telephone: Option<&'p str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub url: Option<&'p str>,
    }

    /// The website: its `@id` on every page, the rest on the home pages.
    #[derive(Serialize)]
    pub(super) struct WebSite<'p> {
        #[serde(rename = "@id")]
        pub id: String,
        #[serde(flatten)]
        pub about: Option<WebSiteAbout<'p>>,
    }

    #[derive(Serialize)]
    #[serde(tag = "@type", rename = "WebSite")]
    pub(super) struct WebSiteAbout<'p> {
        pub name: &'p str,
        pub url: String,
    }

    #[derive(Serialize)]
    #[serde(tag = "@type", rename = "BreadcrumbList")]
    pub(super) struct Breadcrumbs<'p> {
        #[serde(rename = "itemListElement")]
        pub items: Vec<ListItem<'p>>,
    }

    #[derive(Serialize)]
    #[serde(tag = "@type", rename = "ListItem")]
    pub(super) struct ListItem<'p> {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub item: Option<String>,
        pub name: &'p str,
        pub position: usize,
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
    use crate::text::record::{Record, RecordSource};

    // A page template left out of the table would count as shared, and every page would be
    // rendered again whenever it changed; the default theme has each of the table's templates.
    #[test]
    fn every_page_template_is_in_the_default_theme_and_used_once() {
        let mut templates = page_templates();
        let count = templates.len();
        templates.sort_unstable();
        templates.dedup();
        assert_eq!(templates.len(), count, "two kinds share a template");
        for t in templates {
            let path = format!("templates/{t}");
            assert!(
                crate::source::embedded::DEFAULT_THEME.iter().any(|(p, _)| *p == path),
                "no {path} in the default theme"
            );
        }
    }

    /// Every page the table lists (route × language, the pages of no language once), as files.
    fn table_files(site: &Site) -> std::collections::BTreeSet<String> {
        struct Files<'a> {
            site: &'a Site,
            out: std::collections::BTreeSet<String>,
        }
        impl Visit for Files<'_> {
            fn kind<K: PageKind>(&mut self) {
                for id in K::ids(self.site) {
                    let route = K::route(id);
                    for l in &self.site.config.languages {
                        self.out.insert(route.file(&l.code));
                    }
                }
            }
        }
        let mut f = Files { site, out: Default::default() };
        table(&mut f);
        f.out
    }

    /// A fixture site read from tests/fixtures, compiled in memory, with its model.
    struct Fixture {
        tree: SourceTree,
        compiled: crate::pipeline::Compiled,
        site: Site,
    }

    fn compiled(name: &str) -> Fixture {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        let tree = SourceTree::load(&root).unwrap();
        let compiled = crate::compile(&tree, &Default::default()).unwrap();
        let (raw, _) = crate::content::parse(&tree);
        let site = crate::model::resolve(raw).unwrap();
        Fixture { tree, compiled, site }
    }

    /// The text of a built file.
    fn page(f: &Fixture, path: &str) -> String {
        String::from_utf8(f.compiled.site.get(path).unwrap_or_else(|| panic!("no {path}")).to_vec()).unwrap()
    }

    /// `read` of every search record of `lang`, made as a build makes them (they borrow from
    /// the templates and bodies made here).
    fn with_records<T>(f: &Fixture, lang: &str, read: impl FnOnce(Vec<Record>) -> T) -> T {
        let templates = Templates::load(&f.tree, &f.site.config, &page_templates()).unwrap();
        let bodies = Bodies::render_all(&f.site, &templates.page_ids, &Default::default());
        let list = RecordList::new(&f.site, lang, &templates.strings[lang], &bodies);
        read(list.make(0..list.len()))
    }

    // An area's summary is on every page of its progress items: made for each page, it was
    // work quadratic in the items. Pages at the same depth share one; a page elsewhere or in
    // another language has its own (its links and words differ), and what the part showed
    // counts for the coverage of each page that shows it, as if it were made for it, and of
    // no page that only has it.
    #[test]
    fn a_shared_part_is_made_once_per_language_and_links_and_counts_for_the_pages_that_show_it() {
        use kinds::ProgressArea;
        let f = compiled("other-city");
        let templates = Templates::load(&f.tree, &f.site.config, &page_templates()).unwrap();
        let (memo, images) = (memo::RenderMemo::default(), Images::default());
        let bodies = Bodies::render_all(&f.site, &templates.page_ids, &Default::default());
        let prints = memo::Prints::of(&f.site, &memo);
        let ahead = Ahead::new(&f.site, &f.tree);
        let r = Renderer::new(&f.site, &templates, &memo, &bodies, &images, &prints, &ahead);
        let only_ja = crate::model::Text::new([("ja".to_string(), "北".to_string())].into(), "ja");
        let made = std::cell::Cell::new(0);
        // The part `area` for page `n` of an area's items in `lang`, shown there or not: its
        // link to the first page, and whether the page counts as fallen back after it.
        let part_of = |area: usize, n: usize, lang: &'static str, shown: bool| {
            let part = views::SharedPart::AreaSummary { year: 0, area };
            let route = Route::ProgressArea(crate::model::FiscalYear(2025), routes::Item { index: 0, slug: "north" });
            let page = r.page_cx::<ProgressArea>(route.page(n), lang);
            let value = page.shared(part, shown, || {
                made.set(made.get() + 1);
                (page.tr.t(&only_ja).text.to_string(), page.href(route))
            });
            (value.to_string(), page.tr.fell_back())
        };
        let share = |n, lang| part_of(0, n, lang, true);
        let first = share(1, "en");
        assert_eq!(first, (r#"["北", "../../../progress/2025/north/"]"#.to_string(), true));
        assert_eq!(made.get(), 1);
        let second = share(2, "en");
        assert_eq!(
            second,
            (r#"["北", "../../../../../progress/2025/north/"]"#.to_string(), true),
            "page 2 is two folders deeper"
        );
        assert_eq!(made.get(), 2);
        // Page 3 takes page 2's, and has fallen back as page 2 did.
        assert_eq!(share(3, "en"), second);
        assert_eq!(made.get(), 2);
        assert_eq!(share(3, "ja"), (r#"["北", "../../../../../progress/2025/north/"]"#.to_string(), false));
        assert_eq!(made.get(), 3);
        assert_eq!(share(1, "en"), first);
        assert_eq!(made.get(), 3);
        // A page that has the part but does not show it: taken, or made for it, it does not
        // count.
        assert_eq!(part_of(0, 4, "en", false), (second.0.clone(), false));
        assert_eq!(made.get(), 3);
        assert_eq!(part_of(1, 2, "en", false), (second.0.clone(), false));
        assert_eq!(made.get(), 4);
        assert_eq!(part_of(1, 3, "en", true), second, "made for a page that did not show it, it counts where shown");
        assert_eq!(made.get(), 4);
    }

    // The routes are not restated here: the table lists the pages, and the site must hold
    // exactly those pages, the sitemap must list each page of a language, and every link of
    // the site map page must lead to one of them.
    #[test]
    fn the_site_has_exactly_the_pages_of_the_table_and_the_sitemaps_list_them() {
        let f = compiled("other-city");
        let (compiled, site) = (&f.compiled, &f.site);
        let expected = table_files(site);
        assert!(expected.len() > 40 && expected.contains("en/sitemap/index.html"), "{expected:?}");
        let html: std::collections::BTreeSet<String> =
            compiled.site.iter().map(|(p, _)| p.to_string()).filter(|p| p.ends_with(".html")).collect();
        assert_eq!(html, expected);

        let xml = page(&f, "sitemap.xml");
        let base = &site.config.base_url;
        let locs: std::collections::BTreeSet<String> = xml
            .split("<loc>")
            .skip(1)
            .map(|s| format!("{}index.html", &s[base.len()..s.find("</loc>").unwrap()]))
            .collect();
        // Every page of a language but those untranslated (their titles say so): each names
        // the page it shows as its canonical address, and that one is listed.
        let untranslated = |p: &str| page(&f, p).contains("<title lang=");
        let of_a_language: std::collections::BTreeSet<String> =
            expected.iter().filter(|p| *p != "index.html" && *p != "404.html" && !untranslated(p)).cloned().collect();
        assert_eq!(locs, of_a_language);
        let left_out: Vec<&String> = expected.iter().filter(|p| untranslated(p)).collect();
        assert!(!left_out.is_empty());
        for p in left_out {
            let html = page(&f, p);
            let own = format!("<link rel=\"canonical\" href=\"{base}{}\">", p.trim_end_matches("index.html"));
            assert!(html.contains("<link rel=\"canonical\" href=") && !html.contains(&own), "{p}");
            assert!(!html.contains("hreflang=\"x-default\""), "{p}: in no cluster");
        }

        for lang in ["ja", "en"] {
            let map = page(&f, &format!("{lang}/sitemap/index.html"));
            let main = &map[map.find("<main").unwrap()..map.find("</main>").unwrap()];
            // Links from `{lang}/sitemap/`: `../x/` is `{lang}/x/`, `../../x/` the root's `x/`.
            let hrefs: Vec<&str> = main.split("href=\"../").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
            assert!(hrefs.len() >= 12, "{hrefs:?}");
            for h in hrefs {
                let path = h.strip_prefix("../").map_or_else(|| format!("{lang}/{h}"), str::to_string);
                assert!(expected.contains(&format!("{path}index.html")), "{lang}/sitemap/ links to {h}, not a page");
            }
            let home = page(&f, &format!("{lang}/index.html"));
            assert!(home.contains("<li><a href=\"sitemap/\">"), "no footer link to the site map");
        }
    }

    // Search results link to `page#anchor`: every anchor a kind gives its records must be an
    // id on that page, in every language.
    #[test]
    fn every_search_anchor_is_an_id_on_its_page() {
        let mut checked = 0;
        for fixture in ["other-city", "council-plan"] {
            let f = compiled(fixture);
            for lang in ["ja", "en"] {
                with_records(&f, lang, |records| {
                    for r in records {
                        let page = page(&f, &format!("{}index.html", r.url));
                        for part in r.parts.iter().filter(|p| !p.anchor.is_empty()) {
                            assert!(
                                page.contains(&format!("id=\"{}\"", part.anchor)),
                                "{}#{} is not on the page",
                                r.url,
                                part.anchor
                            );
                            checked += 1;
                        }
                    }
                });
            }
        }
        assert!(checked > 40, "only {checked} anchors");
    }

    // A social welfare council's plan of another shape (goals, branch districts without
    // slogans or policies, no structure, no case studies) builds in its own words.
    #[test]
    fn a_plan_of_another_shape_builds_in_its_own_words() {
        let c = compiled("council-plan");
        assert!(c.compiled.warnings.is_empty(), "{:?}", c.compiled.warnings);
        // None of the sample's words, and nothing about a city.
        let foreign = [
            "取組みテーマ",
            "好事例",
            "総括表",
            "地区部会",
            "基本方針",
            "千葉",
            "市の",
            "Action theme",
            "Good practice",
            "city",
        ];
        for (path, bytes) in c.compiled.site.iter().filter(|(p, _)| p.ends_with(".html")) {
            let text = std::str::from_utf8(&bytes).unwrap();
            for w in foreign {
                assert!(!text.contains(w), "{path} says {w}");
            }
        }
        let nav = |lang: &str| {
            let home = page(&c, &format!("{lang}/index.html"));
            let nav = &home[home.find("site-nav").unwrap()..];
            let nav = &nav[..nav.find("</nav>").unwrap()];
            nav.split("\">")
                .skip(1)
                .map(|s| s[..s.find('<').unwrap()].to_string())
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
        };
        assert_eq!(nav("ja"), ["はじめに", "計画の概要", "基本目標", "支所地区の活動", "推進状況"]);
        assert_eq!(nav("en"), ["Welcome", "About the plan", "Goals", "Branch districts", "Progress"]);
        // What the plan lacks has no page, no link and no empty heading.
        for missing in ["ja/cases/index.html", "ja/structure/index.html"] {
            assert!(c.compiled.site.get(missing).is_none(), "{missing} was made");
        }
        let area = page(&c, "ja/areas/kita/index.html");
        assert!(c.compiled.site.get("ja/feed.xml").is_none(), "a feed of no case studies");
        for absent in ["id=\"policies\"", "class=\"slogan\"", "id=\"area-cases\"", "feed.xml"] {
            assert!(!area.contains(absent), "the district page has {absent}");
        }
        assert!(area.contains("id=\"contacts\""));
        assert!(!page(&c, "ja/themes/connect/index.html").contains("id=\"theme-cases\""));
        assert!(page(&c, "ja/index.html").contains("\"@type\":\"NGO\""));
        // The words it sets appear where the theme prints them.
        let goal = page(&c, "en/themes/consult/index.html");
        for word in [
            "<span class=\"heading-label\">Goal 2</span>",
            "Previous goal",
            "Next goal",
            "<a href=\"../../\">Welcome</a>",
        ] {
            assert!(goal.contains(word), "the goal page lacks {word}");
        }
        let search = page(&c, "ja/search/index.html");
        assert!(
            search.contains("<label for=\"search-theme\">基本目標")
                && search.contains("<label for=\"search-area\">支所地区の活動")
        );
        let map = page(&c, "ja/sitemap/index.html");
        assert!(!map.contains("cases/") && !map.contains("structure/") && map.contains("themes/prepare/"));
    }

    // A progress year in a simpler shape: CSV headed with the council's own words, districts
    // without basic policies, no priority items (so every item is rated and counted).
    #[test]
    fn a_simpler_progress_year_reads_its_own_headings_and_counts_every_item() {
        let c = compiled("council-plan");
        let site = &c.site;
        let year = &site.progress[0];
        assert!(!year.priority_items);
        let items: Vec<_> = year.areas.iter().flat_map(|a| &a.districts).flat_map(|d| &d.items).collect();
        assert_eq!(items.len(), 4);
        assert!(items.iter().all(|i| i.policy.is_none() && !i.priority));
        // Every item is counted by its rating (◎ ○ × in the north district).
        let summary = crate::render::summary::area_totals(&year.areas[0], !year.priority_items);
        assert_eq!((summary.priority, summary.by_rating, summary.other), (3, [1, 1, 0, 1], 0));
        let area = page(&c, "ja/progress/2026/kita/index.html");
        for shown in [
            "<th scope=\"col\">今年度の目標</th>",
            "<td data-label=\"取組数\" class=\"num\">3</td>",
            "<h3 id=\"district-1\">北一丁目</h3>",
        ] {
            assert!(area.contains(shown), "the progress page lacks {shown}");
        }
        assert!(
            area.contains("<h3>主な活動</h3>\n<ul class=\"plain-list\"><li>ふれあいサロン</li></ul>"),
            "main activities"
        );
        let csv = page(&c, "data/progress-2026.csv");
        assert!(
            !csv.lines().next().unwrap().contains("policy"),
            "policy columns in open data of a plan without policies"
        );
        for absent in ["基本方針", "重点", "chart-kita"] {
            assert!(!area.contains(absent), "the progress page shows {absent}");
        }
        let all = page(&c, "ja/progress/2026/index.html");
        assert!(all.contains("<td data-label=\"取組数\" class=\"num\">4</td>") && !all.contains("重点"));
    }

    // A goal's aims, actions (marked new or expanded, in words) and roles by actor, and the
    // plan's key issues and priority themes, are shown as lists and can be searched.
    #[test]
    fn goals_carry_aims_actions_roles_and_the_plan_its_issues_and_priorities() {
        let c = compiled("council-plan");
        let goal = page(&c, "ja/themes/connect/index.html");
        for shown in [
            "<h2 id=\"aims\">目指す姿</h2>",
            "<span class=\"badge badge--new\">新規</span> 多世代交流カフェの開催",
            "<span class=\"badge badge--expanded\">拡充</span>",
            "<h3>地域で働く人</h3>",
            "href=\"../../overview/#priority-1\">孤立を防ぐ見守りの輪</a>",
        ] {
            assert!(goal.contains(shown), "the goal page lacks {shown}");
        }
        let overview = page(&c, "en/overview/index.html");
        for shown in [
            "<h2 id=\"key-issues\">Key issues</h2>",
            "<h3 id=\"priority-1\">",
            "href=\"../themes/prepare/\">Prepare for disasters</a>",
        ] {
            assert!(overview.contains(shown), "the overview lacks {shown}");
        }
        let text: String = with_records(&c, "ja", |records| {
            records.iter().flat_map(|r| r.parts.iter()).map(|p| format!("{} {} ", p.heading, p.text)).collect()
        });
        for searchable in ["多世代交流カフェ", "気になる人を社協につなぐ", "担い手の高齢化", "孤立を防ぐ見守りの輪"]
        {
            assert!(text.contains(searchable), "{searchable} is not searchable");
        }
    }

    // Words the theme prints never stand in a template: every visible word comes from the UI
    // strings (which a site overrides with `words:`) or from the content.
    #[test]
    fn templates_print_no_words_of_their_own() {
        let strip = |text: &str, open: &str, close: &str| {
            let mut out = String::new();
            let mut rest = text;
            while let Some(i) = rest.find(open) {
                out.push_str(&rest[..i]);
                rest = rest[i..].find(close).map_or("", |j| &rest[i + j + close.len()..]);
            }
            out + rest
        };
        for (path, bytes) in crate::source::embedded::DEFAULT_THEME.iter().filter(|(p, _)| p.ends_with(".html")) {
            let mut text = std::str::from_utf8(bytes).unwrap().to_string();
            for (open, close) in
                [("{#", "#}"), ("{%", "%}"), ("{{", "}}"), ("<script", "</script>"), ("<style", "</style>")]
            {
                text = strip(&text, open, close);
            }
            // Attributes people read or hear.
            for attr in ["alt=\"", "title=\"", "aria-label=\"", "placeholder=\""] {
                for value in text.split(attr).skip(1).map(|s| &s[..s.find('"').unwrap_or(0)]) {
                    assert!(
                        !value.chars().any(char::is_alphabetic),
                        "{path}: {attr}{value}\" is not from the UI strings"
                    );
                }
            }
            let visible = strip(&text, "<", ">");
            // Letters, and the punctuation of one language (、。（）「」), belong in the strings.
            let own = |c: char| c.is_alphabetic() || "、。（）「」".contains(c);
            let words: Vec<&str> = visible.split_whitespace().filter(|w| w.chars().any(own)).collect();
            assert!(words.is_empty(), "{path} prints words of its own: {words:?}");
        }
    }

    // An English page whose item has no English title says its title is Japanese (title,
    // og:title, breadcrumb), and the sitemap offers no English alternate of it; the root page
    // links each language to its home page.
    #[test]
    fn untranslated_pages_say_so_and_are_not_offered_as_translations() {
        let c = compiled("other-city");
        let en = page(&c, "en/themes/living-advice/index.html");
        for marked in [
            "<title lang=\"ja\">",
            "og:title\" content=\"暮らしの相談窓口づくり\" lang=\"ja\"",
            "<li aria-current=\"page\" lang=\"ja\">",
        ] {
            assert!(en.contains(marked), "no {marked}");
        }
        assert!(page(&c, "en/themes/gathering-places/index.html").contains("<title>"));
        let xml = page(&c, "sitemap.xml");
        let entry = |loc: &str| {
            let at = xml.find(&format!("<loc>https://example.org/minato/{loc}</loc>")).unwrap();
            xml[at..at + xml[at..].find("</url>").unwrap()].to_string()
        };
        assert!(!entry("ja/themes/living-advice/").contains("hreflang=\"en\""));
        assert!(entry("ja/themes/gathering-places/").contains("hreflang=\"en\""));
        let root = page(&c, "index.html");
        assert!(root.contains("<a href=\"en/\" hreflang=\"en\""), "the root page's English link");
    }
}
