//! Long lists cut into pages (`pagination:` in site.yaml): the other-city fixture with nine more
//! case studies in one area and a page size of 3 (progress items 2 a page), compiled in memory.
//! The case list, a theme's and an area's case studies and an area's progress items each have
//! their first page at the list's own address and the rest at `…/page/N/` (never `page/1/`),
//! numbered navigation with `rel="prev"`/`"next"` in the page and in the head, the current page
//! marked, a title of its own per page, the language switcher and the alternates leading to the
//! same page in the other language, and every page in sitemap.xml.

mod support;
use plansite::SourceTree;
use support::{assert_has, compile, edit, rendered_errors, tree, tree_text, Built};

/// Case studies added to the north district (12 in all: north has 10).
const MORE: usize = 9;

fn paginated_tree() -> SourceTree {
    let mut t = tree("other-city");
    let site = tree_text(&t, "content/site.yaml");
    t.insert("content/site.yaml", format!("{site}\npagination:\n  page_size: 3\n  progress_page_size: 2\n"));
    let yaml = tree_text(&t, "content/cases/north-harbour-salon.yaml");
    for i in 1..=MORE {
        let case = yaml
            .replace("ja: 漁港のふれあいサロン", &format!("ja: 漁港のふれあいサロン その{i}"))
            .replace("en: \"Harbourside drop-in salon\"", &format!("en: \"Harbourside drop-in salon No. {i}\""));
        t.insert(format!("content/cases/north-salon-{i}.yaml"), case);
        for lang in ["ja", "en"] {
            let body = tree_text(&t, &format!("content/cases/north-harbour-salon.{lang}.md"));
            t.insert(format!("content/cases/north-salon-{i}.{lang}.md"), body);
        }
    }
    // One theme without case studies: its list is one page that says so.
    edit(&mut t, "content/cases/east-advice-cafe.yaml", "[living-advice, gathering-places]", "[gathering-places]");
    t
}

fn built() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| compile(&paginated_tree()))
}

fn has(path: &str) -> bool {
    built().site.get(path).is_some()
}

/// The numbers of the navigation's links as shown ("…" for an elided run), the current one in
/// brackets.
fn numbers(page: &support::Page) -> Vec<String> {
    page.all("nav.pagination li")
        .into_iter()
        .filter(|li| li.value().attr("class") != Some("pagination__step"))
        .map(|li| {
            let text = support::text(li);
            let current = li.select(&scraper::Selector::parse("[aria-current=page]").unwrap()).next().is_some();
            if current {
                format!("[{text}]")
            } else {
                text
            }
        })
        .collect()
}

#[test]
fn the_case_list_has_a_page_per_three_case_studies_the_first_at_its_own_address() {
    for lang in ["ja", "en"] {
        for n in 2..=4 {
            assert!(has(&format!("{lang}/cases/page/{n}/index.html")), "{lang}: no page {n}");
        }
        assert!(has(&format!("{lang}/cases/index.html")));
        assert!(!has(&format!("{lang}/cases/page/1/index.html")), "page 1 is the list's own address");
        assert!(!has(&format!("{lang}/cases/page/5/index.html")));
    }
    // Every case study is on exactly one page.
    let mut titles: Vec<String> = ["ja/cases/index.html", "ja/cases/page/2/index.html", "ja/cases/page/3/index.html"]
        .iter()
        .chain(&["ja/cases/page/4/index.html"])
        .flat_map(|p| built().page(p).texts(".card__title"))
        .collect();
    assert_eq!(titles.len(), 3 + MORE);
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), 3 + MORE, "a case study on two pages");
}

#[test]
fn the_first_page_links_on_and_says_nothing_of_its_number() {
    let p = built().page("ja/cases/index.html");
    assert_eq!(p.attr("nav.pagination", "aria-label"), "ページ送り");
    assert_eq!(numbers(&p), ["[1]", "2", "3", "4"]);
    assert!(p.all("a[rel=prev]").is_empty() && p.all("link[rel=prev]").is_empty(), "a previous page of the first");
    assert_eq!(p.attr("nav.pagination a[rel=next]", "href"), "../cases/page/2/");
    assert_eq!(p.attr("link[rel=next]", "href"), "../cases/page/2/");
    assert_eq!(p.attr("nav.pagination a[aria-current=page]", "aria-label"), "1ページ目");
    assert!(!p.text("title").contains("ページ）"), "{}", p.text("title"));
}

#[test]
fn a_middle_page_has_its_own_title_both_neighbours_and_its_counterpart() {
    let p = built().page("ja/cases/page/2/index.html");
    assert!(p.text("title").starts_with("好事例（2ページ目、全4ページ） | "), "{}", p.text("title"));
    assert_eq!(p.text("h1"), "好事例（2ページ目、全4ページ）");
    assert_eq!(numbers(&p), ["1", "[2]", "3", "4"]);
    assert_eq!(p.attr("nav.pagination a[rel=prev]", "href"), "../../../cases/");
    assert_eq!(p.attr("nav.pagination a[rel=next]", "href"), "../../../cases/page/3/");
    assert_eq!(p.attr("link[rel=prev]", "href"), "../../../cases/");
    assert_eq!(p.attr("link[rel=next]", "href"), "../../../cases/page/3/");
    assert_eq!(p.text("nav.pagination a[rel=prev]"), "← 前のページ");
    assert_eq!(p.attr("link[rel=canonical]", "href"), "https://example.org/minato/ja/cases/page/2/");
    // The switcher and the alternates lead to page 2 in English.
    assert_eq!(p.attr(".lang-switch a[hreflang=en]", "href"), "../../../../en/cases/page/2/");
    assert_eq!(p.attr("link[rel=alternate][hreflang=en]", "href"), "https://example.org/minato/en/cases/page/2/");
    // The breadcrumbs lead back to the list's own page.
    assert_eq!(p.attr(".breadcrumbs li:nth-child(2) a", "href"), "../../../cases/");
    let en = built().page("en/cases/page/2/index.html");
    assert!(en.text("title").contains(" (page 2 of 4) | "), "{}", en.text("title"));
    assert_eq!(en.attr("nav.pagination", "aria-label"), "Pages");
    assert_eq!(en.attr("nav.pagination a[aria-current=page]", "aria-label"), "Page 2");
    assert_eq!(en.text("nav.pagination a[rel=next]"), "Next page →");
    assert_eq!(en.attr(".lang-switch a[hreflang=ja]", "href"), "../../../../ja/cases/page/2/");
    // The menu's entry leads to the list's first page: on page 2 it marks the section, not
    // the page.
    assert_eq!(p.attr(".site-nav a[aria-current]", "aria-current"), "true");
    assert_eq!(built().page("ja/cases/index.html").attr(".site-nav a[aria-current]", "aria-current"), "page");
    // A card's area and themes are parted in each language's way (no Japanese 「・」 in English).
    let metas = en.all(".card__meta");
    assert!(metas.iter().any(|m| m.text().collect::<String>().contains(" · ")), "no card with a theme");
    assert!(metas.iter().all(|m| !m.text().collect::<String>().contains('・')));
    assert!(p.all(".card__meta").iter().any(|m| m.text().collect::<String>().contains("区・")));
}

#[test]
fn the_last_page_has_no_next() {
    let p = built().page("ja/cases/page/4/index.html");
    assert_eq!(numbers(&p), ["1", "2", "3", "[4]"]);
    assert!(p.all("a[rel=next]").is_empty() && p.all("link[rel=next]").is_empty());
    assert_eq!(p.attr("link[rel=prev]", "href"), "../../../cases/page/3/");
}

#[test]
fn every_page_is_in_the_sitemap_and_no_page_one() {
    let xml = built().text("sitemap.xml");
    for loc in [
        "ja/cases/",
        "ja/cases/page/4/",
        "en/cases/page/3/",
        "ja/themes/gathering-places/page/4/",
        "en/areas/north/page/4/",
        "ja/progress/2025/north/page/2/",
    ] {
        assert!(xml.contains(&format!("<loc>https://example.org/minato/{loc}</loc>")), "no {loc} in sitemap.xml");
    }
    assert!(!xml.contains("/page/1/"));
}

#[test]
fn a_theme_and_an_area_show_themselves_on_their_first_page_and_their_case_studies_on_every_page() {
    // gathering-places: 2 + 9 case studies, 4 pages; north: 1 + 9, 4 pages.
    for (list, pages) in [("themes/gathering-places", 4), ("areas/north", 4)] {
        for n in 2..=pages {
            assert!(has(&format!("ja/{list}/page/{n}/index.html")), "no {list} page {n}");
        }
        assert!(!has(&format!("ja/{list}/page/{}/index.html", pages + 1)));
        assert!(!has(&format!("ja/{list}/page/1/index.html")));
    }
    let first = built().page("ja/themes/gathering-places/index.html");
    assert_eq!(first.all(".card").len(), 3);
    assert!(first.all("p.lead").len() == 1 && !first.all("nav.pager").is_empty(), "the theme's own page");
    let second = built().page("ja/themes/gathering-places/page/2/index.html");
    assert_eq!(second.all(".card").len(), 3);
    assert!(second.all("p.lead").is_empty() && second.all("nav.pager").is_empty(), "a list page shows the list");
    assert!(second.text("h1").ends_with("（2ページ目、全4ページ）"), "{}", second.text("h1"));
    assert_eq!(second.attr("link[rel=prev]", "href"), "../../../../themes/gathering-places/");
    let area = built().page("en/areas/north/page/4/index.html");
    assert_eq!(area.all(".card").len(), 1);
    assert!(area.all("#contacts").is_empty() && area.all("#area-progress").is_empty());
    assert!(area.text("h1").ends_with(" (page 4 of 4)"), "{}", area.text("h1"));
}

#[test]
fn an_empty_list_is_one_page_that_says_so() {
    let p = built().page("ja/themes/living-advice/index.html");
    assert!(p.all("#theme-cases ~ .card-list, #theme-cases + .card-list").is_empty());
    assert!(p.all("nav.pagination").is_empty() && p.all("link[rel=next]").is_empty());
    assert!(!p.text("section[aria-labelledby=theme-cases] p").is_empty(), "no empty-state text");
    assert!(!has("ja/themes/living-advice/page/2/index.html"));
}

#[test]
fn progress_items_are_paged_and_search_leads_to_the_page_of_each() {
    // north: 4 items, 2 a page; the summary on the first page only.
    let first = built().page("ja/progress/2025/north/index.html");
    let second = built().page("ja/progress/2025/north/page/2/index.html");
    assert!(!has("ja/progress/2025/north/page/3/index.html"));
    assert_eq!(first.all("tr[id^=item-]").len(), 2);
    assert_eq!(second.all("tr[id^=item-]").len(), 2);
    assert!(!first.all("#area-summary").is_empty() && second.all("#area-summary").is_empty());
    let anchors: Vec<String> =
        second.all("tr[id^=item-]").iter().map(|tr| tr.value().attr("id").unwrap().to_string()).collect();
    // Each item's search record leads to the page it is on.
    let t = built();
    let docs = t.json("search/ja/meta.json")["docs"].as_u64().unwrap();
    let records: Vec<serde_json::Value> = (0..docs).map(|d| t.part("search/ja/doc", d)).collect();
    for a in &anchors {
        let record = records
            .iter()
            .find(|r| r["s"].as_array().unwrap().iter().any(|part| part[0] == a.as_str()))
            .unwrap_or_else(|| panic!("no record of {a}"));
        assert_eq!(record["u"], "ja/progress/2025/north/page/2/", "the search record of {a} does not lead to page 2");
    }
}

// The case list's search record is what its first page shows: a part for each area's section
// there (its id, its heading), with the titles of the case studies in it and no others'. Before,
// it held every case study's title, and grew with the site.
#[test]
fn the_case_lists_search_record_is_what_its_first_page_shows() {
    let t = built();
    let page = t.page("ja/cases/index.html");
    let docs = t.json("search/ja/meta.json")["docs"].as_u64().unwrap();
    let record = (0..docs).map(|d| t.part("search/ja/doc", d)).find(|r| r["u"] == "ja/cases/").expect("a record");
    let parts = record["s"].as_array().unwrap();
    let sections = page.all("main section[aria-labelledby^=group-]");
    assert!(!sections.is_empty());
    assert_eq!(parts.len(), sections.len(), "{parts:?}");
    let select = |e: &scraper::ElementRef, css: &str| -> Vec<String> {
        e.select(&scraper::Selector::parse(css).unwrap()).map(support::text).collect()
    };
    let mut shown = 0;
    for (part, section) in parts.iter().zip(&sections) {
        assert_eq!(part[0], section.value().attr("aria-labelledby").unwrap());
        assert_eq!(part[1], select(section, "h2")[0]);
        let titles = select(section, "h3.card__title");
        shown += titles.len();
        assert_eq!(part[2], titles.join(" "));
    }
    assert_eq!(shown, 3, "the page size");
    // A case study on the second page only is not in it.
    let later = t.page("ja/cases/page/2/index.html").texts("h3.card__title");
    assert!(later.iter().all(|title| !record.to_string().contains(title.as_str())), "{later:?}");
}

#[test]
fn short_lists_have_no_navigation() {
    // The fixture as it is: every list fits on a page of the default size.
    let plain = support::compiled("other-city");
    for path in ["ja/cases/index.html", "ja/themes/everyday-help/index.html", "en/areas/north/index.html"] {
        let text = plain.text(path);
        assert!(!text.contains("pagination") && !text.contains("<link rel=\"next\""), "{path}");
    }
    assert!(plain.site.iter().all(|(p, _)| !p.contains("/page/")));
}

#[test]
fn a_page_size_out_of_range_is_reported_where_it_is_written() {
    let mut t = tree("other-city");
    let site = tree_text(&t, "content/site.yaml");
    let lines = site.lines().count();
    t.insert("content/site.yaml", format!("{site}pagination:\n  page_size: 0\n"));
    let e = rendered_errors(&t);
    assert_has(
        &e,
        &["error[bad-number]", &format!("--> content/site.yaml:{}:14", lines + 2), "page_size", "1", "500", "hint:"],
    );
}

/// `t` with north's policy 1 titled in Japanese only (shown in north's summary only), and
/// every text of north's second page of progress items (2 a page) in English (one of its items
/// also served a theme without English).
fn with_one_untranslated_policy(mut t: SourceTree) -> SourceTree {
    edit(&mut t, "content/areas/north.yaml", "      en: \"Places to meet, starting with a simple hello\"\n", "");
    edit(&mut t, "content/progress/2025/north.yaml", "[everyday-help, living-advice]", "[everyday-help]");
    t
}

// A site's own template may show an area's summary on every page of its progress items: each
// page has the whole summary, with links from where it is, made once for the pages at one
// depth and shared. The summary is the first page's content: a text of it that stands in for
// a translation makes the first page say it is untranslated, not the later ones (the theme
// shows it on the first page only).
#[test]
fn an_areas_summary_is_on_each_of_its_progress_pages_and_only_the_first_counts_its_translation() {
    let mut t = paginated_tree();
    let theme = std::fs::read_to_string(support::repo().join("themes/default/templates/progress_area.html")).unwrap();
    let own = theme.replace(
        "{% if page.first %}<section class=\"section\" aria-labelledby=\"area-summary\">",
        "{% if page.summary %}<section class=\"section\" aria-labelledby=\"area-summary\">\
         <a class=\"detail\" href=\"{{ page.summary.detail_href }}\">{{ page.summary.year }}</a>",
    );
    assert_ne!(own, theme, "the theme's template has changed: mend this test");
    t.insert("templates/progress_area.html", own);
    let b = compile(&with_one_untranslated_policy(t));
    for lang in ["ja", "en"] {
        let paths =
            [format!("{lang}/progress/2025/north/index.html"), format!("{lang}/progress/2025/north/page/2/index.html")];
        let [first, second] = paths.each_ref().map(|p| b.page(p));
        let summary = first.text("section[aria-labelledby=area-summary] table");
        let main_item = if lang == "ja" { "朝のあいさつ運動" } else { "Morning greetings campaign" };
        assert!(summary.contains(main_item), "{lang}: {summary}");
        assert_eq!(second.text("section[aria-labelledby=area-summary] table"), summary, "{lang}");
        for (path, page) in paths.iter().zip([&first, &second]) {
            let href = page.attr("a.detail", "href");
            assert_eq!(support::resolve(path, &href), format!("{lang}/progress/2025/north/"), "{path}");
        }
        // Policy 1's title is in Japanese only: the first English page says so.
        let notices = [&first, &second].map(|p| p.all(".notice--untranslated").len());
        assert_eq!(notices, if lang == "en" { [1, 0] } else { [0, 0] }, "{lang}");
    }
    // With the theme's template, page 2 shows no summary, and says nothing of its translation.
    let b = compile(&with_one_untranslated_policy(paginated_tree()));
    let [first, second] =
        ["en/progress/2025/north/index.html", "en/progress/2025/north/page/2/index.html"].map(|p| b.page(p));
    assert_eq!(first.all(".notice--untranslated").len(), 1);
    assert!(second.all("#area-summary").is_empty() && second.all(".notice--untranslated").is_empty());
    // So with the year's note, which the theme shows on the first page only.
    let mut t = paginated_tree();
    edit(&mut t, "content/progress/2025/north.yaml", "[everyday-help, living-advice]", "[everyday-help]");
    edit(
        &mut t,
        "content/progress/2025/year.yaml",
        "  en: \"The progress figures for fiscal 2025 are sample data made for testing.\"\n",
        "",
    );
    let b = compile(&t);
    let [first, second] =
        ["en/progress/2025/north/index.html", "en/progress/2025/north/page/2/index.html"].map(|p| b.page(p));
    assert!(first.all(".notice--untranslated").len() == 1 && first.all("p.lead").len() == 1);
    assert!(second.all("p.lead").is_empty() && second.all(".notice--untranslated").is_empty());
}
