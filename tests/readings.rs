//! Readings of hard names (furigana): `{name|reading}` in YAML texts and Markdown bodies, and
//! the site's `furigana:` list put on every occurrence; shown as `<ruby>`, kept out of the page
//! title, the heading ids and the search text; search finds the name by its reading.
//! Compiled in process from the other-city fixture with a few edits.

mod support;
use support::{compile, compiled, edit, Built};

fn with_readings() -> Built {
    let mut tree = support::tree("other-city");
    // A form in a YAML title and in a body heading and paragraph; a listed name in a body.
    edit(
        &mut tree,
        "content/cases/east-advice-cafe.yaml",
        "ja: 出張よろず相談カフェ",
        "ja: \"{出張|しゅっちょう}よろず相談カフェ\"",
    );
    edit(
        &mut tree,
        "content/cases/east-advice-cafe.ja.md",
        "## 取組みの内容\n\n商店の店主",
        "## {取組|とりく}みの内容\n\n集落の商店の店主",
    );
    // The listed name in an English body.
    edit(
        &mut tree,
        "content/cases/east-advice-cafe.en.md",
        "in a corner of the shop",
        "in a corner of the shop in the 集落",
    );
    tree.insert("content/search.yaml", "furigana:\n  集落: しゅうらく\n");
    compile(&tree)
}

#[test]
fn forms_and_listed_names_are_ruby_and_titles_read_the_name_alone() {
    let t = with_readings();
    let page = t.page("ja/cases/east-advice-cafe/index.html");
    let h1 = page.one("h1").html();
    assert!(h1.contains("<ruby>出張<rp>（</rp><rt>しゅっちょう</rt><rp>）</rp></ruby>よろず相談カフェ"), "{h1}");
    // The title, the description and the link previews see the name alone.
    let title = page.text("title");
    assert!(title.starts_with("出張よろず相談カフェ"), "{title}");
    assert!(!t.text("ja/cases/east-advice-cafe/index.html").contains("{出張|"));
    // The body: the heading keeps an id made from the name alone; the listed name gets its
    // reading wherever it stands, in the YAML texts too (activities says 集落).
    let body = page.one(".prose").html();
    assert!(body.contains("id=\"取組みの内容\""), "{body}");
    assert!(body.contains("<ruby>取組<rp>（</rp><rt>とりく</rt><rp>）</rp></ruby>み"), "{body}");
    assert!(body.contains("<ruby>集落<rp>（</rp><rt>しゅうらく</rt>"), "{body}");
    let all = page.one("main").html();
    assert!(all.matches("<rt>しゅうらく</rt>").count() >= 2, "{all}");
    // In an English body the name and its reading are marked Japanese (a Japanese body's
    // are in the page's language already).
    assert!(!body.contains("<ruby lang="), "{body}");
    let en = t.page("en/cases/east-advice-cafe/index.html").one(".prose").html();
    assert!(en.contains("shop in the <ruby lang=\"ja\">集落<rp>（</rp><rt>しゅうらく</rt>"), "{en}");
    // Without the list and the forms, there is no ruby at all.
    let plain = compiled("other-city").text("ja/cases/east-advice-cafe/index.html");
    assert!(!plain.contains("<ruby>"));
}

// The search text holds the name alone, and the reading finds it: each form and each listed
// name is a group of the site's search words, shipped with the index.
#[test]
fn search_reads_the_name_and_finds_it_by_its_reading() {
    let t = with_readings();
    let groups = t.variant_groups("ja");
    let meta = t.json("search/ja/meta.json");
    for g in [["出張", "しゅっちょう"], ["集落", "しゅうらく"]] {
        assert!(groups.contains(&serde_json::json!(g)), "{g:?} {groups:?}");
    }
    // The excerpt text of the case holds 出張よろず相談カフェ, never the reading inline.
    let docs: Vec<serde_json::Value> =
        (0..meta["docs"].as_u64().unwrap()).map(|i| t.part("search/ja/doc", i)).collect();
    let case = docs.iter().find(|d| d["u"] == "ja/cases/east-advice-cafe/").unwrap();
    assert_eq!(case["t"], "出張よろず相談カフェ");
    let text = case.to_string();
    assert!(!text.contains("しゅっちょう") && !text.contains("{出張"), "{text}");
}

// A reading that is not kana is a located error with what to write.
#[test]
fn a_reading_not_in_kana_is_a_located_error() {
    let mut tree = support::tree("other-city");
    tree.insert("content/search.yaml", "furigana:\n  集落: shuuraku\n");
    let errors = support::rendered_errors(&tree);
    assert!(errors.contains("content/search.yaml:2:"), "{errors}");
    assert!(errors.contains("is not a reading in kana") && errors.contains("集落: よみかた"), "{errors}");
}
