//! Markdown source → safe HTML and plain text, for one body in one language.
//!
//! 1. pulldown-cmark parses with tables, footnotes, strikethrough and heading attributes.
//! 2. Headings are shifted one level down (`#` → `<h2>`): the page template owns the only `<h1>`.
//!    Each heading gets an `id` made from its text (Unicode kept, so Japanese headings work).
//! 3. Fenced code with a language is highlighted by syntect into `hl-*` CSS classes.
//! 4. If the source contains raw HTML, the whole output goes through ammonia with an allow-list
//!    that keeps what steps 1–3 produce; scripts, event handlers and `javascript:` URLs go.

use super::links::{BodyLinks, Noting, MARK};
use crate::model::ruby::{self, Readings, Script};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// The parser's options for a body.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// What a body is made with besides its source: the site's readings, and the ids its page
/// has already, which its headings' ids must not repeat.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct BodyContext {
    pub readings: Readings,
    pub page_ids: PageIds,
}

/// The ids a page's layout gives its own elements (the default theme's `main`, `contacts`,
/// `policies`…; `district-1`, `district-2`… of `id="district-{{ loop.index }}"`), so that a
/// heading of a body does not take one: two elements with one id break the links to it and
/// the names of the sections that point to it (`aria-labelledby`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct PageIds {
    /// Ids as written.
    exact: std::collections::BTreeSet<String>,
    /// Prefixes of ids numbered by the template (`district-` of `district-{{ loop.index }}`).
    numbered: std::collections::BTreeSet<String>,
}

impl PageIds {
    /// The page's ids `exact`, and the ids made of each of `numbered` and a number.
    pub(crate) fn new(
        exact: std::collections::BTreeSet<String>,
        numbered: std::collections::BTreeSet<String>,
    ) -> PageIds {
        PageIds { exact, numbered }
    }

    /// Whether the page has `id` already.
    pub(crate) fn has(&self, id: &str) -> bool {
        self.exact.contains(id)
            || self.numbered.iter().any(|p| {
                id.strip_prefix(p.as_str()).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
    }
}

/// A rendered body: its HTML and its text (for tests; a build asks for one or the other).
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rendered {
    pub html: String,
    pub sections: Vec<Section>,
}

/// A part of a body that starts at a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// The heading's id (an anchor in the page), `None` before the first heading.
    pub id: Option<String>,
    pub heading: String,
    pub text: String,
}

/// Renders `source` to HTML and text.
#[cfg(test)]
pub(crate) fn render(source: &str) -> Rendered {
    render_with(source, &Readings::default())
}

/// A body's context with `readings` and no ids of the page's (for tests).
#[cfg(test)]
fn with_readings(readings: &Readings) -> BodyContext {
    BodyContext { readings: readings.clone(), page_ids: PageIds::default() }
}

/// Renders `source` to HTML and text, with `{name|reading}` forms and the names of `readings`
/// as ruby.
#[cfg(test)]
pub(crate) fn render_with(source: &str, readings: &Readings) -> Rendered {
    let context = with_readings(readings);
    Rendered { html: html_with(source, &context), sections: sections_with(source, &context) }
}

/// The HTML of `source`, with `{name|reading}` forms and the names of `context`'s readings as
/// ruby.
pub(crate) fn html_with(source: &str, context: &BodyContext) -> String {
    html_noting(source, context, false, Script::Japanese).0
}

/// [`html_with`], and if `note`, the links and images of `source` as the page shows them, each
/// with its place in `source`. `script`: how the body's language stands to Japanese (in
/// another language, its names' ruby and its runs of Japanese are marked Japanese).
pub(crate) fn html_noting(
    source: &str,
    context: &BodyContext,
    note: bool,
    script: Script,
) -> (String, Option<BodyLinks>) {
    with_events(source, (context, script), note, |events, has_raw_html| {
        let events =
            with_code(events, |code, lang| Some(Event::Html(CowStr::from(super::highlight::highlight(code, lang)))));
        let mut html = String::with_capacity(source.len() * 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        if has_raw_html {
            html = sanitizer().clean(&html).to_string();
        }
        html
    })
}

/// The links and images of `source` (a body's text, line ends `\n`) as its page parses it, each
/// with its place: for a body no page noted as it was rendered (`serve`'s pages kept from the
/// last rebuild).
pub(crate) fn links_of(source: &str) -> BodyLinks {
    parsed(source, true, |_| ()).1.unwrap_or_default()
}

/// The visible text of `source` split at headings, for the search index: the part before the
/// first heading has no id. Made from the same events as the HTML, so the ids match. A code
/// block with a language is left out, as the page's highlighted HTML of it is: highlighting it
/// only to leave it out took a quarter of the time of this at N = 1,000.
pub(crate) fn sections_with(source: &str, context: &BodyContext) -> Vec<Section> {
    with_events(source, (context, Script::Japanese), false, |events, _| collect_text(&with_code(events, |_, _| None))).0
}

/// `then` of the events of `source` as a page shows them (safe, with readings and heading
/// ids; code blocks with a language are for `then` to make, see [`with_code`]), and of
/// whether the source has raw HTML; and if `note`, the links of the source ([`parsed`]).
fn with_events<T>(
    source: &str,
    (context, script): (&BodyContext, Script),
    note: bool,
    then: impl FnOnce(Vec<Event>, bool) -> T,
) -> (T, Option<BodyLinks>) {
    parsed(source, note, |mut events| {
        let has_raw_html = events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
        make_safe(&mut events);
        let mut events = add_ruby(events, &context.readings, script);
        add_heading_ids(&mut events, &context.page_ids);
        then(events, has_raw_html)
    })
}

/// `then` of the events of `source` as parsed for its page (with a mark after each heading
/// that ends with a reading: [`guard_heading_readings`]), and if `note`, its links and images
/// noted as they are parsed, at their places in `source`.
fn parsed<T>(source: &str, note: bool, then: impl FnOnce(Vec<Event>) -> T) -> (T, Option<BodyLinks>) {
    let guarded = if source.contains('{') { guard_heading_readings(source) } else { None };
    let (text, marks) = match &guarded {
        Some((text, marks)) => (text.as_str(), marks.as_slice()),
        None => (source, &[][..]),
    };
    let parser = Parser::new_ext(text, OPTIONS);
    if !note {
        return (then(parser.collect()), None);
    }
    let mut noting = Noting::new(source, marks.to_vec());
    let events = parser
        .into_offset_iter()
        .map(|(event, range)| {
            noting.see(&event, range.start);
            event
        })
        .collect();
    (then(events), Some(noting.done()))
}

/// A heading that ends with a reading (`## 地区 {犢橋|こてはし}`) would have it taken for the
/// heading's attributes (`{#id .class}`): such a line gets an empty attribute block after it.
/// `None` where no heading is such; else the text with the marks, and where each mark is in it
/// (links are noted at their places in the source: [`Noting`]).
fn guard_heading_readings(source: &str) -> Option<(String, Vec<usize>)> {
    let mut out = String::with_capacity(source.len() + 16);
    let mut marks = Vec::new();
    for line in source.split_inclusive('\n') {
        let body = line.trim_end();
        let is_heading =
            body.trim_start_matches(' ').starts_with('#') && line.len() - line.trim_start_matches(' ').len() < 4;
        let ends_with_form =
            body.ends_with('}') && body.rfind('{').is_some_and(|open| ruby::plain(&body[open..]) != body[open..]);
        if is_heading && ends_with_form {
            out.push_str(body);
            marks.push(out.len());
            out.push_str(MARK);
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    (!marks.is_empty()).then_some((out, marks))
}

/// Takes out what Markdown itself can make active without raw HTML (which ammonia cleans): a
/// link or image to a `javascript:`, `data:` or other non-web address (the link keeps its
/// text, pointing nowhere), and attributes given to a heading (`# 見出し {onclick=…}`); a
/// heading keeps its id and classes.
fn make_safe(events: &mut [Event]) {
    for e in events.iter_mut() {
        match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !crate::escape::url_is_safe(dest_url) =>
            {
                *dest_url = CowStr::Borrowed("");
            }
            // A link from the site's root (`/files/a.pdf`) would break under a sub-path: it is
            // marked so the page resolves it from the base path (see `render::refs`).
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if dest_url.starts_with('/') && !dest_url.starts_with("//") =>
            {
                *dest_url = CowStr::from(format!("@{dest_url}"));
            }
            Event::Start(Tag::Heading { attrs, .. }) => attrs.clear(),
            _ => {}
        }
    }
}

/// Puts readings on names (`model::ruby`) in the text outside code and pictures: the name stays a
/// text event (so the heading ids, the search text and the excerpts read the name alone), the
/// ruby markup around it is inline HTML this renderer writes, with the reading escaped. In a
/// body in another language than Japanese, runs of Japanese are marked so the same way
/// (`<span lang="ja">`, see [`ruby::html`]).
fn add_ruby<'a>(events: Vec<Event<'a>>, readings: &Readings, script: Script) -> Vec<Event<'a>> {
    let foreign = script != Script::Japanese;
    let wanted = |t: &str| t.contains('{') || (foreign && !t.is_ascii());
    if readings.is_empty() && !events.iter().any(|e| matches!(e, Event::Text(t) if wanted(t))) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let (mut in_code, mut in_image) = (false, 0usize);
    for e in events {
        match &e {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) if !in_code && in_image == 0 => {
                let segs = ruby::segments(t, readings);
                let has_ruby = segs.iter().any(|s| matches!(s, ruby::Seg::Ruby { .. }));
                let marks = foreign && !t.is_ascii() && ruby::japanese_run(t, script).is_some();
                if has_ruby || marks {
                    for seg in segs {
                        match seg {
                            ruby::Seg::Plain(p) if marks => push_marked(p, script, &mut out),
                            ruby::Seg::Plain(p) => out.push(Event::Text(CowStr::from(p.to_string()))),
                            ruby::Seg::Ruby { base, reading } => {
                                out.push(Event::InlineHtml(CowStr::Borrowed(ruby::ruby_open(foreign))));
                                out.push(Event::Text(CowStr::from(base.to_string())));
                                let mut tail = String::new();
                                ruby::ruby_close(reading, &mut tail);
                                out.push(Event::InlineHtml(CowStr::from(tail)));
                            }
                        }
                    }
                    continue;
                }
            }
            _ => {}
        }
        out.push(e);
    }
    out
}

/// The text `p` as text events, its runs of Japanese between `<span lang="ja">` and `</span>`
/// (as `ruby::html` marks them).
fn push_marked<'a>(p: &str, script: Script, out: &mut Vec<Event<'a>>) {
    for (part, japanese) in ruby::japanese_parts(p, script) {
        if japanese {
            out.push(Event::InlineHtml(CowStr::Borrowed(ruby::JAPANESE_OPEN)));
            out.push(Event::Text(CowStr::from(part.to_string())));
            out.push(Event::InlineHtml(CowStr::Borrowed(ruby::JAPANESE_CLOSE)));
        } else {
            out.push(Event::Text(CowStr::from(part.to_string())));
        }
    }
}

/// The visible text of the body, split at headings.
fn collect_text(events: &[Event]) -> Vec<Section> {
    let mut sections = vec![Section { id: None, heading: String::new(), text: String::new() }];
    let mut in_heading = false;
    for e in events {
        match e {
            Event::Start(Tag::Heading { id, .. }) => {
                in_heading = true;
                sections.push(Section {
                    id: id.as_ref().map(|i| i.to_string()),
                    heading: String::new(),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = sections.last_mut() {
                    if in_heading {
                        s.heading.push_str(t)
                    } else {
                        s.text.push_str(t)
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                if let Some(s) = sections.last_mut().filter(|_| !in_heading) {
                    s.text.push(' ');
                }
            }
            _ => {}
        }
    }
    sections.retain(|s| s.id.is_some() || !s.text.trim().is_empty());
    for s in &mut sections {
        s.text = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    sections
}

/// The level of `level` in a body whose highest headings are at `top`: those are `<h2>` (the
/// page's title is its only `<h1>`, and the theme's own sections are `<h2>`), the rest keep
/// their distance from them. A body of `##` sections and one of `#` sections with `##` under
/// them both come out as sections beside the page's own, with nothing skipped.
fn relevel(level: HeadingLevel, top: HeadingLevel) -> HeadingLevel {
    // Levels are numbered 1 to 6.
    let n = (level as usize + 2).saturating_sub(top as usize).clamp(2, 6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// Puts the headings at their levels in the page ([`relevel`]) and gives each a unique id from
/// its text unless it has `{#id}` already: one the body has not used, nor the page (`page`),
/// else with `-2`, `-3`… added.
fn add_heading_ids(events: &mut [Event], page: &PageIds) {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(HeadingLevel::H1);
    let mut used: HashSet<String> = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, classes, attrs }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = id.as_ref().map_or_else(|| slugify(&text), |s| s.to_string());
            let mut unique = base.clone();
            let mut n = 2;
            while page.has(&unique) || !used.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            let new_level = relevel(*level, top);
            events[i] = Event::Start(Tag::Heading {
                level: new_level,
                id: Some(CowStr::from(unique)),
                classes: classes.clone(),
                attrs: attrs.clone(),
            });
            if j < events.len() {
                events[j] = Event::End(TagEnd::Heading(new_level));
            }
            i = j;
        }
        i += 1;
    }
}

/// An anchor id from heading text: letters and digits of any script kept, the rest joined by `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// Each fenced code block that names a language replaced by what `make` makes of its code and
/// language (the page: highlighted HTML; the search text: nothing).
fn with_code<'e>(events: Vec<Event<'e>>, make: impl Fn(&str, &str) -> Option<Event<'e>>) -> Vec<Event<'e>> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_code: Option<String> = None;
    let mut code = String::new();
    for e in events {
        match (&in_code, e) {
            (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))) if !lang.is_empty() => {
                in_code = Some(lang.split_whitespace().next().unwrap_or("").to_string());
                code.clear();
            }
            (Some(_), Event::Text(t)) => code.push_str(&t),
            (Some(lang), Event::End(TagEnd::CodeBlock)) => {
                out.extend(make(&code, lang));
                in_code = None;
            }
            (_, e) => out.push(e),
        }
    }
    out
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "lang"]);
    b.add_tags(["ruby", "rt", "rp", "details", "summary", "mark", "figure", "figcaption"]);
    for tag in ["span", "code", "div", "sup"] {
        b.add_tag_attributes(tag, ["class"]);
    }
    b.add_tag_attributes("pre", ["class", "tabindex"]);
    b.add_tag_attributes("td", ["style"]).add_tag_attributes("th", ["style"]);
    b.link_rel(Some("noopener"));
    b.url_schemes(crate::escape::URL_SCHEMES.into_iter().collect());
    // Keep only the classes and styles our own renderer emits (highlighting, footnotes, table
    // alignment); anything else written in raw HTML is dropped.
    b.attribute_filter(|_element, attribute, value| match attribute {
        "class" => {
            let kept: Vec<&str> = value
                .split_whitespace()
                .filter(|c| {
                    c.starts_with("hl-") || c.starts_with("footnote-") || c.starts_with("language-") || *c == "code"
                })
                .collect();
            (!kept.is_empty()).then(|| kept.join(" ").into())
        }
        "style" => {
            ["text-align: left", "text-align: center", "text-align: right"].contains(&value).then(|| value.into())
        }
        _ => Some(value.into()),
    });
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that `source`'s links are `want`: (address, line, column, image, without
    /// alternative text), in the order written.
    fn assert_links(source: &str, want: &[(&str, u32, u32, bool, bool)]) {
        let noted = links_of(source);
        let got: Vec<_> = noted.iter().map(|l| (l.dest, l.line, l.column, l.image, l.no_alt)).collect();
        assert_eq!(got, want, "{source}");
    }

    #[test]
    fn links_and_images_are_noted_with_their_line_and_column() {
        let text = "# 見出し\n\n本文の[前](../a/)と\n\n  ![写真](p.jpg) ![ ](q.png)\n\n[参照]\n\n[参照]: @case/x\n";
        assert_links(
            text,
            &[
                ("../a/", 3, 4, false, false),
                ("p.jpg", 5, 3, true, false),
                ("q.png", 5, 16, true, true),
                ("@case/x", 7, 1, false, false),
            ],
        );
    }

    #[test]
    fn an_image_inside_a_link_and_one_without_text_are_told_apart() {
        let text = "[![](a.png)](b/) ![`code`](c.png)";
        assert_links(text, &[("b/", 1, 1, false, false), ("a.png", 1, 2, true, true), ("c.png", 1, 18, true, false)]);
    }

    // Headings that end with a reading are parsed with a mark after them: the links before a
    // mark, in a marked heading and after two marks are noted at their places in the source,
    // and the page noting them as it makes the HTML notes what `links_of` does.
    #[test]
    fn links_after_a_heading_that_ends_with_a_reading_are_at_their_places() {
        let text = "## [区](@area/a) {犢橋|こてはし}\n\n[一](x/) と [二](y/)\n\n### 地区 {花見川|はなみがわ}\n\n本文 ![](z.png)\n";
        let (html, noted) = html_noting(text, &BodyContext::default(), true, Script::Japanese);
        assert!(html.contains("<ruby>犢橋") && html.contains("<ruby>花見川"), "{html}");
        assert_links(
            text,
            &[
                ("@area/a", 1, 4, false, false),
                ("x/", 3, 1, false, false),
                ("y/", 3, 11, false, false),
                ("z.png", 7, 4, true, true),
            ],
        );
        assert_eq!(noted, Some(links_of(text)));
        assert_eq!(html_noting(text, &BodyContext::default(), false, Script::Japanese).1, None);
    }

    #[test]
    fn headings_are_demoted_and_get_unicode_ids() {
        let r = render("# 見守りの仕組み\n\ntext\n\n## Two words\n\n## Two words\n");
        assert!(r.html.contains(r#"<h2 id="見守りの仕組み">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h3 id="two-words">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h3 id="two-words-2">"#), "{}", r.html);
        assert!(!r.html.contains("<h1"));
    }

    // A body's highest headings are <h2> whatever mark it uses for them (the guide says `##`),
    // and those under them keep their distance; a skip within the body stays the body's own.
    #[test]
    fn a_bodys_highest_headings_are_h2() {
        let r = render("## 取組み\n\n### 成果\n\n## 課題\n");
        assert!(r.html.contains(r#"<h2 id="取組み">"#) && r.html.contains(r#"<h2 id="課題">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h3 id="成果">"#), "{}", r.html);
        let deep = render("### a\n\n###### b\n");
        assert!(deep.html.contains("<h2 id=\"a\">") && deep.html.contains("<h5 id=\"b\">"), "{}", deep.html);
        assert!(render("# a\n\n###### b\n").html.contains("<h6 id=\"b\">"), "the lowest is h6");
    }

    #[test]
    fn markdown_links_and_heading_attributes_cannot_run_code() {
        let r = render("[a](javascript:alert(1)) [b]( JavaScript:x) ![c](data:text/html,x) [d](https://x.jp/) [e](tel:0432455111)\n\n# 見出し {#h .c onclick=alert(1) style=x}\n");
        assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
        assert!(!r.html.contains("data:") && !r.html.contains("onclick") && !r.html.contains("style="), "{}", r.html);
        assert!(
            r.html.contains(r#"href="https://x.jp/""#) && r.html.contains(r#"href="tel:0432455111""#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"id="h""#), "{}", r.html);
        let r = render("<a href=\"vbscript:x\">v</a> <a href=\"ftp://x\">f</a>\n");
        assert!(!r.html.contains("vbscript") && !r.html.contains("ftp:"), "{}", r.html);
    }

    #[test]
    fn raw_html_is_sanitized() {
        let r = render("hello <script>alert(1)</script> <a href=\"javascript:x()\" onclick=\"y()\">l</a> <ruby>漢<rt>かん</rt></ruby>\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(r.html.contains("<ruby>"), "{}", r.html);
    }

    #[test]
    fn tables_and_footnotes_render() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n\nnote[^1]\n\n[^1]: the note\n");
        assert!(r.html.contains("<table>") && r.html.contains("<th>a</th>"), "{}", r.html);
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
    }

    #[test]
    fn fenced_code_is_highlighted_with_classes_not_styles() {
        let r = render("```yaml\nkey: value\n```\n");
        assert!(r.html.contains("class=\"hl-"), "{}", r.html);
        assert!(!r.html.contains("style="), "{}", r.html);
    }

    // The search text has what the page shows as text: a block highlighted as a language is
    // left out of it (the page shows it as HTML made by the highlighter), a plain block is in it.
    #[test]
    fn highlighted_code_is_left_out_of_the_search_text() {
        let r = render("before\n\n```yaml\nrota_key: 1\n```\n\n```\nplain code\n```\n\nafter\n");
        assert!(r.html.contains("rota_key") && r.html.contains("class=\"hl-"), "{}", r.html);
        assert_eq!(r.sections.len(), 1);
        assert_eq!(r.sections[0].text, "before plain code after");
    }

    #[test]
    fn plain_text_is_collected() {
        let r = render("# A\n\nb *c*\n");
        assert_eq!((r.sections[0].heading.as_str(), r.sections[0].text.as_str()), ("A", "b c"));
    }

    #[test]
    fn sections_follow_headings_with_their_ids() {
        let r = render("intro\n\n## 見守り\n\nvisits\n\n## Meals\n\nlunch\n");
        let got: Vec<(Option<&str>, &str, &str)> =
            r.sections.iter().map(|s| (s.id.as_deref(), s.heading.as_str(), s.text.as_str())).collect();
        assert_eq!(got, [(None, "", "intro"), (Some("見守り"), "見守り", "visits"), (Some("meals"), "Meals", "lunch")]);
    }

    // A reading becomes ruby in the text, never in code or a picture's alternative text; the
    // search text and the heading id read the name alone.
    #[test]
    fn readings_are_ruby_outside_code_and_pictures() {
        let r = render("# {犢橋|こてはし}\n\n{犢橋|こてはし}地区 `{a|b}` ![{x|y}](p.png)\n\n```\n{c|d}\n```\n");
        assert!(
            r.html.contains("<h2 id=\"犢橋\"><ruby>犢橋<rp>（</rp><rt>こてはし</rt><rp>）</rp></ruby></h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<ruby>犢橋<rp>（</rp><rt>こてはし</rt><rp>）</rp></ruby>地区"), "{}", r.html);
        assert!(
            r.html.contains("<code>{a|b}</code>") && r.html.contains("alt=\"{x|y}\"") && r.html.contains("{c|d}"),
            "{}",
            r.html
        );
        assert_eq!(r.sections[0].heading, "犢橋");
        assert!(r.sections[0].text.starts_with("犢橋地区"), "{:?}", r.sections);
    }

    // In a body in another language, runs of Japanese text are marked as such, in headings
    // too, not in code or a picture's text; the heading's id and the search text stay as read.
    #[test]
    fn japanese_in_a_body_in_another_language_is_marked() {
        let source = "## The 見守り network\n\nSearch for 松ヶ丘中学校地区 online. `コード` ![写真](p.png)\n";
        let (html, _) = html_noting(source, &BodyContext::default(), false, Script::Other);
        assert!(
            html.contains(r#"<h2 id="the-見守り-network">The <span lang="ja">見守り</span> network</h2>"#),
            "{html}"
        );
        assert!(html.contains(r#"Search for <span lang="ja">松ヶ丘中学校地区</span> online."#), "{html}");
        assert!(html.contains("<code>コード</code>") && html.contains(r#"alt="写真""#), "{html}");
        let (ja, _) = html_noting(source, &BodyContext::default(), false, Script::Japanese);
        assert!(!ja.contains("<span lang"), "{ja}");
        let sections = sections_with(source, &BodyContext::default());
        assert_eq!(sections[0].heading, "The 見守り network");
    }

    #[test]
    fn headings_leave_the_pages_own_ids_to_the_page() {
        let set = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect();
        let ids = PageIds::new(set(&["main", "policies"]), set(&["district-"]));
        assert!(ids.has("main") && ids.has("policies") && ids.has("district-12"));
        assert!(!ids.has("district-") && !ids.has("district-a") && !ids.has(""));
        // The search's sections and the page's headings get the same ids.
        let context = BodyContext { readings: Readings::default(), page_ids: ids };
        let source = "## Policies\n\nx\n\n## Main {#main}\n\ny\n\n## District 3\n\nz\n\n## Policies\n";
        let expected = ["policies-2", "main-2", "district-3-2", "policies-3"];
        let sections: Vec<String> = sections_with(source, &context).into_iter().filter_map(|s| s.id).collect();
        assert_eq!(sections, expected);
        let html = html_with(source, &context);
        for id in expected {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id}: {html}");
        }
    }
}
