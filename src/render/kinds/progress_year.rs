//! The site-wide summary of a fiscal year: counts per area, a chart, the change from the
//! previous year, and the open data files.

use crate::model::progress::ProgressYear as YearItem;
use crate::model::{FiscalYear, Shown, Site};
use crate::render::chart::{stacked_bars, Bar};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::memo::Printed;
use crate::render::progress::{counts, legend, short_labels, year_links, years_in, CountsView, RatingView};
use crate::render::progress::{YearIn, YearLink};
use crate::render::routes::Route;
use crate::render::summary::{area_totals, year_totals};
use crate::render::views::*;
use crate::text::record::{Kind, Record, Weight};
use serde::Serialize;

pub(crate) struct ProgressYear;

#[derive(Hash)]
pub(crate) struct Inputs<'a> {
    year: Printed<'a, YearItem>,
    previous: Option<Printed<'a, YearItem>>,
    years: Vec<YearIn>,
}

#[derive(Serialize)]
pub(crate) struct AreaRow<'a> {
    name: Shown<'a>,
    href: String,
    counts: CountsView,
}

#[derive(Serialize)]
pub(crate) struct ChangeRow<'a> {
    name: Shown<'a>,
    previous: CountsView,
    current: CountsView,
    /// Change of the share of ◎ and ○ in percentage points, signed (`+5`, `−3`), if both exist.
    change: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct View<'a> {
    year: String,
    /// The year marks no priority items: every item is counted by rating.
    every_item: bool,
    sample: bool,
    note: Option<Shown<'a>>,
    legend: Vec<RatingView<'a>>,
    rows: Vec<AreaRow<'a>>,
    total: CountsView,
    chart: String,
    previous_year: Option<String>,
    change: Vec<ChangeRow<'a>>,
    years: Vec<YearLink>,
    data_csv: String,
    data_json: String,
    licence: Option<Shown<'a>>,
    licence_url: Option<&'a str>,
}

fn signed_points(p: f64) -> String {
    let rounded = p.round() as i64;
    match rounded {
        0 => "±0".to_string(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", -n),
    }
}

impl PageKind for ProgressYear {
    const TEMPLATE: &'static str = "progress_year.html";
    const SECTION: Option<Route<'static>> = Some(Route::Progress);
    /// The year's place in `Site::progress`, and the year.
    type Id<'a> = (usize, FiscalYear);
    type Inputs<'a> = Inputs<'a>;
    type View<'a> = View<'a>;

    fn ids(site: &Site) -> Vec<(usize, FiscalYear)> {
        site.progress.iter().enumerate().map(|(i, y)| (i, y.year)).collect()
    }

    fn route<'a>((_, year): (usize, FiscalYear)) -> Route<'a> {
        Route::ProgressYear(year)
    }

    /// The year's summary, of lower weight: its note and the names of its areas.
    fn records<'a>(b: &RecordCx<'a>, (index, year): (usize, FiscalYear), out: &mut Vec<Record<'a>>) {
        let y = &b.site.progress[index];
        let areas: Vec<_> = y.areas.iter().map(|a| &b.site.areas[a.area].name).collect();
        let mut parts = vec![b.texts_part("", b.ui("progress"), &areas)];
        if let Some(note) = &y.note {
            parts.insert(0, b.texts_part("", "", &[note]).into_summary());
        }
        let title = [&year.label(b.tag()), b.ui("progress")].join(b.ui("title_join"));
        let mut r = b.record(Route::ProgressYear(year), title, Kind::Progress, parts);
        r.year = Some(year.0);
        r.weight = Weight::Lower;
        out.push(r);
    }

    /// The newest day its figures were counted on, else the site's date.
    fn updated(cx: &Cx<'_>, (index, _): (usize, FiscalYear)) -> Option<crate::model::Date> {
        crate::render::progress::counted_on(&cx.site.progress[index]).or(cx.site.config.updated)
    }

    fn inputs<'a>(cx: &Cx<'a>, (index, _): (usize, FiscalYear)) -> Inputs<'a> {
        Inputs {
            year: cx.prints.year(cx.site, index),
            previous: index.checked_sub(1).map(|i| cx.prints.year(cx.site, i)),
            years: years_in(cx.site, None),
        }
    }

    fn view<'a>(page: &Page<'a>, inputs: Inputs<'a>) -> Built<View<'a>> {
        let (tr, global, y) = (&page.tr, &page.global, inputs.year.item);
        let (rows, total) = year_totals(y);
        let lang = tr.tag;
        let area_rows: Vec<AreaRow> = rows
            .iter()
            .map(|&(a, c)| AreaRow {
                name: tr.t(global.area_name(a)),
                href: page.href(Route::ProgressArea(y.year, global.area(a))),
                counts: counts(c),
            })
            .collect();
        let legend_view = legend(page.ui);
        let short = short_labels(&legend_view);
        let bars: Vec<Bar> = rows
            .iter()
            .zip(&area_rows)
            .map(|(&(_, c), r)| Bar { label: r.name.text, lang: r.name.lang, counts: c.by_rating })
            .collect();
        let what = page.label(if y.priority_items { "chart_by_area" } else { "chart_by_area_all" });
        let title = [&y.year.label(lang), what].join(page.label("title_join"));
        let chart = stacked_bars("chart-areas", &title, &bars, short, page.ui);
        let previous = inputs.previous.map(|p| p.item);
        let change = previous
            .map(|p| {
                rows.iter()
                    .filter_map(|&(a, cur)| {
                        let prev = p.areas.iter().find(|x| x.area == a).map(|x| area_totals(x, !p.priority_items))?;
                        let change = match (prev.achieved_percent(), cur.achieved_percent()) {
                            (Some(a), Some(b)) => Some(signed_points(b - a)),
                            _ => None,
                        };
                        Some(ChangeRow {
                            name: tr.t(global.area_name(a)),
                            previous: counts(prev),
                            current: counts(cur),
                            change,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let licence = global.config().data_licence.as_ref();
        let view = View {
            year: y.year.label(lang),
            every_item: !y.priority_items,
            sample: y.sample,
            note: tr.opt(&y.note),
            legend: legend_view,
            rows: area_rows,
            total: counts(total),
            chart,
            previous_year: previous.map(|p| p.year.label(lang)),
            change,
            years: year_links(page, &inputs.years, y.year.0, None),
            data_csv: page.link.to(&format!("data/progress-{}.csv", y.year.0)),
            data_json: page.link.to(&format!("data/progress-{}.json", y.year.0)),
            licence: licence.map(|l| tr.t(&l.name)),
            licence_url: licence.and_then(|l| l.url.as_deref()),
        };
        let heading = [&view.year, page.label("progress")].join(page.label("title_join"));
        Built {
            description: heading.clone(),
            heading: Heading::own(heading),
            trail: vec![Crumb::new(page.label("progress"), page.href(Route::Progress))],
            view,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_signed() {
        assert_eq!(signed_points(4.6), "+5");
        assert_eq!(signed_points(-3.2), "−3");
        assert_eq!(signed_points(0.2), "±0");
    }
}
