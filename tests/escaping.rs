//! Hostile text in every context plansite writes it to: a title that tries to end the JSON-LD
//! script, control characters that would break the feed's XML, NUL bytes and a byte order mark
//! in Markdown, spreadsheet formulas in the open data, `javascript:` links, an SVG with a
//! script. Built in process from the other-city fixture with one file changed each time.

mod support;
use plansite::{compile, BuildError, CompileOptions, SourceTree};
use scraper::{Html, Selector};

/// The other-city fixture in memory with each (file, from, to) edit made.
fn tree_with(edits: &[(&str, &str, &str)]) -> SourceTree {
    let mut tree = support::tree("other-city");
    for (path, from, to) in edits {
        support::edit(&mut tree, path, from, to);
    }
    tree
}

fn built(tree: &SourceTree) -> plansite::RenderedSite {
    support::compile(tree).site
}

fn text(site: &plansite::RenderedSite, path: &str) -> String {
    String::from_utf8(site.get(path).unwrap_or_else(|| panic!("{path} missing")).to_vec()).unwrap()
}

fn select<'a>(html: &'a Html, sel: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(sel).unwrap()).collect()
}

#[test]
fn a_title_cannot_end_or_comment_out_the_json_ld_script() {
    let hostile = r#"<!--<script>alert(1)</script>--></script><script>alert(2)</script> \u2028"#;
    // As read: the YAML escape \u2028 is a line separator, trimmed off the end of a title.
    let hostile_text = "<!--<script>alert(1)</script>--></script><script>alert(2)</script>";
    let site =
        built(&tree_with(&[("content/site.yaml", "\"Minato Town Mutual Support Plan\"", &format!("\"{hostile}\""))]));
    for page in ["en/index.html", "en/cases/index.html", "ja/index.html"] {
        let source = text(&site, page);
        let html = Html::parse_document(&source);
        let scripts = select(&html, "script");
        let data: Vec<_> = scripts.iter().filter(|s| s.value().attr("type") == Some("application/ld+json")).collect();
        assert_eq!(data.len(), 1, "{page}: one JSON-LD block and nothing swallowed");
        assert!(
            scripts
                .iter()
                .all(|s| s.value().attr("type") == Some("application/ld+json") || s.value().attr("src").is_some()),
            "{page}: no inline script"
        );
        let json: serde_json::Value = serde_json::from_str(&data[0].inner_html()).expect("the JSON-LD parses");
        // The hostile text is the English title: it is in the English home page's data (which
        // describes the website), whole, and not in the Japanese one's; other pages refer to the
        // website by its address.
        let has_title = json["isPartOf"]["name"].as_str().is_some_and(|n| n.contains(hostile_text));
        assert_eq!(has_title, page == "en/index.html", "{page}: {json}");
        assert!(json["isPartOf"]["@id"].as_str().is_some_and(|id| id.ends_with(&format!("/{}#website", &page[..3]))));
        assert_eq!(select(&html, "main").len(), 1, "{page}: the page after the head is still a page");
    }
}

#[test]
fn control_characters_in_a_title_leave_the_feed_well_formed() {
    let site = built(&tree_with(&[(
        "content/cases/east-advice-cafe.yaml",
        "\"Pop-up advice café\"",
        "\"Pop-up\\x01\\x0b\\x1f\\uFFFE café & <tea>\"",
    )]));
    let feed = text(&site, "en/feed.xml");
    assert!(!feed.chars().any(|c| c.is_control() && !"\n\t\r".contains(c) || c == '\u{fffe}'), "{feed}");
    assert!(feed.contains("Pop-up café &amp; &lt;tea&gt;"), "{feed}");
}

// A right-to-left override in a title would show what follows it backwards to the end of its
// paragraph: in `<title>`, the site's name. Embeddings and overrides are dropped; the text stays.
#[test]
fn a_bidirectional_override_in_a_title_reorders_nothing_after_it() {
    let site = built(&tree_with(&[(
        "content/cases/east-advice-cafe.yaml",
        "\"Pop-up advice café\"",
        "\"Pop-up\\u202E advice\\u202A café\\u2067x\\u2069\"",
    )]));
    for path in ["en/cases/east-advice-cafe/index.html", "en/feed.xml", "en/cases/index.html"] {
        let page = text(&site, path);
        assert!(!page.chars().any(|c| ('\u{202a}'..='\u{202e}').contains(&c)), "{path}");
        assert!(page.contains("Pop-up advice café\u{2067}x\u{2069}"), "{path}: the text and its isolate stay");
    }
}

#[test]
fn nul_bytes_and_a_byte_order_mark_never_reach_the_pages() {
    let mut tree = tree_with(&[]);
    // As read from a file: SourceTree cleans what it is given, in memory as from disk.
    tree.insert("content/cases/east-advice-cafe.en.md", "\u{feff}# First heading\n\nText with a NUL\0 byte.\n");
    let site = built(&tree);
    let page = text(&site, "en/cases/east-advice-cafe/index.html");
    assert!(!page.contains('\0') && !page.contains('\u{feff}'), "no NUL or BOM in the page");
    let html = Html::parse_document(&page);
    let headings: Vec<String> = select(&html, "main h2").iter().map(|h| h.text().collect()).collect();
    assert!(headings.iter().any(|h| h == "First heading"), "the first line is still a heading: {headings:?}");
}

#[test]
fn markdown_links_to_scripts_are_not_links() {
    let mut tree = tree_with(&[]);
    tree.insert(
        "content/cases/east-advice-cafe.en.md",
        "[click](javascript:alert(1)) [x](JAVASCRIPT:alert(1))\n\n## H {onclick=alert(1)}\n",
    );
    let site = built(&tree);
    let page = text(&site, "en/cases/east-advice-cafe/index.html");
    assert!(!page.to_lowercase().contains("javascript:") && !page.contains("onclick"), "{page}");
    assert!(page.contains(">click</a>"), "the link text stays");
}

#[test]
fn progress_cells_that_look_like_formulas_are_text_in_the_open_data() {
    let path = "content/progress/2025/north.yaml";
    let site = built(&tree_with(&[(
        path,
        "en: \"Morning greetings campaign\"",
        "en: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"",
    )]));
    let csv = text(&site, "data/progress-2025.csv");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""), "{csv}");
    assert!(!csv.lines().any(|l| l.split(',').any(|c| c.trim_matches('"').starts_with('='))), "{csv}");
    let json = text(&site, "data/progress-2025.json");
    assert!(json.contains("\"=HYPERLINK("), "the JSON keeps the value as it is: {json}");
}

#[test]
fn an_svg_with_a_script_is_refused_with_its_place() {
    let mut tree = tree_with(&[]);
    tree.insert(
        "content/images/map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>alert(document.cookie)</script>\n</svg>\n",
    );
    tree.insert(
        "content/images/ok.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>\n",
    );
    match compile(&tree, &CompileOptions::default()) {
        Err(BuildError::Content(diags)) => {
            let d = diags.iter().find(|d| d.code == "unsafe-svg").expect("an unsafe-svg error");
            assert_eq!(
                (d.location.file.as_str(), d.location.line, d.location.column),
                ("content/images/map.svg", 2, 3)
            );
            assert!(!diags.iter().any(|d| d.location.file.ends_with("ok.svg")), "a plain drawing passes");
        }
        other => panic!("expected a content error, got {:?}", other.map(|c| c.site.len())),
    }
}

#[test]
fn every_page_carries_a_content_security_policy_that_allows_only_plansites_scripts() {
    let site = &support::compiled("other-city").site;
    let mut pages = 0;
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        let csp = select(&html, "meta[http-equiv=Content-Security-Policy]");
        assert_eq!(csp.len(), 1, "{path}");
        let policy = csp[0].value().attr("content").unwrap();
        assert!(policy.contains("script-src 'self';") && policy.contains("object-src 'none'"), "{path}: {policy}");
        assert!(
            !policy.contains("unsafe-eval")
                && !policy.split("script-src").nth(1).unwrap().split(';').next().unwrap().contains("unsafe-inline")
        );
        for s in select(&html, "script") {
            let ok = s.value().attr("type") == Some("application/ld+json")
                || s.value().attr("src").is_some_and(|src| !src.contains(':') && src.ends_with(".js"));
            assert!(ok, "{path}: {}", s.html());
        }
        pages += 1;
    }
    assert!(pages > 20, "{pages} pages checked");
}
