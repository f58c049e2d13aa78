//! The search index: one per language, holding only that language's pages, with every page kind
//! and its filters; the tokens of a page's words are in the shard the browser will look in. The
//! search form of every page is labelled. Compiled in process from the fixture in memory.

mod support;
use support::{compiled, Built};

/// The documents of `lang` whose index entry for `token` exists, as page addresses.
fn lookup(t: &Built, lang: &str, token: &str) -> Vec<String> {
    let meta = t.json(&format!("search/{lang}/meta.json"));
    let shards = meta["shards"].as_u64().unwrap() as u32;
    let shard = t.json(&format!("search/{lang}/shard/{}.json", fnv1a(token) % shards));
    let Some(lists) = shard.get(token) else { return vec![] };
    let mut ids = Vec::new();
    for list in lists.as_array().unwrap() {
        let mut prev = 0;
        for d in list.as_array().unwrap() {
            prev += d.as_u64().unwrap();
            ids.push(prev);
        }
    }
    ids.iter().map(|id| t.json(&format!("search/{lang}/doc/{id}.json"))["u"].as_str().unwrap().to_string()).collect()
}

// A page in English is never in the Japanese index, and the reverse.
#[test]
fn each_language_index_holds_only_its_own_pages() {
    let t = compiled("other-city");
    for lang in ["ja", "en"] {
        let prefix = format!("search/{lang}/doc/");
        let docs: Vec<&str> = t.files().map(|(k, _)| k).filter(|k| k.starts_with(&prefix)).collect();
        assert!(docs.len() > 10, "{lang}: {} documents", docs.len());
        for d in docs {
            let url = t.json(d)["u"].as_str().unwrap().to_string();
            assert!(url.starts_with(&format!("{lang}/")), "{d} is {url}");
        }
    }
    // An English-only word is found in the English index and not in the Japanese one.
    assert!(lookup(t, "en", "harbourside").iter().any(|u| u.starts_with("en/cases/north-harbour-salon/")));
    assert!(lookup(t, "ja", "harbourside").is_empty());
    // A Japanese bigram is found in the Japanese index and not in the English one.
    assert!(!lookup(t, "ja", "港の").is_empty());
    assert!(lookup(t, "en", "港の").is_empty());
}

// Every kind of page is indexed with the filters the search page offers.
#[test]
fn index_covers_every_kind_with_filters() {
    let t = compiled("other-city");
    let meta = t.json("search/ja/meta.json");
    let kinds: Vec<&str> = meta["filters"]["kind"].as_array().unwrap().iter().map(|k| k[0].as_str().unwrap()).collect();
    assert_eq!(kinds, ["case", "theme", "area", "progress", "page"]);
    assert_eq!(meta["filters"]["area"][0], serde_json::json!(["north", "北地区"]));
    assert_eq!(meta["filters"]["year"][0], serde_json::json!([2025, "令和7年度（2025年度）"]));
    let filters = t.json("search/ja/filters.json");
    let n = meta["docs"].as_u64().unwrap() as usize;
    for key in ["area", "kind", "year", "theme"] {
        assert_eq!(filters[key].as_array().unwrap().len(), n, "{key}");
    }
    let kinds_used: std::collections::BTreeSet<u64> =
        filters["kind"].as_array().unwrap().iter().map(|k| k.as_u64().unwrap()).collect();
    assert_eq!(kinds_used.len(), 5, "every kind has documents");
    // Progress items link to their row on the progress page.
    let progress = lookup(t, "ja", "朝市");
    assert!(progress.iter().any(|u| u == "ja/progress/2025/north/"), "{progress:?}");
    let page = t.page("ja/progress/2025/north/index.html");
    assert_eq!(page.all("tr#item-1-1").len(), 1);
}

/// Every form control of `page` (input other than hidden, submit, reset, button and image;
/// select; textarea) has an id, and a `<label for>` naming that id exists on the page; returns
/// the ids checked.
fn controls_are_labelled(page: &support::Page, path: &str) -> Vec<String> {
    let controls = page.all(
        "input:not([type=hidden]):not([type=submit]):not([type=reset]):not([type=button]):not([type=image]), select, textarea",
    );
    let labels: Vec<String> =
        page.all("label[for]").iter().map(|l| l.value().attr("for").unwrap().to_string()).collect();
    let mut ids = Vec::new();
    for control in controls {
        let id =
            control.value().attr("id").unwrap_or_else(|| panic!("{path}: a control without an id: {}", control.html()));
        assert!(labels.iter().any(|f| f == id), "{path}: no <label for={id:?}> (labels: {labels:?})");
        ids.push(id.to_string());
    }
    ids
}

// Every form control on every page has a label naming it; the search page's own form and every
// page's search box are among them.
#[test]
fn every_form_control_has_a_label() {
    let t = compiled("other-city");
    let mut pages = 0;
    for (path, _) in t.files().filter(|(p, _)| p.ends_with(".html")) {
        let ids = controls_are_labelled(&t.page(path), path);
        if path.contains('/') && path != "404.html" {
            assert!(ids.iter().any(|i| i == "site-search-q"), "{path}: no labelled site search box: {ids:?}");
        }
        pages += 1;
    }
    assert!(pages > 40, "{pages} pages");
    let ids = controls_are_labelled(&t.page("en/search/index.html"), "en/search/index.html");
    for id in ["search-q", "search-area", "search-kind"] {
        assert!(ids.iter().any(|i| i == id), "the search page has no labelled {id}: {ids:?}");
    }
}

// The label check itself fails on a control without a label, or labelled for another id.
#[test]
fn the_label_check_catches_an_unlabelled_control() {
    let check = |html: &str| {
        let page = support::Page::parse(html.to_string());
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| controls_are_labelled(&page, "test"))).is_ok()
    };
    assert!(check(r#"<label for="q">Search</label><input id="q" type="search"><input type="submit">"#));
    assert!(!check(r#"<input id="q" type="search">"#));
    assert!(!check(r#"<label for="other">Search</label><input id="q" type="search">"#));
    assert!(!check(r#"<label for="q">Search</label><input id="q"><select id="s"></select>"#));
    assert!(!check(r#"<label>Search <input type="search"></label>"#), "a control without an id");
}

// The search page works without a server-side program and says what to do without JavaScript.
#[test]
fn search_page_has_form_filters_and_noscript_fallback() {
    let t = compiled("other-city");
    let page = t.page("en/search/index.html");
    assert_eq!(page.all("#search-area option").len(), 4);
    assert_eq!(page.attr("#search-status", "aria-live"), "polite");
    let fallback = page.one("noscript").inner_html();
    assert!(fallback.contains("../../en/themes/") && fallback.contains("../../en/areas/"), "{fallback}");
    // Every page has a search box leading to its language's search page.
    let home = t.page("ja/index.html");
    assert_eq!(home.attr("form.site-search", "action"), "../ja/search/");
    // An area page presets the area filter.
    let area = t.page("ja/areas/north/index.html");
    assert_eq!(area.attr(".search-in a", "href"), "../../../ja/search/?area=north");
}

// The search page offers the kinds the index knows, and no others: without progress data,
// neither lists progress.
#[test]
fn page_and_index_offer_the_same_kinds() {
    let t = support::compile(&support::without(&support::tree("other-city"), |p| p.starts_with("content/progress/")));
    let meta = t.json("search/en/meta.json");
    let indexed: Vec<String> =
        meta["filters"]["kind"].as_array().unwrap().iter().map(|k| k[0].as_str().unwrap().to_string()).collect();
    let offered: Vec<String> = t
        .page("en/search/index.html")
        .all("#search-kind option")
        .iter()
        .filter_map(|o| o.value().attr("value").filter(|v| !v.is_empty()).map(str::to_string))
        .collect();
    assert_eq!(offered, ["case", "theme", "area", "page"]);
    assert_eq!(indexed, offered);
}

/// FNV-1a over the UTF-8 bytes, as documented for the shards (and computed by search.js).
fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}
