//! Charts as inline SVG made at build time: horizontal stacked bars of ratings. Each rating has
//! its own fill *and* pattern (solid, stripes, dots, cross-hatch) and its symbol on the segment,
//! so the chart reads in greyscale and for colour-blind readers; `<title>` and `<desc>` carry
//! every number for screen readers, and pages show the same numbers in a table beside it.

use crate::model::progress::Rating;
use std::fmt::Write;

/// One bar: a label and the count of each rating in [`Rating::ALL`] order.
pub(crate) struct Bar<'a> {
    pub(crate) label: &'a str,
    pub(crate) lang: &'a str,
    pub(crate) counts: [usize; 4],
}

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 150.0;
const BAR_H: f64 = 30.0;
const GAP: f64 = 14.0;
const TOP: f64 = 52.0;

/// Fill colour of each rating (blue/orange family, distinct in greyscale: dark → light).
const FILLS: [&str; 4] = ["#1f4e79", "#5b9bd5", "#f0b94a", "#f6f6f6"];

/// `id` must be unique in the page (it prefixes the pattern ids).
pub(crate) fn stacked_bars(id: &str, title: &str, bars: &[Bar], legend: [&str; 4]) -> String {
    let max = bars.iter().map(|b| b.counts.iter().sum::<usize>()).max().unwrap_or(0).max(1) as f64;
    let height = TOP + bars.len() as f64 * (BAR_H + GAP) + 10.0;
    let scale = (WIDTH - LABEL_W - 20.0) / max;
    let desc: Vec<String> = bars
        .iter()
        .map(|b| {
            let parts: Vec<String> =
                Rating::ALL.iter().zip(b.counts).map(|(r, n)| format!("{} {n}", r.symbol())).collect();
            format!("{}: {}", b.label, parts.join(", "))
        })
        .collect();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc><defs>"#,
        super::escape(title),
        super::escape(&desc.join("; "))
    );
    let _ = write!(
        s,
        r#"<pattern id="{id}-p0" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{}"/></pattern>"#,
        FILLS[0]
    );
    let _ = write!(
        s,
        r##"<pattern id="{id}-p1" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="{}"/><rect width="3" height="8" fill="#ffffff"/></pattern>"##,
        FILLS[1]
    );
    let _ = write!(
        s,
        r##"<pattern id="{id}-p2" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{}"/><circle cx="4" cy="4" r="1.6" fill="#1a1a1a"/></pattern>"##,
        FILLS[2]
    );
    let _ = write!(
        s,
        r##"<pattern id="{id}-p3" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{}"/><path d="M0 0L8 8M8 0L0 8" stroke="#b03a2e" stroke-width="1.2"/></pattern>"##,
        FILLS[3]
    );
    s.push_str("</defs>");
    // Legend
    let mut x = 0.0;
    for (k, r) in Rating::ALL.iter().enumerate() {
        let _ = write!(
            s,
            r##"<rect x="{x:.0}" y="8" width="22" height="22" fill="url(#{id}-p{k})" stroke="#1a1a1a"/><text class="chart__text" x="{:.0}" y="25">{} {}</text>"##,
            x + 28.0,
            r.symbol(),
            super::escape(legend[k])
        );
        x += 28.0 + 9.0 * legend[k].chars().map(|c| if c.is_ascii() { 1.0 } else { 1.9 }).sum::<f64>() + 36.0;
    }
    for (i, b) in bars.iter().enumerate() {
        let y = TOP + i as f64 * (BAR_H + GAP);
        let _ = write!(
            s,
            r#"<text class="chart__text" x="{:.0}" y="{:.0}" text-anchor="end" lang="{}">{}</text>"#,
            LABEL_W - 8.0,
            y + BAR_H / 2.0 + 6.0,
            b.lang,
            super::escape(b.label)
        );
        let mut x = LABEL_W;
        for (k, &n) in b.counts.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let w = n as f64 * scale;
            let _ = write!(
                s,
                r##"<rect x="{x:.1}" y="{y:.0}" width="{w:.1}" height="{BAR_H}" fill="url(#{id}-p{k})" stroke="#1a1a1a"/>"##
            );
            if w >= 30.0 {
                let cx = x + w / 2.0;
                let _ = write!(
                    s,
                    r##"<rect x="{:.1}" y="{:.0}" width="28" height="18" rx="3" fill="#ffffff" stroke="#1a1a1a" stroke-width="0.5"/><text class="chart__text chart__count" x="{cx:.1}" y="{:.0}" text-anchor="middle">{}{n}</text>"##,
                    cx - 14.0,
                    y + 6.0,
                    y + 20.0,
                    Rating::ALL[k].symbol()
                );
            }
            x += w;
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_states_every_number_in_its_description() {
        let svg = stacked_bars(
            "c",
            "Ratings",
            &[Bar { label: "North", lang: "en", counts: [1, 2, 0, 3] }],
            ["a", "b", "c", "d"],
        );
        assert!(svg.contains(r#"<desc id="c-d">North: ◎ 1, ○ 2, △ 0, × 3</desc>"#), "{svg}");
        assert!(svg.contains(r#"role="img""#));
        // Three segments for three non-zero counts, each with its own pattern.
        assert_eq!(svg.matches(r#"height="30" fill="url(#c-p"#).count(), 3);
    }
}
