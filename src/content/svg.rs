//! SVG files among the content are published as they are and open on the site's own origin,
//! where a script in them would run with the site's rights. So an SVG with anything active is
//! refused (not cleaned: a cleaned drawing may no longer show what the editor meant): scripts,
//! event handlers, `javascript:` and other non-image addresses, embedded HTML, external
//! references, entity declarations. Drawings exported by Illustrator, Inkscape or PowerPoint
//! have none of these.

use crate::diag::{Code, Diagnostic, Location};

/// [`check`] for a media file that is an SVG (by its extension); other files pass.
pub(crate) fn check_if_svg(file: &str, bytes: &[u8]) -> Option<Diagnostic> {
    file.to_ascii_lowercase().ends_with(".svg").then(|| check(file, bytes)).flatten()
}

/// The first active thing in an SVG file, as a located error; `None` when it is a plain drawing.
pub(crate) fn check(file: &str, bytes: &[u8]) -> Option<Diagnostic> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(
            Diagnostic::error(Code::UnsafeSvg, Location::file(file), crate::diag::msg!("svg-not-utf8"))
                .with_hint(crate::diag::msg!("svg-not-utf8-hint")),
        );
    };
    let (offset, what) = find_active(text)?;
    let (line, column) = line_column(text, offset);
    Some(
        Diagnostic::error(
            Code::UnsafeSvg,
            Location::at(file, line, column),
            crate::diag::msg!("unsafe-svg", what = what),
        )
        .with_hint(crate::diag::msg!("unsafe-svg-hint")),
    )
}

/// The byte offset and a description of the first active construct.
fn find_active(text: &str) -> Option<(usize, &'static str)> {
    let lower = text.to_ascii_lowercase();
    // Markup declarations: a document type's internal subset can declare entities and attribute
    // defaults (an `onload` every `<svg>` gets, a namespace under any prefix), so none is
    // allowed; a style sheet of another file, by a processing instruction or `@import`.
    const MARKUP: [(&str, &str); 6] = [
        ("<!entity", "entity"),
        ("<!attlist", "entity"),
        ("<!element", "entity"),
        ("<!notation", "entity"),
        ("<?xml-stylesheet", "stylesheet"),
        ("@import", "stylesheet"),
    ];
    let mut first: Option<(usize, &'static str)> = None;
    let mut note = |at: usize, what: &'static str| {
        if first.is_none_or(|(f, _)| at < f) {
            first = Some((at, what));
        }
    };
    for (needle, what) in MARKUP {
        if let Some(at) = lower.find(needle) {
            note(at, what);
        }
    }
    // Another encoding than UTF-8, declared (`encoding="ISO-2022-JP"`) or not (UTF-16 without
    // its byte-order mark): a browser reads the bytes otherwise than this check does. Control
    // characters (the escapes of ISO-2022-JP, the zero bytes of UTF-16) are none of UTF-8 text's.
    if let Some(at) = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        note(at, "encoding");
    }
    if lower.starts_with("<?xml") {
        let declaration = &lower[..lower.find("?>").unwrap_or(lower.len())];
        if let Some(at) = declaration.find("encoding") {
            let value = declaration[at + "encoding".len()..].trim_start().trim_start_matches('=');
            let value = attribute_value(value).trim();
            if value != "utf-8" && value != "utf8" {
                note(at, "encoding");
            }
        }
    }
    // A character reference to an ASCII letter, digit or sign (`&#74;avascript:`, `u&#114;l(`,
    // `&#64;import`) hides a word from every scan here; drawings programs write such characters
    // as they are (they encode only what markup needs: `&`, `<`, `>`, quotes, white space).
    let mut from = 0;
    while let Some(at) = lower[from..].find("&#").map(|p| p + from) {
        from = at + 2;
        let end = lower[from..].find(';').map_or(lower.len(), |e| e + from + 1);
        let hidden = decode(&lower[at..end]).chars().next().filter(|_| end > from);
        if hidden.is_some_and(|c| c.is_ascii_graphic() && !matches!(c, '&' | '<' | '>' | '"' | '\'')) {
            note(at, "encoded");
        }
    }
    // Style sheets (`<style>`), as a browser reads them: without the markup's comments and CDATA
    // marks, which can split a word (`@imp<!-- -->ort`). CSS escapes (`\75 rl(`) are refused, as
    // are imports, fonts, `image-set` and any address with a scheme.
    let mut from = 0;
    while let Some(at) = lower[from..].find("<style").map(|p| p + from) {
        let end = lower[at..].find("</style").map_or(lower.len(), |e| e + at);
        from = end;
        let mut css = String::new();
        let mut rest = &lower[at..end];
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.split_once("-->").map_or("", |(_, r)| r);
            } else if let Some(after) = rest.strip_prefix("<![cdata[") {
                rest = after;
            } else if let Some(after) = rest.strip_prefix("]]>") {
                rest = after;
            } else {
                let c = rest.chars().next().unwrap_or(' ');
                css.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        if let Some(what) = css_problem(&css) {
            note(at, what);
        }
    }
    // Elements by their local name, in any namespace and whatever the letters of its prefix:
    // `<svg:script>`, `<h:script>`, `<é:script>` are scripts as much as `<script>`.
    let bytes = lower.as_bytes();
    for at in memchr::memchr_iter(b'<', bytes) {
        let name_len = bytes[at + 1..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .unwrap_or(bytes.len() - at - 1);
        let name = &lower[at + 1..at + 1 + name_len];
        let local = name.rsplit(':').next().unwrap_or(name);
        let what = match local {
            "script" => "script",
            "foreignobject" => "foreign-object",
            "iframe" | "frame" | "frameset" => "iframe",
            "embed" | "object" => "object",
            "handler" | "listener" => "handler",
            _ => continue,
        };
        note(at, what);
    }
    // Attributes: event handlers (`onload=`), and addresses that are not in the file itself
    // (`href="#id"`) or an embedded image. An attribute's name is all it has up to the space
    // before it (`x.y:href`, `é:href`).
    let mut i = 0;
    while let Some(eq) = lower[i..].find('=').map(|p| p + i) {
        i = eq + 1;
        let before = lower[..eq].trim_end();
        let Some((start, c)) = before.char_indices().rev().find(|(_, c)| c.is_whitespace() || "\"'<>/".contains(*c))
        else {
            continue;
        };
        if !c.is_whitespace() {
            continue;
        }
        let name_start = start + c.len_utf8();
        let name = &before[name_start..];
        if name.starts_with("on") && name.len() > 2 {
            note(name_start, "handler-attribute");
            continue;
        }
        let value = attribute_value(&lower[i..]);
        // HTML (or MathML) in a drawing is live HTML, whatever its elements are called.
        if name == "xmlns" || name.starts_with("xmlns:") {
            let v = decode(value);
            if v.contains("/1999/xhtml") || v.contains("/math/mathml") {
                note(name_start, "foreign-object");
            }
            continue;
        }
        if name == "href" || name.ends_with(":href") || name == "src" {
            let v = decode(value);
            let v = v.trim();
            if !v.starts_with('#') && !is_embedded_image(v) {
                note(name_start, "link");
            }
        } else {
            let v: String = decode(value).chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
            if v.contains("javascript:") || v.contains("vbscript:") || v.contains("data:text") {
                note(name_start, "script-address");
            } else if name == "attributename" && v.ends_with("href") {
                // An animation of an address (`<set attributeName="href" to=…>`) sets what the
                // address rule above refuses to have written.
                note(name_start, "link");
            } else if !name.contains(':') {
                // A value of the drawing's own attributes (presentation attributes, `style`,
                // an animation's `to`, `values`…) is read as CSS or as an address: held to the
                // style sheets' rule. (Other vocabularies' attributes, `rdf:resource`,
                // `inkscape:export-filename`, are not read by a browser.)
                if let Some(what) = css_problem(&decode(value)) {
                    note(name_start, what);
                }
            }
        }
    }
    first
}

/// What in `css` (lower case, character references decoded) could fetch another file or hide
/// a word from this check: a CSS escape, an import, a font, `image-set`, an address with a
/// scheme or from another host (`//`), a `url(` of anything but the drawing's own parts or an
/// embedded image.
fn css_problem(css: &str) -> Option<&'static str> {
    if css.contains('\\') {
        return Some("css-escape");
    }
    if ["@import", "@font-face", "image-set"].iter().any(|w| css.contains(w)) {
        return Some("stylesheet");
    }
    let mut url = css.match_indices("url(").map(|(at, _)| css[at + 4..].trim_start().trim_start_matches(['"', '\'']));
    (url.any(|v| !v.starts_with('#') && !is_embedded_image(v)) || css.contains("://")).then_some("link")
}

/// Whether an address (lower case) is an image embedded in the file itself.
fn is_embedded_image(v: &str) -> bool {
    ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"].iter().any(|p| v.starts_with(p))
}

/// The value of an attribute, from just after its `=`.
fn attribute_value(rest: &str) -> &str {
    let rest = rest.trim_start();
    match rest.chars().next() {
        Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
        _ => rest.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
    }
}

/// Numeric character references decoded, as a browser decodes an attribute value.
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after.find(';').unwrap_or(after.len());
        let digits = &after[..end];
        let n = match digits.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => digits.parse().ok(),
        };
        match n.and_then(char::from_u32) {
            Some(c) => out.push(c),
            None => out.push_str(&rest[at..at + 2 + end]),
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

fn line_column(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u64, column as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_drawings_pass() {
        let svg = r##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/><use xlink:href="#g"/><image href="data:image/png;base64,AAAA"/><text>a = b</text></svg>"##;
        assert!(check("content/a.svg", svg.as_bytes()).is_none());
        // Japanese text beside an `=`, the standard document type, a UTF-8 declaration.
        let svg = r##"<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg><text>合計=100 件数 =3 &#160;&#x3000;&amp;&#38;</text><rect style="fill:url(#g)"/></svg>"##;
        assert!(check("content/a.svg", svg.as_bytes()).is_none(), "{:?}", check("content/a.svg", svg.as_bytes()));
        // As Illustrator and Inkscape write them: a style sheet of classes in CDATA, metadata
        // with addresses of its own vocabulary, an animation of a colour.
        let svg = r##"<svg xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"><style type="text/css"><![CDATA[ .st0{fill:#FFFFFF;} .st1{font-family:'KozGoPr6N-Regular';} ]]></style><metadata><rdf:RDF><cc:Work rdf:about=""><dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/></cc:Work></rdf:RDF></metadata><rect class="st0"><animate attributeName="fill" values="red;blue" dur="2s"/></rect></svg>"##;
        assert!(check("content/a.svg", svg.as_bytes()).is_none(), "{:?}", check("content/a.svg", svg.as_bytes()));
    }

    #[test]
    fn active_drawings_are_refused_where_the_problem_is() {
        for (svg, what) in [
            ("<svg>\n  <script>alert(1)</script></svg>", "a script"),
            ("<svg>\n<SCRIPT>x</SCRIPT></svg>", "a script"),
            ("<svg onload=\"alert(1)\"/>", "event handler"),
            ("<svg><rect ONclick='x'/></svg>", "event handler"),
            ("<svg><a href=\"javascript:alert(1)\">x</a></svg>", "link"),
            ("<svg><a xlink:href=\"&#106;avascript:x\">x</a></svg>", "link"),
            ("<svg><image href=\"https://tracker.example/x.png\"/></svg>", "link"),
            ("<svg><foreignObject><div/></foreignObject></svg>", "HTML"),
            ("<!DOCTYPE svg [<!ENTITY x \"y\">]><svg/>", "document type"),
            ("<svg><set attributeName=\"fill\" to=\"java&#x09;script:x\"/></svg>", "script address"),
            // In another namespace, or an XHTML one.
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:svg=\"http://www.w3.org/2000/svg\"><svg:script>x</svg:script></svg>",
                "a script",
            ),
            ("<svg><h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">x</h:script></svg>", "a script"),
            ("<svg><x:foreignObject/></svg>", "HTML"),
            ("<svg><h:p xmlns:h=\"http://www.w3.org/1999/&#120;html\">x</h:p></svg>", "HTML"),
            ("<svg xmlns=\"http://www.w3.org/1999/xhtml\"><p/></svg>", "HTML"),
            ("<svg><m:math xmlns:m=\"http://www.w3.org/1998/Math/MathML\"/></svg>", "HTML"),
            // Attribute defaults and namespaces of a document type; prefixes of any letters.
            ("<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"alert(1)\">]><svg/>", "document type"),
            ("<svg><é:script>x</é:script></svg>", "a script"),
            ("<svg xmlns:x.y=\"http://www.w3.org/1999/xlink\"><a x.y:href=\"javascript:x\">x</a></svg>", "link"),
            ("<svg><text>合計</text><a é:href=\"https://x.example/\">x</a></svg>", "link"),
            // Another encoding than UTF-8, declared or not.
            ("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><svg/>", "encoding"),
            ("<\u{0}s\u{0}v\u{0}g\u{0}>\u{0}", "encoding"),
            // Style sheets of other files.
            ("<svg><style>@import url(https://x.example/a.css);</style></svg>", "style sheet"),
            ("<svg><rect style=\"fill:url( 'https://x.example/p.png')\"/></svg>", "link"),
            // Words hidden by character references, CSS escapes, comments and CDATA; addresses
            // set by an animation; fetches without `url(`.
            ("<svg><a><set attributeName=\"href\" to=\"&#74;avascript:alert(1)\"/></a></svg>", "link"),
            ("<svg><a><set attributeName=\"fill\" to=\"&#74;avascript:alert(1)\"/></a></svg>", "character reference"),
            ("<svg><a><set attributeName=\"xlink:href\" to=\"#x\"/></a></svg>", "link"),
            ("<svg><image><set attributeName=\"href\" to=\"http://x.example/a.png\"/></image></svg>", "link"),
            ("<svg><style>@\\69mport \"http://x.example/a.css\";</style></svg>", "escape"),
            ("<svg><style>@imp<!-- x -->ort \"a.css\";</style></svg>", "style sheet"),
            ("<svg><style>@imp<![CDATA[ort \"a.css\";]]></style></svg>", "style sheet"),
            ("<svg><style>svg{background:image-set(\"a.png\" 1x)}</style></svg>", "style sheet"),
            ("<svg><rect filter=\"\\75 rl(http://x.example/f.svg#f)\"/></svg>", "escape"),
            ("<svg style=\"background-image:u&#114;l(a.png)\"/>", "link"),
            ("<svg><text>&#74;ava</text></svg>", "character reference"),
            ("<svg><rect><set attributeName=\"fill\" to=\"url(http://x.example/p.svg#p)\"/></rect></svg>", "link"),
        ] {
            let d = check("content/a.svg", svg.as_bytes()).unwrap_or_else(|| panic!("{svg} passed"));
            assert!(d.message.en().contains(what), "{svg}: {}", d.message);
        }
        let d = check("content/a.svg", b"<svg>\n  <script>").unwrap();
        assert_eq!((d.location.line, d.location.column), (2, 3));
    }
}
