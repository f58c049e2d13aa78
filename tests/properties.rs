//! Property tests: whatever text an editor puts in any text field of a site, the published site
//! runs no code of theirs and its machine-read files stay well-formed.
//!
//! Each case puts one generated string (arbitrary Unicode, or a mix of fragments that have
//! broken escaping elsewhere: `<!--<script>`, `</script>`, `javascript:`, `" onerror=`, control
//! characters, U+2028/2029, U+FFFE, BOM, `]]>`, `&`) into one text field of the other-city
//! fixture (site title, plan name, area name and slogan, case title and text, theme title and
//! summary, structure body, Markdown bodies), compiles the site in memory and checks every file
//! against every property. A compile that fails with content diagnostics publishes nothing and
//! passes.
//!
//! One compile serves all four properties (each generated case is checked against each), and
//! each page is parsed once for the checks that read HTML: the properties are the same as when
//! each had its own proptest, over twice the distinct inputs, at half the compiles. A page whose
//! bytes are those of the unchanged fixture's page is not parsed again: every check is a
//! function of a page's bytes, and the unchanged fixture passes every check (a test below).

mod support;

use proptest::prelude::*;
use scraper::{Html, Selector};

/// Where a generated string goes: a file of the fixture and the start of the line whose value
/// it replaces (as a YAML double-quoted scalar). A Markdown body (empty line start) gets the
/// raw string as its first paragraph.
const FIELDS: &[(&str, &str)] = &[
    ("content/site.yaml", "  en: \"Minato Town Mutual Support Plan\""),
    ("content/site.yaml", "  ja: みなと町 支え合いプラン"),
    ("content/site.yaml", "  en: \"A test site presenting"),
    ("content/plan.yaml", "  en: \"Minato Town Mutual Support Plan\""),
    ("content/plan.yaml", "  en: \"A seaside town where"),
    ("content/areas/north.yaml", "  en: \"North District\""),
    ("content/areas/north.yaml", "  en: \"Face-to-face ties"),
    ("content/areas/north.yaml", "  ja: 漁港のまちで"),
    ("content/cases/north-harbour-salon.yaml", "  en: \"Harbourside drop-in salon\""),
    ("content/cases/north-harbour-salon.yaml", "  en: \"A tea gathering"),
    ("content/themes/everyday-help.yaml", "  en: \"Everyday help between neighbours\""),
    ("content/themes/everyday-help.yaml", "  en: \"Neighbours help each other"),
    ("content/structure.yaml", "      en: \"Action Plan Promotion Committee\""),
    ("content/cases/north-harbour-salon.en.md", ""),
    ("content/areas/north.ja.md", ""),
];

/// `s` as a YAML double-quoted scalar that reads back as exactly `s`.
fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// A compiled site: every file, and the pages to check parsed as a browser would.
struct Site {
    files: Vec<(String, Vec<u8>)>,
    pages: Vec<(String, Html)>,
}

impl Site {
    /// The site of `files`; `skip` says which pages need no checking (parsing a page takes
    /// longer than compiling it in a debug build).
    fn new(files: Vec<(String, Vec<u8>)>, skip: impl Fn(&str, &[u8]) -> bool) -> Site {
        let pages = files
            .iter()
            .filter(|(p, b)| p.ends_with(".html") && !skip(p, b))
            .map(|(p, b)| (p.clone(), Html::parse_document(&String::from_utf8_lossy(b))))
            .collect();
        Site { files, pages }
    }
}

/// Whether `path` has exactly these bytes in the unchanged fixture's site.
fn as_in_fixture(path: &str, bytes: &[u8]) -> bool {
    support::compiled("other-city").site.get(path).as_deref() == Some(bytes)
}

/// The fixture with `value` in field `field`, compiled, with the pages that differ from the
/// fixture's parsed; `None` when the content was refused with diagnostics.
fn compile_with(field: usize, value: &str) -> Option<Site> {
    compile_files(field, value).map(|files| Site::new(files, as_in_fixture))
}

/// Where a generated string goes in the fixture.
#[derive(Debug, Clone)]
enum Spot {
    /// A block-style localized line: the line's start up to and with `: ` (`  en: `).
    Line { file: String, line: usize, key: String },
    /// One language of an inline map on a line: `item: {ja: …, en: …}`.
    Inline { file: String, line: usize, lang: &'static str },
    /// A Markdown body: the string goes in as its first paragraph.
    Body { file: String },
}

impl Spot {
    fn file(&self) -> &str {
        match self {
            Spot::Line { file, .. } | Spot::Inline { file, .. } | Spot::Body { file } => file,
        }
    }

    /// `text` (the file's text) with `value` in this spot.
    fn put(&self, text: &str, value: &str) -> String {
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        match self {
            Spot::Body { .. } => return format!("{value}\n\n{text}"),
            Spot::Line { line, key, .. } => lines[*line] = format!("{key}{}", yaml_quoted(value)),
            Spot::Inline { line, lang, .. } => {
                let l = &lines[*line];
                let at = [format!("{{{lang}: "), format!(", {lang}: ")]
                    .iter()
                    .find_map(|p| l.find(p.as_str()).map(|i| i + p.len()))
                    .unwrap_or_else(|| panic!("{self:?}: no {lang} in {l:?}"));
                let rest = &l[at..];
                let end = if let Some(quoted) = rest.strip_prefix('"') {
                    at + 2 + quoted.find('"').expect("a closing quote")
                } else {
                    at + rest.find([',', '}']).expect("the end of the value")
                };
                lines[*line] = format!("{}{}{}", &l[..at], yaml_quoted(value), &l[end..]);
            }
        }
        lines.join("\n") + "\n"
    }
}

/// Every text field of the fixture: the named [`FIELDS`] first (so their indices stay those of
/// the known inputs below), then every other localized text of every YAML file (block lines and
/// each language of inline maps) and every Markdown body.
fn spots() -> &'static [Spot] {
    static SPOTS: std::sync::OnceLock<Vec<Spot>> = std::sync::OnceLock::new();
    SPOTS.get_or_init(|| {
        let tree = support::tree("other-city");
        let mut out: Vec<Spot> = FIELDS
            .iter()
            .map(|&(file, start)| {
                if start.is_empty() {
                    return Spot::Body { file: file.to_string() };
                }
                let text = support::tree_text(&tree, file);
                let line =
                    text.lines().position(|l| l.starts_with(start)).unwrap_or_else(|| panic!("{file}: no {start:?}"));
                Spot::Line { file: file.to_string(), line, key: start[..start.find(": ").unwrap() + 2].to_string() }
            })
            .collect();
        let named = |file: &str, line: usize| {
            FIELDS.iter().any(|&(f, start)| {
                f == file && !start.is_empty() && {
                    let text = support::tree_text(&tree, f);
                    text.lines().position(|l| l.starts_with(start)) == Some(line)
                }
            })
        };
        let files: Vec<String> = tree.under("content/").map(|(p, _)| p.to_string()).collect();
        for file in files {
            if file.ends_with(".md") {
                if !FIELDS.iter().any(|&(f, start)| f == file && start.is_empty()) {
                    out.push(Spot::Body { file });
                }
                continue;
            }
            if !file.ends_with(".yaml") {
                continue;
            }
            let text = support::tree_text(&tree, &file);
            for (line, l) in text.lines().enumerate() {
                let trimmed = l.trim_start();
                let block =
                    ["ja: ", "en: "].iter().find(|p| trimmed.starts_with(**p) && !trimmed[4..].starts_with('{'));
                if let Some(p) = block {
                    if !named(&file, line) {
                        let key = format!("{}{p}", &l[..l.len() - trimmed.len()]);
                        out.push(Spot::Line { file: file.clone(), line, key });
                    }
                    continue;
                }
                for lang in ["ja", "en"] {
                    if l.contains(&format!("{{{lang}: ")) || (l.contains('{') && l.contains(&format!(", {lang}: "))) {
                        out.push(Spot::Inline { file: file.clone(), line, lang });
                    }
                }
            }
        }
        out
    })
}

/// The fixture with `value` in field `field`, compiled: every file of the site, or `None` when
/// the content was refused with diagnostics.
fn compile_files(field: usize, value: &str) -> Option<Vec<(String, Vec<u8>)>> {
    let spot = &spots()[field];
    let mut tree = support::tree("other-city");
    let changed = spot.put(&support::tree_text(&tree, spot.file()), value);
    tree.insert(spot.file(), changed);
    match plansite::compile(&tree, &plansite::CompileOptions::default()) {
        Ok(compiled) => Some(compiled.site.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect()),
        Err(plansite::BuildError::Content(_)) => None,
        Err(e) => panic!("not a content error: {e}"),
    }
}

/// Fragments that have broken escaping in some context or other.
const NASTY: &[&str] = &[
    "<!--<script>",
    "</script>",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "\" onerror=\"alert(1)",
    "' onmouseover='alert(1)'",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](JavaScript:alert(1))",
    "\n# h {onclick=alert(1)}\n",
    "]]>",
    "&",
    "&amp;",
    "&#0;",
    "<",
    ">",
    "-->",
    "\u{2028}",
    "\u{2029}",
    "\u{FFFE}",
    "\u{FFFF}",
    "\u{FEFF}",
    "\u{0}",
    "\u{7F}",
    "\u{85}",
    "{{ x }}",
    "{% raw %}",
    "\\",
    "\"",
    "'",
    "a",
    " ",
    "日本",
];

fn nasty_string() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        4 => proptest::sample::select(NASTY).prop_map(str::to_string),
        1 => (0u32..0x20).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        1 => any::<char>().prop_map(String::from),
    ];
    prop_oneof![
        3 => proptest::collection::vec(fragment, 1..6).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

fn case() -> impl Strategy<Value = (usize, String)> {
    (0..spots().len(), nasty_string())
}

/// 64 cases, from a fixed seed so every run checks the same cases; each compiles the site once
/// and checks every property. (When each property was a proptest of its own, each had 32
/// cases, the same 32 for all four: same strategy, same seed, so 32 distinct inputs and four
/// compiles of each.)
/// `PROPTEST_RNG_SEED=<n>` or `PROPTEST_CASES=<n>` explore further.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig { failure_persistence: None, ..ProptestConfig::default() };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 64;
    }
    if config.rng_seed == proptest::test_runner::RngSeed::Random {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(0x706c_616e);
    }
    config
}

/// The start of a long text, for a message.
fn short(text: &str) -> String {
    text.chars().take(300).collect()
}

/// One check of a compiled site.
type Check = fn(&Site) -> Result<(), String>;

/// Every property, by name.
const PROPERTIES: [(&str, Check); 4] = [
    ("no active code in pages", check_no_active_code),
    ("JSON-LD is JSON without angle brackets", check_json_ld),
    ("feeds, sitemap and JSON files are well-formed", check_machine_files),
    ("no NUL in pages and feeds", check_no_nul),
];

/// Whether a URL attribute runs code when followed (scheme compared as a browser does:
/// ignoring case, ASCII whitespace and control characters).
fn script_url(value: &str) -> bool {
    let url: String =
        value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:text/html"].iter().any(|s| url.starts_with(s))
}

/// No `<script>` but plansite's own (JSON-LD, and the theme's search script), no event handler
/// attribute and no script URL, in any page as a browser parses it.
fn check_no_active_code(site: &Site) -> Result<(), String> {
    let all = Selector::parse("*").unwrap();
    for (path, html) in &site.pages {
        for el in html.select(&all) {
            let v = el.value();
            if ["iframe", "object", "embed"].contains(&v.name()) {
                return Err(format!("{path}: a <{}> element", v.name()));
            }
            if v.name() == "script" {
                let ours = v.attr("type") == Some("application/ld+json")
                    || v.attr("src")
                        .is_some_and(|s| s.ends_with("static/js/search.js") || s.ends_with("static/js/site.js"));
                if !ours {
                    return Err(format!("{path}: a script that is not plansite's: {:?}", short(&el.html())));
                }
            }
            for (name, value) in v.attrs() {
                if name.to_ascii_lowercase().starts_with("on") {
                    return Err(format!("{path}: an event handler {name}={value:?} on <{}>", v.name()));
                }
                if ["href", "src", "action", "formaction", "srcset", "poster"].contains(&name) && script_url(value) {
                    return Err(format!("{path}: a script URL {name}={value:?}"));
                }
            }
        }
    }
    Ok(())
}

/// Every JSON-LD block, as a browser parses the page, is JSON without `<` or `>` (so nothing in
/// it can end or re-open the script element).
fn check_json_ld(site: &Site) -> Result<(), String> {
    let sel = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    for (path, html) in &site.pages {
        for el in html.select(&sel) {
            let text: String = el.text().collect();
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
                return Err(format!("{path}: JSON-LD does not parse ({e}): {:?}", short(&text)));
            }
            if text.contains(['<', '>']) {
                return Err(format!("{path}: JSON-LD holds < or >: {:?}", short(&text)));
            }
        }
    }
    Ok(())
}

/// Every `.xml` file (feeds, sitemap) is well-formed XML, and every `.json` file is JSON.
fn check_machine_files(site: &Site) -> Result<(), String> {
    for (path, bytes) in &site.files {
        if path.ends_with(".xml") {
            let text = std::str::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8: {e}"))?;
            roxmltree::Document::parse(text).map_err(|e| format!("{path}: not well-formed XML: {e}"))?;
        } else if path.ends_with(".json") || path.ends_with(".jsonld") {
            serde_json::from_slice::<serde_json::Value>(bytes).map_err(|e| format!("{path}: not JSON: {e}"))?;
        }
    }
    Ok(())
}

/// No page or feed carries a NUL character (browsers replace it, XML forbids it).
fn check_no_nul(site: &Site) -> Result<(), String> {
    for (path, bytes) in &site.files {
        if [".html", ".xml", ".json"].iter().any(|e| path.ends_with(e)) && bytes.contains(&0) {
            return Err(format!("{path}: a NUL byte"));
        }
    }
    Ok(())
}

/// Checks the fixture with `value` in `field` against the properties `what`.
fn check(field: usize, value: &str, what: &[(&str, Check)]) -> Result<(), TestCaseError> {
    if let Some(site) = compile_with(field, value) {
        for (name, check) in what {
            check(&site).map_err(|e| TestCaseError::fail(format!("{name}: {:?} ← {value:?}: {e}", spots()[field])))?;
        }
    }
    Ok(())
}

// The generator's quoting is YAML that reads back as exactly the generated text, so an input
// that is refused is refused for what it says, not for how it was written into the file.
#[test]
fn yaml_quoting_reads_back_as_the_text() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig { cases: 256, ..config() });
    runner
        .run(&nasty_string(), |value| {
            let read: String = serde_saphyr::from_str(&yaml_quoted(&value))
                .map_err(|e| TestCaseError::fail(format!("{value:?}: {e}")))?;
            prop_assert_eq!(read, value);
            Ok(())
        })
        .unwrap();
}

proptest! {
    #![proptest_config(config())]

    // Whatever text is in whichever field: no active code in pages, JSON-LD that is JSON
    // without < or >, well-formed feeds, sitemap and JSON files, no NUL.
    #[test]
    fn hostile_text_in_any_field_keeps_every_property((field, value) in case()) {
        check(field, &value, &PROPERTIES)?;
    }
}

// The fixture itself passes every check, every page parsed (so pages as in the fixture need no
// checking again), and every field's text is found on a page that differs from the fixture's (so
// no property silently tests an unchanged site).
#[test]
fn the_unchanged_fixture_passes_and_every_field_applies() {
    let fixture = &support::compiled("other-city").site;
    let site = Site::new(fixture.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect(), |_, _| false);
    assert!(site.pages.len() > 40, "{} pages", site.pages.len());
    for (name, check) in PROPERTIES {
        check(&site).unwrap_or_else(|e| panic!("the fixture: {name}: {e}"));
    }
    for (field, spot) in FIELDS.iter().enumerate() {
        let files = compile_files(field, "plain text").expect("a plain value compiles");
        let shown = files.iter().any(|(p, b)| {
            p.ends_with(".html") && !as_in_fixture(p, b) && String::from_utf8_lossy(b).contains("plain text")
        });
        assert!(shown, "field {spot:?} shows on no page");
    }
    // Every other field too, at once (a marker per field): each reaches a page or data file.
    let mut tree = support::tree("other-city");
    let all = spots();
    assert!(all.len() > 150, "only {} text fields found", all.len());
    for (i, spot) in all.iter().enumerate() {
        let text = support::tree_text(&tree, spot.file());
        tree.insert(spot.file(), spot.put(&text, &format!("zqmark{i}q")));
    }
    let compiled = plansite::compile(&tree, &plansite::CompileOptions::default()).expect("markers compile");
    let text: String = compiled
        .site
        .iter()
        .filter(|(p, _)| [".html", ".json", ".csv", ".xml"].iter().any(|e| p.ends_with(e)) && !p.starts_with("search/"))
        .map(|(_, b)| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let missing: Vec<&Spot> =
        all.iter().enumerate().filter(|(i, _)| !text.contains(&format!("zqmark{i}q"))).map(|(_, s)| s).collect();
    assert!(missing.is_empty(), "fields that reach no page or data file: {missing:?}");
}

/// Inputs known to break a property (field index into [`FIELDS`], value), minimal as found.
/// Each must be published (a refused input would check nothing) and keep the property.
fn known(examples: &[(usize, &str)], what: usize) {
    let failures: Vec<String> =
        examples.iter().filter_map(|&(field, value)| published(field, value, &PROPERTIES[what..=what]).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Like [`check`] for an input that must be published: one that is refused fails (it would
/// check nothing).
fn published(field: usize, value: &str, what: &[(&str, Check)]) -> Result<(), String> {
    let site = compile_with(field, value)
        .ok_or_else(|| format!("{:?} ← {value:?} was refused, so nothing was checked", spots()[field]))?;
    for (name, check) in what {
        check(&site).map_err(|e| format!("{name}: {:?} ← {value:?}: {e}", spots()[field]))?;
    }
    Ok(())
}

// The JSON-LD of every page escapes `</` only: `<!--<script>` in any text that reaches it (here
// an area name, which is in the description of the areas page) makes the HTML parser treat the
// rest of the page as script text; any `<` or `>` at all is left in the block.
#[test]
fn known_json_ld_comment_opener() {
    known(&[(5, "<!--<script>"), (5, "<"), (0, "<!--<script>"), (8, "<!--<script>")], 1);
}

// Control characters (and U+FFFE/U+FFFF) in a title reach the Atom feed, which is then not
// XML.
#[test]
fn known_feed_control_characters() {
    known(&[(0, "\u{1}"), (0, "\0"), (0, "\u{FFFE}"), (8, "\u{1}")], 2);
}

// A NUL in a title is copied into the pages and the feed.
#[test]
fn known_nul_in_title() {
    known(&[(0, "\0")], 3);
}

// Markdown bodies: script URLs in links and images and event handlers in heading attributes are
// removed (found by the markdown fuzz target; see tests/fuzz-regressions/markdown/).
#[test]
fn markdown_bodies_publish_no_script_urls_or_handlers() {
    for value in ["[x](javascript:alert(1))", "![x](JavaScript:alert(1))", "# h {onclick=alert(1)}", "<javascript:x>"] {
        for field in [13, 14] {
            published(field, value, &PROPERTIES[..1]).unwrap();
        }
    }
}
