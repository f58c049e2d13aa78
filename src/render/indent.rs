//! Templates without their indentation. A theme's templates are indented for the people who
//! edit them; the pages need none of it (in the default theme, 3 % of a page's bytes).
//!
//! Each HTML template is given to tera without the spaces and tabs that start its lines of
//! text. The line break before them stays, so every run of white space a page had is still
//! white space where it was, and reads the same: in HTML, white space between words and tags
//! collapses to one space. What tera reads is left as written (tags, expressions, comments,
//! `{% raw %}` blocks), and so is the text of `<script>` and `<style>` elements.
//!
//! A theme with a `<pre>` or a `<textarea>` in any of its templates is loaded as written: their
//! spaces show, and the text inside one may come from another template (a block, a component).
//!
//! tera's messages name a line and column: a template that fails is read again as written, so
//! the message points into the file its author edits ([`super::templates::Templates`]).

/// Whether a theme's templates (their sources) may lose their indentation: none has a `<pre>`
/// or a `<textarea>`, whose spaces show.
pub(super) fn may_unindent<'a>(mut sources: impl Iterator<Item = &'a str>) -> bool {
    sources.all(|source| {
        let lower = source.to_ascii_lowercase();
        !lower.contains("<pre") && !lower.contains("<textarea")
    })
}

/// `source` without the spaces and tabs at the start of its lines of text; `None` where it has
/// none, or where a tag is not closed (tera then reads it as written, and says where).
pub(super) fn unindented(source: &str) -> Option<String> {
    let s = source.as_bytes();
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    // After a line break in text (not at the start: a template may go on a line of another).
    let mut line_start = false;
    // The end tag of the `<script>` or `<style>` whose text is kept as written.
    let mut kept_until: Option<&[u8]> = None;
    while i < s.len() {
        if s[i] == b'{' && matches!(s.get(i + 1), Some(b'{' | b'%' | b'#')) {
            let mut end = tag_end(s, i)?;
            if is_block(&s[i..end], b"raw") {
                end = raw_end(s, end)?;
            }
            out.extend_from_slice(&s[i..end]);
            i = end;
            line_start = false;
            continue;
        }
        let c = s[i];
        i += 1;
        if line_start && kept_until.is_none() && (c == b' ' || c == b'\t') {
            continue;
        }
        line_start = c == b'\n';
        if c == b'<' {
            let rest = &s[i..];
            kept_until = match kept_until {
                Some(end) if starts_with_ignoring_case(rest, &end[1..]) => None,
                Some(end) => Some(end),
                None => KEPT.iter().find(|(name, _)| opens(rest, name)).map(|(_, end)| *end),
            };
        }
        out.push(c);
    }
    // Only ASCII spaces and tabs after a line break were left out: the rest is whole UTF-8.
    (out.len() < s.len()).then(|| String::from_utf8(out).ok()).flatten()
}

/// The elements whose text is kept as written, and their end tags.
const KEPT: [(&[u8], &[u8]); 2] = [(b"script", b"</script"), (b"style", b"</style")];

/// Whether `rest` (after a `<`) opens the element `name`.
fn opens(rest: &[u8], name: &[u8]) -> bool {
    starts_with_ignoring_case(rest, name)
        && rest.get(name.len()).is_none_or(|c| matches!(c, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'))
}

fn starts_with_ignoring_case(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Where the tag, expression or comment starting at `start` ends (just after its closing
/// delimiter), reading over strings as tera's lexer does; `None` if it is not closed.
fn tag_end(s: &[u8], start: usize) -> Option<usize> {
    let close: &[u8] = match s.get(start + 1)? {
        b'{' => b"}}",
        b'%' => b"%}",
        _ => return memchr::memmem::find(&s[start + 2..], b"#}").map(|at| start + 2 + at + 2),
    };
    let mut j = start + 2;
    while j < s.len() {
        match s[j] {
            quote @ (b'"' | b'\'' | b'`') => {
                j += 1;
                while *s.get(j)? != quote {
                    j += if s[j] == b'\\' { 2 } else { 1 };
                }
                j += 1;
            }
            _ if s[j..].starts_with(close) => return Some(j + close.len()),
            _ => j += 1,
        }
    }
    None
}

/// Whether `tag` is the block tag `name` (`{% raw %}`, `{%- raw -%}`).
fn is_block(tag: &[u8], name: &[u8]) -> bool {
    let Some(inner) = tag.strip_prefix(b"{%").and_then(|t| t.strip_suffix(b"%}")) else { return false };
    let inner = inner.strip_prefix(b"-").unwrap_or(inner);
    let inner = inner.strip_suffix(b"-").unwrap_or(inner);
    inner.trim_ascii() == name
}

/// The end of the `{% endraw %}` after `from`; `None` if the raw block is not closed.
fn raw_end(s: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let open = at + memchr::memmem::find(&s[at..], b"{%")?;
        let end = open + 2 + memchr::memmem::find(&s[open + 2..], b"%}")? + 2;
        if is_block(&s[open..end], b"endraw") {
            return Some(end);
        }
        at = open + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera_render(source: &str, context: &tera::Context) -> String {
        let mut tera = tera::Tera::new();
        tera.add_raw_template("t.html", source).unwrap();
        tera.render("t.html", context).unwrap()
    }

    #[test]
    fn lines_of_text_lose_their_indentation_and_nothing_else() {
        let source = "<ul>\n  {% for x in xs -%}\n    <li>{{ x }}</li>\n  {% endfor -%}\n</ul>\n  <p>a\n\tb</p>";
        let out = unindented(source).unwrap();
        assert_eq!(out, "<ul>\n{% for x in xs -%}\n<li>{{ x }}</li>\n{% endfor -%}\n</ul>\n<p>a\nb</p>");
        let mut cx = tera::Context::new();
        cx.insert("xs", &["1", "2"]);
        assert_eq!(tera_render(&out, &cx), "<ul>\n<li>1</li>\n<li>2</li>\n</ul>\n<p>a\nb</p>");
        // Spaces inside a line, or at the start of the template, stay.
        assert_eq!(unindented("  <p>a  b</p>\n  <b>c</b>").unwrap(), "  <p>a  b</p>\n<b>c</b>");
        assert_eq!(unindented("<p>a</p>\n<p>b</p>"), None);
    }

    #[test]
    fn what_tera_reads_is_left_as_written() {
        // A string of a tag over two lines, a comment, a raw block, an expression with a string
        // holding a closing delimiter.
        let source = "{% set s = \"a\n   b %}\" %}\n  {# x\n   y #}\n  {% raw %}\n   {{ kept }}\n  {% endraw %}\n  {{ \"}}\n  x\" }}";
        let out = unindented(source).unwrap();
        assert_eq!(
            out,
            "{% set s = \"a\n   b %}\" %}\n{# x\n   y #}\n{% raw %}\n   {{ kept }}\n  {% endraw %}\n{{ \"}}\n  x\" }}"
        );
        assert_eq!(tera_render(&out, &tera::Context::new()), "\n\n\n   {{ kept }}\n  \n}}\n  x");
        // An escaped quote does not end the string.
        assert_eq!(unindented("{{ \"a\\\"\n  }}\" }}\n  x").unwrap(), "{{ \"a\\\"\n  }}\" }}\nx");
        // A tag left open: as written, for tera to say where.
        assert_eq!(unindented("<p>\n  {{ x"), None);
        assert_eq!(unindented("<p>\n  {% raw %}\n  x"), None);
    }

    #[test]
    fn scripts_and_styles_keep_their_text() {
        let source = "<SCRIPT type=\"module\">\n  let a = `x\n    y`;\n</script>\n  <style>\n  p {}\n  </style>\n  <p>";
        assert_eq!(
            unindented(source).unwrap(),
            "<SCRIPT type=\"module\">\n  let a = `x\n    y`;\n</script>\n<style>\n  p {}\n  </style>\n<p>"
        );
        // Not an element of those names.
        assert_eq!(unindented("<scripts>\n  x").unwrap(), "<scripts>\nx");
    }

    /// The text with the spaces and tabs after each line break left out.
    fn without_indentation(text: &str) -> String {
        let mut out = String::new();
        let mut line_start = false;
        for c in text.chars() {
            if line_start && (c == ' ' || c == '\t') {
                continue;
            }
            line_start = c == '\n';
            out.push(c);
        }
        out
    }

    proptest::proptest! {
        // Whatever a template is made of, its page without indentation is the page as written,
        // less the spaces and tabs after its line breaks: no line break, no other space, no
        // text, and nothing tera reads is lost or changed.
        #[test]
        fn a_page_loses_its_indentation_and_nothing_else(
            lines in proptest::collection::vec((0usize..4, 0usize..10), 1..24),
            flag: bool,
        ) {
            const INDENTS: [&str; 4] = ["", "  ", "\t", " \t  "];
            const PIECES: [&str; 10] = [
                "<p>a b</p>",
                "{{ v }} and {{ v }}",
                "{% if f %}x{% endif %}",
                "{% for i in xs %}\n  <li>{{ i }}</li>\n  {% endfor %}",
                "{% if f -%}\n   t\n   {%- endif %}",
                "{% if f %}\n    y\n  {% else %}\n\tz\n  {% endif %}",
                "<script>\n    s  \n  </script>",
                "{# a\n   comment #}",
                "{% raw %}\n  {{ r }}\n  {% endraw %}",
                "{{ \"q\n   r\" }}",
            ];
            let source: String =
                lines.iter().map(|&(indent, piece)| format!("{}{}\n", INDENTS[indent], PIECES[piece])).collect();
            let mut cx = tera::Context::new();
            cx.insert("v", "V");
            cx.insert("f", &flag);
            cx.insert("xs", &[1, 2]);
            let written = tera_render(&source, &cx);
            let given = tera_render(&unindented(&source).unwrap_or_else(|| source.clone()), &cx);
            proptest::prop_assert_eq!(without_indentation(&given), without_indentation(&written), "{}", source);
        }
    }

    #[test]
    fn a_theme_with_preformatted_text_keeps_its_indentation() {
        assert!(may_unindent(["<p>\n  x</p>", "<main>"].into_iter()));
        assert!(!may_unindent(["<p>", "<PRE>\n  x</PRE>"].into_iter()));
        assert!(!may_unindent(["<textarea>"].into_iter()));
    }
}
