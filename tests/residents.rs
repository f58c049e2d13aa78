//! What issue 16 asked of the pages, checked on the rendered HTML (the browser test
//! tests/browser/layout.test.mjs checks how they lay out): the contact one tap away, policy
//! numbers kept in tables, charts and the diagram as page text, the root page, icons,
//! 「最終更新日」, the accessibility and privacy pages, the text-size control.

mod support;
use support::compiled;

// Every area page with contacts has a jump link to them near the top; every case page links to
// its area page's contacts.
#[test]
fn contacts_are_one_tap_away() {
    for fixture in ["sample", "other-city"] {
        let t = compiled(fixture);
        let mut areas = 0;
        for (path, _) in t.files().filter(|(p, _)| p.contains("/areas/") && p.ends_with("index.html")) {
            let page = t.page(path);
            if page.all("#contacts").is_empty() {
                continue;
            }
            areas += 1;
            // The first link of <main> after the heading goes to the contacts.
            let first = page.all("main a[href]").first().map(|a| a.value().attr("href").unwrap_or("").to_string());
            assert_eq!(first.as_deref(), Some("#contacts"), "{fixture} {path}");
        }
        assert!(areas > 0, "{fixture}: no area page with contacts");
        let mut cases = 0;
        for (path, _) in t.files().filter(|(p, _)| p.contains("/cases/") && p.ends_with("/index.html")) {
            let page = t.page(path);
            if page.all("dl.facts").is_empty() {
                continue; // the list of case studies
            }
            cases += 1;
            // The first fact is the area, linked to its page.
            let area =
                page.all(".facts__row dd a").first().and_then(|a| a.value().attr("href")).unwrap_or("").to_string();
            assert!(area.contains("/areas/"), "{path}: {area}");
            assert_eq!(page.attr(".facts__row dd a[href$='#contacts']", "href"), format!("{area}#contacts"), "{path}");
        }
        assert!(cases > 0, "{fixture}: no case page");
    }
}

// A policy's number stays in its table row (in the flow, read out), as 「方針1」 like the chart.
#[test]
fn summary_tables_keep_their_policy_numbers() {
    let t = compiled("sample");
    let page = t.page("ja/areas/hanamigawa/index.html");
    let numbers = page.texts(".summary-table tbody th .policy-number");
    assert_eq!(numbers.first().map(String::as_str), Some("方針1"), "{numbers:?}");
    assert!(page
        .all(".summary-table th [aria-hidden]")
        .iter()
        .all(|e| !e.value().classes().any(|c| c.contains("policy"))));
    let labels = page.texts(".chart__label");
    assert!(labels.contains(&"方針1".to_string()), "{labels:?}");
}

// Charts and the structure diagram are HTML: their text is page text, not an SVG's scaled one.
#[test]
fn charts_and_diagram_are_page_text() {
    let t = compiled("sample");
    for path in ["ja/progress/2024/index.html", "en/areas/hanamigawa/index.html", "ja/structure/index.html"] {
        let page = t.page(path);
        assert!(page.all("main svg text").is_empty(), "{path}: text inside an SVG");
    }
    let page = t.page("ja/structure/index.html");
    let nodes = page.texts(".diagram__node");
    assert!(nodes.iter().any(|n| n == "区支え合いのまち推進協議会"), "{nodes:?}");
    assert_eq!(page.attr(".diagram__chart", "role"), "img");
    // Three reporting lines, three arrows.
    assert_eq!(page.all(".diagram__links line").len(), 3);
}

// The root page sends the reader to the primary language, with a plain link for each language
// (none of which is the root itself); icons; 「最終更新日」.
#[test]
fn root_icons_and_last_updated() {
    let t = compiled("other-city");
    let root = t.page("index.html");
    assert_eq!(root.attr("meta[http-equiv='refresh']", "content"), "0; url=ja/");
    let switch: Vec<String> =
        root.all(".lang-switch a").iter().map(|a| a.value().attr("href").unwrap_or("").to_string()).collect();
    assert_eq!(switch, ["ja/", "en/"]);
    assert!(t.page("ja/index.html").all("meta[http-equiv='refresh']").is_empty());
    let page = t.page("en/cases/east-advice-cafe/index.html");
    assert_eq!(page.attr("link[rel='icon'][type='image/svg+xml']", "href"), "../../../static/icons/icon.svg");
    assert_eq!(page.attr("link[rel='apple-touch-icon']", "href"), "../../../static/icons/touch-icon.png");
    assert!(t.site.get("static/icons/icon.svg").is_some() && t.site.get("static/icons/touch-icon.png").is_some());
    // favicon.ico at the site's root, linked beside the SVG.
    assert_eq!(page.attr("link[rel='icon'][sizes]", "href"), "../../../favicon.ico");
    // A case study's date is its publication date, unless it gives `updated:`.
    let date = page.attr(".page-updated time", "datetime");
    assert!(date.len() == 10 && date.starts_with("20"), "{date}");
    assert!(page.text(".page-updated").starts_with("Last updated"));
    // Not on the search page.
    assert!(t.page("ja/search/index.html").all(".page-updated").is_empty());
}

// The footer of every page links to the accessibility policy, the privacy page and the site
// map, which exist in every language with the theme's text.
#[test]
fn footer_links_to_accessibility_privacy_and_site_map() {
    let t = support::compile(&support::tree("council-plan"));
    for (path, _) in t.files().filter(|(p, _)| p.ends_with("index.html") && p.contains('/')) {
        let page = t.page(path);
        let lang = path.split('/').next().unwrap();
        let hrefs: Vec<String> = page
            .all(".site-footer__links a")
            .iter()
            .map(|a| a.value().attr("href").unwrap_or("").to_string())
            .collect();
        let leads_to: Vec<String> = hrefs.iter().map(|h| support::resolve(path, h)).collect();
        for want in ["accessibility/", "privacy/", "sitemap/"] {
            assert!(leads_to.contains(&format!("{lang}/{want}")), "{path}: {hrefs:?}");
        }
    }
    // A label a reader meets twice on one page says two things in one word: the council's goals
    // are 基本目標, so its plan's basic goal is named otherwise (content.md's recipe).
    for path in ["ja/index.html", "en/index.html", "ja/overview/index.html"] {
        let page = t.page(path);
        let mut labels: Vec<String> = page.all("main h2, main dt").iter().map(|e| support::text(*e)).collect();
        labels.sort();
        let twice: Vec<&String> = labels.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
        assert!(twice.is_empty(), "{path}: {twice:?}");
    }
    let page = t.page("ja/accessibility/index.html");
    assert_eq!(page.text("h1"), "アクセシビリティ方針");
    assert!(page.text("main .prose").contains("JIS X 8341-3:2016"));
    assert!(t.page("en/privacy/index.html").text("main .prose").contains("cookies"));
}

/// The pictures of an ICO file: (width, height, RGBA pixels), each entry a PNG.
fn ico_pictures(ico: &[u8]) -> Vec<image::RgbaImage> {
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "not an icon file");
    let count = usize::from(u16::from_le_bytes([ico[4], ico[5]]));
    (0..count)
        .map(|i| {
            let e = &ico[6 + 16 * i..6 + 16 * (i + 1)];
            let len = u32::from_le_bytes([e[8], e[9], e[10], e[11]]) as usize;
            let at = u32::from_le_bytes([e[12], e[13], e[14], e[15]]) as usize;
            assert_eq!(&ico[at..at + 8], b"\x89PNG\r\n\x1a\n", "entry {i} is not a PNG");
            let png = image::load_from_memory_with_format(&ico[at..at + len], image::ImageFormat::Png).unwrap();
            assert_eq!((png.width(), png.height()), (u32::from(e[0]), u32::from(e[1])), "entry {i}");
            png.to_rgba8()
        })
        .collect()
}

// Browsers ask for favicon.ico by themselves: the site publishes one at its root, drawn from
// the theme's touch icon, and from the site's own `touch_icon:` when it gives one.
#[test]
fn favicon_ico_is_published_from_the_touch_icon() {
    let theme = compiled("other-city").site.get("favicon.ico").expect("favicon.ico at the root").to_vec();
    let sizes: Vec<u32> = ico_pictures(&theme).iter().map(|p| p.width()).collect();
    assert_eq!(sizes, [16, 32, 48]);

    let mut tree = support::tree("other-city");
    tree.insert("content/images/touch.png", support::picture(180, 180, image::ImageFormat::Png));
    support::edit(&mut tree, "content/site.yaml", "base_url:", "touch_icon: images/touch.png\nbase_url:");
    let own = support::compile(&tree);
    let ico = own.site.get("favicon.ico").expect("favicon.ico").to_vec();
    assert_ne!(ico, theme, "the site's own touch icon makes its favicon");
    // The corner of the 48 px picture is the corner of the site's picture (40, 60, 200).
    let corner = ico_pictures(&ico)[2].get_pixel(0, 0).0;
    for (got, want) in corner.iter().zip([40u8, 60, 200, 255]) {
        assert!(got.abs_diff(want) < 25, "corner {corner:?}");
    }
}

// A site writes its own accessibility policy or privacy text in `content/pages/`, language by
// language: that language's page shows it (Markdown, with its headings and links), the other
// languages keep the theme's text.
#[test]
fn own_policy_pages_replace_the_themes_text_in_their_language() {
    let mut tree = support::tree("council-plan");
    tree.insert(
        "content/pages/accessibility.ja.md",
        "# 対応方針\n\nこの町のサイトは **JIS X 8341-3:2016** の適合レベルAAに準拠します。\n\n[サイトマップ](../sitemap/)\n",
    );
    tree.insert("content/pages/privacy.en.md", "# Our privacy notice\n\nThe town keeps no record of visits.\n");
    let t = support::compile(&tree);
    let ja = t.page("ja/accessibility/index.html");
    assert_eq!(ja.text("h1"), "アクセシビリティ方針", "the title stays the theme's word");
    assert_eq!(ja.text("main .prose h2"), "対応方針");
    assert!(ja.text("main .prose").contains("この町のサイトは"), "{}", ja.text("main .prose"));
    assert!(!ja.all("main .prose a[href='../sitemap/']").is_empty());
    let theme_ja = support::compile(&support::tree("council-plan")).text("ja/privacy/index.html");
    assert_eq!(t.text("ja/privacy/index.html"), theme_ja, "no ja privacy text: the theme's");
    assert!(t.page("en/accessibility/index.html").text("main .prose").contains("JIS X 8341-3"));
    let en = t.page("en/privacy/index.html");
    assert_eq!(en.text("main .prose h2"), "Our privacy notice");
    assert!(!en.text("main .prose").contains("cookies"), "the theme's text is replaced");

    // Any other page, or a language the site does not have, is an error naming the file.
    let mut bad = support::tree("council-plan");
    bad.insert("content/pages/about.ja.md", "x\n");
    bad.insert("content/pages/privacy.fr.md", "x\n");
    let diags = support::content_errors(&bad);
    let found: Vec<(&str, &str)> = diags.iter().map(|d| (d.code.as_str(), d.location.file.as_str())).collect();
    assert!(found.contains(&("orphan-body", "content/pages/about.ja.md")), "{found:?}");
    assert!(found.contains(&("unknown-language", "content/pages/privacy.fr.md")), "{found:?}");
}

// A postal code has its 〒 where readers know the mark; in English it follows the address, as
// an English address writes it ("…, Chiba 260-8722"), in the footer and in the contacts.
#[test]
fn the_postal_code_is_written_as_each_language_writes_it() {
    let t = compiled("sample");
    let (ja, en) = (t.page("ja/areas/chuo/index.html"), t.page("en/areas/chuo/index.html"));
    let contacts = |p: &support::Page| p.texts("address[itemprop=address]");
    let ja_contacts = contacts(&ja);
    assert!(!ja_contacts.is_empty() && ja_contacts.iter().all(|a| a.starts_with('〒')), "{ja_contacts:?}");
    let en_contacts = contacts(&en);
    assert!(!en_contacts.is_empty(), "no contacts on the English page");
    for a in &en_contacts {
        assert!(!a.contains('〒'), "{a}");
        let code = a.rsplit(' ').next().unwrap_or("");
        assert!(code.len() == 8 && code.as_bytes()[3] == b'-', "the code ends the address: {a}");
    }
    let footer = en.texts(".site-footer__contact").join(" ");
    assert!(!footer.contains('〒') && footer.contains("Chiba 260-8722"), "{footer}");
    assert!(ja.texts(".site-footer__contact").join(" ").contains("〒260-8722"));
}
