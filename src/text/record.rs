//! The searchable text of a page: what each kind of page gives the search index (see
//! `render::kinds`), and all the index is built from. Plain data: the search stage reads it
//! without knowing how pages are rendered. The texts are borrowed where they can be (from the
//! model and the rendered bodies, which outlive the records): records are made to build the
//! index and dropped with it, and copies of every body's text would be a tenth of a build's
//! memory at its peak.

use std::borrow::Cow;

/// A part of a page: its anchor (empty for the top), heading and text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Part<'a> {
    pub anchor: Cow<'a, str>,
    pub heading: Cow<'a, str>,
    pub text: Cow<'a, str>,
    /// Whether the text is the page's summary or its body (search ranks summaries higher).
    pub field: Field,
}

impl<'a> Part<'a> {
    /// A part of the page's body.
    pub(crate) fn new(
        anchor: impl Into<Cow<'a, str>>,
        heading: impl Into<Cow<'a, str>>,
        text: impl Into<Cow<'a, str>>,
    ) -> Part<'a> {
        Part { anchor: anchor.into(), heading: heading.into(), text: text.into(), field: Field::Body }
    }

    /// The page's summary: what it shows first about itself (a theme's summary, a case
    /// study's activities, an area's slogan).
    pub(crate) fn summary(
        anchor: impl Into<Cow<'a, str>>,
        heading: impl Into<Cow<'a, str>>,
        text: impl Into<Cow<'a, str>>,
    ) -> Part<'a> {
        Part { field: Field::Summary, ..Part::new(anchor, heading, text) }
    }
}

/// Which field of a page a part's text is; with the title and the headings, what search
/// weighs a match by (title > heading > summary > body).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    Summary,
    Body,
}

/// How much a page counts in search: pages that only list or sum up others (the home page,
/// the lists of themes, areas and case studies, a year's progress summary) count less than
/// the pages they lead to, so they are found but come after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Weight {
    Full,
    Lower,
}

/// One searchable page or progress item.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Record<'a> {
    /// Root-relative address of the page, e.g. `ja/cases/x/`.
    pub url: String,
    pub title: Cow<'a, str>,
    pub kind: Kind,
    /// Index into `Site::areas`.
    pub area: Option<usize>,
    /// Indices into `Site::themes`.
    pub themes: Vec<usize>,
    pub year: Option<i32>,
    pub parts: Vec<Part<'a>>,
    pub weight: Weight,
}

impl<'a> Record<'a> {
    /// A record with no filters but its kind, of full weight.
    pub(crate) fn new(url: String, title: impl Into<Cow<'a, str>>, kind: Kind, parts: Vec<Part<'a>>) -> Record<'a> {
        Record { url, title: title.into(), kind, area: None, themes: vec![], year: None, parts, weight: Weight::Full }
    }
}

/// What kind of page a record is; also a search filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    Case,
    Theme,
    Area,
    Progress,
    Page,
}

impl Kind {
    pub(crate) const ALL: [Kind; 5] = [Kind::Case, Kind::Theme, Kind::Area, Kind::Progress, Kind::Page];

    /// The kinds a site has pages of (progress and case studies only if it has some), in
    /// filter order: the search page's filter and the index's labels both list these.
    pub(crate) fn in_site(has_progress: bool, has_cases: bool) -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(move |k| match k {
            Kind::Progress => has_progress,
            Kind::Case => has_cases,
            _ => true,
        })
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
