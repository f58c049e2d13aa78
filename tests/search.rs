//! The search index: one per language, holding only that language's pages, with every page kind
//! and its filters; the tokens of a page's words are in the shard the browser will look in.

mod support;
use serde_json::Value;
use support::{snapshot, SiteTest};

fn json(t: &SiteTest, path: &str) -> Value {
    serde_json::from_slice(&std::fs::read(t.out().join(path)).unwrap()).unwrap()
}

/// The documents of `lang` whose index entry for `token` exists, as page addresses.
fn lookup(t: &SiteTest, lang: &str, token: &str) -> Vec<String> {
    let meta = json(t, &format!("search/{lang}/meta.json"));
    let shards = meta["shards"].as_u64().unwrap() as u32;
    let shard = json(t, &format!("search/{lang}/shard/{}.json", fnv1a(token) % shards));
    let Some(lists) = shard.get(token) else { return vec![] };
    let mut ids = Vec::new();
    for list in lists.as_array().unwrap() {
        let mut prev = 0;
        for d in list.as_array().unwrap() {
            prev += d.as_u64().unwrap();
            ids.push(prev);
        }
    }
    ids.iter().map(|id| json(t, &format!("search/{lang}/doc/{id}.json"))["u"].as_str().unwrap().to_string()).collect()
}

// A page in English is never in the Japanese index, and the reverse.
#[test]
fn each_language_index_holds_only_its_own_pages() {
    let t = SiteTest::fixture("other-city");
    t.build();
    let files = snapshot(&t.out());
    for lang in ["ja", "en"] {
        let docs: Vec<&String> = files.keys().filter(|k| k.starts_with(&format!("search/{lang}/doc/"))).collect();
        assert!(docs.len() > 10, "{lang}: {} documents", docs.len());
        for d in docs {
            let url = json(&t, d)["u"].as_str().unwrap().to_string();
            assert!(url.starts_with(&format!("{lang}/")), "{d} is {url}");
        }
    }
    // An English-only word is found in the English index and not in the Japanese one.
    assert!(lookup(&t, "en", "harbourside").iter().any(|u| u.starts_with("en/cases/north-harbour-salon/")));
    assert!(lookup(&t, "ja", "harbourside").is_empty());
    // A Japanese bigram is found in the Japanese index and not in the English one.
    assert!(!lookup(&t, "ja", "港の").is_empty());
    assert!(lookup(&t, "en", "港の").is_empty());
}

// Every kind of page is indexed with the filters the search page offers.
#[test]
fn index_covers_every_kind_with_filters() {
    let t = SiteTest::fixture("other-city");
    t.build();
    let meta = json(&t, "search/ja/meta.json");
    let kinds: Vec<&str> = meta["filters"]["kind"].as_array().unwrap().iter().map(|k| k[0].as_str().unwrap()).collect();
    assert_eq!(kinds, ["case", "theme", "area", "progress", "page"]);
    assert_eq!(meta["filters"]["area"][0], serde_json::json!(["north", "北地区"]));
    assert_eq!(meta["filters"]["year"][0], serde_json::json!([2025, "令和7年度（2025年度）"]));
    let filters = json(&t, "search/ja/filters.json");
    let n = meta["docs"].as_u64().unwrap() as usize;
    for key in ["area", "kind", "year", "theme"] {
        assert_eq!(filters[key].as_array().unwrap().len(), n, "{key}");
    }
    let kinds_used: std::collections::BTreeSet<u64> =
        filters["kind"].as_array().unwrap().iter().map(|k| k.as_u64().unwrap()).collect();
    assert_eq!(kinds_used.len(), 5, "every kind has documents");
    // Progress items link to their row on the progress page.
    let progress = lookup(&t, "ja", "朝市");
    assert!(progress.iter().any(|u| u == "ja/progress/2025/north/"), "{progress:?}");
    let page = t.page("ja/progress/2025/north/index.html");
    assert_eq!(page.all("tr#item-1-1").len(), 1);
}

// The search page works without a server-side program and says what to do without JavaScript.
#[test]
fn search_page_has_form_filters_and_noscript_fallback() {
    let t = SiteTest::fixture("other-city");
    t.build();
    let page = t.page("en/search/index.html");
    assert_eq!(page.attr("label[for=search-q]", "for"), "search-q");
    assert_eq!(page.all("#search-area option").len(), 4);
    assert_eq!(page.attr("#search-status", "aria-live"), "polite");
    let fallback = page.one("noscript").inner_html();
    assert!(fallback.contains("../../en/themes/") && fallback.contains("../../en/areas/"), "{fallback}");
    // Every page has a labelled search box leading to its language's search page.
    let home = t.page("ja/index.html");
    assert_eq!(home.attr("form.site-search", "action"), "../ja/search/");
    assert_eq!(home.attr("label[for=site-search-q]", "for"), "site-search-q");
    // An area page presets the area filter.
    let area = t.page("ja/areas/north/index.html");
    assert_eq!(area.attr(".search-in a", "href"), "../../../ja/search/?area=north");
}

// The search page offers the kinds the index knows, and no others: without progress data,
// neither lists progress.
#[test]
fn page_and_index_offer_the_same_kinds() {
    let t = SiteTest::fixture("other-city");
    std::fs::remove_dir_all(t.path("content/progress")).unwrap();
    t.build();
    let meta = json(&t, "search/en/meta.json");
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
