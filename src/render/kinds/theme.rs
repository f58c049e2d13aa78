//! A theme's page: its summary and text, its case studies, and the themes before and after it.
//! A theme with more case studies than a page shows (`pagination:` in site.yaml) lists the rest
//! on pages of their own (`themes/<slug>/page/2/`…), which show the theme's title and the list.

use crate::model::{ActionStatus, Priority, Shown, Site, Theme as ThemeItem};
use crate::render::kind::{Cx, PageKind, RecordCx};
use crate::render::memo::{Cards, Printed};
use crate::render::paginate::Paging;
use crate::render::routes::{Item, Route};
use crate::render::views::*;
use crate::text::record::{Kind, Record};
use serde::Serialize;

pub(crate) struct Theme;

/// The theme, and the page of its case studies.
pub(crate) type Id<'a> = (Item<'a>, Paging);

#[derive(Hash)]
pub(crate) struct Inputs<'a> {
    index: usize,
    /// Whether this is the theme's own page (the first of its list), which shows the theme.
    first: bool,
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
    /// The theme's own page, not a later page of its case studies.
    first: bool,
    sample: bool,
    previous: Option<Link<'a>>,
    next: Option<Link<'a>>,
}

impl PageKind for Theme {
    const TEMPLATE: &'static str = "theme.html";
    const SECTION: Option<Route<'static>> = Some(Route::Themes);
    type Id<'a> = Id<'a>;
    type Inputs<'a> = Inputs<'a>;
    type View<'a> = View<'a>;

    fn ids(site: &Site) -> Vec<Id<'_>> {
        // As many as `memo::Prints` lists for the theme.
        let mut counts = vec![0; site.themes.len()];
        for &t in site.cases.iter().flat_map(|c| &c.themes) {
            counts[t] += 1;
        }
        Paging::of_lists(&counts, site.config.pagination.page_size)
            .map(|(index, p)| (Item { index, slug: &site.themes[index].slug }, p))
            .collect()
    }

    fn route<'a>((id, p): Self::Id<'a>) -> Route<'a> {
        Route::Theme(id).page(p.number)
    }

    fn paging((_, p): Id<'_>) -> Option<Paging> {
        Some(p)
    }

    fn updated(cx: &Cx<'_>, (id, _): Id<'_>) -> Option<crate::model::Date> {
        cx.site.themes[id.index].updated.or(cx.site.config.updated)
    }

    fn inputs<'a>(cx: &Cx<'a>, (id, p): Id<'a>) -> Inputs<'a> {
        let cases = cx.prints.theme_cards(cx.site, id.index);
        Inputs {
            index: id.index,
            first: p.is_first(),
            theme: cx.prints.theme(cx.site, id.index),
            cases: cases.slice(p.range(cases.len())),
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

    fn image<'a>(cx: &Cx<'a>, (id, _): Id<'a>) -> Option<&'a crate::model::Image> {
        cx.site.themes[id.index].images.first()
    }

    fn view<'a>(page: &Page<'a>, inputs: Inputs<'a>) -> Built<View<'a>> {
        let (tr, t, index) = (&page.tr, inputs.theme.item, inputs.index);
        // A later page of the case studies shows the theme's title and the list only (what it
        // does not show does not count towards its translation either).
        let first = inputs.first;
        let neighbour = |i: usize| {
            page.global
                .theme(i)
                .map(|n| Link { label: tr.t(page.global.theme_title(i)), href: page.href(Route::Theme(n)) })
        };
        let view = View {
            number: t.number,
            title: tr.t(&t.title),
            // Also the description of every page of the theme.
            summary: tr.t(&t.summary),
            images: if first { figures(page, &t.images) } else { vec![] },
            body: if first { tr.body(&t.body) } else { None },
            attachments: if first { attachments(tr, &t.attachments) } else { vec![] },
            aims: t.aims.iter().filter(|_| first).map(|a| tr.t(a)).collect(),
            actions: t
                .actions
                .iter()
                .filter(|_| first)
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
                .filter(|_| first)
                .map(|r| RoleView { actor: tr.t(&r.actor), can_do: r.can_do.iter().map(|c| tr.t(c)).collect() })
                .collect(),
            priorities: inputs
                .priorities
                .iter()
                .filter(|_| first)
                .map(|(i, p)| Link {
                    label: tr.t(&p.title),
                    href: format!("{}#priority-{}", page.href(Route::Overview), i + 1),
                })
                .collect(),
            cases: inputs.cases.iter().map(|c| case_card(page, c)).collect(),
            site_has_cases: page.global.has_cases(),
            first,
            sample: t.sample,
            previous: index.checked_sub(1).filter(|_| first).and_then(neighbour),
            next: Some(index + 1).filter(|_| first).and_then(neighbour),
        };
        Built {
            heading: Heading::of(&view.title),
            description: view.summary.text.to_string(),
            trail: vec![Crumb::new(page.label("themes"), page.href(Route::Themes))],
            view,
        }
    }

    fn early(site: &Site, (id, _): Id<'_>) -> Option<crate::model::publish::Early> {
        site.early.get(&("theme", id.slug.to_string())).copied()
    }

    /// The theme's records, of its own page (the later pages list case studies only).
    fn records<'a>(b: &RecordCx<'a>, (id, p): Id<'a>, out: &mut Vec<Record<'a>>) {
        if !p.is_first() {
            return;
        }
        let theme = &b.site.themes[id.index];
        let title = b.lang(&theme.title);
        let mut parts = vec![b.texts_part("", b.t(&theme.title), &[&theme.summary]).heading_in(title).into_summary()];
        if !theme.aims.is_empty() {
            parts.push(b.texts_part("aims", b.ui("aims"), &theme.aims.iter().collect::<Vec<_>>()));
        }
        if !theme.actions.is_empty() {
            parts.push(b.texts_part(
                "actions",
                b.ui("actions"),
                &theme.actions.iter().map(|a| &a.text).collect::<Vec<_>>(),
            ));
        }
        if !theme.roles.is_empty() {
            let texts: Vec<_> = theme.roles.iter().flat_map(|r| std::iter::once(&r.actor).chain(&r.can_do)).collect();
            parts.push(b.texts_part("who-can-do", b.ui("who_can_do"), &texts));
        }
        b.body(&theme.body, &mut parts);
        // The title as the page's heading reads it, with its label and number (「テーマ 3」,
        // 「目標 3」, "Theme 3"), so a resident who types the number finds it; a title standing
        // in from another language is that language's alone.
        let shown = b.t(&theme.title);
        let full = match title {
            None => format!("{} {} {}", b.ui("theme_number"), theme.number, shown),
            Some(_) => shown.to_string(),
        };
        let mut r = b.record(Route::Theme(id), full, Kind::Theme, parts).title_in(title);
        r.themes = vec![id.index];
        out.push(r);
    }
}
