//! The searchable text of a page: what each kind of page gives the search index (see
//! `render::kinds`), and all the index is built from. Plain data: the search stage reads it
//! without knowing how pages are rendered. The texts are borrowed where they can be (from the
//! model and the rendered bodies, which outlive the records): records are made where the index
//! reads them, a pack of documents at a time ([`RecordSource`]; `render::RecordList` makes a
//! site's), and dropped as soon as it has, and copies of every body's text would be a tenth of a
//! build's memory at its peak. A build's records do not even borrow a body's text: a part stands
//! for the body ([`Part::later`]) and the index makes its text when it reads the record (see
//! `search::Sections`).

use crate::model::Source;
use std::borrow::Cow;

/// A part of a page: its anchor (empty for the top), heading and text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Part<'a> {
    pub anchor: Cow<'a, str>,
    pub heading: Cow<'a, str>,
    pub text: Cow<'a, str>,
    /// Whether the text is the page's summary or its body (search ranks summaries higher).
    pub field: Field,
    /// The body this part stands for, whose parts (one per section) take its place when the
    /// index reads the record; it has no text of its own.
    pub later: Option<&'a Source>,
    /// Where the text stands in for a missing translation (search results mark it with
    /// `lang`): its runs of one language, each by where it starts (a byte offset) and the BCP 47
    /// tag of its language (`None` for a run in the records' own language); empty where all of
    /// it is in the records' language. A search result shows each run as a part of its own.
    pub text_langs: Vec<(usize, Option<&'a str>)>,
    /// The BCP 47 tag of the heading's language where it stands in.
    pub heading_lang: Option<&'a str>,
}

impl<'a> Part<'a> {
    /// A part of the page's body.
    pub(crate) fn new(
        anchor: impl Into<Cow<'a, str>>,
        heading: impl Into<Cow<'a, str>>,
        text: impl Into<Cow<'a, str>>,
    ) -> Part<'a> {
        Part {
            anchor: anchor.into(),
            heading: heading.into(),
            text: text.into(),
            field: Field::Body,
            later: None,
            text_langs: Vec::new(),
            heading_lang: None,
        }
    }

    /// The part, its text in the language tagged `tag` where that stands in for a translation.
    pub(crate) fn text_in(self, tag: Option<&'a str>) -> Part<'a> {
        Part { text_langs: tag.map(|t| vec![(0, Some(t))]).unwrap_or_default(), ..self }
    }

    /// The part, its heading in the language tagged `tag` where that stands in.
    pub(crate) fn heading_in(self, tag: Option<&'a str>) -> Part<'a> {
        Part { heading_lang: tag, ..self }
    }

    /// A part standing for the Markdown body `source`: its sections' parts are made when the
    /// index reads the record, so a build's records never hold every body's text at once.
    pub(crate) fn later(source: &'a Source) -> Part<'a> {
        Part { later: Some(source), ..Part::new("", "", "") }
    }

    /// The part, borrowing its texts from this one.
    #[cfg(test)]
    pub(crate) fn borrowed(&self) -> Part<'_> {
        Part {
            anchor: Cow::Borrowed(&self.anchor),
            heading: Cow::Borrowed(&self.heading),
            text: Cow::Borrowed(&self.text),
            field: self.field,
            later: self.later,
            text_langs: self.text_langs.clone(),
            heading_lang: self.heading_lang,
        }
    }

    /// A summary part (tests).
    #[cfg(test)]
    pub(crate) fn summary(
        anchor: impl Into<Cow<'a, str>>,
        heading: impl Into<Cow<'a, str>>,
        text: impl Into<Cow<'a, str>>,
    ) -> Part<'a> {
        Part::new(anchor, heading, text).into_summary()
    }

    /// The part, as the page's summary: what it shows first about itself (a theme's summary, a
    /// case study's activities, an area's slogan).
    pub(crate) fn into_summary(self) -> Part<'a> {
        Part { field: Field::Summary, ..self }
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
    /// The BCP 47 tag of the title's language where it stands in for a missing translation.
    pub title_lang: Option<&'a str>,
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
        Record {
            url,
            title: title.into(),
            title_lang: None,
            kind,
            area: None,
            themes: vec![],
            year: None,
            parts,
            weight: Weight::Full,
        }
    }

    /// The record, its title in the language tagged `tag` where that stands in.
    pub(crate) fn title_in(self, tag: Option<&'a str>) -> Record<'a> {
        Record { title_lang: tag, ..self }
    }

    /// The record with each part that stands for a body ([`Part::later`]) replaced by the
    /// body's parts, as `sections` makes them (in the language of the part they replace).
    pub(crate) fn expanded(mut self, sections: Sections) -> Record<'a> {
        if self.parts.iter().all(|p| p.later.is_none()) {
            return self;
        }
        let mut parts = Vec::with_capacity(self.parts.len() + 8);
        for p in self.parts {
            match p.later {
                // (A body is in one language: its whole text's run applies to each section.)
                Some(source) => parts.extend(sections(source).into_iter().map(|s| Part {
                    text_langs: p.text_langs.clone(),
                    heading_lang: p.heading_lang,
                    ..s
                })),
                None => parts.push(p),
            }
        }
        self.parts = parts;
        self
    }

    /// The record, borrowing its texts from this one.
    #[cfg(test)]
    pub(crate) fn borrowed(&self) -> Record<'_> {
        Record {
            url: self.url.clone(),
            title: Cow::Borrowed(&self.title),
            title_lang: self.title_lang,
            kind: self.kind,
            area: self.area,
            themes: self.themes.clone(),
            year: self.year,
            parts: self.parts.iter().map(Part::borrowed).collect(),
            weight: self.weight,
        }
    }
}

/// The records of a site's pages in one language, in order, made where they are asked for: the
/// search index reads them a pack of documents at a time, so a language's records are never
/// held whole (at N = 100,000 they were some 100 MB of the index stage's peak).
pub(crate) trait RecordSource: Sync {
    /// How many records there are.
    fn len(&self) -> usize;
    /// The records of `range` (within `0..len()`), in order.
    fn make(&self, range: std::ops::Range<usize>) -> Vec<Record<'_>>;
}

/// Records already made (tests): each made again borrowing its texts.
#[cfg(test)]
impl RecordSource for &[Record<'_>] {
    fn len(&self) -> usize {
        <[Record]>::len(self)
    }

    fn make(&self, range: std::ops::Range<usize>) -> Vec<Record<'_>> {
        self[range].iter().map(Record::borrowed).collect()
    }
}

/// Makes the parts of the body a [`Part::later`] stands for: one per section, with its
/// anchor, heading and text.
pub(crate) type Sections<'s> = &'s (dyn Fn(&Source) -> Vec<Part<'static>> + Sync);

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
