//! Readings (ruby, furigana) of hard names: `{犢橋|こてはし}` written in any text or Markdown
//! body, and the site's list of readings (`content/readings.yaml`) put on every occurrence of
//! a name. The page shows `<ruby>犢橋<rp>（</rp><rt>こてはし</rt><rp>）</rp></ruby>`; the
//! page title, the search text and the heading ids see the name alone (犢橋); the search
//! stage adds each name and its reading to its table, so a query in hiragana finds the name.

use crate::escape;
use std::collections::BTreeMap;

/// The longest name or reading the `{name|reading}` form accepts (characters); anything
/// longer between braces is left as written.
const MAX_LEN: usize = 40;

/// A piece of a text: as written, or a name with its reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg<'a> {
    Plain(&'a str),
    Ruby { base: &'a str, reading: &'a str },
}

/// The site's list of readings: each name with its reading, put on every occurrence of the
/// name in the site's texts and bodies (longest name first where names overlap).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct Readings {
    /// Names longest first, then in file order.
    names: Vec<(String, String)>,
}

impl Readings {
    pub(crate) fn new(list: BTreeMap<String, String>) -> Readings {
        let mut names: Vec<(String, String)> =
            list.into_iter().filter(|(n, r)| !n.is_empty() && !r.is_empty()).collect();
        names.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then_with(|| a.0.cmp(&b.0)));
        Readings { names }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Each name and its reading (for the search stage's table).
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.names.iter().map(|(n, r)| (n.as_str(), r.as_str()))
    }

    /// `text` split at every name of the list (leftmost, longest first).
    fn annotate<'a>(&'a self, text: &'a str, out: &mut Vec<Seg<'a>>) {
        if self.names.is_empty() {
            out.push(Seg::Plain(text));
            return;
        }
        let mut start = 0;
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            if let Some((name, reading)) = self.names.iter().find(|(n, _)| rest.starts_with(n.as_str())) {
                if start < i {
                    out.push(Seg::Plain(&text[start..i]));
                }
                out.push(Seg::Ruby { base: &text[i..i + name.len()], reading });
                i += name.len();
                start = i;
            } else {
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        if start < text.len() {
            out.push(Seg::Plain(&text[start..]));
        }
    }
}

/// The pieces of `text`: `{name|reading}` forms (a name and a reading of at most 40
/// characters each, with no brace, bar or line break) and, in the plain parts, the names of
/// `readings`. Braces that do not make such a form are text.
pub(crate) fn segments<'a>(text: &'a str, readings: &'a Readings) -> Vec<Seg<'a>> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut search_from = 0;
    while let Some(open) = text[search_from..].find('{').map(|o| o + search_from) {
        match form_at(&text[open..]) {
            Some((base, reading, len)) => {
                if plain_from < open {
                    readings.annotate(&text[plain_from..open], &mut out);
                }
                out.push(Seg::Ruby { base, reading });
                plain_from = open + len;
                search_from = plain_from;
            }
            None => search_from = open + 1,
        }
    }
    if plain_from < text.len() {
        readings.annotate(&text[plain_from..], &mut out);
    }
    out
}

/// `{name|reading}` at the start of `s`: the name, the reading and the form's length in bytes.
fn form_at(s: &str) -> Option<(&str, &str, usize)> {
    let close = s.find('}')?;
    let inner = &s[1..close];
    let (base, reading) = inner.split_once('|')?;
    let ok = |part: &str| {
        let n = part.chars().count();
        n > 0 && n <= MAX_LEN && !part.contains(['{', '|', '\n', '\r']) && part.trim() == part
    };
    (ok(base) && ok(reading)).then_some((base, reading, close + 1))
}

/// Adds the `{name|reading}` forms of `text` to `out`.
pub(crate) fn forms_in(text: &str, out: &mut std::collections::BTreeSet<(String, String)>) {
    if !text.contains('{') {
        return;
    }
    for s in segments(text, &Readings::default()) {
        if let Seg::Ruby { base, reading } = s {
            out.insert((base.to_string(), reading.to_string()));
        }
    }
}

/// Whether `text` has a `{name|reading}` form.
#[cfg(test)]
pub(crate) fn has_form(text: &str) -> bool {
    text.contains('{') && segments(text, &Readings::default()).iter().any(|s| matches!(s, Seg::Ruby { .. }))
}

/// The text as read where ruby cannot be shown (page titles, search, attributes): the names
/// alone.
pub(crate) fn plain(text: &str) -> String {
    segments(text, &Readings::default())
        .into_iter()
        .map(|s| match s {
            Seg::Plain(p) => p,
            Seg::Ruby { base, .. } => base,
        })
        .collect()
}

/// The opening tag of a name's ruby: marked Japanese in a text in another language (`foreign`),
/// so a screen reader reads the name and its reading in Japanese, not as English or Chinese.
pub(crate) fn ruby_open(foreign: bool) -> &'static str {
    if foreign {
        r#"<ruby lang="ja">"#
    } else {
        "<ruby>"
    }
}

/// The ruby markup of one name (both parts escaped for HTML text), in a text in another
/// language than Japanese if `foreign`.
fn ruby_html(base: &str, reading: &str, foreign: bool, out: &mut String) {
    out.push_str(ruby_open(foreign));
    out.push_str(&escape::xml(base));
    ruby_close(reading, out);
}

/// What follows a name's base in its ruby: the reading (escaped for HTML text) and the end.
pub(crate) fn ruby_close(reading: &str, out: &mut String) {
    out.push_str("<rp>（</rp><rt>");
    out.push_str(&escape::xml(reading));
    out.push_str("</rt><rp>）</rp></ruby>");
}

/// How the language of a text stands to Japanese, for its HTML (see [`html`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    /// Japanese (やさしい日本語 too).
    Japanese,
    /// A language written with Han characters of its own (Chinese): only a run with kana in
    /// it is Japanese.
    Han,
    /// Any other language: a run of Japanese script in it is Japanese.
    Other,
}

/// The text as HTML (escaped) with its readings, and, in a text in another language than
/// Japanese, its runs of Japanese marked as such (`<span lang="ja">千葉市 保健福祉局</span>`,
/// so that a screen reader reads them with a Japanese voice and the browser breaks their lines
/// by Japanese rules); `None` when it needs neither. `script` is asked only of a text with
/// readings or with characters beyond ASCII.
pub(crate) fn html(text: &str, readings: &Readings, script: impl FnOnce() -> Script) -> Option<String> {
    let segs = segments(text, readings);
    let has_ruby = segs.iter().any(|s| matches!(s, Seg::Ruby { .. }));
    if !has_ruby && text.is_ascii() {
        return None;
    }
    let script = script();
    let foreign = script != Script::Japanese;
    let marks = foreign && segs.iter().any(|s| matches!(s, Seg::Plain(p) if japanese_run(p, script).is_some()));
    if !has_ruby && !marks {
        return None;
    }
    let mut out = String::with_capacity(text.len() * 2);
    for s in segs {
        match s {
            Seg::Plain(p) if marks => mark_japanese(p, script, &mut out),
            Seg::Plain(p) => out.push_str(&escape::xml(p)),
            Seg::Ruby { base, reading } => ruby_html(base, reading, foreign, &mut out),
        }
    }
    Some(out)
}

/// The markup around a run of Japanese in a text in another language.
pub(crate) const JAPANESE_OPEN: &str = r#"<span lang="ja">"#;
/// See [`JAPANESE_OPEN`].
pub(crate) const JAPANESE_CLOSE: &str = "</span>";

/// `text` escaped, its runs of Japanese between [`JAPANESE_OPEN`] and [`JAPANESE_CLOSE`].
fn mark_japanese(text: &str, script: Script, out: &mut String) {
    for (part, japanese) in japanese_parts(text, script) {
        if japanese {
            out.push_str(JAPANESE_OPEN);
            out.push_str(&escape::xml(part));
            out.push_str(JAPANESE_CLOSE);
        } else {
            out.push_str(&escape::xml(part));
        }
    }
}

/// `text` in its parts, none empty, each with whether it is a run of Japanese
/// ([`japanese_run`]).
pub(crate) fn japanese_parts(text: &str, script: Script) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = text;
    let mut run: Option<&str> = None;
    std::iter::from_fn(move || {
        if let Some(r) = run.take() {
            return Some((r, true));
        }
        if rest.is_empty() {
            return None;
        }
        let Some((start, end)) = japanese_run(rest, script) else {
            return Some((std::mem::take(&mut rest), false));
        };
        let (before, r) = (&rest[..start], &rest[start..end]);
        rest = &rest[end..];
        if before.is_empty() {
            Some((r, true))
        } else {
            run = Some(r);
            Some((before, false))
        }
    })
}

/// The byte range of the first run of Japanese in `text`: from a Japanese character to the
/// last one before a letter of another script, with the spaces, digits and signs between
/// (`千葉市 保健福祉局`, `令和6年度`). In a text of a [`Script::Han`] language only a run with
/// kana counts.
pub(crate) fn japanese_run(text: &str, script: Script) -> Option<(usize, usize)> {
    let mut from = 0;
    loop {
        let start = from + text[from..].find(is_japanese_char)?;
        let mut end = start;
        let mut kana = false;
        for (i, c) in text[start..].char_indices() {
            if is_japanese_char(c) {
                end = start + i + c.len_utf8();
                kana |= is_kana(c);
            } else if c.is_alphabetic() {
                break;
            }
        }
        if script != Script::Han || kana {
            return Some((start, end));
        }
        from = end;
    }
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

/// Kana, kanji, and the signs only Japanese (or Chinese) text has: 「」、。々 and full-width forms.
fn is_japanese_char(c: char) -> bool {
    is_kana(c)
        || matches!(c,
            '\u{3001}'..='\u{303F}' // 、。〃々〆〇「」『』【】〒〜 (not the ideographic space)
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF01}'..='\u{FF60}'
            | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(pairs: &[(&str, &str)]) -> Readings {
        Readings::new(pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect())
    }

    #[test]
    fn a_form_becomes_ruby_and_reads_as_its_name() {
        let none = Readings::default();
        assert_eq!(
            html("{犢橋|こてはし}地区", &none, || Script::Japanese).as_deref(),
            Some("<ruby>犢橋<rp>（</rp><rt>こてはし</rt><rp>）</rp></ruby>地区")
        );
        assert_eq!(plain("{犢橋|こてはし}地区"), "犢橋地区");
        assert!(has_form("{犢橋|こてはし}"));
    }

    #[test]
    fn braces_that_are_not_a_form_stay_text() {
        let none = Readings::default();
        for s in ["{a}", "{|b}", "{a|}", "{ a|b}", "a { b | c", "{{x|y}", "{a\n|b}", "}{"] {
            assert_eq!(plain(s), s.replace("{{x|y}", "{x"), "{s}");
        }
        assert_eq!(html("{a}", &none, || Script::Japanese), None);
        // In a text in another language, the name and its reading are marked Japanese.
        assert_eq!(
            html("{犢橋|こてはし} Centre", &none, || Script::Other).as_deref(),
            Some(r#"<ruby lang="ja">犢橋<rp>（</rp><rt>こてはし</rt><rp>）</rp></ruby> Centre"#)
        );
        assert_eq!(html("ほかの地区", &none, || Script::Japanese), None);
        assert_eq!(html("Chiba", &none, || unreachable!("asked of an ASCII text without readings")), None);
        // A long run between braces is not a reading.
        let long = format!("{{{}|よみ}}", "字".repeat(41));
        assert_eq!(html(&long, &none, || Script::Japanese), None);
    }

    #[test]
    fn both_parts_are_escaped() {
        let h = html("{<b>|<i>&}", &Readings::default(), || Script::Japanese).unwrap_or_default();
        assert!(h.contains("&lt;b&gt;") && h.contains("&lt;i&gt;&amp;"), "{h}");
        assert!(!h.contains("<b>") && !h.contains("<i>"), "{h}");
    }

    #[test]
    fn the_list_marks_every_occurrence_longest_first() {
        let r = list(&[("犢橋", "こてはし"), ("犢橋町", "こてはしちょう")]);
        let h = html("犢橋町と犢橋", &r, || Script::Japanese).unwrap_or_default();
        assert_eq!(
            h,
            "<ruby>犢橋町<rp>（</rp><rt>こてはしちょう</rt><rp>）</rp></ruby>と<ruby>犢橋<rp>（</rp><rt>こてはし</rt><rp>）</rp></ruby>"
        );
        // A form written in the text wins over the list where they meet.
        let h = html("{犢橋|こてはし・とくばし}", &r, || Script::Japanese).unwrap_or_default();
        assert!(h.contains("こてはし・とくばし") && h.matches("<ruby>").count() == 1, "{h}");
        assert_eq!(html("ほかの地区", &r, || Script::Japanese), None);
    }

    // In a text in another language, runs of Japanese are marked as such: with the spaces,
    // digits and signs between their characters, without the Latin around them; in Chinese,
    // only runs with kana.
    #[test]
    fn japanese_in_another_language_is_marked() {
        let none = Readings::default();
        let en = |t: &str| html(t, &none, || Script::Other);
        assert_eq!(
            en("City of Chiba (千葉市 保健福祉局 地域福祉推進課)").as_deref(),
            Some(r#"City of Chiba (<span lang="ja">千葉市 保健福祉局 地域福祉推進課</span>)"#)
        );
        assert_eq!(
            en("FY 令和6年度 & 「見守り」 <b>").as_deref(),
            Some(r#"FY <span lang="ja">令和6年度 &amp; 「見守り」</span> &lt;b&gt;"#)
        );
        assert_eq!(
            en("{加曽利|かそり}たすけあいの会 (Kasori)").as_deref(),
            Some(
                r#"<ruby lang="ja">加曽利<rp>（</rp><rt>かそり</rt><rp>）</rp></ruby><span lang="ja">たすけあいの会</span> (Kasori)"#
            )
        );
        assert_eq!(en("Café Saiwai, 2 – 3 pm"), None, "letters beyond ASCII are not Japanese");
        let zh = |t: &str| html(t, &none, || Script::Han);
        assert_eq!(zh("千叶市的社区"), None);
        assert_eq!(zh("千叶市（ちば）").as_deref(), Some(r#"<span lang="ja">千叶市（ちば）</span>"#));
        assert_eq!(html("千葉市の地区", &none, || Script::Japanese), None);
    }
}
