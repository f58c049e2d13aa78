//! The plan's overview: name, period, basic goal, legal basis, related plans, perspectives and
//! the overview's own text.

use crate::model::fiscal::period_label;
use crate::model::{Plan, Shown, Site};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::routes::Route;
use crate::render::views::*;
use crate::text::record::{Kind, Record};
use serde::Serialize;

pub(crate) struct Overview;

#[derive(Serialize)]
pub(crate) struct KeyIssueView<'a> {
    title: Shown<'a>,
    text: Option<Shown<'a>>,
}

#[derive(Serialize)]
pub(crate) struct PriorityView<'a> {
    /// Its id on the page (`priority-1`…): themes link to it.
    anchor: String,
    title: Shown<'a>,
    summary: Option<Shown<'a>>,
    themes: Vec<Link<'a>>,
}

#[derive(Serialize)]
pub(crate) struct RelatedView<'a> {
    name: Shown<'a>,
    relation: Shown<'a>,
}

#[derive(Serialize)]
pub(crate) struct View<'a> {
    name: Shown<'a>,
    edition: Option<Shown<'a>>,
    period: String,
    basic_goal: Shown<'a>,
    legal_basis: Option<Shown<'a>>,
    summary: Shown<'a>,
    related_plans: Vec<RelatedView<'a>>,
    perspectives: Vec<Shown<'a>>,
    how_to_read: Option<Shown<'a>>,
    key_issues: Vec<KeyIssueView<'a>>,
    priorities: Vec<PriorityView<'a>>,
    body: Option<BodyView<'a>>,
    attachments: Vec<AttachmentView<'a>>,
    sample: bool,
}

impl PageKind for Overview {
    const TEMPLATE: &'static str = "overview.html";
    const SECTION: Option<Route<'static>> = Some(Route::Overview);
    type Id<'a> = ();
    type Inputs<'a> = &'a Plan;
    type View<'a> = View<'a>;

    fn ids(_: &Site) -> Vec<()> {
        vec![()]
    }

    fn route<'a>(_: ()) -> Route<'a> {
        Route::Overview
    }

    fn updated(cx: &Cx<'_>, _: ()) -> Option<crate::model::Date> {
        cx.site.plan.updated.or(cx.site.config.updated)
    }

    fn inputs<'a>(cx: &Cx<'a>, _: ()) -> &'a Plan {
        &cx.site.plan
    }

    fn view<'a>(page: &Page<'a>, p: &'a Plan) -> Built<View<'a>> {
        let tr = &page.tr;
        let view = View {
            name: tr.t(&p.name),
            edition: tr.opt(&p.edition),
            period: period_label(p.period.0, p.period.1, tr.tag),
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
            key_issues: p
                .key_issues
                .iter()
                .map(|k| KeyIssueView { title: tr.t(&k.title), text: tr.opt(&k.text) })
                .collect(),
            priorities: p
                .priorities
                .iter()
                .enumerate()
                .map(|(i, pr)| PriorityView {
                    anchor: format!("priority-{}", i + 1),
                    title: tr.t(&pr.title),
                    summary: tr.opt(&pr.summary),
                    themes: pr
                        .themes
                        .iter()
                        .filter_map(|&t| page.global.theme(t).map(|item| (t, item)))
                        .map(|(t, item)| Link {
                            label: tr.t(page.global.theme_title(t)),
                            href: page.href(Route::Theme(item)),
                        })
                        .collect(),
                })
                .collect(),
            body: tr.body(&p.body),
            attachments: attachments(tr, &p.attachments),
            sample: p.sample,
        };
        Built {
            heading: Heading::own(page.label("overview")),
            description: view.summary.text.to_string(),
            trail: vec![],
            view,
        }
    }

    fn nav<'a>(page: &Page<'a>) -> Option<(Route<'a>, Shown<'a>)> {
        Some((Route::Overview, page.tr.own(page.label("overview"))))
    }

    fn records<'a>(b: &RecordCx<'a>, _: (), out: &mut Vec<Record<'a>>) {
        let plan = &b.site.plan;
        let summary: Vec<_> =
            [Some(&plan.summary), Some(&plan.basic_goal), plan.legal_basis.as_ref(), plan.edition.as_ref()]
                .into_iter()
                .flatten()
                .collect();
        let mut parts = vec![b.texts_part("", b.t(&plan.name), &summary).heading_in(b.lang(&plan.name)).into_summary()];
        if !plan.related_plans.is_empty() {
            let texts: Vec<_> = plan.related_plans.iter().flat_map(|r| [&r.relation, &r.name]).collect();
            parts.push(b.texts_part("related", b.ui("related_plans"), &texts));
        }
        if !plan.perspectives.is_empty() {
            parts.push(b.texts_part(
                "perspectives",
                b.ui("perspectives"),
                &plan.perspectives.iter().collect::<Vec<_>>(),
            ));
        }
        if let Some(h) = &plan.how_to_read {
            parts.push(b.texts_part("how-to-read", b.ui("how_to_read"), &[h]));
        }
        if !plan.key_issues.is_empty() {
            let texts: Vec<_> = plan.key_issues.iter().flat_map(|k| std::iter::once(&k.title).chain(&k.text)).collect();
            parts.push(b.texts_part("key-issues", b.ui("key_issues"), &texts));
        }
        for (i, p) in plan.priorities.iter().enumerate() {
            let summary: Vec<_> = p.summary.iter().collect();
            parts.push(
                b.texts_part(format!("priority-{}", i + 1), b.t(&p.title), &summary).heading_in(b.lang(&p.title)),
            );
        }
        b.body(&plan.body, &mut parts);
        out.push(b.record(Route::Overview, b.ui("overview"), Kind::Page, parts));
    }
}
