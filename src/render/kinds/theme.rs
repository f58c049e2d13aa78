//! A theme's page: its summary and text, its case studies, and the themes before and after it.

use crate::model::{ActionStatus, Priority, Shown, Site, Theme as ThemeItem};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::memo::{Cards, Printed};
use crate::render::routes::{Item, Route};
use crate::render::views::*;
use crate::text::record::{Kind, Part, Record};
use serde::Serialize;

pub(crate) struct Theme;

#[derive(Hash)]
pub(crate) struct Inputs<'a> {
    index: usize,
    theme: Printed<'a, ThemeItem>,
    cases: Cards<'a>,
    /// The plan's priority themes this theme is part of, with their place in the plan.
    priorities: Vec<(usize, &'a Priority)>,
}

#[derive(Serialize)]
pub(crate) struct ActionView<'a> {
    text: Shown<'a>,
    status: Option<StatusView<'a>>,
}

/// An action's marker: `new` or `expanded`, and its label.
#[derive(Serialize)]
pub(crate) struct StatusView<'a> {
    key: &'static str,
    label: &'a str,
}

#[derive(Serialize)]
pub(crate) struct RoleView<'a> {
    actor: Shown<'a>,
    can_do: Vec<Shown<'a>>,
}

#[derive(Serialize)]
pub(crate) struct View<'a> {
    number: u32,
    title: Shown<'a>,
    summary: Shown<'a>,
    images: Vec<FigureView<'a>>,
    body: Option<BodyView<'a>>,
    attachments: Vec<AttachmentView<'a>>,
    aims: Vec<Shown<'a>>,
    actions: Vec<ActionView<'a>>,
    roles: Vec<RoleView<'a>>,
    /// Links to the priority themes (on the overview) this theme is part of.
    priorities: Vec<Link<'a>>,
    cases: Vec<CaseCard<'a>>,
    site_has_cases: bool,
    sample: bool,
    previous: Option<Link<'a>>,
    next: Option<Link<'a>>,
}

impl PageKind for Theme {
    const TEMPLATE: &'static str = "theme.html";
    const SECTION: Option<Route<'static>> = Some(Route::Themes);
    type Id<'a> = Item<'a>;
    type Inputs<'a> = Inputs<'a>;
    type View<'a> = View<'a>;

    fn ids(site: &Site) -> Vec<Item<'_>> {
        site.themes.iter().enumerate().map(|(index, t)| Item { index, slug: &t.slug }).collect()
    }

    fn route<'a>(id: Self::Id<'a>) -> Route<'a> {
        Route::Theme(id)
    }

    fn updated(cx: &Cx<'_>, id: Item<'_>) -> Option<crate::model::Date> {
        cx.site.themes[id.index].updated.or(cx.site.config.updated)
    }

    fn inputs<'a>(cx: &Cx<'a>, id: Item<'a>) -> Inputs<'a> {
        Inputs {
            index: id.index,
            theme: cx.prints.theme(cx.site, id.index),
            cases: cx.prints.theme_cards(cx.site, id.index),
            priorities: cx
                .site
                .plan
                .priorities
                .iter()
                .enumerate()
                .filter(|(_, p)| p.themes.contains(&id.index))
                .collect(),
        }
    }

    fn image<'a>(cx: &Cx<'a>, id: Item<'a>) -> Option<&'a crate::model::Image> {
        cx.site.themes[id.index].images.first()
    }

    fn view<'a>(page: &Page<'a>, inputs: Inputs<'a>) -> Built<View<'a>> {
        let (tr, t, index) = (&page.tr, inputs.theme.item, inputs.index);
        let neighbour = |i: usize| {
            page.global
                .theme(i)
                .map(|n| Link { label: tr.t(page.global.theme_title(i)), href: page.href(Route::Theme(n)) })
        };
        let view = View {
            number: t.number,
            title: tr.t(&t.title),
            summary: tr.t(&t.summary),
            images: figures(page, &t.images),
            body: tr.body(&t.body),
            attachments: attachments(tr, &t.attachments),
            aims: t.aims.iter().map(|a| tr.t(a)).collect(),
            actions: t
                .actions
                .iter()
                .map(|a| ActionView {
                    text: tr.t(&a.text),
                    status: a.status.map(|s| match s {
                        ActionStatus::New => StatusView { key: "new", label: page.label("action_new") },
                        ActionStatus::Expanded => StatusView { key: "expanded", label: page.label("action_expanded") },
                    }),
                })
                .collect(),
            roles: t
                .roles
                .iter()
                .map(|r| RoleView { actor: tr.t(&r.actor), can_do: r.can_do.iter().map(|c| tr.t(c)).collect() })
                .collect(),
            priorities: inputs
                .priorities
                .iter()
                .map(|(i, p)| Link {
                    label: tr.t(&p.title),
                    href: format!("{}#priority-{}", page.href(Route::Overview), i + 1),
                })
                .collect(),
            cases: inputs.cases.iter().map(|c| case_card(page, c)).collect(),
            site_has_cases: page.global.has_cases(),
            sample: t.sample,
            previous: index.checked_sub(1).and_then(neighbour),
            next: neighbour(index + 1),
        };
        Built {
            heading: Heading::of(&view.title),
            description: view.summary.text.to_string(),
            trail: vec![Crumb::new(page.label("themes"), page.href(Route::Themes))],
            view,
        }
    }

    fn early(site: &Site, id: Item<'_>) -> Option<crate::model::publish::Early> {
        site.early.get(&("theme", id.slug.to_string())).copied()
    }

    fn records<'a>(b: &RecordCx<'a>, id: Item<'a>, out: &mut Vec<Record>) {
        let theme = &b.site.themes[id.index];
        let mut parts = vec![Part::summary("", b.t(&theme.title), b.t(&theme.summary))];
        let join = |texts: Vec<&str>| texts.join(" ");
        if !theme.aims.is_empty() {
            parts.push(Part::new("aims", b.ui("aims"), join(theme.aims.iter().map(|a| b.t(a)).collect())));
        }
        if !theme.actions.is_empty() {
            parts.push(Part::new(
                "actions",
                b.ui("actions"),
                join(theme.actions.iter().map(|a| b.t(&a.text)).collect()),
            ));
        }
        if !theme.roles.is_empty() {
            let text: Vec<&str> = theme
                .roles
                .iter()
                .flat_map(|r| std::iter::once(b.t(&r.actor)).chain(r.can_do.iter().map(|c| b.t(c))))
                .collect();
            parts.push(Part::new("who-can-do", b.ui("who_can_do"), join(text)));
        }
        b.body(&theme.body, &mut parts);
        let mut r = b.record(Route::Theme(id), b.t(&theme.title), Kind::Theme, parts);
        r.themes = vec![id.index];
        out.push(r);
    }
}
