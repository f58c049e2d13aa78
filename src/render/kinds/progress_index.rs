//! The list of years with progress data.

use crate::model::{Shown, Site};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::progress::{year_links, years_in, YearIn, YearLink};
use crate::render::routes::Route;
use crate::render::views::*;
use crate::text::record::{Kind, Part, Record, Weight};
use serde::Serialize;

pub(crate) struct ProgressIndex;

#[derive(Serialize)]
pub(crate) struct View {
    years: Vec<YearLink>,
}

impl PageKind for ProgressIndex {
    const TEMPLATE: &'static str = "progress_index.html";
    const SECTION: Option<Route<'static>> = Some(Route::Progress);
    type Id<'a> = ();
    type Inputs<'a> = Vec<YearIn>;
    type View<'a> = View;

    /// The page exists only with progress data.
    fn ids(site: &Site) -> Vec<()> {
        if site.progress.is_empty() {
            vec![]
        } else {
            vec![()]
        }
    }

    fn route<'a>(_: ()) -> Route<'a> {
        Route::Progress
    }

    /// The list of years, of lower weight.
    fn records<'a>(b: &RecordCx<'a>, _: (), out: &mut Vec<Record<'a>>) {
        let years: Vec<String> = b.site.progress.iter().map(|y| y.year.label(b.tag())).collect();
        let parts = vec![Part::new("", "", years.join(" "))];
        let mut r = b.record(Route::Progress, b.ui("progress"), Kind::Progress, parts);
        r.weight = Weight::Lower;
        out.push(r);
    }

    fn inputs(cx: &Cx<'_>, _: ()) -> Vec<YearIn> {
        years_in(cx.site, None)
    }

    fn view<'a>(page: &Page<'a>, years: Vec<YearIn>) -> Built<View> {
        let heading = page.label("progress").to_string();
        let years = year_links(page, &years, 0, None);
        Built { description: heading.clone(), heading: Heading::own(heading), trail: vec![], view: View { years } }
    }

    fn nav<'a>(page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
        page.global.has_progress().then(|| (Route::Progress, page.tr.own(page.label("progress"))))
    }
}
