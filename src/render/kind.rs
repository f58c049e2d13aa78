//! What a kind of page is: the trait each module of `kinds` implements. A kind owns, in its one
//! file, its pages (`ids`, `route`), its template, the inputs its fingerprint is derived from,
//! its view, its navigation entry and its search records; the table in `kinds` lists the kinds.

use super::memo::Prints;
use super::routes::Route;
use super::views::{AreaCardIn, Built, Page, ThemeCardIn};
use crate::model::publish::Early;
use crate::model::{Contact, Markdown, Shown, Site, Text};
use crate::text::bodies::Bodies;
use crate::text::record::{Part, Record};
use crate::text::ui::{ui, UiStrings};
use serde::Serialize;
use std::hash::Hash;

/// A kind of page. The compiler lists what a new kind must give: add a `Route` variant, a
/// module in `kinds` implementing this trait, its line in the table (`kinds::table`), and its
/// template in the theme.
pub(crate) trait PageKind: 'static {
    /// The theme's template that renders these pages.
    const TEMPLATE: &'static str;
    /// The navigation entry marked current on these pages (their section of the site).
    const SECTION: Option<Route<'static>> = None;
    /// The page's OpenGraph type.
    const OG_TYPE: &'static str = "website";
    /// Whether the page links from the site's base path rather than relatively, because it is
    /// served at any depth (the not-found page). Such a page has no address of its own to give
    /// search engines: no canonical link, language alternates or `og:url`, and `noindex`.
    const SERVED_AT_ANY_DEPTH: bool = false;

    /// What tells one page of the kind from another (`()` for a kind of one page).
    type Id<'a>: Copy + Send + Sync + 'a;
    /// Everything the page shows from the model besides what every page shows (`Global`): the
    /// page's fingerprint is the hash of this value, and its view is made from it alone, so a
    /// page is rendered again exactly when something it shows changed.
    type Inputs<'a>: Hash;
    /// What the template receives as `page`.
    type View<'a>: Serialize;

    /// The kind's pages in `site`, in order (the same in every language).
    fn ids(site: &Site) -> Vec<Self::Id<'_>>;
    /// The address of a page.
    fn route<'a>(id: Self::Id<'a>) -> Route<'a>;
    /// What the page `id` shows.
    fn inputs<'a>(cx: &Cx<'a>, id: Self::Id<'a>) -> Self::Inputs<'a>;
    /// The page's view, heading, description and breadcrumbs, made from its inputs.
    fn view<'a>(page: &Page<'a>, inputs: Self::Inputs<'a>) -> Built<Self::View<'a>>;

    /// Which page of its list page `id` is, for a kind whose pages are a list cut into pages
    /// (their routes are `Route::page` of the list's route); none for the rest.
    fn paging(_id: Self::Id<'_>) -> Option<super::paginate::Paging> {
        None
    }

    /// The page's own first image (its `og:image`), if it shows any; pages without one take the
    /// site's (`og_image` in site.yaml).
    fn image<'a>(_cx: &Cx<'a>, _id: Self::Id<'a>) -> Option<&'a crate::model::Image> {
        None
    }

    /// The kind's entry in the main navigation, if it has one: its page and label.
    fn nav<'a>(_page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
        None
    }

    /// The kind's link in the footer of every page, if it has one: its page and label.
    fn footer<'a>(_page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
        None
    }

    /// Whether page `id` is shown only because drafts or future items are shown (`serve`,
    /// `build --drafts`, `--future`): its page then carries a band saying so.
    fn early(_site: &Site, _id: Self::Id<'_>) -> Option<Early> {
        None
    }

    /// The page's 「最終更新日」: its item's own `updated:` date where it has one, else the
    /// site's (`updated:` in site.yaml; by default), or none for pages that are not content
    /// (search, site map, the root). It is part of the page's fingerprint.
    fn updated(cx: &Cx<'_>, _id: Self::Id<'_>) -> Option<crate::model::Date> {
        cx.site.config.updated
    }

    /// Adds the search records of page `id` in `cx.lang` (none by default).
    fn records<'a>(_cx: &RecordCx<'a>, _id: Self::Id<'a>, _out: &mut Vec<Record<'a>>) {}
}

/// What a kind gathers its pages' inputs from: the model and this build's fingerprints.
pub(crate) struct Cx<'a> {
    pub(crate) site: &'a Site,
    pub(crate) prints: &'a Prints,
}

/// What a kind makes its search records from, in one language.
pub(crate) struct RecordCx<'a> {
    pub(crate) site: &'a Site,
    pub(crate) lang: &'a str,
    pub(crate) ui: &'a UiStrings,
    pub(crate) bodies: &'a Bodies,
}

impl<'a> RecordCx<'a> {
    /// A text in the records' language (the primary one where it lacks a translation).
    pub(crate) fn t(&self, text: &'a Text) -> &'a str {
        text.get(self.lang).text
    }

    /// The BCP 47 tag of the language [`RecordCx::t`] gives `text` in, where that stands in for
    /// a missing translation (what search results mark with `lang`, as pages do).
    pub(crate) fn lang(&self, text: &'a Text) -> Option<&'a str> {
        let shown = text.get(self.lang);
        shown.fallback.then_some(shown.lang)
    }

    /// The BCP 47 tag of the records' language (how dates and years are written).
    pub(crate) fn tag(&self) -> &'a str {
        self.site.config.chains.tag(self.lang)
    }

    pub(crate) fn ui(&self, key: &str) -> &'a str {
        ui(self.ui, key)
    }

    /// The parts of a rendered body: one per section, with its anchor.
    pub(crate) fn body(&self, md: &'a Markdown, parts: &mut Vec<Part<'a>>) {
        let bodies: &'a Bodies = self.bodies;
        let Some(shown) = md.get(self.lang, &self.site.config.chains) else { return };
        let tag = shown.fallback.then_some(shown.tag);
        if let Some(key) = bodies.stand_in(shown.source) {
            // No heading's anchor has a space: this part is no part of a body's text.
            parts.push(Part::new("body text of key", "", format!("{key:016x}")).text_in(tag));
        } else if bodies.is_later() {
            parts.push(Part::later(shown.source).text_in(tag).heading_in(tag));
        } else if let Some(sections) = bodies.sections(shown.source) {
            parts.extend(
                sections.iter().map(|s| {
                    Part::new(s.id.as_deref().unwrap_or(""), &*s.heading, &*s.text).text_in(tag).heading_in(tag)
                }),
            );
        }
    }

    /// The tag [`RecordCx::lang`] gives every one of `texts`, if it gives them all the same
    /// one: a text joined from several is marked only when all of it stands in from one
    /// language.
    pub(crate) fn lang_all(&self, texts: impl IntoIterator<Item = &'a Text>) -> Option<&'a str> {
        let mut tag = None;
        for text in texts {
            let this = self.lang(text)?;
            if tag.is_some_and(|t| t != this) {
                return None;
            }
            tag = Some(this);
        }
        tag
    }

    /// A part whose text is `texts` joined by spaces, each run of it in one language marked
    /// where it stands in ([`Part::text_langs`]).
    pub(crate) fn texts_part(
        &self,
        anchor: impl Into<std::borrow::Cow<'a, str>>,
        heading: impl Into<std::borrow::Cow<'a, str>>,
        texts: &[&'a Text],
    ) -> Part<'a> {
        let mut text = String::new();
        let mut runs: Vec<(usize, Option<&'a str>)> = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            let shown = t.get(self.lang);
            let lang = shown.fallback.then_some(shown.lang);
            if runs.last().is_none_or(|(_, last)| *last != lang) {
                runs.push((text.len(), lang));
            }
            text.push_str(shown.text);
        }
        // All of it in the records' own language: nothing to mark.
        if runs.iter().all(|(_, lang)| lang.is_none()) {
            runs.clear();
        }
        Part { text_langs: runs, ..Part::new(anchor, heading, text) }
    }

    /// The texts of a contact, in order (its telephone number has no language).
    pub(crate) fn contact_texts(c: &'a Contact) -> impl Iterator<Item = &'a Text> {
        std::iter::once(&c.organisation).chain(&c.person).chain(&c.address)
    }

    /// The part (`anchor`, `heading`) of a venue and `contacts`: their texts and telephone
    /// numbers, marked with their language where all of it stands in from one language.
    pub(crate) fn contacts_part(
        &self,
        anchor: &'a str,
        heading: &'a str,
        venue: Option<&'a Text>,
        contacts: &[&'a Contact],
    ) -> Part<'a> {
        let mut text: Vec<&str> = venue.iter().map(|v| self.t(v)).collect();
        for c in contacts {
            text.extend(Self::contact_texts(c).map(|t| self.t(t)));
            text.extend(c.phone.as_ref().map(|p| p.display.as_str()));
        }
        let texts = venue.into_iter().chain(contacts.iter().flat_map(|c| Self::contact_texts(c)));
        Part::new(anchor, heading, text.join(" ")).text_in(self.lang_all(texts))
    }

    /// A record of the page at `route`, of `kind`, with no filters.
    pub(crate) fn record(
        &self,
        route: Route,
        title: impl Into<std::borrow::Cow<'a, str>>,
        kind: crate::text::record::Kind,
        parts: Vec<Part<'a>>,
    ) -> Record<'a> {
        Record::new(route.path(self.lang), title, kind, parts)
    }
}

impl<'a> Cx<'a> {
    pub(crate) fn theme_card(&self, i: usize) -> ThemeCardIn<'a> {
        let t = &self.site.themes[i];
        ThemeCardIn {
            index: i,
            slug: &t.slug,
            number: t.number,
            title: &t.title,
            summary: &t.summary,
            case_count: self.prints.theme_cases[i].len(),
        }
    }

    pub(crate) fn theme_cards(&self) -> Vec<ThemeCardIn<'a>> {
        (0..self.site.themes.len()).map(|i| self.theme_card(i)).collect()
    }

    pub(crate) fn area_card(&self, i: usize) -> AreaCardIn<'a> {
        let a = &self.site.areas[i];
        AreaCardIn {
            index: i,
            slug: &a.slug,
            name: &a.name,
            slogan: a.slogan.as_ref(),
            case_count: self.prints.area_cases[i].len(),
        }
    }

    pub(crate) fn area_cards(&self) -> Vec<AreaCardIn<'a>> {
        (0..self.site.areas.len()).map(|i| self.area_card(i)).collect()
    }
}
