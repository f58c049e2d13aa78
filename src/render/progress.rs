//! Progress pages: the list of years, the city-wide summary of a year (with its chart and the
//! change from the previous year), and an area's summary and district detail for a year. Also
//! the summary shown on an area's own page.

use super::chart::{stacked_bars, Bar};
use super::routes::{Linker, Route};
use super::summary::{area_summary, area_totals, year_totals, Counts};
use super::templates::{ui, UiStrings};
use super::views::Built;
use super::views::Tr;
use crate::model::progress::{AreaProgress, ProgressItem, ProgressYear, Rating};
use crate::model::{Area, Shown, Site};
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

fn legend<'a>(ui: &'a UiStrings) -> Vec<RatingView<'a>> {
    Rating::ALL.iter().map(|&r| rating_view(ui, r)).collect()
}

/// The short words of the four ratings, for a chart's legend.
fn short_labels<'a>(legend: &[RatingView<'a>]) -> [&'a str; 4] {
    std::array::from_fn(|i| legend.get(i).map_or("", |r| r.short))
}

#[derive(Serialize)]
pub(crate) struct CountsView {
    pub(crate) priority: usize,
    pub(crate) by_rating: [usize; 4],
    pub(crate) other: usize,
    pub(crate) achieved: Option<String>,
}

fn counts(c: Counts) -> CountsView {
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

fn year_links(site: &Site, link: &Linker, lang: &str, current: i32, area: Option<usize>) -> Vec<YearLink> {
    site.progress
        .iter()
        .filter(|y| area.is_none_or(|a| y.areas.iter().any(|p| p.area == a)))
        .rev()
        .map(|y| YearLink {
            label: y.year.label(lang),
            href: match area {
                Some(a) => link.route(Route::ProgressArea(y.year.0, &site.areas[a].slug), lang),
                None => link.route(Route::ProgressYear(y.year.0), lang),
            },
            current: y.year.0 == current,
            sample: y.sample,
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct ProgressIndexView {
    pub(crate) years: Vec<YearLink>,
}

pub(crate) fn index<'a>(site: &'a Site, tr: &Tr<'a>, link: &Linker, heading: &str) -> Built<ProgressIndexView> {
    let years = year_links(site, link, tr.lang, 0, None);
    Built {
        heading: heading.to_string(),
        description: heading.to_string(),
        trail: vec![],
        view: ProgressIndexView { years },
    }
}

#[derive(Serialize)]
pub(crate) struct AreaRow<'a> {
    pub(crate) name: Shown<'a>,
    pub(crate) href: String,
    pub(crate) counts: CountsView,
}

#[derive(Serialize)]
pub(crate) struct ChangeRow<'a> {
    pub(crate) name: Shown<'a>,
    pub(crate) previous: CountsView,
    pub(crate) current: CountsView,
    /// Change of the share of ◎ and ○ in percentage points, signed (`+5`, `−3`), if both exist.
    pub(crate) change: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ProgressYearView<'a> {
    pub(crate) year: String,
    pub(crate) sample: bool,
    pub(crate) note: Option<Shown<'a>>,
    pub(crate) legend: Vec<RatingView<'a>>,
    pub(crate) rows: Vec<AreaRow<'a>>,
    pub(crate) total: CountsView,
    pub(crate) chart: String,
    pub(crate) previous_year: Option<String>,
    pub(crate) change: Vec<ChangeRow<'a>>,
    pub(crate) years: Vec<YearLink>,
    pub(crate) data_csv: String,
    pub(crate) data_json: String,
    pub(crate) licence: Option<Shown<'a>>,
    pub(crate) licence_url: Option<&'a str>,
}

fn signed_points(p: f64) -> String {
    let rounded = p.round() as i64;
    match rounded {
        0 => "±0".to_string(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", -n),
    }
}

pub(crate) fn year<'a>(
    site: &'a Site,
    tr: &Tr<'a>,
    link: &Linker,
    index: usize,
    strings: &'a UiStrings,
) -> Built<ProgressYearView<'a>> {
    let y: &ProgressYear = &site.progress[index];
    let (rows, total) = year_totals(y);
    let lang = tr.lang;
    let area_rows: Vec<AreaRow> = rows
        .iter()
        .map(|&(a, c)| AreaRow {
            name: tr.t(&site.areas[a].name),
            href: link.route(Route::ProgressArea(y.year.0, &site.areas[a].slug), lang),
            counts: counts(c),
        })
        .collect();
    let legend_view = legend(strings);
    let short = short_labels(&legend_view);
    let bars: Vec<Bar> = rows
        .iter()
        .zip(&area_rows)
        .map(|(&(_, c), r)| Bar { label: r.name.text, lang: r.name.lang, counts: c.by_rating })
        .collect();
    let title = format!("{} {}", y.year.label(lang), ui(strings, "chart_by_area"));
    let chart = stacked_bars("chart-areas", &title, &bars, short);
    let previous = index.checked_sub(1).map(|i| &site.progress[i]);
    let change = previous
        .map(|p| {
            rows.iter()
                .filter_map(|&(a, cur)| {
                    let prev = p.areas.iter().find(|x| x.area == a).map(area_totals)?;
                    let change = match (prev.achieved_percent(), cur.achieved_percent()) {
                        (Some(a), Some(b)) => Some(signed_points(b - a)),
                        _ => None,
                    };
                    Some(ChangeRow {
                        name: tr.t(&site.areas[a].name),
                        previous: counts(prev),
                        current: counts(cur),
                        change,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let view = ProgressYearView {
        year: y.year.label(lang),
        sample: y.sample,
        note: tr.opt(&y.note),
        legend: legend_view,
        rows: area_rows,
        total: counts(total),
        chart,
        previous_year: previous.map(|p| p.year.label(lang)),
        change,
        years: year_links(site, link, lang, y.year.0, None),
        data_csv: link.to(&format!("data/progress-{}.csv", y.year.0)),
        data_json: link.to(&format!("data/progress-{}.json", y.year.0)),
        licence: site.config.data_licence.as_ref().map(|l| tr.t(&l.name)),
        licence_url: site.config.data_licence.as_ref().and_then(|l| l.url.as_deref()),
    };
    let heading = format!("{} {}", view.year, ui(strings, "progress"));
    Built {
        description: heading.clone(),
        heading,
        trail: vec![(ui(strings, "progress").to_string(), link.route(Route::Progress, lang))],
        view,
    }
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
    pub(crate) sample: bool,
    pub(crate) legend: Vec<RatingView<'a>>,
    pub(crate) policies: Vec<PolicyRowView<'a>>,
    pub(crate) total: CountsView,
    pub(crate) chart: String,
    pub(crate) detail_href: String,
}

pub(crate) fn area_summary_view<'a>(
    site: &'a Site,
    tr: &Tr<'a>,
    link: &Linker,
    ui_strings: &'a UiStrings,
    (y, p): (&'a ProgressYear, &'a AreaProgress),
) -> AreaSummaryView<'a> {
    let area: &Area = &site.areas[p.area];
    let numbers: Vec<u32> = area.policies.iter().map(|x| x.number).collect();
    let rows = area_summary(&numbers, p);
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
        rows.iter().zip(&labels).map(|(r, l)| Bar { label: l, lang: tr.lang, counts: r.counts.by_rating }).collect();
    let title = format!("{} {} {}", tr.t(&area.name).text, y.year.label(tr.lang), ui(ui_strings, "chart_by_policy"));
    AreaSummaryView {
        year: y.year.label(tr.lang),
        sample: y.sample,
        legend: legend_view,
        total: counts(area_totals(p)),
        chart: stacked_bars(&format!("chart-{}", area.slug), &title, &bars, short),
        policies,
        detail_href: link.route(Route::ProgressArea(y.year.0, &area.slug), tr.lang),
    }
}

#[derive(Serialize)]
pub(crate) struct ItemView<'a> {
    /// The row's id: search results link to it.
    pub(crate) anchor: String,
    pub(crate) policy: u32,
    pub(crate) priority: bool,
    pub(crate) item: Shown<'a>,
    pub(crate) themes: Vec<Shown<'a>>,
    pub(crate) target: Shown<'a>,
    pub(crate) result: Option<Shown<'a>>,
    pub(crate) rating: RatingView<'a>,
    pub(crate) next_target: Shown<'a>,
    pub(crate) issues: Option<Shown<'a>>,
}

#[derive(Serialize)]
pub(crate) struct DistrictView<'a> {
    pub(crate) name: Shown<'a>,
    pub(crate) population: Option<String>,
    pub(crate) households: Option<String>,
    pub(crate) counted_on: Option<String>,
    pub(crate) items: Vec<ItemView<'a>>,
}

#[derive(Serialize)]
pub(crate) struct ProgressAreaView<'a> {
    pub(crate) name: Shown<'a>,
    /// What a district is called (site.yaml `district_term`, else the theme's UI string).
    pub(crate) district_term: Shown<'a>,
    pub(crate) note: Option<Shown<'a>>,
    pub(crate) summary: AreaSummaryView<'a>,
    pub(crate) districts: Vec<DistrictView<'a>>,
    pub(crate) years: Vec<YearLink>,
    pub(crate) area_href: String,
    pub(crate) year_href: String,
    pub(crate) data_csv: String,
    pub(crate) data_json: String,
}

/// `12345` → `12,345`.
pub(crate) fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) fn area<'a>(
    site: &'a Site,
    tr: &Tr<'a>,
    link: &Linker,
    (yi, ai): (usize, usize),
    strings: &'a UiStrings,
) -> Built<ProgressAreaView<'a>> {
    let y = &site.progress[yi];
    let p = &y.areas[ai];
    let area = &site.areas[p.area];
    let lang = tr.lang;
    let districts = p
        .districts
        .iter()
        .enumerate()
        .map(|(di, d)| DistrictView {
            name: tr.t(&d.name),
            population: d.population.map(grouped),
            households: d.households.map(grouped),
            counted_on: d.counted_on.map(|c| c.as_of(lang)),
            items: d
                .items
                .iter()
                .enumerate()
                .map(|(ii, i)| ItemView {
                    anchor: super::routes::progress_anchor(di, ii),
                    policy: i.policy,
                    priority: i.priority,
                    item: tr.t(&i.item),
                    themes: i.themes.iter().map(|&t| tr.t(&site.themes[t].title)).collect(),
                    target: tr.t(&i.target),
                    result: tr.opt(&i.result),
                    rating: rating_view(strings, i.rating),
                    next_target: tr.t(&i.next_target),
                    issues: tr.opt(&i.issues),
                })
                .collect(),
        })
        .collect();
    let view = ProgressAreaView {
        name: tr.t(&area.name),
        district_term: site.config.district_term.as_ref().map_or_else(|| tr.own(ui(strings, "district")), |t| tr.t(t)),
        note: tr.opt(&y.note),
        summary: area_summary_view(site, tr, link, strings, (y, p)),
        districts,
        years: year_links(site, link, lang, y.year.0, Some(p.area)),
        area_href: link.route(Route::Area(&area.slug), lang),
        year_href: link.route(Route::ProgressYear(y.year.0), lang),
        data_csv: link.to(&format!("data/progress-{}.csv", y.year.0)),
        data_json: link.to(&format!("data/progress-{}.json", y.year.0)),
    };
    let heading = format!("{} {} {}", view.name.text, view.summary.year, ui(strings, "progress"));
    Built {
        description: heading.clone(),
        heading,
        trail: vec![
            (ui(strings, "progress").to_string(), link.route(Route::Progress, lang)),
            (view.summary.year.clone(), view.year_href.clone()),
        ],
        view,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_changes_signed() {
        assert_eq!(grouped(24816), "24,816");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(grouped(999), "999");
        assert_eq!(signed_points(4.6), "+5");
        assert_eq!(signed_points(-3.2), "−3");
        assert_eq!(signed_points(0.2), "±0");
    }
}
