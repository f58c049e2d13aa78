//! The model → search records of one language: one record per page a resident reads (overview,
//! themes, areas, case studies, structure) and one per progress item, each split into the
//! page's sections with their anchors, and carrying its filters (area, themes, kind, year).

use crate::model::{Contact, Markdown, Site, Text};
use crate::render::bodies::Bodies;
use crate::render::routes::Route;
pub(crate) use crate::render::routes::{progress_anchor, Kind};
use crate::render::templates::UiStrings;

/// A part of a page: its anchor (empty for the top), heading and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// One searchable page or progress item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    /// Root-relative address of the page, e.g. `ja/cases/x/`.
    pub url: String,
    pub title: String,
    pub kind: Kind,
    /// Index into `Site::areas`.
    pub area: Option<usize>,
    /// Indices into `Site::themes`.
    pub themes: Vec<usize>,
    pub year: Option<i32>,
    pub parts: Vec<Part>,
}

struct Builder<'a> {
    site: &'a Site,
    lang: &'a str,
    ui: &'a UiStrings,
    bodies: &'a Bodies,
}

impl<'a> Builder<'a> {
    fn t(&self, text: &'a Text) -> &'a str {
        text.get(self.lang).text
    }

    fn ui(&self, key: &str) -> String {
        crate::render::templates::ui(self.ui, key).to_string()
    }

    fn part(anchor: &str, heading: impl Into<String>, text: impl Into<String>) -> Part {
        Part { anchor: anchor.to_string(), heading: heading.into(), text: text.into() }
    }

    fn body(&self, md: &Markdown, parts: &mut Vec<Part>) {
        let primary = &self.site.config.primary().code;
        if let Some(rendered) = md.get(self.lang, primary).and_then(|(_, file, _)| self.bodies.get(file)) {
            for s in &rendered.sections {
                parts.push(Part {
                    anchor: s.id.clone().unwrap_or_default(),
                    heading: s.heading.clone(),
                    text: s.text.clone(),
                });
            }
        }
    }

    fn contact_text(&self, c: &'a Contact) -> String {
        let mut v = vec![self.t(&c.organisation).to_string()];
        v.extend(c.person.as_ref().map(|p| self.t(p).to_string()));
        v.extend(c.address.as_ref().map(|a| self.t(a).to_string()));
        v.extend(c.phone.as_ref().map(|p| p.display.clone()));
        v.join(" ")
    }

    fn record(&self, route: Route, title: &str, kind: Kind, parts: Vec<Part>) -> Record {
        Record {
            url: route.path(self.lang),
            title: title.to_string(),
            kind,
            area: None,
            themes: vec![],
            year: None,
            parts,
        }
    }
}

/// Every record of `lang`, in a stable order.
pub(crate) fn records(site: &Site, lang: &str, ui: &UiStrings, bodies: &Bodies) -> Vec<Record> {
    let b = Builder { site, lang, ui, bodies };
    let mut out = Vec::new();
    let plan = &site.plan;
    let mut parts = vec![Builder::part(
        "",
        b.t(&plan.name),
        [Some(&plan.summary), Some(&plan.basic_goal), plan.legal_basis.as_ref(), plan.edition.as_ref()]
            .into_iter()
            .flatten()
            .map(|t| b.t(t))
            .collect::<Vec<_>>()
            .join(" "),
    )];
    if !plan.related_plans.is_empty() {
        let text: Vec<String> =
            plan.related_plans.iter().map(|r| format!("{} {}", b.t(&r.relation), b.t(&r.name))).collect();
        parts.push(Builder::part("related", b.ui("related_plans"), text.join(" ")));
    }
    if !plan.perspectives.is_empty() {
        parts.push(Builder::part(
            "perspectives",
            b.ui("perspectives"),
            plan.perspectives.iter().map(|p| b.t(p)).collect::<Vec<_>>().join(" "),
        ));
    }
    if let Some(h) = &plan.how_to_read {
        parts.push(Builder::part("how-to-read", b.ui("how_to_read"), b.t(h)));
    }
    b.body(&plan.body, &mut parts);
    out.push(b.record(Route::Overview, &b.ui("overview"), Kind::Page, parts));

    for (i, theme) in site.themes.iter().enumerate() {
        let mut parts = vec![Builder::part("", b.t(&theme.title), b.t(&theme.summary))];
        b.body(&theme.body, &mut parts);
        let mut r = b.record(Route::Theme(&theme.slug), b.t(&theme.title), Kind::Theme, parts);
        r.themes = vec![i];
        out.push(r);
    }
    for (i, area) in site.areas.iter().enumerate() {
        let mut parts = vec![Builder::part("", b.t(&area.name), b.t(&area.slogan))];
        let policies: Vec<String> = area.policies.iter().map(|p| format!("{} {}", p.number, b.t(&p.title))).collect();
        parts.push(Builder::part("policies", b.ui("policies"), policies.join(" ")));
        b.body(&area.body, &mut parts);
        if !area.contacts.is_empty() {
            let text: Vec<String> = area.contacts.iter().map(|c| b.contact_text(c)).collect();
            parts.push(Builder::part("contacts", b.ui("contacts"), text.join(" ")));
        }
        let mut r = b.record(Route::Area(&area.slug), b.t(&area.name), Kind::Area, parts);
        r.area = Some(i);
        out.push(r);
    }
    for case in &site.cases {
        let mut parts = vec![
            Builder::part("", b.t(&case.title), b.t(&site.areas[case.area].name)),
            Builder::part("activities", b.ui("activities"), b.t(&case.activities)),
            Builder::part("point", b.ui("point"), b.t(&case.point)),
        ];
        b.body(&case.body, &mut parts);
        let contact: Vec<String> = case
            .venue
            .iter()
            .map(|v| b.t(v).to_string())
            .chain(case.contact.iter().map(|c| b.contact_text(c)))
            .collect();
        if !contact.is_empty() {
            parts.push(Builder::part("case-contact", b.ui("contact"), contact.join(" ")));
        }
        let mut r = b.record(Route::Case(&case.slug), b.t(&case.title), Kind::Case, parts);
        r.area = Some(case.area);
        r.themes = case.themes.clone();
        out.push(r);
    }
    let s = &site.structure;
    let mut parts = vec![Builder::part("", b.t(&s.title), "")];
    parts.extend(s.bodies.iter().map(|o| Builder::part(&format!("body-{}", o.id), b.t(&o.name), b.t(&o.role))));
    b.body(&s.body, &mut parts);
    out.push(b.record(Route::Structure, b.t(&s.title), Kind::Page, parts));

    for y in &site.progress {
        for ap in &y.areas {
            let area = &site.areas[ap.area];
            for (di, d) in ap.districts.iter().enumerate() {
                for (ii, item) in d.items.iter().enumerate() {
                    let texts: Vec<&str> =
                        [Some(&item.target), item.result.as_ref(), Some(&item.next_target), item.issues.as_ref()]
                            .into_iter()
                            .flatten()
                            .map(|t| b.t(t))
                            .collect();
                    let anchor = progress_anchor(di, ii);
                    let heading = format!("{} {} {}", b.t(&area.name), b.t(&d.name), y.year.label(lang));
                    let parts = vec![Builder::part(&anchor, heading, texts.join(" "))];
                    let mut r =
                        b.record(Route::ProgressArea(y.year.0, &area.slug), b.t(&item.item), Kind::Progress, parts);
                    r.area = Some(ap.area);
                    r.themes = item.themes.clone();
                    r.year = Some(y.year.0);
                    out.push(r);
                }
            }
        }
    }
    out
}
