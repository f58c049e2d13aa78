//! What is published: drafts (`draft: true`) and case studies dated in the future are held back
//! from a build, before the content is resolved, so they are in no page, list, feed, search
//! index, sitemap or open-data file. `serve`, `build --drafts` and `build --future` show them,
//! each page with a band saying so.
//!
//! "Today" is the date in the site's time zone (`time_zone:` in site.yaml, `Asia/Tokyo` by
//! default): a case study dated 2025-04-01 appears from midnight of that day in Japan, whatever
//! the clock of the machine that builds.

use super::Date;
use crate::content::{Item, RawContent};
use crate::diag::{Code, Diagnostic};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The time zone of a site that names none.
pub(crate) const DEFAULT_TIME_ZONE: &str = "Asia/Tokyo";

/// Which items a build publishes besides the finished ones.
#[derive(Debug, Clone, Default)]
pub struct Publish {
    /// Drafts too (`serve`, `build --drafts`).
    pub drafts: bool,
    /// Items dated after today too (`serve`, `build --future`).
    pub future: bool,
    /// The moment to compare dates with; now when `None` (tests set it).
    pub now: Option<jiff::Timestamp>,
}

/// An item shown only because drafts or future items are shown: its page carries a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Early {
    Draft,
    /// Dated after today: published on that date.
    Scheduled(Date),
}

/// An item left out of the build, and why (printed by `build`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The item's YAML file.
    pub file: String,
    /// Why, in a few words: "draft: true", "dated 2030-04-01, after today", "its area `x` is held back".
    pub why: crate::diag::Msg,
}

/// What [`hold_back`] decided.
#[derive(Debug, Default)]
pub(crate) struct Decision {
    /// Left out of the build.
    pub held: Vec<Held>,
    /// Shown, but with a band: by kind (`theme`, `area`, `case`) and slug.
    pub early: BTreeMap<(&'static str, String), Early>,
}

/// Today in the site's time zone, or a located error if site.yaml names a zone that does not
/// exist.
pub(crate) fn today(raw: &RawContent, publish: &Publish) -> Result<Date, Diagnostic> {
    let now = publish.now.unwrap_or_else(jiff::Timestamp::now);
    let zone = raw.site.as_ref().and_then(|s| s.raw.time_zone.as_ref().map(|z| (&*s.file, z)));
    let tz = match zone {
        None => jiff::tz::TimeZone::get(DEFAULT_TIME_ZONE).ok(),
        Some((file, z)) => jiff::tz::TimeZone::get(z.value.trim())
            .map_err(|_| {
                Diagnostic::error(
                    Code::BadTimeZone,
                    crate::content::yaml::loc(file, z),
                    crate::diag::msg!("not-a-time-zone", value = z.value.trim()),
                )
                .with_hint(crate::diag::msg!("time-zone-hint"))
            })?
            .into(),
    };
    // The bundled time zone database always has the default zone.
    let date = now.to_zoned(tz.unwrap_or(jiff::tz::TimeZone::UTC)).date();
    Ok(Date { year: i32::from(date.year()), month: date.month() as u32, day: date.day() as u32 })
}

/// Takes the items `publish` does not show out of `raw`, and notes the ones it shows early.
/// A case study in a held-back area is held back too; a held-back theme is taken out of the
/// case studies that list it (a case study left with none is held back). The files of
/// held-back themes and areas join `raw.unreadable`, so references to them are not errors and
/// their progress rows are checked but not published.
pub(crate) fn hold_back(raw: &mut RawContent, publish: &Publish) -> Result<Decision, Diagnostic> {
    let today = today(raw, publish)?;
    let mut d = Decision::default();
    // The files (pictures, documents) of the items held back, gathered as they are taken out.
    let mut held_files = std::collections::HashSet::new();
    let mut held_themes = Vec::new();
    let mut held_areas = Vec::new();
    raw.themes.retain(|t| {
        let keep = keep(&mut d, "theme", t, t.raw.draft, None, publish);
        if !keep {
            held_themes.push(t.slug.clone());
            held_files.extend(files_of(t));
        }
        keep
    });
    raw.areas.retain(|a| {
        let keep = keep(&mut d, "area", a, a.raw.draft, None, publish);
        if !keep {
            held_areas.push(a.slug.clone());
            held_files.extend(files_of(a));
            // Progress names an area by its slug or by its name in any language.
            for name in a.raw.name.value.values() {
                raw.unreadable.insert(format!("content/areas/{}.yaml", name.trim()));
            }
        }
        keep
    });
    // (The notices name areas and themes in the site's own words.)
    let terms = raw.site.as_ref().map_or_else(super::Terms::none, |s| super::Terms::of_raw(&s.raw));
    raw.cases.retain(|c| {
        let area = c.raw.area.value.trim();
        let themes = &c.raw.themes.value;
        let keep = if held_areas.iter().any(|a| a == area) {
            let why = crate::diag::msg!("held-area", area = area, area_word = terms.area.clone());
            d.held.push(Held { file: c.file.to_string(), why });
            false
        } else if !themes.is_empty() && themes.iter().all(|t| held_themes.iter().any(|h| h == t.value.trim())) {
            d.held.push(Held {
                file: c.file.to_string(),
                why: crate::diag::msg!("held-themes", theme_word = terms.theme.clone()),
            });
            false
        } else {
            let date = Date::parse(&c.raw.published.value).filter(|date| *date > today);
            keep(&mut d, "case", c, c.raw.draft, date, publish)
        };
        if !keep {
            held_files.extend(files_of(c));
        }
        keep
    });
    // The pictures and documents of held-back items are not published either, unless a
    // published item uses them too: a draft's photo must not be reachable by its address.
    // (The plan and the structure are never held back; their files stay.)
    if !held_files.is_empty() {
        let kept: std::collections::HashSet<String> = (raw.themes.iter().flat_map(|t| files_of(t)))
            .chain(raw.areas.iter().flat_map(|a| files_of(a)))
            .chain(raw.cases.iter().flat_map(|c| files_of(c)))
            .collect();
        raw.media.retain(|m| !held_files.contains(m) || kept.contains(m));
    }
    for slug in &held_themes {
        raw.unreadable.insert(format!("content/themes/{slug}.yaml"));
    }
    for slug in &held_areas {
        raw.unreadable.insert(format!("content/areas/{slug}.yaml"));
    }
    Ok(d)
}

/// Whether an item is in the build; notes it as held back or early.
fn keep<T>(
    d: &mut Decision,
    kind: &'static str,
    item: &Arc<Item<T>>,
    draft: bool,
    scheduled: Option<Date>,
    publish: &Publish,
) -> bool {
    let early = match (draft, scheduled) {
        (true, _) => Some((Early::Draft, publish.drafts, crate::diag::msg!("held-draft"))),
        (false, Some(date)) => {
            Some((Early::Scheduled(date), publish.future, crate::diag::msg!("held-future", date = date.to_string())))
        }
        (false, None) => None,
    };
    match early {
        None => true,
        Some((early, true, _)) => {
            d.early.insert((kind, item.slug.clone()), early);
            true
        }
        Some((_, false, why)) => {
            d.held.push(Held { file: item.file.to_string(), why });
            false
        }
    }
}

/// The pictures and documents an item names in its YAML.
pub(crate) trait NamesFiles {
    /// Their paths as written (relative to `content/`).
    fn named_files(&self) -> Vec<&String>;
}

macro_rules! names_files {
    ($($t:ty),*) => {$(
        impl NamesFiles for $t {
            fn named_files(&self) -> Vec<&String> {
                self.images.iter().map(|i| &i.src.value).chain(self.attachments.iter().map(|a| &a.file.value)).collect()
            }
        }
    )*};
}
names_files!(crate::content::raw::RawTheme, crate::content::raw::RawArea, crate::content::raw::RawCase);

/// The files under `content/` an item uses: its YAML pictures and documents, and the
/// `@file/…` references of its bodies.
fn files_of<T: NamesFiles>(item: &Item<T>) -> Vec<String> {
    let path = |p: &str| format!("content/{}", p.trim().trim_start_matches('/').trim_start_matches("content/"));
    let mut out: Vec<String> = item.raw.named_files().into_iter().map(|p| path(p)).collect();
    for body in item.bodies.values().filter(|b| b.files) {
        let text = body.text();
        let text: &str = &text;
        for (i, _) in text.match_indices("@file/") {
            let rest = &text[i + "@file/".len()..];
            let end = rest.find([')', ' ', '#', '"', '\n']).unwrap_or(rest.len());
            out.push(path(&rest[..end]));
        }
    }
    out
}
