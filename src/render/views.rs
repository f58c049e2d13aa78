//! Typed views: what each template receives. Views borrow from the model and hold only values a
//! template prints; URLs, labels of fiscal years and the fallback flags are computed here, never
//! in templates.

use super::memo::Card;
use super::routes::Linker;
use super::routes::{Item, Route};
use crate::media::Images;
use crate::model::{Chains, Config, Contact, Image, Markdown, Phone, Shown, Site, Text};
use crate::text::bodies::Bodies;
use crate::text::ui::{ui, UiStrings};
use serde::Serialize;
use std::cell::Cell;
use std::sync::Mutex;

/// What every view is made with besides its own inputs: the page's language (texts), links,
/// UI strings, and what every page shows ([`Global`]).
pub(crate) struct Page<'a> {
    pub(crate) tr: Tr<'a>,
    pub(crate) link: Linker,
    /// The UI strings of the page's language.
    pub(crate) ui: &'a UiStrings,
    /// The UI strings of every language (pages that speak to all languages at once).
    pub(crate) all_ui: &'a std::collections::BTreeMap<String, UiStrings>,
    pub(crate) global: Global<'a>,
    /// The site's images as published (addresses, sizes, variants).
    pub(crate) images: &'a Images,
    /// The parts of views this build has made for many pages.
    pub(crate) shared: &'a Shared,
}

impl<'a> Page<'a> {
    /// The UI string `key` in the page's language.
    pub(crate) fn label(&self, key: &str) -> &'a str {
        ui(self.ui, key)
    }

    /// The UI string `key` in `lang`.
    pub(crate) fn label_in(&self, lang: &str, key: &str) -> &'a str {
        self.all_ui.get(lang).map_or("", |strings| ui(strings, key))
    }

    /// A link from this page to `route` in the page's language.
    pub(crate) fn href(&self, route: Route) -> String {
        self.link.route(route, self.tr.lang)
    }

    /// The part `part` of the view, as a template value: made by `make` for the first page of
    /// its language and links' maker, and the same value for every later one. `make` must show
    /// what `part` names, in the page's language, with the page's links, and nothing else of
    /// the page. On a page that shows it (`shown`), what it showed counts towards the page's
    /// coverage each time, as if it were made again; on one that only has it (for a site's own
    /// template), it does not.
    pub(crate) fn shared<T: Serialize>(&self, part: SharedPart, shown: bool, make: impl FnOnce() -> T) -> tera::Value {
        let key = (part, self.tr.lang.to_string(), self.link.clone());
        let kept = self.shared.parts.lock().ok().and_then(|m| m.get(&key).cloned());
        let (value, noted) = match kept {
            Some(kept) => kept,
            None => {
                let (made, noted) = self.tr.noting(make);
                let value = tera::Value::from_serializable(&made);
                if let Ok(mut parts) = self.shared.parts.lock() {
                    parts.keep(key, (value.clone(), noted));
                }
                (value, noted)
            }
        };
        if shown {
            self.tr.mark(noted);
        }
        value
    }
}

/// Parts of views that many pages show the same, such as the chrome of a language's pages or an
/// area's summary of a year on every page of its progress items, kept for one build: made once for each language and links'
/// maker (pages at the same depth below the same folder link alike), and shared as template
/// values, whose lists and maps are shared, not copied.
#[derive(Default)]
pub(crate) struct Shared {
    parts: Mutex<Parts>,
}

/// The parts [`Shared`] keeps. The chrome of every section, language and depth (a few dozen);
/// of the areas' summaries only the last [`Parts::SUMMARIES`] made: the pages of one summary
/// are made one after the other, and each summary lists every main activity of its area (at
/// N = 100,000, some 450 KB as a template value; all of them, kept to the end of the render,
/// were 22 MB at its peak). One made again is the same.
#[derive(Default)]
struct Parts {
    kept: rustc_hash::FxHashMap<SharedKey, (tera::Value, Noted)>,
    /// The summaries kept, the oldest first.
    summaries: std::collections::VecDeque<SharedKey>,
}

impl Parts {
    const SUMMARIES: usize = 16;

    fn get(&self, key: &SharedKey) -> Option<&(tera::Value, Noted)> {
        self.kept.get(key)
    }

    /// Keeps `part` (two pages may have made the same at once: kept once).
    fn keep(&mut self, key: SharedKey, part: (tera::Value, Noted)) {
        let summary = matches!(key.0, SharedPart::AreaSummary { .. });
        if self.kept.insert(key.clone(), part).is_some() || !summary {
            return;
        }
        self.summaries.push_back(key);
        if self.summaries.len() > Self::SUMMARIES {
            if let Some(oldest) = self.summaries.pop_front() {
                self.kept.remove(&oldest);
            }
        }
    }
}

/// A shared part, the language's code and the links' maker it was made with.
type SharedKey = (SharedPart, String, Linker);

/// A part of views that [`Shared`] keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SharedPart {
    /// What surrounds the main content of the pages of a section (`PageKind::SECTION`): the
    /// menus, the footer. `own` when the page is the section's own page (its menu entry is
    /// `aria-current="page"`; on the section's other pages it is `"true"`, the section).
    Chrome { section: Option<Route<'static>>, own: bool },
    /// The summary (総括表) of the area at `area` in the `areas` of the progress year at `year`
    /// in `Site::progress`.
    AreaSummary { year: usize, area: usize },
}

/// What texts a part of a view showed: any in the page's own language, any standing in from
/// another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Noted {
    own: bool,
    fell_back: bool,
}

/// What every page shows, whatever its kind: the site's configuration, the names and
/// addresses of the themes and areas (menus, cards, labels), the structure's title and the
/// years with progress data. Every page's fingerprint includes [`Global::print`], made from
/// exactly what these methods give; a view reads the rest of the model only from its inputs.
#[derive(Clone, Copy)]
pub(crate) struct Global<'a> {
    site: &'a Site,
}

impl<'a> Global<'a> {
    pub(crate) fn new(site: &'a Site) -> Global<'a> {
        Global { site }
    }

    /// The fingerprint of everything the methods below give.
    pub(crate) fn print(&self) -> u64 {
        let site = self.site;
        let labels: Vec<_> = site
            .themes
            .iter()
            .map(|t| (&t.slug, &t.title))
            .chain(site.areas.iter().map(|a| (&a.slug, &a.name)))
            .collect();
        let years: Vec<_> = site.progress.iter().map(|y| y.year).collect();
        let structure = site.structure.as_ref().map(|s| &s.title);
        let contacts: Vec<bool> = site.areas.iter().map(|a| a.contacts.is_empty()).collect();
        super::memo::fingerprint(&(
            &site.config,
            structure,
            labels,
            years,
            site.cases.is_empty(),
            &site.early,
            &site.search.furigana,
            contacts,
        ))
    }

    pub(crate) fn config(&self) -> &'a Config {
        &self.site.config
    }

    /// The promotion structure's title, if the plan has one.
    pub(crate) fn structure_title(&self) -> Option<&'a Text> {
        self.site.structure.as_ref().map(|s| &s.title)
    }

    /// Whether the site has any case studies (else it has no list of them).
    pub(crate) fn has_cases(&self) -> bool {
        !self.site.cases.is_empty()
    }

    /// Every theme as (slug, title), in order.
    pub(crate) fn themes(&self) -> impl Iterator<Item = (&'a str, &'a Text)> + 'a {
        self.site.themes.iter().map(|t| (t.slug.as_str(), &t.title))
    }

    /// Every area as (slug, name), in order.
    pub(crate) fn areas(&self) -> impl Iterator<Item = (&'a str, &'a Text)> + 'a {
        self.site.areas.iter().map(|a| (a.slug.as_str(), &a.name))
    }

    pub(crate) fn theme_title(&self, i: usize) -> &'a Text {
        &self.site.themes[i].title
    }

    pub(crate) fn theme(&self, i: usize) -> Option<Item<'a>> {
        self.site.themes.get(i).map(|t| Item { index: i, slug: &t.slug })
    }

    pub(crate) fn area_name(&self, i: usize) -> &'a Text {
        &self.site.areas[i].name
    }

    /// Whether area `i` lists contacts (its page then has a `#contacts` section).
    pub(crate) fn area_has_contacts(&self, i: usize) -> bool {
        !self.site.areas[i].contacts.is_empty()
    }

    pub(crate) fn area(&self, i: usize) -> Item<'a> {
        Item { index: i, slug: &self.site.areas[i].slug }
    }

    /// The years with progress data, oldest first.
    pub(crate) fn years(&self) -> impl DoubleEndedIterator<Item = crate::model::FiscalYear> + 'a {
        self.site.progress.iter().map(|y| y.year)
    }

    pub(crate) fn has_progress(&self) -> bool {
        !self.site.progress.is_empty()
    }
}

/// Resolves texts for one page in one language and remembers whether any fell back to another
/// language of its chain (the page then shows the "not yet translated" notice) and whether any
/// was in the page's own language (the page then has content of its own in that language).
pub(crate) struct Tr<'a> {
    /// The page's language (its code).
    pub(crate) lang: &'a str,
    /// The BCP 47 tag of the page's language (`lang` attributes, date styles).
    pub(crate) tag: &'a str,
    pub(crate) chains: &'a Chains,
    bodies: &'a Bodies,
    fell_back: Cell<bool>,
    own: Cell<bool>,
}

impl<'a> Tr<'a> {
    pub(crate) fn new(lang: &'a str, chains: &'a Chains, bodies: &'a Bodies) -> Self {
        Tr { lang, tag: chains.tag(lang), chains, bodies, fell_back: Cell::new(false), own: Cell::new(false) }
    }

    /// The same texts in another language (for a page that speaks to all languages at once).
    pub(crate) fn in_lang(&self, lang: &'a str) -> Tr<'a> {
        Tr::new(lang, self.chains, self.bodies)
    }

    pub(crate) fn t(&self, text: &'a Text) -> Shown<'a> {
        let s = text.get(self.lang);
        self.note(s.fallback);
        s
    }

    fn note(&self, fallback: bool) {
        if fallback {
            self.fell_back.set(true);
        } else {
            self.own.set(true);
        }
    }

    /// What `make` returns, and what texts it showed (which do not count for the page: see
    /// [`Tr::mark`]).
    fn noting<R>(&self, make: impl FnOnce() -> R) -> (R, Noted) {
        let before = Noted { own: self.own.replace(false), fell_back: self.fell_back.replace(false) };
        let made = make();
        let noted = Noted { own: self.own.replace(before.own), fell_back: self.fell_back.replace(before.fell_back) };
        (made, noted)
    }

    /// What `make` returns, its texts not counted for the page: for what a view has that the
    /// page does not show (a site's own template may).
    pub(crate) fn quietly<R>(&self, make: impl FnOnce() -> R) -> R {
        self.noting(make).0
    }

    /// Counts texts a part of the page showed (made apart, by [`Tr::noting`]), as if they were
    /// shown again.
    fn mark(&self, noted: Noted) {
        if noted.own {
            self.own.set(true);
        }
        if noted.fell_back {
            self.fell_back.set(true);
        }
    }

    pub(crate) fn opt(&self, text: &'a Option<Text>) -> Option<Shown<'a>> {
        text.as_ref().map(|t| self.t(t))
    }

    /// A text produced for this page (a label, a number) in the page's language.
    pub(crate) fn own(&self, text: &'a str) -> Shown<'a> {
        Shown { text, lang: self.tag, fallback: false, ruby: None }
    }

    /// The rendered body in this language, falling back along its chain.
    pub(crate) fn body(&self, md: &'a Markdown) -> Option<BodyView<'a>> {
        let shown = md.get(self.lang, self.chains)?;
        self.note(shown.fallback);
        let html = self.bodies.html(shown.source, shown.tag)?;
        Some(BodyView { html, lang: shown.tag, fallback: shown.fallback })
    }

    /// The body of `md` in the page's language only (no fallback): for a text that stands in
    /// for the theme's in that language alone.
    pub(crate) fn own_body(&self, md: &'a Markdown) -> Option<BodyView<'a>> {
        let (lang, source) = md.by_lang.get_indexed(md.by_lang.find_index(self.lang).ok()?)?;
        let html = self.bodies.html(source, self.chains.tag(lang))?;
        Some(BodyView { html, lang, fallback: false })
    }

    pub(crate) fn fell_back(&self) -> bool {
        self.fell_back.get()
    }

    /// How much of what was shown so far is in the page's own language.
    pub(crate) fn coverage(&self) -> Coverage {
        match (self.own.get(), self.fell_back.get()) {
            (_, false) => Coverage::Full,
            (true, true) => Coverage::Partial,
            (false, true) => Coverage::None,
        }
    }
}

/// How much of a page's own content is in the page's language (kept with the page's inputs by
/// the memo, where it is defined).
pub(crate) use super::memo::Coverage;

#[derive(Serialize)]
pub(crate) struct BodyView<'a> {
    /// Made as the page is rendered (see [`crate::text::bodies::Html`]).
    pub(crate) html: crate::text::bodies::Html<'a>,
    pub(crate) lang: &'a str,
    pub(crate) fallback: bool,
}

/// An image with its caption and credit, for a `<figure>`: `img` is the markup of
/// `media::img_tag` (escaped there; the one way an image tag is written).
#[derive(Serialize)]
pub(crate) struct FigureView<'a> {
    pub(crate) img: String,
    pub(crate) caption: Option<Shown<'a>>,
    pub(crate) credit: Option<Shown<'a>>,
}

/// The figures of an item's images (those the build published; every image named in content is).
pub(crate) fn figures<'a>(page: &Page<'a>, images: &'a [Image]) -> Vec<FigureView<'a>> {
    let tr = &page.tr;
    images
        .iter()
        .filter_map(|image| {
            let processed = page.images.get(&image.source)?;
            let alt = tr.t(&image.alt);
            let alt_lang = alt.fallback.then_some(alt.lang);
            let link = |path: &str| page.link.to(path);
            Some(FigureView {
                img: crate::media::img_tag(processed, alt.text, alt_lang, crate::media::SIZES, &link),
                caption: tr.opt(&image.caption),
                credit: tr.opt(&image.credit),
            })
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct Link<'a> {
    pub(crate) label: Shown<'a>,
    pub(crate) href: String,
}

#[derive(Serialize)]
pub(crate) struct ContactView<'a> {
    pub(crate) organisation: Shown<'a>,
    pub(crate) person: Option<Shown<'a>>,
    pub(crate) phone: Option<&'a Phone>,
    pub(crate) fax: Option<&'a Phone>,
    pub(crate) email: Option<&'a str>,
    pub(crate) postal_code: Option<&'a str>,
    pub(crate) address: Option<Shown<'a>>,
    /// The address as HTML (escaped here), each run of numbers (「1208-2」) kept on one line.
    pub(crate) address_html: Option<String>,
    pub(crate) hours: Option<Shown<'a>>,
    pub(crate) url: Option<&'a str>,
    pub(crate) sample: bool,
}

/// An address in HTML: escaped, with every run of digits joined by hyphens
/// (「1208-2」, 「1-1」) in a `<span class="nobr">`, which never breaks across lines (a browser
/// may otherwise break after the hyphen: 「千葉寺町1208-」/「2」); in its own language's span
/// where it stands in for a missing translation.
pub(crate) fn address_html(a: &Shown) -> String {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let is_joint = |c: char| matches!(c, '-' | '‐' | '－' | '−' | 'ー' | '―' | '‑');
    let chars: Vec<char> = a.text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if is_digit(chars[i]) {
            // The run: digits, with joints only between digits.
            let mut end = i + 1;
            let mut j = i + 1;
            while j < chars.len() && (is_digit(chars[j]) || is_joint(chars[j])) {
                if is_digit(chars[j]) {
                    end = j + 1;
                }
                j += 1;
            }
            let run: String = chars[i..end].iter().collect();
            // Digits alone never break apart; a run with a joint (1208-2) could, at the joint.
            if run.chars().any(is_joint) {
                out.push_str(&format!("<span class=\"nobr\">{}</span>", crate::escape::xml(&run)));
            } else {
                out.push_str(&crate::escape::xml(&run));
            }
            i = end;
        } else {
            let mut tmp = [0u8; 4];
            out.push_str(&crate::escape::xml(chars[i].encode_utf8(&mut tmp)));
            i += 1;
        }
    }
    if a.fallback {
        format!("<span lang=\"{}\">{out}</span>", crate::escape::xml(a.lang))
    } else {
        out
    }
}

pub(crate) fn contact<'a>(tr: &Tr<'a>, c: &'a Contact) -> ContactView<'a> {
    ContactView {
        organisation: tr.t(&c.organisation),
        person: tr.opt(&c.person),
        phone: c.phone.as_ref(),
        fax: c.fax.as_ref(),
        email: c.email.as_deref(),
        postal_code: c.postal_code.as_deref(),
        address: tr.opt(&c.address),
        address_html: tr.opt(&c.address).map(|a| address_html(&a)),
        hours: tr.opt(&c.hours),
        url: c.url.as_deref(),
        sample: c.sample,
    }
}

#[derive(Serialize)]
pub(crate) struct ThemeCard<'a> {
    pub(crate) number: u32,
    pub(crate) title: Shown<'a>,
    pub(crate) summary: Shown<'a>,
    pub(crate) href: String,
    pub(crate) case_count: usize,
}

/// What a theme's card shows.
#[derive(Hash, Clone, Copy)]
pub(crate) struct ThemeCardIn<'a> {
    pub(crate) index: usize,
    pub(crate) slug: &'a str,
    pub(crate) number: u32,
    pub(crate) title: &'a Text,
    pub(crate) summary: &'a Text,
    pub(crate) case_count: usize,
}

pub(crate) fn theme_card<'a>(page: &Page<'a>, t: ThemeCardIn<'a>) -> ThemeCard<'a> {
    let tr = &page.tr;
    ThemeCard {
        number: t.number,
        title: tr.t(t.title),
        summary: tr.t(t.summary),
        href: page.href(Route::Theme(Item { index: t.index, slug: t.slug })),
        case_count: t.case_count,
    }
}

#[derive(Serialize)]
pub(crate) struct AreaCard<'a> {
    pub(crate) name: Shown<'a>,
    pub(crate) slogan: Option<Shown<'a>>,
    pub(crate) href: String,
    pub(crate) case_count: usize,
}

/// What an area's card shows.
#[derive(Hash, Clone, Copy)]
pub(crate) struct AreaCardIn<'a> {
    pub(crate) index: usize,
    pub(crate) slug: &'a str,
    pub(crate) name: &'a Text,
    pub(crate) slogan: Option<&'a Text>,
    pub(crate) case_count: usize,
}

pub(crate) fn area_card<'a>(page: &Page<'a>, a: AreaCardIn<'a>) -> AreaCard<'a> {
    let tr = &page.tr;
    AreaCard {
        name: tr.t(a.name),
        slogan: a.slogan.map(|s| tr.t(s)),
        href: page.href(Route::Area(Item { index: a.index, slug: a.slug })),
        case_count: a.case_count,
    }
}

#[derive(Serialize)]
pub(crate) struct CaseCard<'a> {
    pub(crate) title: Shown<'a>,
    pub(crate) href: String,
    pub(crate) area: Shown<'a>,
    pub(crate) themes: Vec<Shown<'a>>,
    pub(crate) summary: Shown<'a>,
    pub(crate) sample: bool,
}

/// A case study's card: it reads only the fields of `memo::card_print` (and the names of the
/// area and themes, which every page shows).
pub(crate) fn case_card<'a>(page: &Page<'a>, card: Card<'a>) -> CaseCard<'a> {
    let (tr, case) = (&page.tr, card.case);
    CaseCard {
        title: tr.t(&case.title),
        href: page.href(Route::Case(Item { index: card.index, slug: &case.slug })),
        area: tr.t(page.global.area_name(case.area)),
        themes: case.themes.iter().map(|&i| tr.t(page.global.theme_title(i))).collect(),
        summary: tr.t(&case.point),
        sample: case.sample,
    }
}

/// What a page builder returns: the view and what the layout needs to know about the page.
pub(crate) struct Built<V> {
    pub(crate) view: V,
    /// The page's `<h1>` (also the start of `<title>`).
    pub(crate) heading: Heading,
    pub(crate) description: String,
    /// Breadcrumb trail between Home and this page.
    pub(crate) trail: Vec<Crumb>,
}

/// A step of the breadcrumb trail.
#[derive(Serialize, Clone)]
pub(crate) struct Crumb {
    pub(crate) label: String,
    /// The label's language, when it is not the page's (an untranslated name).
    pub(crate) lang: Option<String>,
    pub(crate) href: String,
}

impl Crumb {
    /// A step labelled in the page's language (a UI string).
    pub(crate) fn new(label: &str, href: String) -> Crumb {
        Crumb { label: label.to_string(), lang: None, href }
    }

    /// A step labelled with a text of the content, in whatever language it was shown.
    pub(crate) fn of(label: &Shown, href: String) -> Crumb {
        Crumb { label: label.text.to_string(), lang: lang_of(label), href }
    }
}

/// The language to mark a text with: that of `shown` when it stands in for a translation.
fn lang_of(shown: &Shown) -> Option<String> {
    shown.fallback.then(|| shown.lang.to_string())
}

/// A page's heading: its text, and its language when that is not the page's (an untranslated
/// title, which the page then marks with `lang`, and the sitemap does not offer as a
/// translation).
#[derive(Serialize, Clone)]
pub(crate) struct Heading {
    pub(crate) text: String,
    pub(crate) lang: Option<String>,
}

impl Heading {
    /// A heading in the page's language (a UI string).
    pub(crate) fn own(text: impl Into<String>) -> Heading {
        Heading { text: text.into(), lang: None }
    }

    /// A heading that is a text of the content, in whatever language it was shown.
    pub(crate) fn of(shown: &Shown) -> Heading {
        Heading { text: shown.text.to_string(), lang: lang_of(shown) }
    }

    /// `text` made around a text of the content (`shown`), in that text's language.
    pub(crate) fn around(text: String, shown: &Shown) -> Heading {
        Heading { text, lang: lang_of(shown) }
    }
}

/// A document a page lists (「関連資料」): its title and a reference to it, which the page
/// resolves into a link with the document's format and size (`render::refs`).
#[derive(Serialize)]
pub(crate) struct AttachmentView<'a> {
    title: Shown<'a>,
    href: String,
}

/// The documents an item lists, for its page.
pub(crate) fn attachments<'a>(tr: &Tr<'a>, list: &'a [crate::model::Attachment]) -> Vec<AttachmentView<'a>> {
    list.iter().map(|a| AttachmentView { title: tr.t(&a.title), href: format!("@file/{}", a.path) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Of the areas' summaries only the last ones made are kept, the chrome always; a summary
    // made twice at once is kept once.
    #[test]
    fn the_last_summaries_are_kept_and_every_chrome() {
        let key = |part, lang: &str| (part, lang.to_string(), Linker::relative("ja/progress/"));
        let summary = |area| key(SharedPart::AreaSummary { year: 0, area }, "ja");
        let chrome = key(SharedPart::Chrome { section: None, own: false }, "ja");
        let noted = Noted { own: true, fell_back: false };
        let mut parts = Parts::default();
        parts.keep(chrome.clone(), (tera::Value::from(0), noted));
        parts.keep(summary(0), (tera::Value::from(1), noted));
        parts.keep(summary(0), (tera::Value::from(1), noted));
        for area in 1..Parts::SUMMARIES {
            parts.keep(summary(area), (tera::Value::from(area), noted));
        }
        assert!(parts.get(&summary(0)).is_some(), "pushed out by its own second copy");
        parts.keep(summary(Parts::SUMMARIES), (tera::Value::from(0), noted));
        assert!(parts.get(&summary(0)).is_none());
        assert!((1..=Parts::SUMMARIES).all(|area| parts.get(&summary(area)).is_some()));
        assert!(parts.get(&chrome).is_some());
        assert_eq!(parts.kept.len(), Parts::SUMMARIES + 1);
    }

    #[test]
    fn address_numbers_stay_whole_and_text_is_escaped() {
        let shown = |text| Shown { text, lang: "ja", fallback: false, ruby: None };
        assert_eq!(address_html(&shown("千葉寺町1208-2")), r#"千葉寺町<span class="nobr">1208-2</span>"#);
        assert_eq!(address_html(&shown("中央区1-1 <b>&")), r#"中央区<span class="nobr">1-1</span> &lt;b&gt;&amp;"#);
        // A hyphen not between digits is not part of the run.
        assert_eq!(address_html(&shown("3- ")), "3- ");
        // Digits alone are left as they are (they do not break apart).
        assert_eq!(address_html(&shown("番地12号")), "番地12号");
        let fallback = Shown { text: "１－２", lang: "ja", fallback: true, ruby: None };
        assert_eq!(address_html(&fallback), r#"<span lang="ja"><span class="nobr">１－２</span></span>"#);
    }
}
