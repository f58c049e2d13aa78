//! Page references: one way to link to any item of the site by its id, whatever the URL scheme
//! and the language (`[花見川区](@area/hanamigawa)`, `[報告書](@file/files/report.pdf)`).
//! A reference is resolved per page and language when the page is rendered; here it is read
//! and looked up in the model.
//!
//! | Reference | The page or file |
//! |---|---|
//! | `@home`, `@overview`, `@themes`, `@areas`, `@cases`, `@structure`, `@progress`, `@search`, `@sitemap` | the site's pages of that name |
//! | `@theme/<slug>`, `@area/<slug>`, `@case/<slug>` | an item's page (its file name without `.yaml`) |
//! | `@progress/<year>`, `@progress/<year>/<area slug>` | a fiscal year's progress, or an area's |
//! | `@file/<path under content/>` | an image or document, e.g. `@file/files/plan-summary.pdf` |
//!
//! Any of them may end in `#anchor`. A link starting with `/` in content is read from the
//! site's root (its base path), so it keeps working under a sub-path.

use super::{FiscalYear, Site};
use crate::diag::msg;
use crate::diag::suggest;

/// The single pages a reference can name without an id.
pub(crate) const PAGES: [&str; 9] =
    ["home", "overview", "themes", "areas", "cases", "structure", "progress", "search", "sitemap"];

/// What a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    /// One of [`PAGES`].
    Page(&'static str),
    /// Indices into the site's collections.
    Theme(usize),
    Area(usize),
    Case(usize),
    ProgressYear(FiscalYear),
    ProgressArea(FiscalYear, usize),
    /// A file under `content/`, by its path in the site (`files/report.pdf`).
    File(&'a str),
}

/// Why a reference names nothing: a message and a hint for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotFound {
    pub message: crate::diag::Msg,
    pub hint: crate::diag::Msg,
}

/// Splits `@kind/id#anchor` into the reference and its anchor (`None` without `#`).
pub(crate) fn split(reference: &str) -> (&str, Option<&str>) {
    match reference.split_once('#') {
        Some((r, a)) => (r, Some(a)),
        None => (reference, None),
    }
}

impl Site {
    /// The page or file `reference` (`@area/chuo`, without its `#anchor`) names.
    pub(crate) fn target(&self, reference: &str) -> Result<Target<'_>, NotFound> {
        let body = reference.strip_prefix('@').unwrap_or(reference);
        let (kind, id) = body.split_once('/').unwrap_or((body, ""));
        let by_slug = |slugs: Vec<&str>, what: &str, dir: &str| -> Result<usize, NotFound> {
            slugs.iter().position(|s| *s == id).ok_or_else(|| not_found(reference, id, &slugs, what, dir, &self.config))
        };
        match kind {
            "theme" => by_slug(self.themes.iter().map(|t| t.slug.as_str()).collect(), "theme", "content/themes/")
                .map(Target::Theme),
            "area" => by_slug(self.areas.iter().map(|a| a.slug.as_str()).collect(), "area", "content/areas/")
                .map(Target::Area),
            "case" => by_slug(self.cases.iter().map(|c| c.slug.as_str()).collect(), "case", "content/cases/")
                .map(Target::Case),
            "progress" if !id.is_empty() => {
                let (year, area) = id.split_once('/').unwrap_or((id, ""));
                let years: Vec<String> = self.progress.iter().map(|y| y.year.0.to_string()).collect();
                let Some(y) = self.progress.iter().find(|y| y.year.0.to_string() == year) else {
                    return Err(NotFound {
                        message: msg!("ref-no-progress-year", reference = reference, year = year),
                        hint: msg!("ref-progress-years-hint", count = years.len(), years = years.join(", ")),
                    });
                };
                if area.is_empty() {
                    return Ok(Target::ProgressYear(y.year));
                }
                let slugs: Vec<&str> = y.areas.iter().map(|a| self.areas[a.area].slug.as_str()).collect();
                let i = slugs.iter().position(|s| *s == area).ok_or_else(|| NotFound {
                    message: msg!("ref-no-progress-area", reference = reference, year = year, area = area),
                    hint: match suggest(area, slugs.iter().copied()) {
                        Some(s) => msg!("did-you-mean", nearest = format!("@progress/{year}/{s}")),
                        None => {
                            msg!("ref-progress-areas-hint", year = year, count = slugs.len(), areas = slugs.join(", "))
                        }
                    },
                })?;
                Ok(Target::ProgressArea(y.year, y.areas[i].area))
            }
            "file" => {
                let wanted = format!("content/{id}");
                match self.media.iter().find(|m| **m == wanted) {
                    Some(m) => Ok(Target::File(&m["content/".len()..])),
                    None => {
                        let files: Vec<&str> = self.media.iter().map(|m| &m["content/".len()..]).collect();
                        Err(NotFound {
                            message: msg!("ref-no-file", reference = reference, path = wanted.as_str()),
                            hint: match suggest(id, files.iter().copied()) {
                                Some(s) => msg!("did-you-mean", nearest = format!("@file/{s}")),
                                None => msg!("ref-file-hint"),
                            },
                        })
                    }
                }
            }
            page if id.is_empty() => match PAGES.iter().find(|p| **p == page) {
                Some(p) if *p != "structure" || self.structure.is_some() => Ok(Target::Page(p)),
                _ => Err(NotFound {
                    message: msg!("ref-no-page", reference = reference),
                    hint: match suggest(page, PAGES.iter().copied()) {
                        Some(s) => msg!("did-you-mean", nearest = format!("@{s}")),
                        None => msg!("ref-page-hint", pages = PAGES.join(", ")),
                    },
                }),
            },
            _ => {
                Err(NotFound { message: msg!("ref-unknown-kind", reference = reference), hint: msg!("ref-kind-hint") })
            }
        }
    }
}

fn not_found(reference: &str, id: &str, slugs: &[&str], what: &str, dir: &str, config: &super::Config) -> NotFound {
    NotFound {
        message: config.terms().for_kinds(msg!("ref-no-item", reference = reference, kind = what, id = id)),
        hint: match suggest(id, slugs.iter().copied()) {
            Some(s) => msg!("did-you-mean", nearest = reference.replacen(id, s, 1)),
            None => msg!("ref-item-hint", dir = dir, count = slugs.len(), known = slugs.join(", ")),
        },
    }
}
