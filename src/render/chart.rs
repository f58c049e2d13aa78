//! Charts made at build time as HTML and CSS: horizontal stacked bars of ratings. Not an SVG
//! scaled to the screen (on a phone its text shrank to 7 px): the labels and counts are page
//! text at the page's size, a bar's segments are widths in per cent, and on a narrow screen the
//! label goes above its bar (the theme's CSS). Each rating has its own fill *and* pattern
//! (solid, stripes, dots, cross-hatch), and every count is written out under its bar, so the
//! chart reads in greyscale, in print and for colour-blind readers; the chart's name states
//! every number for screen readers, and pages show the same numbers in a table beside it.

use crate::model::progress::Rating;
use crate::text::ui::{ui, UiStrings};
use std::fmt::Write;

/// One bar: a label and the count of each rating in [`Rating::ALL`] order.
pub(crate) struct Bar<'a> {
    pub(crate) label: &'a str,
    pub(crate) lang: &'a str,
    pub(crate) counts: [usize; 4],
}

/// `id` must be unique in the page (it prefixes the ids of the chart's title and description).
/// The description, the chart's name for screen readers, says each rating in words (`legend`),
/// not by its symbol, which a reader reads as 二重丸 or "bullseye", with the punctuation of the
/// page's `strings` (`colon`, `list_comma`, `sentence_gap`).
pub(crate) fn stacked_bars(id: &str, title: &str, bars: &[Bar], legend: [&str; 4], strings: &UiStrings) -> String {
    let max = bars.iter().map(|b| b.counts.iter().sum::<usize>()).max().unwrap_or(0).max(1) as f64;
    let (colon, comma, gap) = (ui(strings, "colon"), ui(strings, "list_comma"), ui(strings, "sentence_gap"));
    let desc: Vec<String> = bars
        .iter()
        .map(|b| {
            let parts: Vec<String> = legend.iter().zip(b.counts).map(|(word, n)| format!("{word} {n}")).collect();
            format!("{}{colon}{}{gap}", b.label, parts.join(comma))
        })
        .collect();
    let id = super::escape(id);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<div class="chart"><p class="chart__title" id="{id}-t">{}</p><p id="{id}-d" hidden>{}</p><ul class="chart__legend" aria-hidden="true">"#,
        super::escape(title),
        super::escape(desc.concat().trim_end())
    );
    for (k, r) in Rating::ALL.iter().enumerate() {
        let _ = write!(
            s,
            r#"<li><span class="chart__swatch chart__seg--{k}"></span>{} {}</li>"#,
            r.symbol(),
            super::escape(legend[k])
        );
    }
    let _ = write!(s, r#"</ul><div class="chart__bars" role="img" aria-labelledby="{id}-t {id}-d">"#);
    for b in bars {
        let _ = write!(
            s,
            r#"<div class="chart__row"><span class="chart__label" lang="{}">{}</span><span class="chart__bar">"#,
            super::escape(b.lang),
            super::escape(b.label)
        );
        for (k, &n) in b.counts.iter().enumerate() {
            if n > 0 {
                let w = n as f64 * 100.0 / max;
                let _ = write!(s, r#"<span class="chart__seg chart__seg--{k}" style="width:{w:.2}%"></span>"#);
            }
        }
        s.push_str(r#"</span><span class="chart__counts">"#);
        let counts: Vec<String> = Rating::ALL
            .iter()
            .zip(b.counts)
            .map(|(r, n)| format!(r#"<span class="chart__count">{} {n}</span>"#, r.symbol()))
            .collect();
        s.push_str(&counts.join(" "));
        s.push_str("</span></div>");
    }
    s.push_str("</div></div>");
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
            &[("colon", "："), ("list_comma", "、"), ("sentence_gap", "。")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        assert!(svg.contains(r#"<p id="c-d" hidden>North：a 1、b 2、c 0、d 3。</p>"#), "{svg}");
        assert!(svg.contains(r#"role="img" aria-labelledby="c-t c-d""#));
        // Three segments for three non-zero counts, each with its own pattern, as shares of
        // the longest bar; every count written out, the zero too.
        assert_eq!(svg.matches(r#"<span class="chart__seg chart__seg--"#).count(), 3);
        assert!(svg.contains(r#"chart__seg--3" style="width:50.00%""#), "{svg}");
        assert!(svg.contains(r#"<span class="chart__count">△ 0</span>"#), "{svg}");
        // No SVG: its text would shrink with the screen.
        assert!(!svg.contains("<svg"));
    }
}
