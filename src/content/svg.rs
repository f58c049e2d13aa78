//! SVG files among the content are published as they are and open on the site's own origin,
//! where a script in them would run with the site's rights. So an SVG is read as a browser
//! reads it, by an XML parser (`roxmltree`: namespaces resolved, character and entity
//! references expanded, comments and CDATA gone), and published only if every element is one of
//! a drawing's, or of a label's formatted text, and nothing in it is active. It is refused, not
//! cleaned: a cleaned drawing may no longer show what the editor meant. Refused: what is not
//! well-formed XML (a browser shows no drawing from it either), elements that are not a
//! drawing's or a label's (scripts, forms, frames, MathML), event handlers, addresses other than
//! the file's own parts, an embedded image or a link to a web page, style sheets that fetch or
//! hide words, declarations other than entities of plain text, other encodings. Drawings
//! exported by Illustrator (with its editing data), Inkscape, PowerPoint or draw.io (with its
//! HTML labels) have none of these.

use crate::diag::{msg, Code, Diagnostic, Location};

const SVG: &str = "http://www.w3.org/2000/svg";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
const MATHML: &str = "http://www.w3.org/1998/Math/MathML";
const XML: &str = "http://www.w3.org/XML/1998/namespace";
const XLINK: &str = "http://www.w3.org/1999/xlink";

/// How deep drawings embedded as images (`data:image/svg+xml`) may nest: draw.io's icons are
/// one level down.
const MAX_DEPTH: u8 = 4;

/// How many bytes the entities of a drawing may add to it once expanded: Illustrator's
/// namespaces add a few hundred. (An entity of plain text cannot grow a billionfold, but one of
/// 100 KB used 100,000 times in a 400 KB file is 10 GB.)
const MAX_EXPANSION: usize = 1 << 20;

/// How many entities, namespace prefixes and attributes of one element a drawing may have:
/// drawing programs write a dozen or two at most, and the XML parser's work grows with the
/// square of each (a 239 KB file of 10,000 prefixes held a check for minutes).
const MAX_ENTITIES: usize = 64;
const MAX_PREFIXES: usize = 64;
const MAX_ATTRIBUTES: usize = 512;

/// The elements of SVG 1.1 and SVG 2 that draw, group, describe, paint or animate (their
/// addresses are checked as every address is). `foreignObject` holds a label's formatted text
/// (what is in it is checked as everything is). Not here: `script`, the handlers of SVG Tiny,
/// and anything else, which a browser might learn to run. (Inkscape 0.92's flowed text,
/// `flowRoot`…, of a draft of SVG 1.2, is text a browser does not draw.)
#[rustfmt::skip]
const ELEMENTS: [&str; 87] = [
    "a", "altGlyph", "altGlyphDef", "altGlyphItem", "animate", "animateColor", "animateMotion",
    "animateTransform", "circle", "clipPath", "color-profile", "cursor", "defs", "desc", "discard",
    "ellipse", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
    "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode",
    "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile",
    "feTurbulence", "filter", "flowDiv", "flowPara", "flowRegion", "flowRegionExclude", "flowRoot",
    "flowSpan", "font", "font-face", "font-face-format", "font-face-name",
    "font-face-src", "font-face-uri", "foreignObject", "g", "glyph", "glyphRef", "hkern", "image", "line",
    "linearGradient", "marker", "mask", "metadata", "missing-glyph", "mpath", "path", "pattern",
    "polygon", "polyline", "radialGradient", "rect", "set", "stop", "style", "svg", "switch",
    "symbol", "text", "textPath", "title", "tref", "tspan", "use", "view", "vkern",
];

/// The HTML elements of a label's formatted text (draw.io writes its labels as HTML in a
/// `foreignObject`): text, its emphasis and size, lists, tables, line breaks, and an image or a
/// link (whose addresses are checked as every address is). Not here: scripts, style sheets,
/// forms, frames, media, and anything else.
#[rustfmt::skip]
const HTML_ELEMENTS: [&str; 57] = [
    "a", "abbr", "b", "big", "blockquote", "br", "caption", "center", "code", "col", "colgroup",
    "dd", "del", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp",
    "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "tt", "u", "ul", "wbr",
];

/// The attributes of those elements: layout, colour, language, names, and the addresses of
/// `<a>` and `<img>`. Not here: handlers, `srcset`, `contenteditable`, form attributes…
#[rustfmt::skip]
const HTML_ATTRIBUTES: [&str; 25] = [
    "align", "alt", "bgcolor", "border", "cellpadding", "cellspacing", "class", "color", "colspan",
    "dir", "face", "height", "href", "id", "lang", "rel", "rowspan", "size", "span", "src", "style",
    "target", "title", "valign", "width",
];

/// Which vocabulary an element is of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Vocabulary {
    /// SVG's (or no namespace, read as SVG's, the stricter way).
    Drawing,
    /// XHTML's: a label's formatted text.
    Html,
    /// Another's (Inkscape's, Illustrator's, RDF metadata): not read by a browser.
    Other,
}

/// [`check`] for a media file that is an SVG (by its extension); other files pass.
pub(crate) fn check_if_svg(file: &str, bytes: &[u8]) -> Option<Diagnostic> {
    file.to_ascii_lowercase().ends_with(".svg").then(|| check(file, bytes)).flatten()
}

/// What makes an SVG file unpublishable.
#[derive(Debug)]
enum Problem {
    /// Something active, named by its key in `unsafe-svg`.
    Active(&'static str),
    /// An element that is not a drawing's, by its name as written.
    Element(String),
    /// An attribute of a label's HTML that labels do not have, by its name as written.
    Attribute(String),
    /// Not well-formed XML: the parser's words.
    NotXml(String),
}

/// The first active thing in an SVG file, as a located error; `None` when it is a plain drawing.
pub(crate) fn check(file: &str, bytes: &[u8]) -> Option<Diagnostic> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(
            Diagnostic::error(Code::UnsafeSvg, Location::file(file), msg!("svg-not-utf8"))
                .with_hint(msg!("svg-not-utf8-hint")),
        );
    };
    let (offset, problem) = find_problem(text, 0)?;
    let location = Location::in_text(file, text, offset);
    let (message, hint) = match problem {
        Problem::Active(what) => (msg!("unsafe-svg", what = what), msg!("unsafe-svg-hint")),
        Problem::Element(name) => (msg!("svg-unknown-element", name = name), msg!("unsafe-svg-hint")),
        Problem::Attribute(name) => (msg!("svg-unknown-attribute", name = name), msg!("unsafe-svg-hint")),
        Problem::NotXml(why) => (msg!("svg-not-xml", why = why), msg!("svg-not-xml-hint")),
    };
    Some(Diagnostic::error(Code::UnsafeSvg, location, message).with_hint(hint))
}

/// The byte offset and kind of the first problem; `depth` counts the drawings this one is
/// embedded in.
fn find_problem(text: &str, depth: u8) -> Option<(usize, Problem)> {
    let mut first: Option<(usize, Problem)> = None;
    let note = |first: &mut Option<(usize, Problem)>, at: usize, problem: Problem| {
        if first.as_ref().is_none_or(|(f, _)| at < *f) {
            *first = Some((at, problem));
        }
    };
    // What the parser takes in without showing it. Markup declarations: a document type's
    // internal subset can declare attribute defaults (an `onload` every `<svg>` gets, a
    // namespace under any prefix) and entities of markup, so none is allowed but an entity of
    // plain text, as Illustrator declares its namespaces (`<!ENTITY ns_ai "http://…">`), which
    // the parser expands as a browser does. (The standard document type, `<!DOCTYPE svg PUBLIC
    // …>`, declares nothing and passes.)
    let lower = text.to_ascii_lowercase();
    for needle in ["<!attlist", "<!element", "<!notation"] {
        if let Some(at) = lower.find(needle) {
            note(&mut first, at, Problem::Active("entity"));
        }
    }
    // (An entity declared twice has the first value in XML, and only one is checked: refused.)
    let mut entities: Vec<(&str, usize)> = Vec::new();
    let mut expansion = 0usize;
    for (at, _) in lower.match_indices("<!entity") {
        // (A drawing embedded as a picture has none: its entities would count anew at each
        // level, multiplying the budget.)
        if depth > 0 || entities.len() == MAX_ENTITIES {
            note(&mut first, at, Problem::Active("too-complex"));
            break;
        }
        match text_entity(&text[at + "<!entity".len()..]) {
            Some((name, len)) if !entities.iter().any(|(n, _)| *n == name) => {
                entities.push((name, len));
                let uses = text.matches(&format!("&{name};")).count();
                expansion = expansion.saturating_add(uses.saturating_mul(len));
                if expansion > MAX_EXPANSION {
                    note(&mut first, at, Problem::Active("entity"));
                }
            }
            _ => note(&mut first, at, Problem::Active("entity")),
        }
    }
    // Namespace prefixes declared (each counted once) and attributes of a start tag (a value
    // has no `<`, so the `="` between two `<` are at least a tag's attributes).
    let mut prefixes: Vec<&str> = Vec::new();
    for (at, _) in text.match_indices("xmlns:") {
        let rest = &text[at + 6..];
        let name = &rest[..rest.find(|c: char| c == '=' || c.is_ascii_whitespace()).unwrap_or(rest.len())];
        if !prefixes.contains(&name) {
            prefixes.push(name);
            if prefixes.len() > MAX_PREFIXES {
                note(&mut first, at, Problem::Active("too-complex"));
                break;
            }
        }
    }
    let mut from = 0;
    for part in text.split('<') {
        if part.matches("=\"").count() + part.matches("='").count() > MAX_ATTRIBUTES {
            note(&mut first, from, Problem::Active("too-complex"));
            break;
        }
        from += part.len() + 1;
    }
    // Another encoding than UTF-8, declared (`encoding="ISO-2022-JP"`) or not (UTF-16 without
    // its byte-order mark): a browser reads the bytes otherwise than this check does. Control
    // characters (the escapes of ISO-2022-JP, the zero bytes of UTF-16) are none of UTF-8 text's.
    if let Some(at) = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        note(&mut first, at, Problem::Active("encoding"));
    }
    if lower.starts_with("<?xml") {
        let declaration = &lower[..lower.find("?>").unwrap_or(lower.len())];
        if let Some(at) = declaration.find("encoding") {
            let value = declaration[at + "encoding".len()..].trim_start().trim_start_matches('=');
            let value = attribute_value(value).trim();
            // A file of ASCII alone reads the same in the Latin encodings old Illustrator
            // declares; any other encoding (UTF-7 is ASCII too) is refused.
            let latin = matches!(value, "iso-8859-1" | "latin1" | "windows-1252" | "us-ascii" | "ascii");
            if value != "utf-8" && value != "utf8" && !(latin && text.is_ascii()) {
                note(&mut first, at, Problem::Active("encoding"));
            }
        }
    }
    if first.is_some() {
        return first;
    }
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    let doc = match roxmltree::Document::parse_with_options(text, options) {
        Ok(doc) => doc,
        Err(e) => {
            let pos = e.pos();
            let why = e.to_string();
            let why = why.rsplit_once(" at ").map_or(why.as_str(), |(w, _)| w).to_string();
            return Some((offset_of(text, pos.row, pos.col), Problem::NotXml(why)));
        }
    };
    for node in doc.descendants() {
        if let Some(pi) = node.pi() {
            if pi.target.eq_ignore_ascii_case("xml-stylesheet") {
                note(&mut first, node.range().start, Problem::Active("stylesheet"));
            }
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let at = node.range().start;
        let name = node.tag_name().name();
        // Elements without a namespace are read as a drawing's, the stricter way.
        let namespace = node.tag_name().namespace().filter(|n| !n.is_empty());
        let vocabulary = match namespace {
            None | Some(SVG) => Vocabulary::Drawing,
            Some(XHTML) => Vocabulary::Html,
            Some(_) => Vocabulary::Other,
        };
        if let Some(problem) = element_problem(namespace, name) {
            note(&mut first, at, problem);
        }
        if vocabulary == Vocabulary::Drawing && name == "style" {
            // A browser reads a style sheet from the text directly under `<style>` and skips
            // any element in it, so `@imp<g>x</g>ort` is an import there: no element is allowed
            // in a style sheet (no drawing program writes one), and its text is read as a
            // browser reads it.
            if let Some(child) = node.children().find(|n| n.is_element()) {
                note(&mut first, child.range().start, Problem::Active("style-markup"));
            }
            let css: String = node.children().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
            if let Some(what) = css_problem(&css.to_ascii_lowercase()) {
                note(&mut first, at, Problem::Active(what));
            }
        }
        for attribute in node.attributes() {
            // An empty namespace (`xmlns:p=""`, an error in XML 1.0 that XML 1.1 allows) is none.
            let namespace = attribute.namespace().filter(|n| !n.is_empty());
            let owner = (vocabulary, name);
            if let Some(problem) = attribute_problem(owner, namespace, attribute.name(), attribute.value(), depth) {
                note(&mut first, attribute.range().start, problem);
            }
        }
    }
    first
}

/// Why an element (by namespace and local name) cannot be in a published drawing.
fn element_problem(namespace: Option<&str>, name: &str) -> Option<Problem> {
    // Known active elements by their lower-case local name, in any namespace: a name to tell
    // the editor what was found.
    let active = match name.to_ascii_lowercase().as_str() {
        "script" => Some("script"),
        // (SVG's own holds a label's HTML, checked as everything is.)
        "foreignobject" if !matches!(namespace, None | Some(SVG)) => Some("foreign-object"),
        "iframe" | "frame" | "frameset" => Some("iframe"),
        "embed" | "object" => Some("object"),
        "handler" | "listener" => Some("handler"),
        _ => None,
    };
    let known = |names: &[&str]| names.binary_search(&name).is_ok();
    match namespace {
        // MathML in a drawing is live markup, whatever its elements are called.
        Some(MATHML) => Some(Problem::Active(active.unwrap_or("foreign-object"))),
        Some(XHTML) => match active {
            Some(what) => Some(Problem::Active(what)),
            None if !known(&HTML_ELEMENTS) => Some(Problem::Element(name.to_string())),
            None => None,
        },
        None | Some(SVG) => match active {
            Some(what) => Some(Problem::Active(what)),
            None if !known(&ELEMENTS) => Some(Problem::Element(name.to_string())),
            None => None,
        },
        // Other vocabularies (Inkscape's, Illustrator's, RDF metadata) are not read by a
        // browser; their names are still refused when they are a script's.
        Some(_) => active.map(Problem::Active),
    }
}

/// Why an attribute of an element (by its vocabulary and local name) cannot be published.
fn attribute_problem(
    owner: (Vocabulary, &str),
    namespace: Option<&str>,
    name: &str,
    value: &str,
    depth: u8,
) -> Option<Problem> {
    let (vocabulary, element) = owner;
    let active = |what| Some(Problem::Active(what));
    let lower_name = name.to_ascii_lowercase();
    if namespace.is_none() && lower_name.starts_with("on") && lower_name.len() > 2 {
        return active("handler-attribute");
    }
    // Addresses (`href` in any namespace, `src`).
    if lower_name == "href" || (namespace.is_none() && lower_name == "src") {
        return address_problem(element, namespace, value, depth);
    }
    // A base address (`xml:base`) makes even the file's own parts (`#id`) another file's.
    if namespace == Some(XML) && lower_name == "base" {
        return active("link");
    }
    let value = value.to_ascii_lowercase();
    let squeezed: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    if ["javascript:", "vbscript:", "data:text"].iter().any(|s| squeezed.contains(s)) {
        return active("script-address");
    }
    // A link's window: a new one (`_blank`, which gets no hold on this page) or this one. A
    // named window, or `rel="opener"`, lets the linked page send this tab elsewhere (to a
    // look-alike login page, say).
    if vocabulary != Vocabulary::Other && namespace.is_none() {
        match lower_name.as_str() {
            "target" if !matches!(value.as_str(), "" | "_blank" | "_self" | "_top" | "_parent") => {
                return active("link-target")
            }
            "rel" if value.split_ascii_whitespace().any(|t| t == "opener") => return active("link-target"),
            "ping" => return active("link"),
            _ => {}
        }
    }
    match vocabulary {
        // Other vocabularies' attributes (`rdf:resource`, `inkscape:export-filename`) are not
        // read by a browser.
        Vocabulary::Other => None,
        // A label's HTML: only the attributes labels have (names as written: XHTML's are
        // case-sensitive), its style held to the style sheets' rule.
        Vocabulary::Html => {
            let known = match namespace {
                // (`data-*` holds a program's notes, draw.io's `data-drawio-colors`.)
                None => name.starts_with("data-") || HTML_ATTRIBUTES.binary_search(&name).is_ok(),
                Some(XML) => matches!(name, "lang" | "space"),
                Some(_) => false,
            };
            if !known {
                return Some(Problem::Attribute(name.to_string()));
            }
            if name == "style" {
                return css_problem(&value).map(Problem::Active);
            }
            None
        }
        Vocabulary::Drawing if namespace.is_some() => None,
        Vocabulary::Drawing => {
            if lower_name == "attributename" {
                // An animation of an address or a handler (`<set attributeName="href" to=…>`)
                // sets what the rules above refuse to have written.
                let target = squeezed.rsplit(':').next().unwrap_or("");
                if target == "href" || target == "ping" {
                    return active("link");
                }
                if target == "target" || target == "rel" {
                    return active("link-target");
                }
                if target.starts_with("on") {
                    return active("handler-attribute");
                }
            }
            // The conditions of `<switch>` name features and languages by addresses and codes
            // that are compared, never fetched (draw.io writes `requiredFeatures="http://…"`);
            // data a program keeps in its drawing (draw.io's `content`, the diagram itself,
            // `data-*`) is read by no browser as CSS or as an address.
            if matches!(lower_name.as_str(), "requiredfeatures" | "requiredextensions" | "systemlanguage" | "content")
                || lower_name.starts_with("data-")
            {
                return None;
            }
            // A value of the drawing's own attributes (presentation attributes, `style`, an
            // animation's `to`, `values`…) is read as CSS or as an address: held to the style
            // sheets' rule.
            css_problem(&value).map(Problem::Active)
        }
    }
}

/// Why an address (an `href` in `namespace`, or a `src`) of an element (by local name) cannot
/// be published. Allowed: the file's own parts (`#id`), an embedded picture, a link of `<a>` to
/// a web page, an e-mail address or a phone number (draw.io links its help page), and, as an
/// image, an embedded drawing that passes this check itself (draw.io's icons).
fn address_problem(element: &str, namespace: Option<&str>, value: &str, depth: u8) -> Option<Problem> {
    // (Trimmed as a browser's address parser does: a no-break space is part of it.)
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    let v = value.to_ascii_lowercase();
    if v.starts_with('#') || is_embedded_image(&v) {
        return None;
    }
    let link = matches!(namespace, None | Some(XLINK));
    if element == "a" && link && ["http://", "https://", "mailto:", "tel:"].iter().any(|s| v.starts_with(s)) {
        return None;
    }
    if matches!(element, "image" | "feImage" | "img") && v.starts_with("data:image/svg+xml") {
        return embedded_drawing_problem(value, depth);
    }
    Some(Problem::Active("link"))
}

/// The problem of a drawing embedded as a `data:image/svg+xml` address, as a browser decodes
/// it (percent-decoded, then base64 if it says so, forgiving whitespace and missing padding).
fn embedded_drawing_problem(address: &str, depth: u8) -> Option<Problem> {
    use base64::Engine as _;
    if depth + 1 >= MAX_DEPTH {
        return Some(Problem::Active("link"));
    }
    let unreadable = || Some(Problem::NotXml("an embedded drawing (data:image/svg+xml) cannot be decoded".to_string()));
    let Some((meta, data)) = address.split_once(',') else {
        return unreadable();
    };
    let mut bytes: Vec<u8> = percent_encoding::percent_decode_str(data).collect();
    if meta.to_ascii_lowercase().trim_end().ends_with(";base64") {
        bytes.retain(|b| !b.is_ascii_whitespace());
        let engine = base64::engine::GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
                .with_decode_allow_trailing_bits(true),
        );
        match engine.decode(&bytes) {
            Ok(decoded) => bytes = decoded,
            Err(_) => return unreadable(),
        }
    }
    match std::str::from_utf8(&bytes) {
        Ok(text) => find_problem(text, depth + 1).map(|(_, problem)| problem),
        Err(_) => Some(Problem::Active("encoding")),
    }
}

/// What in `css` (lower case, character references decoded) could fetch another file or hide
/// a word from this check: a CSS escape, an import, a font, `image-set`, an address with a
/// scheme or from another host (`//`), a `url(` of anything but the drawing's own parts or an
/// embedded image.
fn css_problem(css: &str) -> Option<&'static str> {
    if css.contains('\\') {
        return Some("css-escape");
    }
    if ["@import", "image-set"].iter().any(|w| css.contains(w)) {
        return Some("stylesheet");
    }
    // A font of the drawing's own (`@font-face { src: url(data:font/woff2;…) }`, as Excalidraw
    // embeds its hand-drawn font) fetches nothing; a font from elsewhere is an address as any.
    let mut url = css.match_indices("url(").map(|(at, _)| css[at + 4..].trim_start().trim_start_matches(['"', '\'']));
    (url.any(|v| !v.starts_with('#') && !is_embedded_image(v) && !is_embedded_font(v)) || css.contains("://"))
        .then_some("link")
}

/// The name a declaration declares and the length of its value, from just after its `<!ENTITY`,
/// if it is an entity of plain text: `name "value"` (or in single quotes) and `>`, the value
/// without markup (`<`) and references (`&`, `%`) that could make markup of it or grow it a
/// billionfold. Parameter entities (`% name`) and external ones (`SYSTEM "…"`) are not plain
/// text.
fn text_entity(rest: &str) -> Option<(&str, usize)> {
    let space = |c: char| c.is_ascii_whitespace();
    let rest = rest.strip_prefix(space)?.trim_start_matches(space);
    let (name, rest) = rest.split_at(rest.find(space).unwrap_or(rest.len()));
    if name.is_empty() || name.contains(['%', '"', '\'', '<', '>', '&']) {
        return None;
    }
    let rest = rest.trim_start_matches(space);
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let (value, rest) = rest[1..].split_once(quote)?;
    (!value.contains(['<', '&', '%']) && rest.trim_start_matches(space).starts_with('>')).then_some((name, value.len()))
}

/// Whether an address (lower case) is a font embedded in the file itself.
fn is_embedded_font(v: &str) -> bool {
    ["data:font/", "data:application/font-woff", "data:application/x-font-woff"].iter().any(|p| v.starts_with(p))
}

/// Whether an address (lower case) is an image embedded in the file itself.
fn is_embedded_image(v: &str) -> bool {
    // (`image/jpg` is not a registered type, but programs write it and browsers show it.)
    ["data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp"]
        .iter()
        .any(|p| v.starts_with(p))
}

/// The value of an attribute, from just after its `=`.
fn attribute_value(rest: &str) -> &str {
    let rest = rest.trim_start();
    match rest.chars().next() {
        Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
        _ => rest.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
    }
}

/// The byte offset of a parser's position (row and column from 1, the column in characters).
fn offset_of(text: &str, row: u32, col: u32) -> usize {
    let line_start = text.split_inclusive('\n').take(row.saturating_sub(1) as usize).map(str::len).sum::<usize>();
    let line = &text[line_start..];
    line_start + line.char_indices().nth(col.saturating_sub(1) as usize).map_or(line.len(), |(i, _)| i)
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
        let svg = r##"<svg xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"><style type="text/css"><![CDATA[ .st0{fill:#FFFFFF;} .st1{font-family:'KozGoPr6N-Regular';} ]]></style><metadata><rdf:RDF><cc:Work rdf:about=""><dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/></cc:Work></rdf:RDF></metadata><rect class="st0"><animate attributeName="fill" values="red;blue" dur="2s"/></rect></svg>"##;
        assert!(check("content/a.svg", svg.as_bytes()).is_none(), "{:?}", check("content/a.svg", svg.as_bytes()));
    }

    #[test]
    fn active_drawings_are_refused_where_the_problem_is() {
        for (svg, what) in [
            ("<svg>\n  <script>alert(1)</script></svg>", "a script"),
            ("<svg>\n<SCRIPT>x</SCRIPT></svg>", "a script"),
            ("<svg xmlns=\"http://www.w3.org/2000/svg\"><Script>x</Script></svg>", "a script"),
            ("<svg onload=\"alert(1)\"/>", "event handler"),
            ("<svg><rect ONclick='x'/></svg>", "event handler"),
            ("<svg><a href=\"javascript:alert(1)\">x</a></svg>", "link"),
            ("<svg><a xlink:href=\"&#106;avascript:x\">x</a></svg>", "link"),
            ("<svg><image href=\"https://tracker.example/x.png\"/></svg>", "link"),
            // HTML outside the XHTML namespace is an unknown element; entities of markup, of
            // references, of parameters or of other files are declarations.
            ("<svg><foreignObject><div/></foreignObject></svg>", "`<div>`"),
            ("<!DOCTYPE svg [<!ENTITY x \"&#60;script&#62;x&#60;/script&#62;\">]><svg>&x;</svg>", "document type"),
            ("<!DOCTYPE svg [<!ENTITY x \"<script>x</script>\">]><svg>&x;</svg>", "document type"),
            ("<!DOCTYPE svg [<!ENTITY a \"aa\"><!ENTITY b \"&a;&a;\">]><svg>&b;</svg>", "document type"),
            ("<!DOCTYPE svg [<!ENTITY % p \"x\">]><svg/>", "document type"),
            ("<!DOCTYPE svg [<!ENTITY x SYSTEM \"https://x.example/e\">]><svg/>", "document type"),
            ("<!DOCTYPE svg [<!ENTITY x 'y'><!ATTLIST svg onload CDATA 'x'>]><svg/>", "document type"),
            ("<!DOCTYPE svg [<!ENTITY x \"#a\"><!ENTITY x \"https://x.example/\">]><svg/>", "document type"),
            // A plain entity expanded where a browser expands it, in a namespace too.
            ("<!DOCTYPE svg [<!ENTITY js \"javascript:alert(1)\">]><svg><a href=\"&js;\">x</a></svg>", "link"),
            ("<!DOCTYPE svg [<!ENTITY h \"http://www.w3.org/1999/xhtml\">]><svg><h:input xmlns:h=\"&h;\"/></svg>", "`<input>`"),
            ("<svg><set attributeName=\"fill\" to=\"java&#x09;script:x\"/></svg>", "script address"),
            // In another namespace, or an XHTML one.
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:svg=\"http://www.w3.org/2000/svg\"><svg:script>x</svg:script></svg>",
                "a script",
            ),
            ("<svg><h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">x</h:script></svg>", "a script"),
            ("<svg xmlns:x=\"urn:x\"><x:foreignObject/></svg>", "HTML"),
            ("<svg><h:input xmlns:h=\"http://www.w3.org/1999/&#120;html\"/></svg>", "`<input>`"),
            ("<svg xmlns=\"http://www.w3.org/1999/xhtml\"><p/></svg>", "`<svg>`"),
            ("<svg><m:math xmlns:m=\"http://www.w3.org/1998/Math/MathML\"/></svg>", "HTML"),
            // Attribute defaults and namespaces of a document type; prefixes of any letters.
            ("<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"alert(1)\">]><svg/>", "document type"),
            ("<svg><é:script xmlns:é=\"urn:x\">x</é:script></svg>", "a script"),
            ("<svg xmlns:x.y=\"http://www.w3.org/1999/xlink\"><a x.y:href=\"javascript:x\">x</a></svg>", "link"),
            ("<svg><text>合計</text><a xmlns:é=\"urn:x\" é:href=\"https://x.example/\">x</a></svg>", "link"),
            // Another encoding than UTF-8, declared or not.
            ("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><svg/>", "encoding"),
            ("<\u{0}s\u{0}v\u{0}g\u{0}>\u{0}", "encoding"),
            // Style sheets of other files.
            ("<svg><style>@import url(https://x.example/a.css);</style></svg>", "style sheet"),
            ("<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"https://x.example/a.css\"?><svg/>", "style sheet"),
            ("<svg><rect style=\"fill:url( 'https://x.example/p.png')\"/></svg>", "link"),
            // Words hidden by character references, CSS escapes, comments and CDATA; addresses
            // set by an animation; fetches without `url(`.
            ("<svg><a><set attributeName=\"href\" to=\"&#74;avascript:alert(1)\"/></a></svg>", "link"),
            ("<svg><a><set attributeName=\"fill\" to=\"&#74;avascript:alert(1)\"/></a></svg>", "script address"),
            ("<svg><a><set attributeName=\"xlink:href\" to=\"#x\"/></a></svg>", "link"),
            ("<svg><set attributeName=\"onbegin\" to=\"alert(1)\"/></svg>", "event handler"),
            ("<svg xmlns:p=\"\" p:onload=\"alert(1)\"/>", "event handler"),
            ("<svg xml:base=\"http://x.example/\"><a href=\"#x\">x</a></svg>", "link"),
            ("<svg><image><set attributeName=\"href\" to=\"http://x.example/a.png\"/></image></svg>", "link"),
            ("<svg><style>@\\69mport \"http://x.example/a.css\";</style></svg>", "escape"),
            ("<svg><style>@imp<!-- x -->ort \"a.css\";</style></svg>", "style sheet"),
            ("<svg><style>@imp<![CDATA[ort \"a.css\";]]></style></svg>", "style sheet"),
            // An element in a style sheet is skipped by a browser: `@imp<g>x</g>ort` imports.
            ("<svg><style>@imp<g>x</g>ort \"//x.example/a.css\";</style></svg>", "style sheet"),
            ("<svg><style>svg{background:u<desc>x</desc>rl(//x.example/p.png)}</style></svg>", "link"),
            ("<svg><style>svg{fill:red}<g/></style></svg>", "markup inside a style sheet"),
            ("<?xml version=\"1.0\" encoding=\"UTF-7\"?><svg/>", "encoding"),
            ("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><svg><text>caf\u{e9}</text></svg>", "encoding"),
            ("<svg><style>svg{background:image-set(\"a.png\" 1x)}</style></svg>", "style sheet"),
            ("<svg><style>@font-face{font-family:f;src:url(//x.example/f.woff2)}</style></svg>", "link"),
            ("<svg><style>@font-face{font-family:f;src:url(f.woff2)}</style></svg>", "link"),
            ("<svg><rect filter=\"\\75 rl(http://x.example/f.svg#f)\"/></svg>", "escape"),
            ("<svg style=\"background-image:u&#114;l(a.png)\"/>", "link"),
            ("<svg><rect><set attributeName=\"fill\" to=\"url(http://x.example/p.svg#p)\"/></rect></svg>", "link"),
            // A label's HTML: only a label's elements and attributes, its addresses and style
            // held to the drawing's rules.
            (
                "<svg><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\"><script>x</script></div></foreignObject></svg>",
                "a script",
            ),
            ("<svg><foreignObject><iframe xmlns=\"http://www.w3.org/1999/xhtml\"/></foreignObject></svg>", "embedded page"),
            ("<svg><foreignObject><h:form xmlns:h=\"http://www.w3.org/1999/xhtml\"/></foreignObject></svg>", "`<form>`"),
            ("<svg><foreignObject><style xmlns=\"http://www.w3.org/1999/xhtml\">*{}</style></foreignObject></svg>", "`<style>`"),
            ("<svg><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\" onclick=\"x\"/></foreignObject></svg>", "event handler"),
            ("<svg><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\" contenteditable=\"\"/></foreignObject></svg>", "`contenteditable`"),
            ("<svg><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\" STYLE=\"x\"/></foreignObject></svg>", "`STYLE`"),
            (
                "<svg><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\" style=\"background:url(//x.example/p.png)\"/></foreignObject></svg>",
                "link",
            ),
            ("<svg><foreignObject><img xmlns=\"http://www.w3.org/1999/xhtml\" src=\"https://x.example/p.png\"/></foreignObject></svg>", "link"),
            ("<svg><foreignObject><a xmlns=\"http://www.w3.org/1999/xhtml\" href=\"javascript:x\">x</a></foreignObject></svg>", "link"),
            ("<svg><foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\" xml:base=\"https://x.example/\"/></foreignObject></svg>", "link"),
            // Links to pages only from `<a>`, nowhere else; no other address of `<a>`.
            ("<svg><use href=\"https://x.example/s.svg#s\"/></svg>", "link"),
            ("<svg><image href=\"https://x.example/p.png\"/></svg>", "link"),
            ("<svg><a href=\"other.html\">x</a></svg>", "link"),
            ("<svg><a href=\"data:image/svg+xml,%3Csvg/%3E\">x</a></svg>", "link"),
            // A link's window: a named one, or one given this page, can send this tab elsewhere.
            ("<svg><a href=\"https://x.example/\" target=\"win\"><rect/></a></svg>", "named window"),
            ("<svg><a href=\"https://x.example/\" target=\" _blank\"><rect/></a></svg>", "named window"),
            ("<svg><a href=\"https://x.example/\" target=\"_blank\"><set attributeName=\"target\" to=\"win\"/></a></svg>", "named window"),
            (
                "<svg><foreignObject><a xmlns=\"http://www.w3.org/1999/xhtml\" href=\"https://x.example/\" target=\"_blank\" rel=\"opener\">x</a></foreignObject></svg>",
                "named window",
            ),
            ("<svg><foreignObject><a xmlns=\"http://www.w3.org/1999/xhtml\" href=\"https://x.example/\" target=\"_new\">x</a></foreignObject></svg>", "named window"),
            ("<svg><a href=\"https://x.example/\" ping=\"//x.example/p\"><rect/></a></svg>", "link"),
            // A drawing embedded as a picture is checked as this one is, however it is encoded.
            ("<svg><image href=\"data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PngoKTwvc2NyaXB0Pjwvc3ZnPg\"/></svg>", "a script"),
            ("<svg><image href=\"data:image/svg+xml,%3Csvg%20onload=%22x%22/%3E\"/></svg>", "event handler"),
            ("<svg><image href=\"data:image/svg+xml;base64,!!!\"/></svg>", "cannot be decoded"),
            ("<svg><use href=\"data:image/svg+xml,%3Csvg/%3E\"/></svg>", "link"),
        ] {
            let d = check("content/a.svg", svg.as_bytes()).unwrap_or_else(|| panic!("{svg} passed"));
            assert!(d.message.en().contains(what), "{svg}: {}", d.message);
        }
        let d = check("content/a.svg", b"<svg>\n  <script>x</script></svg>").unwrap();
        assert_eq!((d.location.line, d.location.column), (2, 3));
        // Entities of plain text that would grow the file past what the check reads: refused
        // before parsing (100 KB used 11 times; 10 times passes).
        let big = |uses: usize| {
            format!(
                "<!DOCTYPE svg [<!ENTITY x \"{}\">]><svg><text>{}</text></svg>",
                "A".repeat(100_000),
                "&x;".repeat(uses)
            )
        };
        assert!(check("content/a.svg", big(10).as_bytes()).is_none());
        // More entities, prefixes or attributes than a drawing has; entities in a drawing
        // embedded as a picture.
        let many = |what: &str, n: usize| (0..n).map(|i| what.replace('#', &i.to_string())).collect::<String>();
        for (svg, ok) in [
            (format!("<!DOCTYPE svg [{}]><svg/>", many("<!ENTITY e# \"v\">", 64)), true),
            (format!("<!DOCTYPE svg [{}]><svg/>", many("<!ENTITY e# \"v\">", 65)), false),
            (format!("<svg {}/>", many("xmlns:p#=\"urn:x\" ", 64)), true),
            (format!("<svg {}/>", many("xmlns:p#=\"urn:x\" ", 65)), false),
            (format!("<svg><rect {}/></svg>", many("data-a#=\"\" ", 512)), true),
            (format!("<svg><rect {}/></svg>", many("data-a#='' ", 513)), false),
            (
                "<svg><image href=\"data:image/svg+xml,%3C!DOCTYPE svg [%3C!ENTITY x 'y'>]>%3Csvg/>\"/></svg>"
                    .to_string(),
                false,
            ),
        ] {
            let d = check("content/a.svg", svg.as_bytes());
            assert_eq!(d.is_none(), ok, "{}…: {d:?}", &svg[..60]);
            if let Some(d) = d {
                assert!(d.message.en().contains("more entities"), "{}", d.message);
            }
        }
        let d = check("content/a.svg", big(11).as_bytes()).unwrap_or_else(|| panic!("11 uses passed"));
        assert!(d.message.en().contains("document type"), "{}", d.message);
    }

    #[test]
    fn the_elements_are_sorted_for_binary_search() {
        assert!(ELEMENTS.is_sorted(), "ELEMENTS must stay sorted: a name out of order would be refused");
        assert!(HTML_ELEMENTS.is_sorted(), "HTML_ELEMENTS must stay sorted");
        assert!(HTML_ATTRIBUTES.is_sorted(), "HTML_ATTRIBUTES must stay sorted");
    }

    #[test]
    fn the_check_reads_the_drawing_as_a_browser_does() {
        // Words a character reference or CDATA would hide from a scan of the text are decoded.
        for svg in [
            "<svg><style><![CDATA[@imp]]><![CDATA[ort \"a.css\";]]></style></svg>",
            "<svg><rect fill=\"u&#x72;l(http://x.example/p.svg#p)\"/></svg>",
            "<svg><a xlink:href=\"&#x6a;avascript:x\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"/></svg>",
        ] {
            assert!(check("content/a.svg", svg.as_bytes()).is_some(), "{svg} passed");
        }
        // Elements that are not a drawing's, even harmless-looking ones, are refused by name;
        // another vocabulary's elements and attributes (editors' metadata) pass.
        let d = check("content/a.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\">\n<blink/></svg>").unwrap();
        assert!(d.message.en().contains("`<blink>`"), "{}", d.message);
        assert_eq!((d.location.line, d.location.column), (2, 1));
        let inkscape = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"><sodipodi:namedview pagecolor="#ffffff" inkscape:zoom="0.5"/><g inkscape:label="Layer 1" inkscape:groupmode="layer"><path d="M0 0h10" inkscape:export-filename="C:\Users\a\b.png"/></g></svg>"##;
        assert!(
            check("content/a.svg", inkscape.as_bytes()).is_none(),
            "{:?}",
            check("content/a.svg", inkscape.as_bytes())
        );
        // What drawing programs write that fetches nothing: draw.io's conditions, Inkscape
        // 0.92's flowed text, a JPEG labelled image/jpg, an old Illustrator file of ASCII
        // that declares Latin-1.
        for svg in [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><switch><g requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility"/><text>x</text></switch></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><flowRoot><flowRegion><rect width="9" height="9"/></flowRegion><flowPara>本文</flowPara></flowRoot></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/jpg;base64,AAAA"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><defs><style>@font-face { font-family: "Virgil"; src: url("data:font/woff2;base64,d09GMgABAAAA"); }</style></defs><text font-family="Virgil">x</text></svg>"#,
            r#"<?xml version="1.0" encoding="iso-8859-1"?><svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>"#,
            // draw.io's labels as HTML in a `foreignObject`, its diagram in `content`, its link
            // to its help page.
            r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" content="&lt;mxfile&gt;&lt;mxCell value=&quot;https://example.jp/ \ x&quot; link=&quot;https://example.jp/&quot;/&gt;&lt;/mxfile&gt;"><g data-cell-id="2"><switch><foreignObject style="overflow: visible; text-align: left;" pointer-events="none" width="100%" height="100%" requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility"><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex; align-items: unsafe center; width: 118px;"><div style="box-sizing: border-box; font-size: 0; text-align: center; "><div data-drawio-colors="color: rgb(0, 0, 0); " style="display: inline-block; font-size: 12px; font-family: Helvetica; color: #000000;">受付<br/><b>窓口</b><font color="#FF0000">（平日）</font><a href="https://www.example.jp/" target="_blank" rel="noopener noreferrer">詳しく</a></div></div></div></foreignObject><text x="60" y="34">受付</text></switch></g><switch><g requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility"/><a transform="translate(0,-5)" xlink:href="https://www.drawio.com/doc/faq/svg-export-text-problems" target="_blank"><text>Text is not SVG - cannot display</text></a></switch></svg>"##,
            // …and its icons, drawings embedded as pictures.
            r##"<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjxyZWN0IHdpZHRoPSI5IiBoZWlnaHQ9IjkiLz48L3N2Zz4="/><image href="data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E"/></svg>"##,
            // Illustrator's namespaces as entities, its editing data in its own vocabulary.
            r##"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
	<!ENTITY ns_ai 'http://ns.adobe.com/AdobeIllustrator/10.0/' >
]><svg xmlns:x="&ns_extend;" xmlns:i="&ns_ai;" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><switch><foreignObject requiredExtensions="&ns_ai;" x="0" y="0" width="1" height="1"><i:pgfRef xlink:href="#adobe_illustrator_pgf"></i:pgfRef></foreignObject><g i:extraneous="self"><rect width="9" height="9"/></g></switch><i:pgf id="adobe_illustrator_pgf"><![CDATA[eJzs/Vmz5DiSMAq+91j]]></i:pgf></svg>"##,
        ] {
            assert!(
                check("content/a.svg", svg.as_bytes()).is_none(),
                "{svg}: {:?}",
                check("content/a.svg", svg.as_bytes())
            );
        }
        // What is not well-formed XML shows no drawing in a browser: refused where it breaks.
        for (svg, at) in
            [("<svg>\n  <g></svg>", (2, 6)), ("<svg><x:rect/></svg>", (1, 7)), ("<svg>&nbsp;</svg>", (1, 6))]
        {
            let d = check("content/a.svg", svg.as_bytes()).unwrap_or_else(|| panic!("{svg} passed"));
            assert!(d.message.en().contains("not well-formed XML"), "{svg}: {}", d.message);
            assert!(!d.message.en().contains(" at "), "{svg}: the position is the location's: {}", d.message);
            assert_eq!((d.location.line, d.location.column), at, "{svg}");
        }
    }
}
