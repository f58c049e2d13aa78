//! Escaping for each context plansite writes text into by hand (templates escape HTML by
//! themselves): HTML/XML text and attributes, a `<script type="application/ld+json">` block,
//! and cells of the open-data CSV. Every function here is total: any string in, safe text out.

/// Whether `c` may appear in an XML 1.0 document (and is not a C0/C1 control character that
/// HTML reports as a parse error), nor an explicit bidirectional embedding or override
/// (U+202A–U+202E), which reorders what follows it to the end of its paragraph: a title ending
/// in U+202E showed the site's name after it backwards in `<title>`. (Isolates, U+2066–U+2069,
/// and the marks U+200E/U+200F end where they should and are kept.) Tab, line feed and carriage
/// return are kept.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || !(c.is_control()
            || ('\u{fdd0}'..='\u{fdef}').contains(&c)
            || (c as u32) & 0xfffe == 0xfffe
            || ('\u{202a}'..='\u{202e}').contains(&c))
}

/// A page made by templates without the characters [`xml`] drops (control characters but tab
/// and line breaks, non-characters): its values may come from YAML escapes such as `"\0"`. A
/// page without any is returned as it is, without copying. The page is UTF-8 (the templates
/// write strings); it is taken as bytes so that it is not checked again.
pub(crate) fn without_forbidden(page: Vec<u8>) -> Vec<u8> {
    if has_forbidden(&page) {
        String::from_utf8_lossy(&page).chars().filter(|c| allowed(*c)).collect::<String>().into_bytes()
    } else {
        page
    }
}

/// Whether `text` has a character [`allowed`] refuses. Every such character starts with a
/// byte of few (an ASCII control, or the lead byte of C1 controls, of U+2000–U+2FFF, of
/// U+FDD0–U+FFFF, or of the planes above); only the characters starting with one are decoded, so the some 300 MB of
/// pages of a large site are not decoded character by character.
fn has_forbidden(text: &[u8]) -> bool {
    // Branch-free, so that a block is tested in a few vector instructions.
    fn suspect(b: u8) -> bool {
        (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')
            | (b == 0x7F)
            | (b == 0xC2)
            | (b == 0xE2)
            | (b == 0xEF)
            | (b >= 0xF0)
    }
    const BLOCK: usize = 64;
    text.chunks(BLOCK).enumerate().any(|(n, block)| {
        block.iter().fold(false, |any, b| any | suspect(*b))
            && block.iter().enumerate().any(|(i, b)| {
                // A suspect byte is ASCII or a lead byte: the start of a character.
                suspect(*b) && char_at(text, n * BLOCK + i).is_some_and(|c| !allowed(c))
            })
    })
}

/// The character starting at byte `at` of `text`, if one does.
fn char_at(text: &[u8], at: usize) -> Option<char> {
    text.get(at..text.len().min(at + 4))?.utf8_chunks().next()?.valid().chars().next()
}

/// Text for HTML, SVG or XML written by hand: `& < > "` escaped, characters XML forbids
/// (control characters, U+FFFE, U+FFFF, non-characters) dropped, so a feed always parses.
pub(crate) fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| allowed(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A site path for a URL: every byte but ASCII letters, digits, `/` and `-._~` percent-encoded,
/// so a file named `町の 写真,1.jpg` is one unambiguous URL (also inside a `srcset`, where a
/// space or a comma would split it).
pub(crate) fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// JSON to put inside `<script type="application/ld+json">`: `<`, `>`, `&` and the line
/// separators U+2028/U+2029 written as `\uXXXX` (as Go's html/template does), so neither
/// `</script>` nor `<!--` can end or change the script element, whatever the text holds.
pub(crate) fn json_in_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The text of an attribute value as [`xml`] (or the Markdown renderer) escaped it.
pub(crate) fn unescape_attr(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    v.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// Whether a URL written in content may be a link or an image source: `http:`, `https:`,
/// `mailto:`, `tel:` or a relative address. The scheme is read as a browser reads it (tabs,
/// line breaks and leading spaces or control characters ignored, letters in any case), so
/// `java\tscript:` and ` JavaScript:` are caught.
pub(crate) fn url_is_safe(url: &str) -> bool {
    let cleaned: String =
        url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let end = cleaned.find([':', '/', '?', '#']).unwrap_or(cleaned.len());
    if !cleaned[end..].starts_with(':') {
        return true;
    }
    let scheme = cleaned[..end].to_ascii_lowercase();
    ["http", "https", "mailto", "tel"].contains(&scheme.as_str())
}

/// The schemes [`url_is_safe`] lets through, for the HTML sanitiser.
pub(crate) const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether a CSV cell would be read as a formula by a spreadsheet (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return, or with a sign a spreadsheet may take for one of them:
/// any whose compatibility form is one, such as the full-width `＝`, `＋`, `－`, `＠` that a
/// Japanese input method types and the small `﹦`, `﹢`, `﹣`, `﹫`, or the minus sign `−`), or is
/// one already escaped by [`csv_cell`].
fn needs_quote(s: &str) -> bool {
    use unicode_normalization::UnicodeNormalization as _;
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\u{2212}') => true,
        Some('\'') => needs_quote(&s[1..]),
        Some(c) if !c.is_ascii() => {
            std::iter::once(c).nfkc().next().is_some_and(|f| matches!(f, '=' | '+' | '-' | '@'))
        }
        _ => false,
    }
}

/// A cell of the open-data CSV that a spreadsheet shows as text, never runs as a formula: a
/// leading `'` is added where [`needs_quote`] (OWASP's advice for CSV injection). Reversible
/// with [`csv_cell_value`], so the open data can be read back in.
pub(crate) fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if needs_quote(s) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The value of a cell written by [`csv_cell`] (the added `'` taken off).
pub(crate) fn csv_cell_value(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => s,
    }
}

/// A YAML double-quoted scalar.
pub(crate) fn yaml_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The byte scan finds a refused character exactly where decoding every character does:
    // each character of Unicode, alone and between Japanese text, and a page with none.
    #[test]
    fn forbidden_characters_are_found_by_their_bytes() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("全角！{c}（あ）").into_bytes();
            assert_eq!(has_forbidden(&text), !allowed(c), "{c:?}");
            assert_eq!(without_forbidden(text.clone()) == text, allowed(c), "{c:?}");
        }
        let page = "<p>支え合い\tの\r\nまち\u{FFFD}\u{FEFF}\u{1F600}</p>";
        assert!(!has_forbidden(page.as_bytes()));
        assert_eq!(without_forbidden(format!("{page}\u{1}\u{FFFF}x").into_bytes()), format!("{page}x").into_bytes());
    }

    #[test]
    fn json_ld_cannot_end_or_comment_out_its_script() {
        let j = serde_json::json!({"name": "<!--<script></script>&\u{2028}\u{2029}"}).to_string();
        let s = json_in_script(&j);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
        assert!(!s.contains('\u{2028}') && !s.contains('\u{2029}'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["name"], "<!--<script></script>&\u{2028}\u{2029}");
    }

    #[test]
    fn only_web_mail_and_phone_urls_pass() {
        for ok in [
            "https://a.jp/x",
            "http://a",
            "mailto:a@b.jp",
            "tel:043-245-5111",
            "../x/",
            "x.pdf",
            "#top",
            "/a:b",
            "?q=a:b",
            "",
        ] {
            assert!(url_is_safe(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "\u{1}javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!url_is_safe(bad), "{bad}");
        }
    }

    #[test]
    fn xml_text_drops_what_xml_forbids() {
        assert_eq!(xml("a\u{0}b\u{1}c\u{b}d\u{7f}e\u{fffe}f\u{ffff}g\u{1fffe}"), "abcdefg");
        assert_eq!(xml("tab\there\nline"), "tab\there\nline");
        assert_eq!(xml("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn csv_cells_never_start_a_formula_and_read_back() {
        for (v, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("'quoted", "'quoted"),
            ("＝HYPERLINK(\"http://x\")", "'＝HYPERLINK(\"http://x\")"),
            ("＠SUM(A1)", "'＠SUM(A1)"),
            ("﹦HYPERLINK(\"http://x\")", "'﹦HYPERLINK(\"http://x\")"),
            ("﹢1", "'﹢1"),
            ("﹣1", "'﹣1"),
            ("﹫SUM(A1)", "'﹫SUM(A1)"),
            ("\u{2212}2", "'\u{2212}2"),
            ("⁼x", "'⁼x"),
            ("'﹦x", "''﹦x"),
            ("見守り", "見守り"),
            ("ー（長音）", "ー（長音）"),
            ("～10件", "～10件"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(v), written, "{v:?}");
            assert_eq!(csv_cell_value(&csv_cell(v)), v, "{v:?} reads back");
        }
    }
}
