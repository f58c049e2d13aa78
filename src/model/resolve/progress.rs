//! Raw progress rows → [`ProgressYear`]s: areas, districts, policies, themes, ratings, numbers
//! and dates checked, every problem reported at the file and row/column or sheet and cell.

use super::{Cx, Gaps};
use crate::content::progress::{At, LocText, RawAreaProgress, RawProgressItem, RawProgressYear, TextLang};
use crate::diag::msg;
use crate::diag::{suggest, Code, Diagnostic, Location};
use crate::model::progress::{AreaProgress, District, ProgressItem, ProgressYear, Rating};
use crate::model::{Area, Date, FiscalYear, Text, Theme};
use crate::reuse::fingerprint;
use std::collections::BTreeMap;
use std::sync::Arc;

impl Cx<'_> {
    /// Resolves every year; a year whose raw data and context are those of the last build is
    /// taken from `cache` (its rows are thousands of values).
    pub(super) fn progress(
        &mut self,
        years: Vec<Arc<RawProgressYear>>,
        areas: &[Area],
        themes: &[Theme],
        cache: &super::ResolveCache,
    ) -> Vec<Arc<ProgressYear>> {
        // What resolving progress reads of areas and themes: names, policy numbers, slugs.
        let context = fingerprint(&(
            areas
                .iter()
                .map(|a| (&a.slug, a.name.primary(), a.policies.iter().map(|p| p.number).collect::<Vec<_>>()))
                .collect::<Vec<_>>(),
            themes.iter().map(|t| &t.slug).collect::<Vec<_>>(),
            self.languages,
            self.unreadable,
            self.readings,
            &self.terms,
        ));
        let resolved = self.reuse(
            &cache.years,
            years,
            |y| &y.year.value,
            context,
            |cx, raw| cx.progress_year(raw, areas, themes).map(Arc::new),
        );
        let mut out: Vec<Arc<ProgressYear>> = resolved.into_iter().flatten().collect();
        out.sort_by_key(|y| y.year);
        out
    }

    fn progress_year(&mut self, raw: &RawProgressYear, areas: &[Area], themes: &[Theme]) -> Option<ProgressYear> {
        let RawProgressYear { year, meta, meta_file, areas: raw_areas } = raw;
        let Some(fy) = year.value.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y) && year.value.len() == 4)
        else {
            self.err(
                Diagnostic::error(Code::BadYear, year.loc.location(), msg!("not-a-fiscal-year", value = &year.value))
                    .with_hint(msg!("bad-year-folder-hint")),
            );
            return None;
        };
        let mut gaps = Gaps::default();
        let (sample, note) = match meta {
            Some(m) => (m.sample, self.opt_text(meta_file, &m.note, &mut gaps)),
            None => (false, None),
        };
        let mut by_area: BTreeMap<usize, (AreaProgress, Location)> = BTreeMap::new();
        for ra in raw_areas {
            let loc = ra.area.loc.location();
            let Some((index, progress)) = self.area_progress(ra, areas, themes) else { continue };
            if let Some((_, first)) = by_area.get(&index) {
                self.err(
                    Diagnostic::error(
                        Code::DuplicateArea,
                        loc.clone(),
                        msg!("duplicate-area-progress", area = areas[index].name.primary(), first = first.to_string()),
                    )
                    .with_hint(msg!("duplicate-area-progress-hint", area_word = self.terms.area.clone())),
                );
                continue;
            }
            by_area.insert(index, (progress, loc));
        }
        self.count_gaps("progress year", gaps);
        // BTreeMap by area index = area order.
        let areas: Vec<AreaProgress> = by_area.into_values().map(|(a, _)| a).collect();
        let priority_items = areas.iter().flat_map(|a| &a.districts).flat_map(|d| &d.items).any(|i| i.priority);
        Some(ProgressYear { year: FiscalYear(fy), sample, priority_items, note, areas })
    }

    fn area_progress(
        &mut self,
        raw: &RawAreaProgress,
        areas: &[Area],
        themes: &[Theme],
    ) -> Option<(usize, AreaProgress)> {
        let RawAreaProgress { area, districts } = raw;
        let name = area.value.trim();
        let index = areas.iter().position(|a| a.slug == name || a.name.primary() == name);
        // The area's own file could not be read (reported): check the rest of its progress all
        // the same, so one run lists every error, but its policies cannot be checked.
        let unreadable = index.is_none() && self.unreadable.contains(&format!("content/areas/{name}.yaml"));
        if index.is_none() && !unreadable {
            let slugs: Vec<&str> = areas.iter().map(|a| a.slug.as_str()).collect();
            let hint = match suggest(name, slugs.iter().copied()) {
                Some(s) => msg!(
                    "progress-area-hint-nearest",
                    nearest = s,
                    areas = slugs.join(", "),
                    area_word = self.terms.area.clone()
                ),
                None => msg!("progress-area-hint", areas = slugs.join(", "), area_word = self.terms.area.clone()),
            };
            self.err(
                Diagnostic::error(
                    Code::UnknownArea,
                    area.loc.location(),
                    msg!("no-such-area", name = name, area_word = self.terms.area.clone()),
                )
                .with_hint(hint),
            );
            return None;
        }
        let a = index.map(|i| &areas[i]);
        let mut out = Vec::new();
        let mut seen: BTreeMap<String, Location> = BTreeMap::new();
        if districts.is_empty() {
            self.err(
                Diagnostic::error(
                    Code::MissingValue,
                    area.loc.location(),
                    msg!("no-districts", district_word = self.terms.district.clone()),
                )
                .with_hint(msg!("no-districts-hint", district_word = self.terms.district.clone())),
            );
        }
        for d in districts {
            let mut gaps = Gaps::default();
            let Some(name) = self.loc_text(&d.name, &mut gaps, "district") else { continue };
            if let Some(first) = seen.insert(name.primary().to_string(), d.name.loc.location()) {
                self.err(
                    Diagnostic::error(
                        Code::DuplicateDistrict,
                        d.name.loc.location(),
                        msg!(
                            "duplicate-district",
                            name = name.primary(),
                            first = first.to_string(),
                            district_word = self.terms.district.clone()
                        ),
                    )
                    .with_hint(msg!("duplicate-district-hint", district_word = self.terms.district.clone())),
                );
            }
            let population = d.population.as_ref().and_then(|p| self.count(p, "population"));
            let households = d.households.as_ref().and_then(|p| self.count(p, "households"));
            let counted_on = d.counted_on.as_ref().and_then(|c| self.date(c));
            if (population.is_some() || households.is_some()) && counted_on.is_none() && d.counted_on.is_none() {
                self.err(
                    Diagnostic::error(Code::MissingValue, d.name.loc.location(), msg!("counts-without-date"))
                        .with_hint(msg!("counts-without-date-hint")),
                );
            }
            // As many as the rows (one in error is left out): collected through `filter_map`,
            // the list grew by doubling, with room for up to as many again.
            let mut items = Vec::with_capacity(d.items.len());
            items.extend(d.items.iter().filter_map(|i| self.progress_item(i, a, themes, &mut gaps)));
            self.count_gaps("progress district", gaps);
            out.push(District { name, population, households, counted_on, items });
        }
        index.map(|index| (index, AreaProgress { area: index, districts: out }))
    }

    fn progress_item(
        &mut self,
        raw: &RawProgressItem,
        area: Option<&Area>,
        themes: &[Theme],
        gaps: &mut Gaps,
    ) -> Option<ProgressItem> {
        let RawProgressItem {
            policy,
            priority,
            main,
            item,
            themes: raw_themes,
            target,
            result,
            rating,
            next_target,
            issues,
        } = raw;
        let policy = self.policy(policy, area);
        let rating_value = Rating::parse(&rating.value);
        if rating_value.is_none() {
            let (code, message) = if rating.value.trim().is_empty() {
                (Code::MissingValue, msg!("rating-empty"))
            } else {
                (Code::UnknownRating, msg!("not-a-rating", value = rating.value.trim()))
            };
            self.err(Diagnostic::error(code, rating.loc.location(), message).with_hint(msg!("rating-hint")));
        }
        let mut theme_indices = Vec::new();
        for t in raw_themes {
            let found = self.reference(
                (&t.value, || t.loc.location()),
                themes.iter().map(|th| th.slug.as_str()),
                "theme",
                "content/themes/",
            );
            if let Some(i) = found.filter(|i| !theme_indices.contains(i)) {
                theme_indices.push(i);
            }
        }
        theme_indices.sort_unstable();
        let priority = self.flag(priority);
        let main = self.flag(main);
        let item = self.loc_text(item, gaps, "item");
        let target = self.loc_text(target, gaps, "target");
        let next_target = self.loc_text(next_target, gaps, "next-target");
        let result = result.as_ref().and_then(|r| self.loc_text(r, gaps, "result"));
        let issues = issues.as_ref().and_then(|r| self.loc_text(r, gaps, "issues"));
        Some(ProgressItem {
            policy: policy?,
            priority: priority?,
            main: main?,
            item: item?,
            themes: theme_indices,
            target: target?,
            result,
            rating: rating_value?,
            next_target: next_target?,
            issues,
        })
    }

    /// A text from a progress file; a missing primary text is an error naming `what`.
    fn loc_text(&mut self, raw: &LocText, gaps: &mut Gaps, what: &str) -> Option<Text> {
        let primary = self.primary().to_string();
        // Columns that do not name their language hold the primary language.
        let named = raw.value.iter().map(|(l, v)| {
            let code = match l {
                TextLang::Primary => primary.as_str(),
                TextLang::Named(code) => code,
            };
            (code, v.trim())
        });
        let values = self.by_language(named, || raw.loc.location());
        if values.get(&primary).is_none_or(|v| v.is_empty()) {
            self.err(
                Diagnostic::error(
                    Code::MissingValue,
                    raw.loc.location(),
                    msg!("progress-text-empty", what = what, district_word = self.terms.district.clone()),
                )
                .with_hint(msg!(
                    "progress-text-empty-hint",
                    what = what,
                    primary = primary.as_str(),
                    district_word = self.terms.district.clone()
                )),
            );
            return None;
        }
        self.note_gaps(&values, gaps);
        Some(self.read(values, &primary))
    }

    /// The basic policy number `raw`, checked against `area`'s policies (if the area could be
    /// read).
    /// `Some(None)`: no policy, as the area has none; `None`: an error was reported.
    fn policy(&mut self, raw: &At<String>, area: Option<&Area>) -> Option<Option<u32>> {
        let given = !raw.value.trim().is_empty();
        match area {
            Some(a) if a.policies.is_empty() && given => {
                self.err(
                    Diagnostic::error(
                        Code::UnknownPolicy,
                        raw.loc.location(),
                        msg!("area-has-no-policies", area = a.name.primary()),
                    )
                    .with_hint(msg!("area-has-no-policies-hint", area_word = self.terms.area.clone())),
                );
                return None;
            }
            Some(a) if a.policies.is_empty() => return Some(None),
            Some(a) if !given => {
                let numbers: Vec<String> = a.policies.iter().map(|p| p.number.to_string()).collect();
                self.err(
                    Diagnostic::error(Code::MissingValue, raw.loc.location(), msg!("policy-missing")).with_hint(msg!(
                        "area-policies",
                        area = a.name.primary(),
                        numbers = numbers.join(", ")
                    )),
                );
                return None;
            }
            None if !given => return Some(None),
            _ => {}
        }
        // The hint names the area's policies (made only for an error: this runs for every item).
        let hint = || match area {
            Some(a) => {
                let numbers: Vec<String> = a.policies.iter().map(|p| p.number.to_string()).collect();
                msg!("area-policies", area = a.name.primary(), numbers = numbers.join(", "))
            }
            None => msg!("policy-number-hint", area_word = self.terms.area.clone()),
        };
        let Some(n) = parse_number(&raw.value) else {
            self.err(
                Diagnostic::error(
                    Code::NotANumber,
                    raw.loc.location(),
                    msg!("not-a-policy-number", value = &raw.value),
                )
                .with_hint(hint()),
            );
            return None;
        };
        match area {
            // The area could not be read: its policies cannot be checked.
            None => u32::try_from(n).ok().map(Some),
            Some(a) if a.policies.iter().any(|p| u64::from(p.number) == n) => u32::try_from(n).ok().map(Some),
            Some(a) => {
                self.err(
                    Diagnostic::error(
                        Code::UnknownPolicy,
                        raw.loc.location(),
                        msg!("no-such-policy", number = n, area = a.name.primary()),
                    )
                    .with_hint(hint()),
                );
                None
            }
        }
    }

    fn count(&mut self, raw: &At<String>, what: &str) -> Option<u64> {
        let n = parse_number(&raw.value);
        if n.is_none() {
            self.err(
                Diagnostic::error(
                    Code::NotANumber,
                    raw.loc.location(),
                    msg!("not-a-count", value = &raw.value, what = what),
                )
                .with_hint(msg!("count-hint")),
            );
        }
        n
    }

    fn date(&mut self, raw: &At<String>) -> Option<Date> {
        let d = Date::parse(&raw.value);
        if d.is_none() {
            self.err(
                Diagnostic::error(Code::BadDate, raw.loc.location(), msg!("not-a-date", value = raw.value.trim()))
                    .with_hint(msg!("date-hint-2025")),
            );
        }
        d
    }

    fn flag(&mut self, raw: &At<String>) -> Option<bool> {
        match raw.value.trim().to_lowercase().as_str() {
            "" | "false" | "no" | "n" | "0" | "いいえ" | "-" | "ー" => Some(false),
            "○" | "〇" | "◯" | "true" | "yes" | "y" | "1" | "はい" | "重点" => Some(true),
            other => {
                self.err(
                    Diagnostic::error(Code::BadFlag, raw.loc.location(), msg!("not-a-flag", value = other))
                        .with_hint(msg!("flag-hint")),
                );
                None
            }
        }
    }
}

/// A whole number as editors write it: half- or full-width digits, with or without commas.
fn parse_number(s: &str) -> Option<u64> {
    let digits: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | '_'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn numbers_with_commas_and_full_width_digits() {
        assert_eq!(parse_number("12,345"), Some(12345));
        assert_eq!(parse_number("１２３"), Some(123));
        assert_eq!(parse_number("12人"), None);
        assert_eq!(parse_number(""), None);
    }
}
