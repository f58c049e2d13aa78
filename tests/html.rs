//! Assertions on the rendered HTML, parsed with an HTML parser: languages, alternates, the
//! language switcher, lists of case studies per theme and per area, contact links, metadata.

mod support;
use support::{compiled, Built};

/// Resolves a relative link found on the page at `page` to a file of the built site.
fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if href.ends_with('/') || path.is_empty() {
        path = format!("{}{}index.html", path, if path.is_empty() { "" } else { "/" });
    }
    path
}

// Every page has the right <html lang>, one h1, the landmarks, a title, and hreflang
// alternates (with x-default) that point at pages that exist.
#[test]
fn every_page_has_lang_one_h1_landmarks_and_existing_alternates() {
    let t = compiled("other-city");
    let base = "https://example.org/minato/";
    let (mut checked, mut untranslated_seen) = (0, false);
    for (path, _) in t.files().filter(|(p, _)| p.ends_with("index.html") && p.contains('/')) {
        let page = t.page(path);
        let lang = path.split('/').next().unwrap();
        assert_eq!(page.attr("html", "lang"), lang, "{path}");
        assert_eq!(page.all("h1").len(), 1, "{path}");
        for landmark in ["header", "main#main", "footer", "nav.site-nav", "a.skip-link[href='#main']"] {
            assert_eq!(page.all(landmark).len(), 1, "{path}: {landmark}");
        }
        assert!(!page.text("head > title").is_empty());
        let alternates = page.all("link[rel=alternate][hreflang]");
        let langs: Vec<&str> = alternates.iter().map(|a| a.value().attr("hreflang").unwrap()).collect();
        // Every language the page has content in (an English page whose title is untranslated
        // offers no `en`). That English page shows the Japanese one: it names that page as its
        // canonical address, and no alternates (each alternate must name the other).
        let rest = path.split_once('/').unwrap().1;
        let english = t.page(&format!("en/{rest}"));
        let untranslated = !english.all("head > title[lang]").is_empty();
        let expected: &[&str] = match (untranslated, lang) {
            (false, _) => &["ja", "en", "x-default"],
            (true, "ja") => &["ja", "x-default"],
            (true, _) => &[],
        };
        assert_eq!(langs, expected, "{path}");
        let own = format!("{base}{}", path.trim_end_matches("index.html"));
        let shown = if untranslated { format!("{base}ja/{}", rest.trim_end_matches("index.html")) } else { own };
        assert_eq!(page.attr("link[rel=canonical]", "href"), shown, "{path}");
        untranslated_seen |= untranslated && lang == "en";
        for a in alternates {
            let href = a.value().attr("href").unwrap();
            let rel = href.strip_prefix(base).unwrap_or_else(|| panic!("{path}: {href} is not under the base URL"));
            assert!(t.site.get(&format!("{rel}index.html")).is_some(), "{path}: alternate {href} does not exist");
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} pages checked");
    assert!(untranslated_seen, "no untranslated page checked");
}

// The switcher on an English page links to the same page in Japanese, which exists.
#[test]
fn switcher_links_to_the_existing_counterpart() {
    let t = compiled("other-city");
    let page = t.page("en/areas/north/index.html");
    assert_eq!(page.attr(".lang-switch [aria-current]", "lang"), "en");
    let href = page.attr(".lang-switch a[hreflang=ja]", "href");
    assert_eq!(href, "../../../ja/areas/north/");
    let target = resolve("en/areas/north/index.html", &href);
    assert_eq!(target, "ja/areas/north/index.html");
    assert_eq!(t.page(&target).attr("html", "lang"), "ja");
}

fn case_links(t: &Built, page: &str) -> Vec<String> {
    let p = t.page(page);
    let mut slugs: Vec<String> = p
        .all(".card-list .card__title a")
        .into_iter()
        .map(|a| resolve(page, a.value().attr("href").unwrap()))
        .filter_map(|f| f.strip_suffix("/index.html").and_then(|s| s.rsplit('/').next()).map(String::from))
        .collect();
    slugs.sort();
    slugs
}

// A theme page lists exactly the case studies that name the theme, across all areas.
#[test]
fn theme_pages_list_their_case_studies_across_areas() {
    let t = compiled("other-city");
    assert_eq!(case_links(t, "ja/themes/gathering-places/index.html"), ["east-advice-cafe", "north-harbour-salon"]);
    assert_eq!(case_links(t, "en/themes/everyday-help/index.html"), ["north-harbour-salon", "south-evacuation-walk"]);
    assert_eq!(case_links(t, "en/themes/disaster-readiness/index.html"), ["south-evacuation-walk"]);
}

// An area page lists exactly its own case studies and its basic policies in order.
#[test]
fn area_pages_list_their_case_studies_and_policies() {
    let t = compiled("other-city");
    assert_eq!(case_links(t, "en/areas/north/index.html"), ["north-harbour-salon"]);
    assert_eq!(case_links(t, "ja/areas/east/index.html"), ["east-advice-cafe"]);
    let page = t.page("ja/areas/east/index.html");
    let numbers = page.texts(".policy-list__number");
    assert_eq!(numbers, ["1", "2", "3", "4"]);
}

// Phone numbers are tel: links and e-mail addresses mailto: links.
#[test]
fn contacts_are_usable_from_a_phone() {
    let mut tree = support::tree("other-city");
    support::edit(
        &mut tree,
        "content/cases/south-evacuation-walk.yaml",
        "  email: south-bosai@example.org\n",
        "  email: south-bosai@example.org\n  address: {ja: みなと町南浜2-2, en: \"2-2 Minamihama, Minato Town\"}\n",
    );
    let t = support::compile(&tree);
    let page = t.page("ja/areas/north/index.html");
    assert_eq!(page.text(".contact-card a[href='tel:0000000001']"), "000-000-0001");
    // Marked up for phones and search engines (schema.org microdata).
    assert_eq!(page.attr(".contact-card a[href='tel:0000000001']", "itemprop"), "telephone");
    let cards = page.all(".contact-card").len();
    assert!(cards > 0);
    assert_eq!(page.all(".contact-card[itemtype='https://schema.org/Organization'] [itemprop=name]").len(), cards);
    let page = t.page("en/cases/south-evacuation-walk/index.html");
    assert_eq!(page.text(".contact-card a[href='mailto:south-bosai@example.org']"), "south-bosai@example.org");
    // The address is marked up as one, under its label.
    assert_eq!(page.texts(".contact-card address"), ["2-2 Minamihama, Minato Town"]);
    assert_eq!(page.all(".contact-card dt").iter().filter(|d| support::text(**d) == "Address").count(), 1);
}

// An untranslated item still gets its English page: Japanese text marked lang=ja and a notice.
#[test]
fn untranslated_theme_shows_japanese_with_lang_and_a_notice() {
    let t = compiled("other-city");
    let page = t.page("en/themes/living-advice/index.html");
    assert_eq!(page.attr("html", "lang"), "en");
    assert_eq!(page.attr("h1 span[lang]", "lang"), "ja");
    assert!(page.text(".notice--untranslated").contains("not been translated"));
    // The translated themes carry no notice.
    assert!(t.page("en/themes/everyday-help/index.html").all(".notice--untranslated").is_empty());
}

// Metadata: JSON-LD names the publishing organisation; OpenGraph gives locale and URL.
#[test]
fn pages_carry_json_ld_and_opengraph() {
    let t = compiled("sample");
    let page = t.page("en/cases/cafe-saiwai/index.html");
    let json: serde_json::Value =
        serde_json::from_str(&page.one("script[type='application/ld+json']").inner_html()).unwrap();
    assert_eq!(json["@type"], "WebPage");
    assert_eq!(json["inLanguage"], "en");
    // The website and its publisher are described on the language's home page, under the
    // `@id` every page refers to them by.
    let home: serde_json::Value =
        serde_json::from_str(&t.page("en/index.html").one("script[type='application/ld+json']").inner_html()).unwrap();
    assert_eq!(home["publisher"]["@type"], "GovernmentOrganization");
    assert_eq!(home["publisher"]["@id"], "https://example.org/chiba-plan/#publisher");
    assert!(home["publisher"]["name"].as_str().is_some_and(|n| !n.is_empty()), "{home}");
    assert_eq!(home["isPartOf"]["@type"], "WebSite");
    assert_eq!(home["isPartOf"]["@id"], "https://example.org/chiba-plan/en/#website");
    assert_eq!(home["isPartOf"]["url"], "https://example.org/chiba-plan/en/");
    assert_eq!(json["publisher"], serde_json::json!({ "@id": home["publisher"]["@id"] }));
    assert_eq!(json["isPartOf"], serde_json::json!({ "@id": home["isPartOf"]["@id"] }));
    assert_eq!(page.attr("meta[property='og:locale']", "content"), "en_US");
    assert_eq!(page.attr("meta[property='og:type']", "content"), "article");
    assert_eq!(page.attr("meta[property='og:url']", "content"), "https://example.org/chiba-plan/en/cases/cafe-saiwai/");
    // Every step of the breadcrumb trail has its address (search engines require it of every
    // step but the last): the visible trail's links made absolute, then the page itself.
    let steps = json["breadcrumb"]["itemListElement"].as_array().unwrap();
    let visible: Vec<String> = page
        .all("nav.breadcrumbs a")
        .iter()
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            let up = href.matches("../").count();
            let mut base: Vec<&str> = "https://example.org/chiba-plan/en/cases/cafe-saiwai".split('/').collect();
            base.truncate(base.len() - up);
            format!("{}/{}", base.join("/"), href.trim_start_matches("../"))
        })
        .collect();
    assert_eq!(visible.len() + 1, steps.len());
    assert_eq!(visible[0], "https://example.org/chiba-plan/en/");
    let items: Vec<&str> = steps.iter().map(|s| s["item"].as_str().unwrap()).collect();
    assert_eq!(items[..visible.len()], visible.iter().map(String::as_str).collect::<Vec<_>>()[..]);
    assert_eq!(items.last(), Some(&"https://example.org/chiba-plan/en/cases/cafe-saiwai/"));
    for (i, s) in steps.iter().enumerate() {
        assert_eq!(s["position"], i + 1);
    }
}

// The sitemap lists every page with its language alternates; each language has an Atom feed.
#[test]
fn sitemap_and_feeds() {
    let t = compiled("other-city");
    let sitemap = t.text("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/minato/en/cases/east-advice-cafe/</loc>"));
    assert!(sitemap.contains(r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/minato/ja/cases/east-advice-cafe/"/>"#));
    let feed = t.text("en/feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 3);
    assert!(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/minato/en/cases/north-harbour-salon/\"/>"));
    assert!(t.text("robots.txt").contains("Sitemap: https://example.org/minato/sitemap.xml"));
}

// The landing page at / links to each language's home; the 404 page links from the base path.
#[test]
fn landing_and_not_found_pages() {
    let t = compiled("other-city");
    let landing = t.page("index.html");
    let hrefs: Vec<String> =
        landing.all(".landing a.button").iter().map(|a| a.value().attr("href").unwrap().to_string()).collect();
    assert_eq!(hrefs, ["ja/", "en/"]);
    let nf = t.page("404.html");
    assert_eq!(nf.all("h1").len(), 1);
    let home_links: Vec<String> =
        nf.all("a.button").iter().map(|a| a.value().attr("href").unwrap().to_string()).collect();
    assert_eq!(home_links, ["/minato/ja/", "/minato/en/"]);
    // Its title says what it is (what a screen reader reads first), and it has a description.
    // Shown at any missing address, it claims none: no canonical address, no language
    // alternates, no og:url or JSON-LD url, and it asks not to be indexed.
    let title = nf.one("title").inner_html();
    assert!(title.starts_with("ページが見つかりません | "), "{title}");
    assert_eq!(title, format!("ページが見つかりません | {}", landing.one("title").inner_html()));
    assert!(!nf.attr("meta[name='description']", "content").is_empty());
    assert!(nf.all("link[rel='canonical'], link[hreflang], meta[property='og:url']").is_empty());
    assert_eq!(nf.attr("meta[name='robots']", "content"), "noindex");
    assert!(!nf.one(".print-footer").inner_html().contains("https://"));
    let json: serde_json::Value =
        serde_json::from_str(&nf.one("script[type='application/ld+json']").inner_html()).unwrap();
    assert_eq!(json["name"], "ページが見つかりません");
    assert!(json.get("url").is_none() && json.get("breadcrumb").is_none(), "{json}");
    // The landing page sends browsers on to the primary language's home at once (a redirect,
    // to search engines): it claims no address either, and asks not to be indexed.
    assert!(landing.attr("meta[http-equiv='refresh']", "content").ends_with("url=ja/"));
    assert!(landing.all("link[rel='canonical'], link[hreflang], meta[property='og:url']").is_empty());
    assert_eq!(landing.attr("meta[name='robots']", "content"), "noindex");
    // Every other page has its own.
    assert_eq!(t.page("ja/index.html").attr("link[rel='canonical']", "href"), "https://example.org/minato/ja/");
    assert!(t.page("ja/index.html").all("meta[name='robots']").is_empty());
    assert!(t.site.get("static/css/print.css").is_some_and(|css| !css.is_empty()));
}

// The menu, the footer and the head's links are shared by pages of the same language, depth and
// section (made once for them): on every page of every depth each leads to a file of the site,
// and the menu marks the section the page is in, and no other.
#[test]
fn every_page_menu_and_footer_lead_to_the_site_and_mark_its_own_section() {
    let t = compiled("other-city");
    let (mut marked, mut below) = (0, 0);
    for (path, _) in t.files().filter(|(p, _)| p.ends_with("index.html") && p.contains('/')) {
        let page = t.page(path);
        let links = page.all(".site-nav a, .site-footer__links a, link[rel=stylesheet], link[rel=icon], script[src]");
        assert!(links.len() >= 10, "{path}: {} links", links.len());
        for l in &links {
            let href = l.value().attr("href").or_else(|| l.value().attr("src")).unwrap();
            let file = resolve(path, href);
            assert!(t.site.get(&file).is_some(), "{path}: {href} leads to no file ({file})");
        }
        // The section: the menu entry whose page is the first folder of the page's own path in
        // its language (`ja/cases/x/` is in `ja/cases/`; a language's home page is its own).
        let current = page.all(".site-nav a[aria-current]");
        let folders: Vec<&str> = path.split('/').collect();
        let section = match folders.as_slice() {
            [lang, "index.html"] => format!("{lang}/index.html"),
            [lang, first, ..] => format!("{lang}/{first}/index.html"),
            _ => unreachable!("{path}"),
        };
        let in_menu = page.all(".site-nav a").iter().any(|a| resolve(path, a.value().attr("href").unwrap()) == section);
        if in_menu {
            assert_eq!(current.len(), 1, "{path}: one entry of the menu is marked");
            assert_eq!(resolve(path, current[0].value().attr("href").unwrap()), section, "{path}");
            // `page` on the section's own page only: a case study or page 2 of a list is in
            // the section, not its page.
            let expected = if path == section { "page" } else { "true" };
            assert_eq!(current[0].value().attr("aria-current"), Some(expected), "{path}");
            if path != section {
                below += 1;
            }
            marked += 1;
        } else {
            // A page of no section in the menu (search, site map, policies) marks none.
            assert!(current.is_empty(), "{path}: {} marked", current.len());
        }
    }
    assert!(marked >= 20, "only {marked} pages with a marked section");
    assert!(below >= 10, "only {below} pages below their section's page");
}

// A body's headings never take an id the page's layout has (two elements with one id break the
// links to it and the sections named by it): an English area body with the headings
// "Policies" and "Contacts", the names of that page's own sections, gets other ids, and every
// id of the page is one element's.
#[test]
fn a_bodys_headings_leave_the_pages_own_ids_alone() {
    let t = support::SiteTest::fixture("other-city");
    let body = "content/areas/east.en.md";
    let text = t.read(body);
    t.write(body, &format!("{text}\n\n## Policies\n\nOur own list.\n\n## Contacts\n\nAsk us.\n\n## District {{#district-1}}\n\nWhere.\n"));
    t.build();
    let page = t.page("en/areas/east/index.html");
    let ids: Vec<String> =
        page.all("[id]").iter().map(|e| e.value().attr("id").unwrap_or_default().to_string()).collect();
    let mut seen = std::collections::HashSet::new();
    let twice: Vec<&String> = ids.iter().filter(|id| !seen.insert(*id)).collect();
    assert!(twice.is_empty(), "ids used twice: {twice:?} of {ids:?}");
    // The page's own sections keep theirs; the body's headings get the next free ones.
    assert_eq!(page.attr("section[aria-labelledby=policies] #policies", "id"), "policies", "{ids:?}");
    let headings: Vec<String> =
        page.all(".prose h2").iter().map(|e| e.value().attr("id").unwrap_or_default().to_string()).collect();
    assert_eq!(headings, ["policies-2", "contacts-2", "district-1-2"], "{ids:?}");
}
