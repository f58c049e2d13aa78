//! The searchable text of a page: what each kind of page gives the search index (see
//! `render::kinds`), and all the index is built from. Plain data: the search stage reads it
//! without knowing how pages are rendered.

/// A part of a page: its anchor (empty for the top), heading and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

impl Part {
    pub(crate) fn new(anchor: &str, heading: impl Into<String>, text: impl Into<String>) -> Part {
        Part { anchor: anchor.to_string(), heading: heading.into(), text: text.into() }
    }
}

/// One searchable page or progress item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    /// Root-relative address of the page, e.g. `ja/cases/x/`.
    pub url: String,
    pub title: String,
    pub kind: Kind,
    /// Index into `Site::areas`.
    pub area: Option<usize>,
    /// Indices into `Site::themes`.
    pub themes: Vec<usize>,
    pub year: Option<i32>,
    pub parts: Vec<Part>,
}

impl Record {
    /// A record with no filters but its kind.
    pub(crate) fn new(url: String, title: &str, kind: Kind, parts: Vec<Part>) -> Record {
        Record { url, title: title.to_string(), kind, area: None, themes: vec![], year: None, parts }
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
