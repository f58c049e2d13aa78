//! The searchable text of a page: what each kind of page gives the search index (see
//! `render::kinds`), and all the index is built from. Plain data: the search stage reads it
//! without knowing how pages are rendered.

/// A part of a page: its anchor (empty for the top), heading and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub anchor: String,
    pub heading: String,
    pub text: String,
    /// Whether the text is the page's summary or its body (search ranks summaries higher).
    pub field: Field,
}

impl Part {
    /// A part of the page's body.
    pub(crate) fn new(anchor: &str, heading: impl Into<String>, text: impl Into<String>) -> Part {
        Part { anchor: anchor.to_string(), heading: heading.into(), text: text.into(), field: Field::Body }
    }

    /// The page's summary: what it shows first about itself (a theme's summary, a case
    /// study's activities, an area's slogan).
    pub(crate) fn summary(anchor: &str, heading: impl Into<String>, text: impl Into<String>) -> Part {
        Part { field: Field::Summary, ..Part::new(anchor, heading, text) }
    }
}

/// Which field of a page a part's text is; with the title and the headings, what search
/// weighs a match by (title > heading > summary > body).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Summary,
    Body,
}

/// How much a page counts in search: pages that only list or sum up others (the home page,
/// the lists of themes, areas and case studies, a year's progress summary) count less than
/// the pages they lead to, so they are found but come after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Full,
    Lower,
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
    pub weight: Weight,
}

impl Record {
    /// A record with no filters but its kind, of full weight.
    pub(crate) fn new(url: String, title: &str, kind: Kind, parts: Vec<Part>) -> Record {
        Record {
            url,
            title: title.to_string(),
            kind,
            area: None,
            themes: vec![],
            year: None,
            parts,
            weight: Weight::Full,
        }
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
