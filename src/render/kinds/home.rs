//! The home page of each language: the plan in brief, the themes, the areas and the newest
//! case studies.

use crate::model::fiscal::period_label;
use crate::model::{Plan, Shown, Site};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::memo::Card;
use crate::render::routes::Route;
use crate::render::views::*;
use crate::text::record::{Kind, Record, Weight};
use serde::Serialize;

/// How many of the newest case studies the home page shows.
const RECENT: usize = 6;

pub(crate) struct Home;

#[derive(Hash)]
pub(crate) struct Inputs<'a> {
    plan: &'a Plan,
    themes: Vec<ThemeCardIn<'a>>,
    areas: Vec<AreaCardIn<'a>>,
    recent: Vec<Card<'a>>,
}

#[derive(Serialize)]
pub(crate) struct View<'a> {
    plan_name: Shown<'a>,
    edition: Option<Shown<'a>>,
    summary: Shown<'a>,
    basic_goal: Shown<'a>,
    period: String,
    overview_href: String,
    themes_href: String,
    areas_href: String,
    cases_href: String,
    structure_href: String,
    areas_title: Shown<'a>,
    themes: Vec<ThemeCard<'a>>,
    areas: Vec<AreaCard<'a>>,
    recent_cases: Vec<CaseCard<'a>>,
}

impl PageKind for Home {
    const TEMPLATE: &'static str = "home.html";
    const SECTION: Option<Route<'static>> = Some(Route::Home);
    type Id<'a> = ();
    type Inputs<'a> = Inputs<'a>;
    type View<'a> = View<'a>;

    fn ids(_: &Site) -> Vec<()> {
        vec![()]
    }

    fn route<'a>(_: ()) -> Route<'a> {
        Route::Home
    }

    /// The home page, of lower weight: the plan in brief and the names of what it leads to.
    fn records<'a>(b: &RecordCx<'a>, _: (), out: &mut Vec<Record<'a>>) {
        let (site, plan) = (b.site, &b.site.plan);
        let themes: Vec<_> = site.themes.iter().map(|t| &t.title).collect();
        let areas: Vec<_> = site.areas.iter().map(|a| &a.name).collect();
        let cases: Vec<_> = site.cases.iter().take(RECENT).map(|c| &c.title).collect();
        let areas_title = &site.config.areas_title;
        let parts = vec![
            b.texts_part("", "", &[&plan.name, &plan.summary, &plan.basic_goal]).into_summary(),
            b.texts_part("", b.ui("themes"), &themes),
            b.texts_part("", b.t(areas_title), &areas).heading_in(b.lang(areas_title)),
            b.texts_part("", b.ui("recent_cases"), &cases),
        ];
        let title = &site.config.title;
        let mut r = b.record(Route::Home, b.t(title), Kind::Page, parts).title_in(b.lang(title));
        r.weight = Weight::Lower;
        out.push(r);
    }

    fn inputs<'a>(cx: &Cx<'a>, _: ()) -> Inputs<'a> {
        Inputs {
            plan: &cx.site.plan,
            themes: cx.theme_cards(),
            areas: cx.area_cards(),
            recent: (0..cx.site.cases.len().min(RECENT)).map(|i| cx.prints.card(cx.site, i)).collect(),
        }
    }

    fn view<'a>(page: &Page<'a>, inputs: Inputs<'a>) -> Built<View<'a>> {
        let (tr, plan, config) = (&page.tr, inputs.plan, page.global.config());
        let view = View {
            plan_name: tr.t(&plan.name),
            edition: tr.opt(&plan.edition),
            summary: tr.t(&plan.summary),
            basic_goal: tr.t(&plan.basic_goal),
            period: period_label(plan.period.0, plan.period.1, tr.tag),
            overview_href: page.href(Route::Overview),
            themes_href: page.href(Route::Themes),
            areas_href: page.href(Route::Areas),
            cases_href: page.href(Route::Cases),
            structure_href: page.href(Route::Structure),
            areas_title: tr.t(&config.areas_title),
            themes: inputs.themes.into_iter().map(|t| theme_card(page, t)).collect(),
            areas: inputs.areas.into_iter().map(|a| area_card(page, a)).collect(),
            recent_cases: inputs.recent.into_iter().map(|c| case_card(page, c)).collect(),
        };
        let heading = Heading::of(&tr.t(&config.title));
        Built { heading, description: view.summary.text.to_string(), trail: vec![], view }
    }

    fn nav<'a>(page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
        Some((Route::Home, page.tr.own(page.label("home"))))
    }
}
