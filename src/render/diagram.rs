//! The promotion structure as an inline SVG diagram: one row per tier, a box per body, an arrow
//! from each body to the bodies it reports to. It carries a `<title>` and a `<desc>` that states
//! every reporting line in words, so a screen reader gets the same information; the page also
//! lists the relations as text.

use super::views::Tr;
use crate::model::Structure;
use crate::text::ui::{ui, UiStrings};
use std::collections::BTreeMap;
use std::fmt::Write;

const WIDTH: f64 = 800.0;
const ROW: f64 = 130.0;
const BOX_H: f64 = 76.0;
const LINE_H: f64 = 20.0;

/// Renders the diagram as an SVG string (trusted output: every text is escaped here).
pub(crate) fn render(s: &Structure, tr: &Tr, title: &str, strings: &UiStrings) -> String {
    let mut tiers: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, b) in s.bodies.iter().enumerate() {
        tiers.entry(b.tier).or_default().push(i);
    }
    // Box centre and width of each body.
    let mut boxes: Vec<(f64, f64, f64)> = vec![(0.0, 0.0, 0.0); s.bodies.len()];
    for (row, members) in tiers.values().enumerate() {
        let n = members.len() as f64;
        let slot = WIDTH / n;
        let w = (slot - 24.0).min(300.0);
        for (k, &i) in members.iter().enumerate() {
            boxes[i] = (slot * (k as f64 + 0.5), 20.0 + row as f64 * ROW, w);
        }
    }
    let height = 20.0 + tiers.len() as f64 * ROW - (ROW - BOX_H) + 20.0;
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
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg class="diagram__svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="diagram-title diagram-desc" xmlns="http://www.w3.org/2000/svg"><title id="diagram-title">{}</title><desc id="diagram-desc">{}</desc><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="diagram__arrowhead"/></marker></defs>"##,
        super::escape(title),
        super::escape(&desc.join(ui(strings, "sentence_gap")))
    );
    for (i, b) in s.bodies.iter().enumerate() {
        let (cx, top, _) = boxes[i];
        for &t in &b.reports_to {
            let (tx, ttop, _) = boxes[t];
            let (y1, y2) = if ttop < top { (top, ttop + BOX_H) } else { (top + BOX_H, ttop) };
            let _ = write!(
                svg,
                r#"<path class="diagram__arrow" d="M{cx:.0} {y1:.0} L{tx:.0} {y2:.0}" marker-end="url(#arrow)"/>"#
            );
        }
    }
    for (i, b) in s.bodies.iter().enumerate() {
        let (cx, top, w) = boxes[i];
        let _ = write!(
            svg,
            r#"<rect class="diagram__box" x="{:.0}" y="{top:.0}" width="{w:.0}" height="{BOX_H:.0}" rx="8"/>"#,
            cx - w / 2.0
        );
        let name = tr.t(&b.name);
        let lines = wrap(name.text, (w / 8.5) as usize);
        let first = top + BOX_H / 2.0 - (lines.len() as f64 - 1.0) * LINE_H / 2.0 + 6.0;
        let _ = write!(
            svg,
            r#"<text class="diagram__label" x="{cx:.0}" y="{first:.0}" text-anchor="middle" lang="{}">"#,
            name.lang
        );
        for (k, line) in lines.iter().enumerate() {
            let dy = if k == 0 { 0.0 } else { LINE_H };
            let _ = write!(svg, r#"<tspan x="{cx:.0}" dy="{dy:.0}">{}</tspan>"#, super::escape(line));
        }
        svg.push_str("</text>");
    }
    svg.push_str("</svg>");
    svg
}

/// Splits `text` into lines of at most `width` cells (a CJK character is two cells), breaking
/// at spaces where there are any, at most three lines (the last one ends with an ellipsis).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(6);
    let cells = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let tokens: Vec<String> = if text.contains(' ') {
        text.split(' ').map(|w| format!("{w} ")).collect()
    } else {
        text.chars().map(String::from).collect()
    };
    for tok in tokens {
        if cells(&line) + cells(tok.trim_end()) > width && !line.is_empty() {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        line.push_str(&tok);
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    if lines.len() > 3 {
        lines.truncate(3);
        lines[2].push('…');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_japanese_by_width_and_english_at_spaces() {
        assert_eq!(wrap("区支え合いのまち推進協議会", 12), ["区支え合いの", "まち推進協議", "会"]);
        assert_eq!(wrap("Ward promotion council", 12), ["Ward", "promotion", "council"]);
    }
}
