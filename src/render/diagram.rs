//! The promotion structure as a diagram in HTML and CSS: one row per tier, a box per body, an
//! arrow from each body to the bodies it reports to. The boxes hold page text, so the names
//! wrap inside them at the page's size at any width (an SVG scaled to a phone made them 7 px
//! and let them spill out of fixed boxes). The arrows are drawn between the rows by small SVGs
//! whose coordinates are shares of the row's width, where each box's centre is (every box of a
//! row is as wide as the others). An arrow between rows that are not next to each other is drawn
//! in the gap next to the body it points to. The whole carries a name and a description that
//! states every reporting line in words, so a screen reader gets the same information; the
//! page also lists the relations as text.

use super::views::Tr;
use crate::model::Structure;
use crate::text::ui::{ui, UiStrings};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Renders the diagram as HTML (trusted output: every text is escaped here).
pub(crate) fn render(s: &Structure, tr: &Tr, title: &str, strings: &UiStrings) -> String {
    let mut tiers: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, b) in s.bodies.iter().enumerate() {
        tiers.entry(b.tier).or_default().push(i);
    }
    let rows: Vec<&Vec<usize>> = tiers.values().collect();
    // Row of each body, and the share of the width at its box's centre (per cent).
    let mut place: Vec<(usize, f64)> = vec![(0, 0.0); s.bodies.len()];
    for (row, members) in rows.iter().enumerate() {
        let n = members.len() as f64;
        for (k, &i) in members.iter().enumerate() {
            place[i] = (row, (k as f64 + 0.5) * 100.0 / n);
        }
    }
    let mut desc = Vec::new();
    for b in &s.bodies {
        for &t in &b.reports_to {
            let (from, to) = (tr.t(&b.name).text, tr.t(&s.bodies[t].name).text);
            desc.push(match b.report.as_ref().map(|r| tr.t(r).text) {
                Some(label) => {
                    format!("{from} → {to}{}{label}{}", ui(strings, "paren_open"), ui(strings, "paren_close"))
                }
                None => format!("{from} → {to}"),
            });
        }
    }
    // The arrows in the gap between row `g` and row `g + 1`: (from x, from bottom?, to x).
    let mut gaps: Vec<Vec<(f64, bool, f64)>> = vec![Vec::new(); rows.len().saturating_sub(1)];
    for (i, b) in s.bodies.iter().enumerate() {
        for &t in &b.reports_to {
            let ((from_row, x1), (to_row, x2)) = (place[i], place[t]);
            if from_row == to_row {
                continue; // a line within a row: stated in words only
            }
            // The gap next to the body pointed to.
            let (gap, from_below) = if to_row < from_row { (to_row, true) } else { (to_row - 1, false) };
            gaps[gap].push((x1, from_below, x2));
        }
    }
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<div class="diagram__chart" role="img" aria-labelledby="diagram-title diagram-desc"><p id="diagram-title" hidden>{}</p><p id="diagram-desc" hidden>{}</p>"#,
        super::escape(title),
        super::escape(&desc.join(ui(strings, "sentence_gap")))
    );
    for (row, members) in rows.iter().enumerate() {
        html.push_str(r#"<div class="diagram__tier">"#);
        for &i in members.iter() {
            let name = tr.t(&s.bodies[i].name);
            let _ = write!(
                html,
                r#"<div class="diagram__cell"><div class="diagram__node" lang="{}">{}</div></div>"#,
                super::escape(name.lang),
                super::escape(name.text)
            );
        }
        html.push_str("</div>");
        if let Some(arrows) = gaps.get(row) {
            html.push_str(
                r#"<svg class="diagram__links" width="100%" height="40" aria-hidden="true" focusable="false">"#,
            );
            if row == 0 {
                html.push_str(r#"<defs><marker id="diagram-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>"#);
            }
            for &(x1, from_below, x2) in arrows {
                let (y1, y2) = if from_below { ("100%", "1") } else { ("0", "39") };
                let _ = write!(
                    html,
                    r#"<line class="diagram__arrow" x1="{x1:.2}%" y1="{y1}" x2="{x2:.2}%" y2="{y2}" marker-end="url(#diagram-arrow)"/>"#
                );
            }
            html.push_str("</svg>");
        }
    }
    html.push_str("</div>");
    html
}
