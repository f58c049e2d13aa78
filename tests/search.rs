//! The search index: one per language, holding only that language's pages, with every page kind
//! and its filters; the tokens of a page's words are in the shard the browser will look in; the
//! site's own readings (`search.yaml`) are applied, and its mistakes located; list pages count
//! less and progress items are grouped by page. The search form of every page is labelled.
//! Compiled in process from the fixture in memory.

mod support;
use support::{compiled, Built};

/// The documents of `lang` whose index entry for `token` exists, as page addresses.
fn lookup(t: &Built, lang: &str, token: &str) -> Vec<String> {
    let meta = t.json(&format!("search/{lang}/meta.json"));
    let shards = meta["shards"].as_u64().unwrap() as u32;
    let shard = t.part(&format!("search/{lang}/shard"), shard_of(token, shards).into());
    let Some(lists) = shard.get(token) else { return vec![] };
    let mut ids = std::collections::BTreeSet::new();
    // [title, text, heading]: differences from −1 in base 32, lowest digit first, one
    // character per digit ("A"–"f" a last digit, "g"–"_" a digit with more to follow); in the
    // text list doubled, plus 1 where the token is strong.
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (i, list) in lists.as_array().unwrap().iter().enumerate() {
        let (mut prev, mut n, mut shift) = (-1i64, 0u64, 0);
        let list = list.as_str().unwrap();
        let dense = list.starts_with('~');
        for b in list.trim_start_matches('~').bytes() {
            let d = DIGITS.iter().position(|x| *x == b).unwrap() as u64;
            n += (d & 31) << shift;
            if d >= 32 {
                shift += 5;
                continue;
            }
            prev += (if i == 1 && !dense { n / 2 } else { n }) as i64;
            ids.insert(prev);
            (n, shift) = (0, 0);
        }
    }
    ids.iter().map(|&id| t.part(&format!("search/{lang}/doc"), id as u64)["u"].as_str().unwrap().to_string()).collect()
}

/// The pages of `lang` whose text has every bigram of `query` (Japanese only).
fn pages_with_all(t: &Built, lang: &str, query: &str) -> std::collections::BTreeSet<String> {
    let chars: Vec<char> = query.chars().collect();
    let mut pages: Option<std::collections::BTreeSet<String>> = None;
    for w in chars.windows(2) {
        let found: std::collections::BTreeSet<String> =
            lookup(t, lang, &w.iter().collect::<String>()).into_iter().collect();
        pages = Some(match pages {
            None => found,
            Some(p) => p.intersection(&found).cloned().collect(),
        });
    }
    pages.unwrap_or_default()
}

// The site's readings (search.yaml) are applied: a hiragana reading finds the page that writes
// the name in kanji, as its exact form too; without the file, it does not.
#[test]
fn site_readings_find_the_pages_of_the_name() {
    let plain = compiled("other-city");
    let mut tree = support::tree("other-city");
    tree.insert("content/search.yaml", "readings:\n  東地区: [ひがしちく, higashi]\nsynonyms:\n  - [港町, みなと町]\n");
    let t = support::compile(&tree);
    // The group's canonical form is the name as written (東地区); the browser puts it in place
    // of the reading, and finds the page; the table it does so with is shipped.
    let found = pages_with_all(&t, "ja", "東地区");
    assert!(found.contains("ja/areas/east/"), "{found:?}");
    let groups = t.variant_groups("ja");
    let group = serde_json::json!(["東地区", "ひがしちく", "higashi"]);
    // Once in the file of each form's first character: 東, ひ and h.
    let copies = groups.iter().filter(|g| **g == group).count();
    assert!((1..=3).contains(&copies), "{copies} {groups:?}");
    // A page that says みなと町 also has the keys of the canonical 港町 in its place.
    assert!(!pages_with_all(&t, "ja", "港町社会福祉協議会").is_empty());
    assert!(pages_with_all(plain, "ja", "港町社会福祉協議会").is_empty());
}

// A misspelt key of search.yaml is a located error with a suggestion, like every YAML file.
#[test]
fn unknown_key_in_search_yaml_is_a_located_error() {
    let mut tree = support::tree("other-city");
    tree.insert("content/search.yaml", "readnigs:\n  東地区: ひがしちく\n");
    let diags = support::content_errors(&tree);
    let d = diags.iter().find(|d| d.location.file == "content/search.yaml").expect("no diagnostic for search.yaml");
    assert_eq!((d.code.as_str(), d.location.line, d.location.column), ("unknown-field", 1, 1), "{d}");
    assert!(d.hint.en().contains("readings"), "{}", d.hint);
}

// A form that cannot be matched (two scripts, one kanji, a space) is an error at its place; so
// is a word without a reading.
#[test]
fn unmatchable_search_words_are_located_errors() {
    let mut tree = support::tree("other-city");
    tree.insert(
        "content/search.yaml",
        "readings:\n  東: ひがし\n  北地区: []\nsynonyms:\n  - [NPO法人, 特定非営利活動法人]\n",
    );
    let diags = support::content_errors(&tree);
    let at: Vec<(String, u64)> = diags
        .iter()
        .filter(|d| d.location.file == "content/search.yaml")
        .map(|d| (d.code.as_str().to_string(), d.location.line))
        .collect();
    assert!(at.contains(&("wrong-type".into(), 2)), "{at:?}");
    assert!(at.contains(&("missing-value".into(), 3)), "{at:?}");
    assert!(at.contains(&("wrong-type".into(), 5)), "{at:?}");
}

// The home page, the lists and a year's progress summary are indexed, with lower weight; the
// progress items of one page are one group of consecutive documents.
#[test]
fn lists_count_less_and_progress_items_are_grouped_by_page() {
    let t = compiled("other-city");
    let meta = t.json("search/ja/meta.json");
    let url = |id: u64| t.part("search/ja/doc", id)["u"].as_str().unwrap().to_string();
    let low: Vec<String> = meta["low"].as_array().unwrap().iter().map(|i| url(i.as_u64().unwrap())).collect();
    for page in ["ja/", "ja/themes/", "ja/areas/", "ja/cases/", "ja/progress/", "ja/progress/2025/"] {
        assert!(low.iter().any(|u| u == page), "{page} is not of lower weight: {low:?}");
    }
    assert!(!low.iter().any(|u| u.starts_with("ja/themes/") && u != "ja/themes/"), "{low:?}");
    let groups = meta["groups"].as_array().unwrap();
    assert!(!groups.is_empty());
    for g in groups {
        let (first, count) = (g[0].as_u64().unwrap(), g[1].as_u64().unwrap());
        let page = url(first);
        assert!(page.starts_with("ja/progress/2025/"), "{page}");
        assert!((first..first + count).all(|id| url(id) == page));
    }
}

// A page in English is never in the Japanese index, and the reverse.
#[test]
fn each_language_index_holds_only_its_own_pages() {
    let t = compiled("other-city");
    for lang in ["ja", "en"] {
        let docs = t.json(&format!("search/{lang}/meta.json"))["docs"].as_u64().unwrap();
        assert!(docs > 10, "{lang}: {docs} documents");
        for d in 0..docs {
            let url = t.part(&format!("search/{lang}/doc"), d)["u"].as_str().unwrap().to_string();
            assert!(url.starts_with(&format!("{lang}/")), "document {d} is {url}");
        }
        // Packed: a pack file per 64 documents, nothing else in the folder.
        let prefix = format!("search/{lang}/doc/");
        let packs = t.files().filter(|(k, _)| k.starts_with(&prefix)).count() as u64;
        assert_eq!(packs, docs.div_ceil(64), "{lang}");
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
    // (slug, label, the label's language where it stands in: none here.)
    assert_eq!(meta["filters"]["area"][0], serde_json::json!(["north", "北地区", null]));
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
        let search_page = path.ends_with("search/index.html");
        if path.contains('/') && path != "404.html" && !search_page {
            assert!(ids.iter().any(|i| i == "site-search-q"), "{path}: no labelled site search box: {ids:?}");
        }
        // The search page is the search: its own form is its one search landmark.
        let landmarks = t.page(path).all("[role=search]").len();
        if search_page {
            assert_eq!(landmarks, 1, "{path}: {landmarks} search landmarks");
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
    assert!(fallback.contains("\"../themes/\"") && fallback.contains("\"../areas/\""), "{fallback}");
    // Every page has a search box leading to its language's search page.
    let home = t.page("ja/index.html");
    assert_eq!(home.attr("form.site-search", "action"), "search/");
    // An area page presets the area filter.
    let area = t.page("ja/areas/north/index.html");
    assert_eq!(area.attr(".search-in a", "href"), "../../search/?area=north");
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

/// The shard of a token, as documented (a `*kanji` with the kanji).
fn shard_of(token: &str, shards: u32) -> u32 {
    fnv1a(token.strip_prefix('*').unwrap_or(token)) % shards
}

// On a site without case studies or progress reports, a document's kind in filters.json is the
// place of its kind in meta.json's list of the site's kinds, which the browser compares with:
// each theme page is "theme", each area page "area".
#[test]
fn a_sites_kinds_are_numbered_as_its_search_page_lists_them() {
    let files = support::fixture_files("more-languages");
    let t = &support::compile(&plansite::SourceTree::from_files(std::path::Path::new(support::MEMORY_ROOT), files));
    for lang in ["ja", "ko"] {
        let meta = t.json(&format!("search/{lang}/meta.json"));
        let kinds: Vec<&str> =
            meta["filters"]["kind"].as_array().unwrap().iter().map(|k| k[0].as_str().unwrap()).collect();
        assert_eq!(kinds, ["theme", "area", "page"], "{lang}");
        let filters = t.json(&format!("search/{lang}/filters.json"));
        let mut seen = std::collections::BTreeSet::new();
        for (id, kind) in filters["kind"].as_array().unwrap().iter().enumerate() {
            let url = t.part(&format!("search/{lang}/doc"), id as u64)["u"].as_str().unwrap().to_string();
            let named = kinds[kind.as_u64().unwrap() as usize];
            let expected = if url.contains("/themes/") && !url.ends_with("/themes/") {
                "theme"
            } else if url.contains("/areas/") && !url.ends_with("/areas/") {
                "area"
            } else {
                "page"
            };
            assert_eq!(named, expected, "{lang}: {url}");
            seen.insert(named);
        }
        assert_eq!(seen.len(), 3, "{lang}: {seen:?}");
    }
}

// A theme is found by its label and number as its page's heading reads them (「テーマ 3」,
// "Theme 3"): residents refer to a plan's themes (基本目標) by number. Its result's title reads
// as the heading does.
#[test]
fn a_theme_is_found_by_its_number() {
    let t = compiled("other-city");
    let page = "ja/themes/disaster-readiness/";
    for token in ["3", "てー", "ーま"] {
        assert!(lookup(t, "ja", token).iter().any(|u| u == page), "{token}: {:?}", lookup(t, "ja", token));
    }
    let en = lookup(t, "en", "3");
    assert!(en.iter().any(|u| u == "en/themes/disaster-readiness/"), "{en:?}");
    // The other themes are not found by this number.
    assert!(!lookup(t, "ja", "3").iter().any(|u| u == "ja/themes/everyday-help/"));
    let heading = t.page("ja/themes/disaster-readiness/index.html");
    let label = heading.text("h1 .heading-label");
    let meta = t.json("search/ja/meta.json");
    let docs = meta["docs"].as_u64().unwrap();
    let title = (0..docs)
        .map(|i| t.part("search/ja/doc", i))
        .find(|d| d["u"] == page)
        .map(|d| d["t"].as_str().unwrap_or_default().to_string())
        .unwrap();
    assert!(title.starts_with(&format!("{label} ")), "{title:?} does not start with {label:?}");
}
