//! What the progress pages share (the pages themselves are kinds: `kinds::progress_*`): rating
//! labels, counts, links between years, and an area's summary for a year (総括表), which the
//! area's own page shows too.

use super::chart::{stacked_bars, Bar};
use super::routes::{Item, Route};
use super::summary::{area_summary, area_totals, Counts};
use super::views::Page;
use crate::model::progress::{AreaProgress, ProgressItem, ProgressYear, Rating};
use crate::model::{Area, FiscalYear, Shown};
use crate::text::ui::{ui, UiStrings};
use serde::Serialize;

/// The label of a rating in the page's language, with its symbol (never colour alone).
#[derive(Serialize, Clone)]
pub(crate) struct RatingView<'a> {
    pub(crate) key: &'static str,
    pub(crate) symbol: &'static str,
    pub(crate) short: &'a str,
    pub(crate) meaning: &'a str,
}

pub(crate) fn rating_view<'a>(strings: &'a UiStrings, r: Rating) -> RatingView<'a> {
    let key = r.key().replace('-', "_");
    RatingView {
        key: r.key(),
        symbol: r.symbol(),
        short: ui(strings, &format!("rating_{key}")),
        meaning: ui(strings, &format!("rating_{key}_meaning")),
    }
}

pub(crate) fn legend<'a>(ui: &'a UiStrings) -> Vec<RatingView<'a>> {
    Rating::ALL.iter().map(|&r| rating_view(ui, r)).collect()
}

/// The short words of the four ratings, for a chart's legend.
pub(crate) fn short_labels<'a>(legend: &[RatingView<'a>]) -> [&'a str; 4] {
    std::array::from_fn(|i| legend.get(i).map_or("", |r| r.short))
}

#[derive(Serialize)]
pub(crate) struct CountsView {
    pub(crate) priority: usize,
    pub(crate) by_rating: [usize; 4],
    pub(crate) other: usize,
    pub(crate) achieved: Option<String>,
}

pub(crate) fn counts(c: Counts) -> CountsView {
    CountsView {
        priority: c.priority,
        by_rating: c.by_rating,
        other: c.other,
        achieved: c.achieved_percent().map(|p| format!("{p:.0}%")),
    }
}

#[derive(Serialize)]
pub(crate) struct YearLink {
    pub(crate) label: String,
    pub(crate) href: String,
    pub(crate) current: bool,
    pub(crate) sample: bool,
}

/// A year in the list of years a progress page links to: its number and whether its figures
/// are sample data.
#[derive(Hash, Clone, Copy)]
pub(crate) struct YearIn {
    pub(crate) year: FiscalYear,
    pub(crate) sample: bool,
}

/// The years with progress data (those with data for `area` only, if given), oldest first.
pub(crate) fn years_in(site: &crate::model::Site, area: Option<usize>) -> Vec<YearIn> {
    site.progress
        .iter()
        .filter(|y| area.is_none_or(|a| y.areas.iter().any(|p| p.area == a)))
        .map(|y| YearIn { year: y.year, sample: y.sample })
        .collect()
}

/// Links to `years`, newest first, to the area's page of each year if `area` is given.
pub(crate) fn year_links(page: &Page, years: &[YearIn], current: i32, area: Option<Item>) -> Vec<YearLink> {
    years
        .iter()
        .rev()
        .map(|y| YearLink {
            label: y.year.label(page.tr.tag),
            href: page.href(match area {
                Some(a) => Route::ProgressArea(y.year, a),
                None => Route::ProgressYear(y.year),
            }),
            current: y.year.0 == current,
            sample: y.sample,
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct PolicyRowView<'a> {
    pub(crate) number: u32,
    pub(crate) title: Shown<'a>,
    pub(crate) counts: CountsView,
    pub(crate) main: Vec<Shown<'a>>,
}

/// An area's summary for a year (総括表), also shown on the area's own page.
#[derive(Serialize)]
pub(crate) struct AreaSummaryView<'a> {
    pub(crate) year: String,
    /// The year marks no priority items: every item is counted by rating.
    pub(crate) every_item: bool,
    /// The main activities of an area without basic policies (with policies, each policy's row
    /// lists its own).
    pub(crate) main: Vec<Shown<'a>>,
    pub(crate) sample: bool,
    pub(crate) legend: Vec<RatingView<'a>>,
    pub(crate) policies: Vec<PolicyRowView<'a>>,
    pub(crate) total: CountsView,
    pub(crate) chart: String,
    pub(crate) detail_href: String,
}

pub(crate) fn area_summary_view<'a>(
    page: &Page<'a>,
    area: &'a Area,
    (y, p): (&'a ProgressYear, &'a AreaProgress),
) -> AreaSummaryView<'a> {
    let (tr, ui_strings) = (&page.tr, page.ui);
    let numbers: Vec<u32> = area.policies.iter().map(|x| x.number).collect();
    let rows = area_summary(&numbers, p, !y.priority_items);
    let policies: Vec<PolicyRowView> = rows
        .iter()
        .zip(&area.policies)
        .map(|(r, pol)| PolicyRowView {
            number: r.number,
            title: tr.t(&pol.title),
            counts: counts(r.counts),
            main: r.main.iter().map(|i: &&ProgressItem| tr.t(&i.item)).collect(),
        })
        .collect();
    let legend_view = legend(ui_strings);
    let short = short_labels(&legend_view);
    let policy_label = ui(ui_strings, "policy_short");
    let labels: Vec<String> = rows.iter().map(|r| format!("{policy_label}{}", r.number)).collect();
    let bars: Vec<Bar> =
        rows.iter().zip(&labels).map(|(r, l)| Bar { label: l, lang: tr.tag, counts: r.counts.by_rating }).collect();
    let title = [tr.t(&area.name).text, &y.year.label(tr.tag), ui(ui_strings, "chart_by_policy")]
        .join(ui(ui_strings, "title_join"));
    let main = if area.policies.is_empty() {
        p.districts.iter().flat_map(|d| &d.items).filter(|i| i.main).map(|i| tr.t(&i.item)).collect()
    } else {
        Vec::new()
    };
    AreaSummaryView {
        year: y.year.label(tr.tag),
        every_item: !y.priority_items,
        main,
        sample: y.sample,
        legend: legend_view,
        total: counts(area_totals(p, !y.priority_items)),
        // Without basic policies there is only the total: no chart by policy.
        chart: if bars.is_empty() {
            String::new()
        } else {
            stacked_bars(&format!("chart-{}", area.slug), &title, &bars, short, ui_strings)
        },
        policies,
        detail_href: page.href(Route::ProgressArea(y.year, Item { index: p.area, slug: &area.slug })),
    }
}

/// The newest day on which a year's figures were counted (`counted_on` of its districts).
pub(crate) fn counted_on(y: &crate::model::progress::ProgressYear) -> Option<crate::model::Date> {
    y.areas.iter().flat_map(|a| &a.districts).filter_map(|d| d.counted_on).max()
}
