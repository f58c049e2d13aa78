//! Languages beyond Japanese and English (issue 16): each with its code, its BCP 47 tag and its
//! fallback chain. On `tests/fixtures/more-languages` (ja; zh = zh-Hans; ko, which tries zh
//! before ja; やさしい日本語 as `easy`, which is Japanese) and on the sample (ja, en, easy):
//! every page exists in every language, the `lang` of each text is the language it is shown
//! in, and the switcher lists only the languages a page has content in, marking partial ones.

mod support;

use std::path::Path;
use std::sync::OnceLock;
use support::*;

/// The fixture with four languages, compiled once.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let tree = plansite::SourceTree::from_files(Path::new(MEMORY_ROOT), fixture_files("more-languages"));
        compile(&tree)
    })
}

/// The switcher's entries of a page: (hreflang or the current one's lang, visible text, current).
fn switcher(page: &Page) -> Vec<(String, String, bool)> {
    page.all(".lang-switch li > :is(a, span)")
        .into_iter()
        .map(|e| {
            let current = e.value().attr("aria-current").is_some();
            let lang = e.value().attr(if current { "lang" } else { "hreflang" }).unwrap_or("").to_string();
            (lang, text(e), current)
        })
        .collect()
}

// Simplified Chinese is published under zh/ with `lang="zh-Hans"`; a Japanese-only text on a
// Chinese page is marked `lang="ja"`, and the page's own texts carry no lang of their own.
#[test]
fn chinese_pages_say_zh_hans_and_mark_japanese_fallback_as_ja() {
    let t = built();
    let own = t.page("zh/themes/gathering-places/index.html");
    assert_eq!(own.attr("html", "lang"), "zh-Hans");
    assert!(own.text("h1").ends_with("打造聚会场所"));
    assert!(own.all("h1[lang], h1 [lang]").is_empty());
    assert!(own.one(".prose").value().attr("lang").is_none());
    assert_eq!(own.text(".skip-link"), "跳到正文", "the Chinese UI strings");
    let fallback = t.page("zh/themes/living-advice/index.html");
    assert_eq!(fallback.attr("html", "lang"), "zh-Hans");
    assert_eq!(fallback.attr("h1[lang], h1 [lang]", "lang"), "ja");
    // The year of the period is Western on Chinese pages, 令和 on Japanese ones, each in its
    // language's words (not English on a Chinese or Korean page).
    assert!(t.text("zh/overview/index.html").contains("2025年度至2029年度（2025年4月至2030年3月）"));
    assert!(t.text("ko/overview/index.html").contains("2025년도~2029년도(2025년 4월~2030년 3월)"));
    assert!(!t.text("zh/overview/index.html").contains("FY2025"));
    assert!(t.text("ja/overview/index.html").contains("令和7"));
}

// Korean tries Chinese before Japanese: a body missing in Korean is the Chinese one, marked
// zh-Hans; a text missing in both is the Japanese one, marked ja.
#[test]
fn korean_falls_back_along_its_chain() {
    let t = built();
    let page = t.page("ko/themes/gathering-places/index.html");
    assert_eq!(page.attr("html", "lang"), "ko");
    assert!(page.text("h1").ends_with("모임 장소 만들기"));
    let prose = page.one(".prose");
    assert_eq!(prose.value().attr("lang"), Some("zh-Hans"));
    assert!(text(prose).contains("每周在公民馆举办沙龙"));
    let japanese = t.page("ko/themes/living-advice/index.html");
    assert_eq!(japanese.attr("h1[lang], h1 [lang]", "lang"), "ja");
}

// やさしい日本語 is Japanese: its pages say `lang="ja"`, its own texts and UI strings are its own,
// a text it lacks is the Japanese one with the notice (in easy Japanese), and it has a search
// index and a search page of its own.
#[test]
fn easy_japanese_is_japanese_with_its_own_texts_and_falls_back_to_japanese() {
    let t = built();
    let overview = t.page("easy/overview/index.html");
    assert_eq!(overview.attr("html", "lang"), "ja");
    assert_eq!(overview.text("h1"), "けいかくの説明");
    assert!(overview.text("main").contains("みんながつながって、安心してくらせる町"));
    assert!(overview.text("main").contains("令和7"), "years in the 令和 era, as in Japanese");
    let theme = t.page("easy/themes/living-advice/index.html");
    assert_eq!(theme.attr("html", "lang"), "ja");
    assert!(theme.text("h1").ends_with("暮らしの相談窓口づくり"));
    assert!(theme.text("main").contains("まだやさしい日本語になっていません"), "the notice");
    let search = t.page("easy/search/index.html");
    assert_eq!(search.attr("form[data-search]", "data-lang"), "easy");
    for lang in ["ja", "zh", "ko", "easy"] {
        assert!(t.site.get(&format!("search/{lang}/meta.json")).is_some(), "no search index for {lang}");
    }
}

// The switcher lists the page's own language and each other language the page has content of
// its own in (not only fallback), each link with hreflang and lang; a language some of whose
// texts fall back says so in visible text, in the page's language.
#[test]
fn switcher_lists_only_languages_with_content_and_marks_partial_ones() {
    let t = built();
    let entries = |path: &str| switcher(&t.page(path));
    // Japanese only: no other language has any of it.
    assert_eq!(entries("ja/themes/living-advice/index.html"), [("ja".into(), "日本語".into(), true)]);
    // Chinese has all its texts but the next theme's title (Japanese only), Korean its title
    // and summary but the Chinese body: both partial; やさしい日本語 has none of it.
    assert_eq!(
        entries("ja/themes/gathering-places/index.html"),
        [
            ("ja".to_string(), "日本語".to_string(), true),
            ("zh-Hans".to_string(), "简体中文（一部のみ）".to_string(), false),
            ("ko".to_string(), "한국어（一部のみ）".to_string(), false),
        ]
    );
    // The same marks in each page's language; the current page is marked too.
    assert_eq!(
        entries("zh/areas/kita/index.html"),
        [
            ("ja".to_string(), "日本語".to_string(), false),
            ("zh-Hans".to_string(), "简体中文（部分翻译）".to_string(), true),
            ("ko".to_string(), "한국어（部分翻译）".to_string(), false),
        ]
    );
    // Every link leads to a page of the site, and names its language.
    let page = t.page("ja/areas/kita/index.html");
    for a in page.all(".lang-switch a") {
        let href = a.value().attr("href").unwrap();
        let target = format!("{}index.html", href.trim_start_matches("../").trim_start_matches("../"));
        assert!(t.site.get(&target).is_some(), "{href} leads nowhere");
        assert_eq!(a.value().attr("lang"), a.value().attr("hreflang"));
    }
    // The mark is in the page's language, inside the link (its accessible name).
    let mark = page.one(".lang-switch a[hreflang=ko] .lang-switch__partial");
    assert_eq!(mark.value().attr("lang"), Some("ja"));
}

// The head's alternates list only the languages with content, one per tag; the Atom feed and
// the sitemap use tags, not codes.
#[test]
fn alternates_use_tags_and_only_languages_with_content() {
    let t = built();
    let page = t.page("ja/themes/gathering-places/index.html");
    let langs: Vec<String> = page
        .all("link[rel=alternate][hreflang]")
        .iter()
        .map(|l| l.value().attr("hreflang").unwrap().to_string())
        .collect();
    assert_eq!(langs, ["ja", "zh-Hans", "ko", "x-default"]);
    let only_ja = t.page("ja/themes/living-advice/index.html");
    assert_eq!(only_ja.all("link[rel=alternate][hreflang]").len(), 2, "ja and x-default");
    assert!(!t.text("sitemap.xml").contains("hreflang=\"zh\""));
}

// The bundled sample publishes やさしい日本語 under easy/: its overview and Hanamigawa Ward are
// translated (and marked as a sample), every other page shows Japanese in the easy-Japanese
// frame; the switcher offers it only where it has content; the sample stays free of warnings.
#[test]
fn the_sample_has_easy_japanese_for_its_overview_and_one_ward() {
    let t = compiled("sample");
    assert!(t.warnings.is_empty(), "{}", t.warnings);
    assert!(!t.missing_translations.contains_key("easy"), "a partial language has no missing translations");
    let overview = t.page("easy/overview/index.html");
    assert_eq!(overview.attr("html", "lang"), "ja");
    assert!(overview.text("main").contains("見本（サンプル）として作ったもの"));
    let ward = t.page("easy/areas/hanamigawa/index.html");
    assert!(ward.text("main").contains("おたがいに助けあう地域づくり"));
    assert!(t.text("easy/areas/hanamigawa/index.html").contains("<rt>はなみがわ</rt>"), "the reading");
    let names = |path: &str| -> Vec<String> { switcher(&t.page(path)).into_iter().map(|(l, _, _)| l).collect() };
    assert_eq!(names("ja/areas/hanamigawa/index.html"), ["ja", "en", "ja"]);
    assert_eq!(names("ja/areas/chuo/index.html"), ["ja", "en"]);
    // Every other page exists in easy Japanese too (links within it stay valid).
    for path in ["easy/index.html", "easy/areas/chuo/index.html", "easy/search/index.html"] {
        assert!(t.site.get(path).is_some(), "no {path}");
    }
}

// Search results mark a text standing in for a missing translation with its language, as the
// page does: the index gives the tag of each such title (`l`), area label (`al`) and part (its
// text's, then its heading's), and nothing for a text in the index's own language.
#[test]
fn search_documents_give_the_language_of_texts_standing_in() {
    let t = built();
    let docs = |lang: &str| -> Vec<serde_json::Value> {
        let n = t.json(&format!("search/{lang}/meta.json"))["docs"].as_u64().unwrap();
        (0..n).map(|d| t.part(&format!("search/{lang}/doc"), d)).collect()
    };
    let doc = |docs: &[serde_json::Value], url: &str| -> serde_json::Value {
        docs.iter().find(|d| d["u"] == url).unwrap_or_else(|| panic!("no document {url}")).clone()
    };
    // A part by its anchor and heading: [anchor, heading, text, text's tag?, heading's tag?].
    let part = |d: &serde_json::Value, anchor: &str, heading: &str| -> Vec<serde_json::Value> {
        let parts = d["s"].as_array().unwrap();
        let found = parts.iter().find(|p| p[0] == anchor && p[1] == heading);
        found.unwrap_or_else(|| panic!("no part {anchor} {heading} in {d}")).as_array().unwrap().clone()
    };
    let ko = docs("ko");
    // Korean tries Chinese, then Japanese: the untranslated theme's title and summary are
    // Japanese; the translated theme's title is Korean, its body Chinese.
    let untranslated = doc(&ko, "ko/themes/living-advice/");
    assert_eq!(untranslated["l"], "ja", "{untranslated}");
    assert_eq!(part(&untranslated, "", "暮らしの相談窓口づくり")[3..], ["ja", "ja"], "{untranslated}");
    let own = doc(&ko, "ko/themes/gathering-places/");
    assert!(own.get("l").is_none(), "{own}");
    assert_eq!(part(&own, "", "모임 장소 만들기").len(), 3, "{own}");
    let body: Vec<_> = own["s"].as_array().unwrap().iter().filter(|p| p.get(3) == Some(&"zh-Hans".into())).collect();
    assert!(!body.is_empty() && body.iter().all(|p| p[4] == "zh-Hans"), "the Chinese body's sections: {own}");
    // The area: its name is Korean, its slogan and contact Chinese, its policies Japanese; the
    // part's heading (the name) is the index's own language, so only the text's tag is given.
    let area = doc(&ko, "ko/areas/kita/");
    assert!(area.get("l").is_none() && area.get("al").is_none(), "{area}");
    assert_eq!(part(&area, "", "북지구")[3..], ["zh-Hans"], "{area}");
    assert_eq!(part(&area, "policies", "기본 방침")[3..], ["ja"], "{area}");
    assert_eq!(part(&area, "contacts", "문의처")[3..], ["zh-Hans"], "{area}");
    // A part joined from texts in two languages (the home page's theme titles) is a part for
    // each run, each marked where it stands in.
    let home = doc(&ko, "ko/");
    let themes: Vec<_> = home["s"].as_array().unwrap().iter().filter(|p| p[1] == "실천 테마").cloned().collect();
    assert_eq!(
        themes,
        [
            serde_json::json!(["", "실천 테마", "모임 장소 만들기"]),
            serde_json::json!(["", "실천 테마", "暮らしの相談窓口づくり", "ja"])
        ],
        "{home}"
    );
    // In Chinese, the Japanese-only theme is marked ja; in Japanese, nothing stands in.
    assert_eq!(doc(&docs("zh"), "zh/themes/living-advice/")["l"], "ja");
    for d in docs("ja") {
        assert!(d.get("l").is_none() && d.get("al").is_none(), "{d}");
        assert!(d["s"].as_array().unwrap().iter().all(|p| p.as_array().unwrap().len() == 3), "{d}");
    }
}

// The search page's filters mark an option with a language only where its label stands in for
// a missing translation: the Japanese-only theme on the Korean page, not the Korean names. The
// label of areas, by default the site's title of its areas list, stands in with that title (in
// the options and in meta.json, whose labels the results show).
#[test]
fn search_filters_mark_only_the_labels_standing_in() {
    let page = built().page("ko/search/index.html");
    let langs = |select: &str| -> Vec<(String, Option<String>)> {
        page.all(&format!("#{select} option[value]:not([value=''])"))
            .into_iter()
            .map(|o| (o.value().attr("value").unwrap().to_string(), o.value().attr("lang").map(str::to_string)))
            .collect()
    };
    assert_eq!(langs("search-area"), [("kita".to_string(), None)]);
    assert_eq!(
        langs("search-theme"),
        [("gathering-places".to_string(), None), ("living-advice".to_string(), Some("ja".to_string()))]
    );
    assert!(langs("search-kind").iter().all(|(_, lang)| lang.is_none()), "{:?}", langs("search-kind"));
    // Without a Korean title of the areas list, the Korean label of areas is the Chinese one.
    let mut tree = plansite::SourceTree::from_files(Path::new(MEMORY_ROOT), fixture_files("more-languages"));
    edit(&mut tree, "content/site.yaml", "  ko: 지구별 계획\n", "");
    let t = compile(&tree);
    let page = t.page("ko/search/index.html");
    let area = page.one("#search-kind option[value=area]");
    assert_eq!((text(area), area.value().attr("lang")), ("各地区的计划".to_string(), Some("zh-Hans")));
    let kinds = t.json("search/ko/meta.json")["filters"]["kind"].clone();
    assert_eq!(kinds[1], serde_json::json!(["area", "各地区的计划", "zh-Hans"]), "{kinds}");
    assert_eq!(kinds[0], serde_json::json!(["theme", "실천 테마", null]), "{kinds}");
}

// A language written in Latin letters other than English (Vietnamese) has its words searched as
// written: its search page tells the script so, and its index has no vocabulary to complete
// English words from; the other languages take English rules (the rules themselves:
// tests/search-tokens-plain.json, in both tokenizers).
#[test]
fn vietnamese_words_are_searched_as_written() {
    let mut tree = plansite::SourceTree::from_files(Path::new(MEMORY_ROOT), fixture_files("more-languages"));
    edit(
        &mut tree,
        "content/site.yaml",
        "  - {code: ko, name: 한국어, fallback: [zh]}\n",
        "  - {code: ko, name: 한국어, fallback: [zh]}\n  - {code: vi, name: Tiếng Việt}\n",
    );
    edit(
        &mut tree,
        "content/themes/gathering-places.yaml",
        "  ko: 모임 장소 만들기\n",
        "  ko: 모임 장소 만들기\n  vi: Tổ chức nơi an toàn\n",
    );
    let t = compile(&tree);
    let latin = |lang: &str| t.page(&format!("{lang}/search/index.html")).attr("form[data-search]", "data-latin");
    assert_eq!((latin("vi"), latin("ko"), latin("ja")), ("plain".into(), "english".into(), "english".into()));
    // (By English rules, the title's words would give the letters c, n and t.)
    assert_eq!(t.json("search/vi/meta.json")["vocab"], "", "no vocabulary");
}
