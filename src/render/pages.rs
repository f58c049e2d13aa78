//! One function per page kind: the model → that page's view (the `page` variable of its
//! template), its heading and its description. Layout (navigation, alternates, metadata) is
//! added by `render::Renderer`.

use super::diagram;
use super::progress::{area_summary_view, AreaSummaryView};
use super::routes::{Linker, Route};
use super::templates::UiStrings;
use super::views::*;
use crate::model::fiscal::period_label;
use crate::model::{Shown, Site};
use serde::Serialize;

use super::views::Built;

#[derive(Serialize)]
pub(crate) struct HomeView<'a> {
    pub(crate) plan_name: Shown<'a>,
    pub(crate) edition: Option<Shown<'a>>,
    pub(crate) summary: Shown<'a>,
    pub(crate) basic_goal: Shown<'a>,
    pub(crate) period: String,
    pub(crate) overview_href: String,
    pub(crate) themes_href: String,
    pub(crate) areas_href: String,
    pub(crate) cases_href: String,
    pub(crate) structure_href: String,
    pub(crate) areas_title: Shown<'a>,
    pub(crate) themes: Vec<ThemeCard<'a>>,
    pub(crate) areas: Vec<AreaCard<'a>>,
    pub(crate) recent_cases: Vec<CaseCard<'a>>,
}

pub(crate) fn home<'a>(site: &'a Site, tr: &Tr<'a>, link: &Linker) -> Built<HomeView<'a>> {
    let plan = &site.plan;
    let view = HomeView {
        plan_name: tr.t(&plan.name),
        edition: tr.opt(&plan.edition),
        summary: tr.t(&plan.summary),
        basic_goal: tr.t(&plan.basic_goal),
        period: period_label(plan.period.0, plan.period.1, tr.lang),
        overview_href: link.route(Route::Overview, tr.lang),
        themes_href: link.route(Route::Themes, tr.lang),
        areas_href: link.route(Route::Areas, tr.lang),
        cases_href: link.route(Route::Cases, tr.lang),
        structure_href: link.route(Route::Structure, tr.lang),
        areas_title: tr.t(&site.config.areas_title),
        themes: (0..site.themes.len()).map(|i| theme_card(tr, link, site, i)).collect(),
        areas: (0..site.areas.len()).map(|i| area_card(tr, link, site, i)).collect(),
        recent_cases: site.cases.iter().take(6).map(|c| case_card(tr, link, site, c)).collect(),
    };
    let heading = tr.t(&site.config.title).text.to_string();
    Built { heading, description: view.summary.text.to_string(), trail: vec![], view }
}

#[derive(Serialize)]
pub(crate) struct RelatedView<'a> {
    pub(crate) name: Shown<'a>,
    pub(crate) relation: Shown<'a>,
}

#[derive(Serialize)]
pub(crate) struct OverviewView<'a> {
    pub(crate) name: Shown<'a>,
    pub(crate) edition: Option<Shown<'a>>,
    pub(crate) period: String,
    pub(crate) basic_goal: Shown<'a>,
    pub(crate) legal_basis: Option<Shown<'a>>,
    pub(crate) summary: Shown<'a>,
    pub(crate) related_plans: Vec<RelatedView<'a>>,
    pub(crate) perspectives: Vec<Shown<'a>>,
    pub(crate) how_to_read: Option<Shown<'a>>,
    pub(crate) body: Option<BodyView<'a>>,
    pub(crate) sample: bool,
}

pub(crate) fn overview<'a>(site: &'a Site, tr: &Tr<'a>, heading: &str) -> Built<OverviewView<'a>> {
    let p = &site.plan;
    let view = OverviewView {
        name: tr.t(&p.name),
        edition: tr.opt(&p.edition),
        period: period_label(p.period.0, p.period.1, tr.lang),
        basic_goal: tr.t(&p.basic_goal),
        legal_basis: tr.opt(&p.legal_basis),
        summary: tr.t(&p.summary),
        related_plans: p
            .related_plans
            .iter()
            .map(|r| RelatedView { name: tr.t(&r.name), relation: tr.t(&r.relation) })
            .collect(),
        perspectives: p.perspectives.iter().map(|x| tr.t(x)).collect(),
        how_to_read: tr.opt(&p.how_to_read),
        body: tr.body(&p.body),
        sample: p.sample,
    };
    Built { heading: heading.to_string(), description: view.summary.text.to_string(), trail: vec![], view }
}

#[derive(Serialize)]
pub(crate) struct ThemesView<'a> {
    pub(crate) themes: Vec<ThemeCard<'a>>,
}

pub(crate) fn themes<'a>(site: &'a Site, tr: &Tr<'a>, link: &Linker, heading: &str) -> Built<ThemesView<'a>> {
    let view = ThemesView { themes: (0..site.themes.len()).map(|i| theme_card(tr, link, site, i)).collect() };
    let description = view.themes.iter().map(|t| t.title.text).collect::<Vec<_>>().join(" / ");
    Built { heading: heading.to_string(), description, trail: vec![], view }
}

#[derive(Serialize)]
pub(crate) struct ThemeView<'a> {
    pub(crate) number: u32,
    pub(crate) title: Shown<'a>,
    pub(crate) summary: Shown<'a>,
    pub(crate) body: Option<BodyView<'a>>,
    pub(crate) cases: Vec<CaseCard<'a>>,
    pub(crate) sample: bool,
    pub(crate) previous: Option<Link<'a>>,
    pub(crate) next: Option<Link<'a>>,
}

pub(crate) fn theme<'a>(
    site: &'a Site,
    tr: &Tr<'a>,
    link: &Linker,
    index: usize,
    themes_label: &str,
) -> Built<ThemeView<'a>> {
    let t = &site.themes[index];
    let neighbour = |i: usize| {
        site.themes.get(i).map(|n| Link { label: tr.t(&n.title), href: link.route(Route::Theme(&n.slug), tr.lang) })
    };
    let view = ThemeView {
        number: t.number,
        title: tr.t(&t.title),
        summary: tr.t(&t.summary),
        body: tr.body(&t.body),
        cases: site.cases.iter().filter(|c| c.themes.contains(&index)).map(|c| case_card(tr, link, site, c)).collect(),
        sample: t.sample,
        previous: index.checked_sub(1).and_then(neighbour),
        next: neighbour(index + 1),
    };
    Built {
        heading: view.title.text.to_string(),
        description: view.summary.text.to_string(),
        trail: vec![(themes_label.to_string(), link.route(Route::Themes, tr.lang))],
        view,
    }
}

#[derive(Serialize)]
pub(crate) struct AreasView<'a> {
    pub(crate) title: Shown<'a>,
    pub(crate) areas: Vec<AreaCard<'a>>,
}

pub(crate) fn areas<'a>(site: &'a Site, tr: &Tr<'a>, link: &Linker) -> Built<AreasView<'a>> {
    let view = AreasView {
        title: tr.t(&site.config.areas_title),
        areas: (0..site.areas.len()).map(|i| area_card(tr, link, site, i)).collect(),
    };
    let description = view.areas.iter().map(|a| a.name.text).collect::<Vec<_>>().join(" / ");
    Built { heading: tr.t(&site.config.areas_title).text.to_string(), description, trail: vec![], view }
}

#[derive(Serialize)]
pub(crate) struct PolicyView<'a> {
    pub(crate) number: u32,
    pub(crate) title: Shown<'a>,
}

#[derive(Serialize)]
pub(crate) struct AreaView<'a> {
    pub(crate) slug: &'a str,
    pub(crate) name: Shown<'a>,
    pub(crate) slogan: Shown<'a>,
    pub(crate) area_term: Shown<'a>,
    pub(crate) policies: Vec<PolicyView<'a>>,
    pub(crate) body: Option<BodyView<'a>>,
    pub(crate) cases: Vec<CaseCard<'a>>,
    pub(crate) contacts: Vec<ContactView<'a>>,
    pub(crate) sample: bool,
    /// The latest year's progress summary, if the area has progress data.
    pub(crate) progress: Option<AreaSummaryView<'a>>,
}

pub(crate) fn area<'a>(
    site: &'a Site,
    tr: &Tr<'a>,
    link: &Linker,
    index: usize,
    ui: &'a UiStrings,
) -> Built<AreaView<'a>> {
    let a = &site.areas[index];
    let latest = site.progress.iter().rev().find_map(|y| y.areas.iter().find(|p| p.area == index).map(|p| (&**y, p)));
    let view = AreaView {
        slug: &a.slug,
        name: tr.t(&a.name),
        slogan: tr.t(&a.slogan),
        area_term: tr.t(&site.config.area_term),
        policies: a.policies.iter().map(|p| PolicyView { number: p.number, title: tr.t(&p.title) }).collect(),
        body: tr.body(&a.body),
        cases: site.cases.iter().filter(|c| c.area == index).map(|c| case_card(tr, link, site, c)).collect(),
        contacts: a.contacts.iter().map(|c| contact(tr, c)).collect(),
        sample: a.sample,
        progress: latest.map(|yp| area_summary_view(site, tr, link, ui, yp)),
    };
    Built {
        heading: view.name.text.to_string(),
        description: view.slogan.text.to_string(),
        trail: vec![(tr.t(&site.config.areas_title).text.to_string(), link.route(Route::Areas, tr.lang))],
        view,
    }
}

#[derive(Serialize)]
pub(crate) struct CasesView<'a> {
    pub(crate) groups: Vec<CaseGroup<'a>>,
}

#[derive(Serialize)]
pub(crate) struct CaseGroup<'a> {
    pub(crate) area: AreaCard<'a>,
    pub(crate) cases: Vec<CaseCard<'a>>,
}

pub(crate) fn cases<'a>(site: &'a Site, tr: &Tr<'a>, link: &Linker, heading: &str) -> Built<CasesView<'a>> {
    let groups = (0..site.areas.len())
        .map(|i| CaseGroup {
            area: area_card(tr, link, site, i),
            cases: site.cases.iter().filter(|c| c.area == i).map(|c| case_card(tr, link, site, c)).collect(),
        })
        .filter(|g| !g.cases.is_empty())
        .collect();
    Built { heading: heading.to_string(), description: heading.to_string(), trail: vec![], view: CasesView { groups } }
}

#[derive(Serialize)]
pub(crate) struct ImageView<'a> {
    pub(crate) src: String,
    pub(crate) alt: Shown<'a>,
}

#[derive(Serialize)]
pub(crate) struct CaseView<'a> {
    pub(crate) title: Shown<'a>,
    pub(crate) area: Link<'a>,
    pub(crate) themes: Vec<Link<'a>>,
    pub(crate) published: String,
    pub(crate) published_iso: String,
    pub(crate) activities: Shown<'a>,
    pub(crate) point: Shown<'a>,
    pub(crate) venue: Option<Shown<'a>>,
    pub(crate) contact: Option<ContactView<'a>>,
    pub(crate) image: Option<ImageView<'a>>,
    pub(crate) body: Option<BodyView<'a>>,
    pub(crate) sample: bool,
}

pub(crate) fn case<'a>(
    site: &'a Site,
    tr: &Tr<'a>,
    link: &Linker,
    index: usize,
    cases_label: &str,
) -> Built<CaseView<'a>> {
    let c = &site.cases[index];
    let area = &site.areas[c.area];
    let view = CaseView {
        title: tr.t(&c.title),
        area: Link { label: tr.t(&area.name), href: link.route(Route::Area(&area.slug), tr.lang) },
        themes: c
            .themes
            .iter()
            .map(|&i| Link {
                label: tr.t(&site.themes[i].title),
                href: link.route(Route::Theme(&site.themes[i].slug), tr.lang),
            })
            .collect(),
        published: c.published.label(tr.lang),
        published_iso: c.published.to_string(),
        activities: tr.t(&c.activities),
        point: tr.t(&c.point),
        venue: tr.opt(&c.venue),
        contact: c.contact.as_ref().map(|x| contact(tr, x)),
        image: c.image.as_ref().map(|i| ImageView { src: link.to(&i.src), alt: tr.t(&i.alt) }),
        body: tr.body(&c.body),
        sample: c.sample,
    };
    Built {
        heading: view.title.text.to_string(),
        description: view.point.text.to_string(),
        trail: vec![
            (cases_label.to_string(), link.route(Route::Cases, tr.lang)),
            (view.area.label.text.to_string(), view.area.href.clone()),
        ],
        view,
    }
}

#[derive(Serialize)]
pub(crate) struct OrgBodyView<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: Shown<'a>,
    pub(crate) role: Shown<'a>,
    pub(crate) reports: Vec<ReportView<'a>>,
}

#[derive(Serialize)]
pub(crate) struct ReportView<'a> {
    pub(crate) to: Shown<'a>,
    pub(crate) to_id: &'a str,
    pub(crate) label: Option<Shown<'a>>,
}

#[derive(Serialize)]
pub(crate) struct StructureView<'a> {
    pub(crate) title: Shown<'a>,
    pub(crate) bodies: Vec<OrgBodyView<'a>>,
    pub(crate) diagram: String,
    pub(crate) body: Option<BodyView<'a>>,
    pub(crate) sample: bool,
}

pub(crate) fn structure<'a>(site: &'a Site, tr: &Tr<'a>, diagram_title: &str) -> Built<StructureView<'a>> {
    let s = &site.structure;
    let bodies: Vec<OrgBodyView> = s
        .bodies
        .iter()
        .map(|b| OrgBodyView {
            id: &b.id,
            name: tr.t(&b.name),
            role: tr.t(&b.role),
            reports: b
                .reports_to
                .iter()
                .map(|&i| ReportView { to: tr.t(&s.bodies[i].name), to_id: &s.bodies[i].id, label: tr.opt(&b.report) })
                .collect(),
        })
        .collect();
    let diagram = diagram::render(s, tr, diagram_title);
    let view = StructureView { title: tr.t(&s.title), diagram, body: tr.body(&s.body), sample: s.sample, bodies };
    let description = view.bodies.iter().map(|b| b.name.text).collect::<Vec<_>>().join(" / ");
    Built { heading: view.title.text.to_string(), description, trail: vec![], view }
}

#[derive(Serialize)]
pub(crate) struct FilterOption<'a> {
    pub(crate) value: String,
    pub(crate) label: String,
    /// The label's language (the primary one where a translation is missing).
    pub(crate) lang: &'a str,
}

fn option<'a>(value: impl Into<String>, label: Shown<'a>) -> FilterOption<'a> {
    FilterOption { value: value.into(), label: label.text.to_string(), lang: label.lang }
}

#[derive(Serialize)]
pub(crate) struct SearchView<'a> {
    /// From the search page to the site root, for the index files and result links.
    pub(crate) root: String,
    pub(crate) areas: Vec<FilterOption<'a>>,
    pub(crate) themes: Vec<FilterOption<'a>>,
    pub(crate) kinds: Vec<FilterOption<'a>>,
    pub(crate) years: Vec<FilterOption<'a>>,
    pub(crate) script: String,
    pub(crate) themes_href: String,
    pub(crate) areas_href: String,
    pub(crate) areas_title: Shown<'a>,
}

pub(crate) fn search<'a>(site: &'a Site, tr: &Tr<'a>, link: &Linker, ui: &'a UiStrings) -> Built<SearchView<'a>> {
    let label = |k: &str| super::templates::ui(ui, k);
    let view = SearchView {
        root: link.to(""),
        areas: site.areas.iter().map(|a| option(a.slug.clone(), tr.t(&a.name))).collect(),
        themes: site.themes.iter().map(|t| option(t.slug.clone(), tr.t(&t.title))).collect(),
        kinds: super::routes::Kind::in_site(site)
            .map(|k| option(k.key(), tr.own(label(&format!("kind_{}", k.key())))))
            .collect(),
        years: site
            .progress
            .iter()
            .map(|y| FilterOption { value: y.year.0.to_string(), label: y.year.label(tr.lang), lang: tr.lang })
            .collect(),
        script: link.to("static/js/search.js"),
        themes_href: link.route(Route::Themes, tr.lang),
        areas_href: link.route(Route::Areas, tr.lang),
        areas_title: tr.t(&site.config.areas_title),
    };
    let heading = label("search").to_string();
    Built { description: heading.clone(), heading, trail: vec![], view }
}
