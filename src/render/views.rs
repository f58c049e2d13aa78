//! Typed views: what each template receives. Views borrow from the model and hold only values a
//! template prints; URLs, labels of fiscal years and the fallback flags are computed here, never
//! in templates.

use super::bodies::Bodies;
use super::routes::{Linker, Route};
use crate::model::{Area, Case, Contact, Markdown, Phone, Shown, Site, Text, Theme};
use serde::Serialize;
use std::cell::Cell;

/// Resolves texts for one page in one language and remembers whether any fell back to the
/// primary language (the page then shows the "not yet translated" notice).
pub(crate) struct Tr<'a> {
    pub(crate) lang: &'a str,
    pub(crate) primary: &'a str,
    bodies: &'a Bodies,
    fell_back: Cell<bool>,
}

impl<'a> Tr<'a> {
    pub(crate) fn new(lang: &'a str, primary: &'a str, bodies: &'a Bodies) -> Self {
        Tr { lang, primary, bodies, fell_back: Cell::new(false) }
    }

    pub(crate) fn t(&self, text: &'a Text) -> Shown<'a> {
        let s = text.get(self.lang);
        if s.fallback {
            self.fell_back.set(true);
        }
        s
    }

    pub(crate) fn opt(&self, text: &'a Option<Text>) -> Option<Shown<'a>> {
        text.as_ref().map(|t| self.t(t))
    }

    /// A text produced for this page (a label, a number) in the page's language.
    pub(crate) fn own(&self, text: &'a str) -> Shown<'a> {
        Shown { text, lang: self.lang, fallback: false }
    }

    /// The rendered body in this language, falling back to the primary one.
    pub(crate) fn body(&self, md: &'a Markdown) -> Option<BodyView<'a>> {
        let (lang, file, _source) = md.get(self.lang, self.primary)?;
        let fallback = lang != self.lang;
        if fallback {
            self.fell_back.set(true);
        }
        let rendered = self.bodies.get(file)?;
        Some(BodyView { html: &rendered.html, lang, fallback })
    }

    pub(crate) fn fell_back(&self) -> bool {
        self.fell_back.get()
    }
}

#[derive(Serialize)]
pub(crate) struct BodyView<'a> {
    pub(crate) html: &'a str,
    pub(crate) lang: &'a str,
    pub(crate) fallback: bool,
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
    pub(crate) hours: Option<Shown<'a>>,
    pub(crate) url: Option<&'a str>,
    pub(crate) sample: bool,
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

pub(crate) fn theme_card<'a>(tr: &Tr<'a>, link: &Linker, site: &'a Site, index: usize) -> ThemeCard<'a> {
    let theme: &Theme = &site.themes[index];
    ThemeCard {
        number: theme.number,
        title: tr.t(&theme.title),
        summary: tr.t(&theme.summary),
        href: link.route(Route::Theme(&theme.slug), tr.lang),
        case_count: site.cases.iter().filter(|c| c.themes.contains(&index)).count(),
    }
}

#[derive(Serialize)]
pub(crate) struct AreaCard<'a> {
    pub(crate) name: Shown<'a>,
    pub(crate) slogan: Shown<'a>,
    pub(crate) href: String,
    pub(crate) case_count: usize,
}

pub(crate) fn area_card<'a>(tr: &Tr<'a>, link: &Linker, site: &'a Site, index: usize) -> AreaCard<'a> {
    let area: &Area = &site.areas[index];
    AreaCard {
        name: tr.t(&area.name),
        slogan: tr.t(&area.slogan),
        href: link.route(Route::Area(&area.slug), tr.lang),
        case_count: site.cases.iter().filter(|c| c.area == index).count(),
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

pub(crate) fn case_card<'a>(tr: &Tr<'a>, link: &Linker, site: &'a Site, case: &'a Case) -> CaseCard<'a> {
    CaseCard {
        title: tr.t(&case.title),
        href: link.route(Route::Case(&case.slug), tr.lang),
        area: tr.t(&site.areas[case.area].name),
        themes: case.themes.iter().map(|&i| tr.t(&site.themes[i].title)).collect(),
        summary: tr.t(&case.point),
        sample: case.sample,
    }
}

/// What a page builder returns: the view and what the layout needs to know about the page.
pub(crate) struct Built<V> {
    pub(crate) view: V,
    /// The page's `<h1>` text (also the start of `<title>`).
    pub(crate) heading: String,
    pub(crate) description: String,
    /// Breadcrumb trail between Home and this page.
    pub(crate) trail: Vec<(String, String)>,
}
