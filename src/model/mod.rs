//! The validated site model: plain data, valid by construction, no I/O.
//!
//! `resolve(RawContent)` is the only way to build a [`Site`]: it checks languages, references,
//! numbers and dates, and reports every problem as a diagnostic. Collections are sorted (themes by
//! number, areas by order, case studies newest first), so everything rendered from the model is
//! deterministic. References between items are indices into those sorted vectors.

mod base_url;
pub use base_url::{BaseUrl, NotABaseUrl};
pub(crate) mod fiscal;
pub(crate) mod i18n;
pub(crate) mod progress;
pub(crate) mod publish;
pub(crate) mod refs;
mod resolve;
pub(crate) mod ruby;
pub(crate) mod search_words;

pub(crate) use fiscal::{Date, FiscalYear};
pub(crate) use i18n::{Chains, Language, Markdown, Shown, Source, Text};
pub use publish::{Held, Publish};
pub(crate) use resolve::{resolve, resolve_kept, ResolveCache};

use crate::diag::Arg;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The whole site.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub config: Config,
    pub plan: Plan,
    pub themes: Vec<Theme>,
    pub areas: Vec<Area>,
    /// Shared, so a rebuild reuses the case studies whose files did not change.
    pub cases: Vec<Arc<Case>>,
    /// The promotion structure, if the plan describes one (`structure.yaml`).
    pub structure: Option<Structure>,
    /// Yearly progress data, oldest first; shared, so a rebuild reuses unchanged years.
    pub progress: Vec<Arc<progress::ProgressYear>>,
    /// Root-relative paths of media files under `content/`, copied to the site.
    pub media: Vec<String>,
    /// The site's own search words (`search.yaml`; empty without one).
    pub search: search_words::SearchWords,
    /// The site's own texts of the accessibility and privacy pages (`content/pages/`), by page
    /// (`accessibility`, `privacy`): each language's replaces the theme's in that language.
    pub pages: BTreeMap<String, Markdown>,
    /// Items lacking a translation: language → kind (e.g. "theme") → count.
    pub missing_translations: BTreeMap<String, BTreeMap<&'static str, usize>>,
    /// Items shown only because drafts or future items are shown (their pages carry a band):
    /// by kind (`theme`, `area`, `case`) and slug.
    pub early: BTreeMap<(&'static str, String), publish::Early>,
}

impl Site {
    /// Every Markdown body of the site (overview, structure, themes, areas, case studies, the
    /// site's own accessibility and privacy pages).
    pub(crate) fn bodies(&self) -> impl Iterator<Item = &Markdown> {
        std::iter::once(&self.plan.body)
            .chain(self.structure.as_ref().map(|s| &s.body))
            .chain(self.themes.iter().map(|t| &t.body))
            .chain(self.areas.iter().map(|a| &a.body))
            .chain(self.cases.iter().map(|c| &c.body))
            .chain(self.pages.values())
    }
}

/// `site.yaml`.
#[derive(Debug, Clone, Hash)]
pub(crate) struct Config {
    pub title: Text,
    pub description: Text,
    /// The first is the primary language.
    pub languages: Vec<Language>,
    /// The languages' fallback chains (the same the texts hold).
    pub chains: std::sync::Arc<Chains>,
    /// Absolute, ending in `/`.
    pub base_url: String,
    pub theme: String,
    pub area_term: Text,
    pub areas_title: Text,
    pub district_term: Option<Text>,
    pub organisation: Organisation,
    pub copyright: Option<Text>,
    /// Licence of the open data files.
    pub data_licence: Option<Licence>,
    /// The site's own words for what the theme prints: language → UI string key → text.
    pub words: BTreeMap<String, BTreeMap<String, String>>,
    /// The link-preview picture of pages without an image of their own.
    pub og_image: Option<Image>,
    /// The site's icon (an SVG under content/, root-relative path), else the theme's.
    pub icon: Option<String>,
    /// The home-screen icon (a PNG under content/), else the theme's.
    pub touch_icon: Option<String>,
    /// The 「最終更新日」 of pages without a date of their own.
    pub updated: Option<Date>,
    /// How many items a page of a long list shows.
    pub pagination: Pagination,
}

/// How long lists are cut into pages (`pagination:` in site.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Pagination {
    /// Case studies on a page of the case list, of a theme's and of an area's.
    pub page_size: usize,
    /// Progress items on a page of an area's progress detail.
    pub progress_page_size: usize,
}

impl Pagination {
    /// Items per page when site.yaml says nothing: a list of 30 cards stays well under 200 KB.
    pub(crate) const DEFAULT: usize = 30;
    /// The largest page size allowed.
    pub(crate) const MAX: usize = 500;
}

impl Default for Pagination {
    fn default() -> Self {
        Pagination { page_size: Self::DEFAULT, progress_page_size: Self::DEFAULT }
    }
}

#[derive(Debug, Clone, Hash)]
pub(crate) struct Licence {
    pub name: Text,
    pub url: Option<String>,
}

impl Config {
    pub(crate) fn primary(&self) -> &Language {
        &self.languages[0]
    }
}

#[derive(Debug, Clone, Hash)]
pub(crate) struct Organisation {
    pub name: Text,
    pub kind: PublisherKind,
    pub url: Option<String>,
    pub contact: Option<Contact>,
}

/// What kind of body publishes the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PublisherKind {
    Municipality,
    Prefecture,
    SocialWelfareCouncil,
    SocialWelfareCorporation,
    Npo,
    Other,
}

impl PublisherKind {
    /// Every kind with its name in site.yaml.
    pub(crate) const ALL: [(&'static str, PublisherKind); 6] = [
        ("municipality", PublisherKind::Municipality),
        ("prefecture", PublisherKind::Prefecture),
        ("social-welfare-council", PublisherKind::SocialWelfareCouncil),
        ("social-welfare-corporation", PublisherKind::SocialWelfareCorporation),
        ("npo", PublisherKind::Npo),
        ("other", PublisherKind::Other),
    ];

    /// Its schema.org type: a government for municipalities and prefectures, a non-governmental
    /// organisation for councils, corporations and NPOs.
    pub(crate) fn schema_type(self) -> &'static str {
        match self {
            PublisherKind::Municipality | PublisherKind::Prefecture => "GovernmentOrganization",
            PublisherKind::SocialWelfareCouncil | PublisherKind::SocialWelfareCorporation | PublisherKind::Npo => "NGO",
            PublisherKind::Other => "Organization",
        }
    }
}

/// Where a resident can ask.
#[derive(Debug, Clone, Hash)]
pub(crate) struct Contact {
    pub organisation: Text,
    pub person: Option<Text>,
    pub phone: Option<Phone>,
    pub fax: Option<Phone>,
    pub email: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<Text>,
    pub hours: Option<Text>,
    pub url: Option<String>,
    pub sample: bool,
}

/// A phone number as written and as a `tel:` URI.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct Phone {
    pub display: String,
    pub uri: String,
}

#[derive(Debug, Clone, Hash)]
pub(crate) struct Plan {
    pub name: Text,
    pub edition: Option<Text>,
    pub period: (FiscalYear, FiscalYear),
    pub basic_goal: Text,
    pub legal_basis: Option<Text>,
    pub summary: Text,
    pub related_plans: Vec<RelatedPlan>,
    pub perspectives: Vec<Text>,
    pub how_to_read: Option<Text>,
    pub key_issues: Vec<KeyIssue>,
    pub priorities: Vec<Priority>,
    /// Documents listed on the page (「関連資料」).
    pub attachments: Vec<Attachment>,
    pub body: Markdown,
    /// 「最終更新日」: the item's own `updated:` date, if it gives one.
    pub updated: Option<Date>,
    pub sample: bool,
}

/// A key issue of the plan (重要課題).
#[derive(Debug, Clone, Hash)]
pub(crate) struct KeyIssue {
    pub title: Text,
    pub text: Option<Text>,
}

/// A priority theme (重点テーマ) across themes or goals.
#[derive(Debug, Clone, Hash)]
pub(crate) struct Priority {
    pub title: Text,
    pub summary: Option<Text>,
    /// Indices into `Site::themes`.
    pub themes: Vec<usize>,
}

/// One of a theme's main actions (主な取組).
#[derive(Debug, Clone, Hash)]
pub(crate) struct Action {
    pub text: Text,
    pub status: Option<ActionStatus>,
}

/// Whether an action is new in this plan or an expanded one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ActionStatus {
    New,
    Expanded,
}

/// What one actor can do under a theme (役割分担).
#[derive(Debug, Clone, Hash)]
pub(crate) struct Role {
    pub actor: Text,
    pub can_do: Vec<Text>,
}

#[derive(Debug, Clone, Hash)]
pub(crate) struct RelatedPlan {
    pub name: Text,
    pub relation: Text,
}

/// An action theme (取組みテーマ).
#[derive(Debug, Clone, Hash)]
pub(crate) struct Theme {
    pub slug: String,
    pub number: u32,
    pub title: Text,
    pub summary: Text,
    pub aims: Vec<Text>,
    pub actions: Vec<Action>,
    pub roles: Vec<Role>,
    pub images: Vec<Image>,
    /// Documents listed on the page (「関連資料」).
    pub attachments: Vec<Attachment>,
    pub body: Markdown,
    /// 「最終更新日」: the item's own `updated:` date, if it gives one.
    pub updated: Option<Date>,
    pub sample: bool,
}

/// The site's own words for its areas, themes and districts in each language of the messages
/// (`site.yaml`'s `area_term`, `district_term` and `words: {<lang>: {theme_lower: …}}`): a
/// council is told of its 地区, 目標 and 自治会, not of plansite's 区域, テーマ and 地区.
/// Each is an [`Arg::Word`], `none` in a language the site gives no word in.
#[derive(Clone, Debug, Hash)]
pub(crate) struct Terms {
    pub(crate) area: Arg,
    pub(crate) theme: Arg,
    pub(crate) district: Arg,
}

impl Terms {
    pub(crate) fn none() -> Terms {
        Terms::from_words(|_| None, |_| None, |_| None)
    }

    /// The words of each language of the messages from lookups by language code.
    fn from_words<'a>(
        area: impl Fn(&str) -> Option<&'a str>,
        theme: impl Fn(&str) -> Option<&'a str>,
        district: impl Fn(&str) -> Option<&'a str>,
    ) -> Terms {
        // A word of the site's, trimmed, or `none` where it gives none.
        let own = |word: Option<&str>| {
            word.map(str::trim).filter(|w| !w.is_empty()).map_or_else(|| "none".to_string(), str::to_string)
        };
        let word = |get: &dyn Fn(&str) -> Option<&'a str>| Arg::Word { en: own(get("en")), ja: own(get("ja")) };
        Terms { area: word(&area), theme: word(&theme), district: word(&district) }
    }

    /// [`Config::terms`] from `site.yaml` as read, for what is said before the site is resolved
    /// (the items held back).
    pub(crate) fn of_raw(site: &crate::content::raw::RawSite) -> Terms {
        fn text<'t>(t: Option<&'t crate::content::raw::RawText>, lang: &str) -> Option<&'t str> {
            t.and_then(|t| t.value.get(lang))
        }
        Terms::from_words(
            |lang| text(Some(&site.area_term), lang),
            |lang| site.words.get(lang).and_then(|w| w.value.get("theme_lower")).map(|w| w.value.as_str()),
            |lang| text(site.district_term.as_ref(), lang),
        )
    }

    /// `msg` with the words for the kinds of item it may name (`kind = area` or `theme`).
    pub(crate) fn for_kinds(&self, msg: crate::diag::Msg) -> crate::diag::Msg {
        msg.arg("area_word", self.area.clone()).arg("theme_word", self.theme.clone())
    }
}

impl Config {
    /// The site's own words for its areas, themes and districts, for messages (see [`Terms`]).
    pub(crate) fn terms(&self) -> Terms {
        // (A text that stands in from another language is not the site's word in this one.)
        fn text<'t>(t: Option<&'t Text>, lang: &str) -> Option<&'t str> {
            t.map(|t| t.get(lang)).filter(|s| !s.fallback).map(|s| s.text)
        }
        Terms::from_words(
            |lang| text(Some(&self.area_term), lang),
            |lang| self.words.get(lang).and_then(|w| w.get("theme_lower")).map(String::as_str),
            |lang| text(self.district_term.as_ref(), lang),
        )
    }
}

/// An area (a ward, district or branch: the word is `Config::area_term`).
#[derive(Debug, Clone, Hash)]
pub(crate) struct Area {
    pub slug: String,
    pub order: u32,
    pub name: Text,
    pub slogan: Option<Text>,
    /// Empty when the plan gives its areas no basic policies.
    pub policies: Vec<Policy>,
    pub contacts: Vec<Contact>,
    pub images: Vec<Image>,
    /// Documents listed on the page (「関連資料」).
    pub attachments: Vec<Attachment>,
    pub body: Markdown,
    /// 「最終更新日」: the item's own `updated:` date, if it gives one.
    pub updated: Option<Date>,
    pub sample: bool,
}

/// A numbered basic policy (基本方針) of an area.
#[derive(Debug, Clone, Hash)]
pub(crate) struct Policy {
    pub number: u32,
    pub title: Text,
}

/// A good-practice case study.
#[derive(Debug, Clone, Hash)]
pub(crate) struct Case {
    pub slug: String,
    pub title: Text,
    /// Index into `Site::areas`.
    pub area: usize,
    /// Indices into `Site::themes`, in theme order.
    pub themes: Vec<usize>,
    pub published: Date,
    pub activities: Text,
    pub point: Text,
    pub venue: Option<Text>,
    /// Boxed: a contact is 336 bytes, as much as the rest of the case study, and one without a
    /// contact need not hold its room (the benchmark's 100,000 have none: 33 MB held by every
    /// stage past the model's). One with a contact holds a pointer more.
    pub contact: Option<Box<Contact>>,
    pub images: Vec<Image>,
    /// Documents listed on the page (「関連資料」).
    pub attachments: Vec<Attachment>,
    pub body: Markdown,
    /// 「最終更新日」: the item's own `updated:` date, if it gives one.
    pub updated: Option<Date>,
    pub sample: bool,
}

/// An image shown by a page, as its YAML names it (what is published for it is `media`'s).
#[derive(Debug, Clone, Hash)]
pub(crate) struct Image {
    /// Root-relative path of the file, e.g. `content/images/cafe.jpg`.
    pub source: String,
    pub alt: Text,
    pub caption: Option<Text>,
    pub credit: Option<Text>,
}

/// The promotion structure (推進体制).
#[derive(Debug, Clone, Hash)]
pub(crate) struct Structure {
    pub title: Text,
    pub bodies: Vec<OrgBody>,
    pub body: Markdown,
    /// 「最終更新日」: the item's own `updated:` date, if it gives one.
    pub updated: Option<Date>,
    pub sample: bool,
}

/// One body of the promotion structure.
#[derive(Debug, Clone, Hash)]
pub(crate) struct OrgBody {
    pub id: String,
    pub name: Text,
    /// Row in the diagram, 1 = top.
    pub tier: u32,
    pub role: Text,
    /// Indices into `Structure::bodies`.
    pub reports_to: Vec<usize>,
    pub report: Option<Text>,
}

/// A document an item lists.
#[derive(Debug, Clone, Hash)]
pub(crate) struct Attachment {
    /// Its path in the site, e.g. `files/report-2024.pdf` (the file is `content/` + this).
    pub path: String,
    pub title: Text,
}
