//! Snapshot tests (insta): the `<main>` element of one page of every page kind in both languages
//! of the other-city fixture, and the terminal rendering of one diagnostic of every code. All
//! compiled in process from files in memory, so they are quick and have no temporary paths in
//! them.
//!
//! The pages' snapshots are the page source from `<main` to `</main>` exactly as written (not
//! re-serialised by a parser, which would hide changes of escaping or whitespace), so a change
//! of the rendering that should change no page shows here byte for byte.
//!
//! When a change is intended: `INSTA_UPDATE=always cargo test --test snapshots` (or
//! `cargo insta review`), read the diff of `tests/snapshots/`, commit it.

mod support;
use plansite::diag::render_terminal;
use plansite::{BuildError, CompileOptions, SourceTree};
use support::{compiled, tree, tree_text};

/// The source of the one `<main>` element of a page, from `<main` to `</main>`.
fn main_of(path: &str) -> String {
    let page = compiled("other-city").page(path);
    assert_eq!(page.all("main").len(), 1, "{path}: one <main>");
    let source = &page.source;
    let start = source.find("<main").unwrap_or_else(|| panic!("{path}: no <main"));
    let end = source.rfind("</main>").unwrap_or_else(|| panic!("{path}: no </main>")) + "</main>".len();
    assert_eq!(source.matches("<main").count(), 1, "{path}");
    source[start..end].to_string()
}

/// One snapshot per language of the page `path` (`{lang}` stands for the language), named
/// `<kind>-<lang>`.
macro_rules! page_kind {
    ($test:ident, $kind:literal, $path:literal) => {
        #[test]
        fn $test() {
            // Both languages are compared (and a changed one written as .snap.new) before the
            // test fails.
            let failed: Vec<&str> = ["ja", "en"]
                .into_iter()
                .filter(|lang| {
                    let path = $path.replace("{lang}", lang);
                    let main = main_of(&path);
                    std::panic::catch_unwind(|| {
                        insta::assert_snapshot!(format!("page-{}-{lang}", $kind), main, &path);
                    })
                    .is_err()
                })
                .collect();
            assert!(failed.is_empty(), "the {} page differs from its snapshot in {failed:?}", $kind);
        }
    };
}

page_kind!(home, "home", "{lang}/index.html");
page_kind!(overview, "overview", "{lang}/overview/index.html");
page_kind!(themes_list, "themes", "{lang}/themes/index.html");
page_kind!(theme, "theme", "{lang}/themes/everyday-help/index.html");
page_kind!(areas_list, "areas", "{lang}/areas/index.html");
page_kind!(area, "area", "{lang}/areas/north/index.html");
page_kind!(cases_list, "cases", "{lang}/cases/index.html");
page_kind!(case, "case", "{lang}/cases/north-harbour-salon/index.html");
page_kind!(structure, "structure", "{lang}/structure/index.html");
page_kind!(search, "search", "{lang}/search/index.html");
page_kind!(site_map, "site-map", "{lang}/sitemap/index.html");
page_kind!(progress_index, "progress-index", "{lang}/progress/index.html");
page_kind!(progress_year, "progress-year", "{lang}/progress/2025/index.html");
page_kind!(progress_area, "progress-area", "{lang}/progress/2025/north/index.html");
page_kind!(accessibility, "accessibility", "{lang}/accessibility/index.html");
page_kind!(privacy, "privacy", "{lang}/privacy/index.html");

// The landing page and the 404 page are one page each, in every language at once.
#[test]
fn landing() {
    insta::assert_snapshot!("page-landing", main_of("index.html"), "index.html");
}

#[test]
fn not_found() {
    insta::assert_snapshot!("page-404", main_of("404.html"), "404.html");
}

/// The theme's templates that are not a page of their own.
const SHARED_TEMPLATES: [&str; 2] = ["base.html", "components.html"];

// Every page template of the theme has its snapshot here (named after it: `site_map.html` →
// `page-site-map-ja`), so a new kind of page cannot go unpinned.
#[test]
fn every_page_template_has_a_snapshot() {
    let templates = support::repo().join("themes/default/templates");
    let snapshots = support::repo().join("tests/snapshots");
    for entry in std::fs::read_dir(templates).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if SHARED_TEMPLATES.contains(&name.as_str()) {
            continue;
        }
        let kind = name.trim_end_matches(".html").replace('_', "-");
        let one = snapshots.join(format!("snapshots__page-{kind}.snap"));
        let per_language = snapshots.join(format!("snapshots__page-{kind}-ja.snap"));
        assert!(
            one.is_file() || per_language.is_file(),
            "themes/default/templates/{name} has no snapshot in tests/snapshots.rs (or list it in SHARED_TEMPLATES)"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Diagnostics: for every code, a tiny mistake in the other-city fixture and what the terminal
// shows for it (every diagnostic of that compile, errors or, when it compiles, warnings). Every
// code of `plansite::diag::Code::ALL` can be caused by content; `link-not-followed` needs a link
// on disk (made in a temporary root; the path in the snapshot is root-relative).

const CASE: &str = "content/cases/new.yaml";
const CASE_TEXT: &str = "title: {ja: 新しい事例, en: New case}\narea: north\nthemes: [everyday-help]\npublished: 2025-04-01\nactivities: {ja: 取組み}\npoint: {ja: ポイント}\n";
const YEAR: &str = "content/progress/2025";
const CSV_HEAD: &str =
    "地区部会エリア,人口,世帯数,基準日,基本方針,重点取組項目,取組項目,目標又は予定,達成状況,次年度の目標又は予定\n";
const CSV_ROW: &str = "北浜地区,2140,1032,2026-03-31,1,○,あいさつ運動,月1回行う。,◎,続ける。\n";

/// The diagnostics of a tree as the terminal shows them: the errors if it is refused, else
/// the warnings.
fn rendered(tree: &SourceTree) -> String {
    match plansite::compile(tree, &CompileOptions::default()) {
        Err(BuildError::Content(d)) => render_terminal(&d, tree),
        Err(e) => panic!("not a content error: {e}"),
        Ok(c) => render_terminal(&c.warnings, tree),
    }
}

fn replace(t: &mut SourceTree, path: &str, from: &str, to: &str) {
    support::edit(t, path, from, to);
}

fn append(t: &mut SourceTree, path: &str, text: &str) {
    let old = tree_text(t, path);
    t.insert(path, format!("{old}{text}"));
}

fn new_case(t: &mut SourceTree, edit: impl FnOnce(&str) -> String) {
    t.insert(CASE, edit(CASE_TEXT));
}

/// North's 2025 progress as `north.csv` with these bytes instead of north.yaml.
fn north_csv(t: &mut SourceTree, csv: &str) {
    *t = support::without(t, |p| p == format!("{YEAR}/north.yaml"));
    t.insert(format!("{YEAR}/north.csv"), csv);
}

/// One snapshot named `diag-<code>`; `$make` turns the fixture into the broken input.
/// A Markdown body of the fixture.
const BODY: &str = "content/cases/east-advice-cafe.ja.md";

macro_rules! diagnostic {
    ($test:ident, $code:literal, $make:expr) => {
        #[test]
        fn $test() {
            let mut t = tree("other-city");
            let make: fn(&mut SourceTree) = $make;
            make(&mut t);
            let text = rendered(&t);
            assert!(text.contains(concat!("[", $code, "]")), "no {} in:\n{text}", $code);
            insta::assert_snapshot!(concat!("diag-", $code), text);
        }
    };
}

diagnostic!(yaml_syntax, "yaml-syntax", |t| new_case(t, |_| "title: {ja: 事例\narea: north\n".into()));
diagnostic!(unknown_field, "unknown-field", |t| new_case(t, |c| c.replace("point:", "piont:")));
diagnostic!(missing_field, "missing-field", |t| new_case(t, |c| c.replace("point: {ja: ポイント}\n", "")));
diagnostic!(duplicate_key, "duplicate-key", |t| new_case(t, |c| format!("{c}area: south\n")));
diagnostic!(wrong_type, "wrong-type", |t| new_case(t, |c| c
    .replace("title: {ja: 新しい事例, en: New case}", "title: [新しい事例]")));
diagnostic!(limit_exceeded, "limit-exceeded", |t| append(t, "content/site.yaml", "limits: {yaml_depth: 4}\n"));
diagnostic!(not_utf8, "not-utf8", |t| t.insert(CASE, b"title: {ja: \x8e\x96\x97\xe1}\n".to_vec()));
diagnostic!(missing_file, "missing-file", |t| *t = support::without(t, |p| p == format!("{YEAR}/year.yaml")));
diagnostic!(unknown_file, "unknown-file", |t| t.insert("content/cases/notes.txt", "notes"));
diagnostic!(nested_file, "nested-file", |t| t.insert("content/cases/old/new.yaml", CASE_TEXT));
diagnostic!(bad_slug, "bad-slug", |t| t.insert("content/cases/New Case.yaml", CASE_TEXT));
diagnostic!(duplicate_slug, "duplicate-slug", |t| {
    t.insert(CASE, CASE_TEXT);
    t.insert("content/cases/new.yml", CASE_TEXT);
});
diagnostic!(body_without_language, "body-without-language", |t| t
    .insert("content/cases/north-harbour-salon.md", "# Text\n"));
diagnostic!(orphan_body, "orphan-body", |t| t.insert("content/cases/nothing.ja.md", "# 本文\n"));
diagnostic!(unknown_body, "unknown-body", |t| {
    replace(t, "content/structure.yaml", "reports_to: [promotion-committee]", "reports_to: [promotion-comittee]")
});
diagnostic!(unsafe_svg, "unsafe-svg", |t| {
    t.insert(
        "content/images/map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>alert(1)</script>\n</svg>\n",
    )
});
diagnostic!(missing_image, "missing-image", |t| {
    new_case(t, |c| format!("{c}images:\n  - {{src: images/map.png, alt: {{ja: 地図}}}}\n"))
});
diagnostic!(missing_alt, "missing-alt", |t| {
    t.insert("content/images/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"/>\n");
    new_case(t, |c| format!("{c}images:\n  - src: images/map.svg\n    caption: {{ja: 地図}}\n"))
});
diagnostic!(bad_image, "bad-image", |t| t.insert("content/images/photo.jpg", "not a photo"));
diagnostic!(no_language, "no-language", |t| {
    replace(t, "content/site.yaml", "  - {code: ja, name: 日本語}\n  - {code: en, name: English}\n", "  []\n")
});
diagnostic!(bad_language, "bad-language", |t| replace(
    t,
    "content/site.yaml",
    "{code: en, name: English}",
    "{code: \"en gb\", name: English}"
));
diagnostic!(duplicate_language, "duplicate-language", |t| replace(
    t,
    "content/site.yaml",
    "{code: en, name: English}",
    "{code: ja, name: English}"
));
diagnostic!(unknown_language, "unknown-language", |t| new_case(t, |c| c.replace("en: New case", "fr: Nouveau cas")));
diagnostic!(missing_primary_text, "missing-primary-text", |t| new_case(t, |c| c
    .replace("{ja: 取組み}", "{en: Activities}")));
diagnostic!(missing_primary_body, "missing-primary-body", |t| {
    t.insert(CASE, CASE_TEXT);
    t.insert("content/cases/new.en.md", "# Only in English\n");
});
diagnostic!(bad_url, "bad-url", |t| replace(
    t,
    "content/site.yaml",
    "base_url: https://example.org/minato/",
    "base_url: example.org/minato/"
));
diagnostic!(bad_email, "bad-email", |t| replace(
    t,
    "content/site.yaml",
    "email: info@example.org",
    "email: info(at)example.org"
));
diagnostic!(bad_phone, "bad-phone", |t| replace(
    t,
    "content/site.yaml",
    "phone: \"000-000-0000\"",
    "phone: \"000-000-000O\""
));
diagnostic!(bad_postal_code, "bad-postal-code", |t| replace(
    t,
    "content/site.yaml",
    "postal_code: \"000-0000\"",
    "postal_code: \"0000000\""
));
diagnostic!(placeholder_left, "placeholder-left", |t| new_case(t, |c| c
    .replace("title: {ja: 新しい事例, en: New case}", "title: {ja: （事例の名前）, en: New case}")));
diagnostic!(bad_date, "bad-date", |t| new_case(t, |c| c.replace("2025-04-01", "2025-02-29")));
diagnostic!(bad_period, "bad-period", |t| replace(
    t,
    "content/plan.yaml",
    "period: {from: 2025, to: 2029}",
    "period: {from: 2029, to: 2025}"
));
diagnostic!(bad_year, "bad-year", |t| {
    let moved: Vec<(String, Vec<u8>)> =
        t.under("content/progress/2025/").map(|(p, b)| (p.replacen("/2025/", "/R7/", 1), b.to_vec())).collect();
    *t = support::without(t, |p| p.starts_with("content/progress/"));
    for (p, b) in moved {
        t.insert(p, b);
    }
});
diagnostic!(bad_number, "bad-number", |t| replace(t, "content/structure.yaml", "tier: 1", "tier: 0"));
diagnostic!(bad_flag, "bad-flag", |t| north_csv(t, &format!("{CSV_HEAD}{}", CSV_ROW.replace(",○,", ",maybe,"))));
diagnostic!(duplicate_number, "duplicate-number", |t| {
    let theme = tree_text(t, "content/themes/everyday-help.yaml");
    t.insert("content/themes/more-help.yaml", theme);
});
diagnostic!(duplicate_reference, "duplicate-reference", |t| new_case(t, |c| c
    .replace("[everyday-help]", "[everyday-help, everyday-help]")));
diagnostic!(bad_time_zone, "bad-time-zone", |t| append(t, "content/site.yaml", "time_zone: Asia/Tokio\n"));
diagnostic!(unknown_reference, "unknown-reference", |t| append(t, BODY, "\n[北地区](@area/nort)\n"));
diagnostic!(broken_link, "broken-link", |t| append(t, BODY, "\n[資料](/files/old.pdf)\n"));
diagnostic!(broken_anchor, "broken-anchor", |t| append(t, BODY, "\n[北地区の方針](@area/north#houshin)\n"));
diagnostic!(bad_link, "bad-link", |t| append(t, BODY, "\n[メール](mailto:info@example)\n"));
diagnostic!(missing_translation, "missing-translation", |_| {});
diagnostic!(unlinked_file, "unlinked-file", |t| t.insert("content/files/old.pdf", b"%PDF-1.4\n".to_vec()));
diagnostic!(oversized_file, "oversized-file", |t| {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.resize(12_000_000, b' ');
    t.insert("content/files/big.pdf", pdf);
    append(t, BODY, "\n[資料](@file/files/big.pdf)\n")
});
diagnostic!(unknown_area, "unknown-area", |t| new_case(t, |c| c.replace("area: north", "area: nort")));
diagnostic!(unknown_theme, "unknown-theme", |t| new_case(t, |c| c.replace("[everyday-help]", "[mimamori]")));
diagnostic!(unknown_policy, "unknown-policy", |t| north_csv(
    t,
    &format!("{CSV_HEAD}{}", CSV_ROW.replace(",1,○,", ",9,○,"))
));
diagnostic!(unknown_rating, "unknown-rating", |t| north_csv(
    t,
    &format!("{CSV_HEAD}{}", CSV_ROW.replace(",◎,", ",good?,"))
));
diagnostic!(missing_value, "missing-value", |t| north_csv(
    t,
    &format!("{CSV_HEAD}{}", CSV_ROW.replace(",あいさつ運動,", ",,"))
));
diagnostic!(not_a_number, "not-a-number", |t| north_csv(
    t,
    &format!("{CSV_HEAD}{}", CSV_ROW.replace(",2140,", ",約2000,"))
));
diagnostic!(duplicate_area, "duplicate-area", |t| t
    .insert(format!("{YEAR}/south.csv"), format!("{CSV_HEAD}{CSV_ROW}")));
diagnostic!(duplicate_district, "duplicate-district", |t| {
    let path = format!("{YEAR}/north.yaml");
    let text = tree_text(t, &path);
    let start = text.find("  - name:").unwrap();
    let second = text[start + 1..].find("  - name:").unwrap() + start + 1;
    let first = text[start..second].to_string();
    t.insert(path, format!("{text}{first}"));
});
diagnostic!(inconsistent_district, "inconsistent-district", |t| {
    let second = CSV_ROW.replace(",2140,", ",2150,").replace(",1,○,あいさつ運動,", ",2,,見守り,");
    north_csv(t, &format!("{CSV_HEAD}{CSV_ROW}{second}"))
});
diagnostic!(csv_syntax, "csv-syntax", |t| north_csv(t, &format!("{CSV_HEAD}{CSV_ROW}北浜地区,\"2140,1032\n")));
diagnostic!(bad_workbook, "bad-workbook", |t| {
    *t = support::without(t, |p| p == format!("{YEAR}/north.yaml"));
    t.insert(format!("{YEAR}/progress.xlsx"), b"PK\x03\x04 not a workbook".to_vec());
});
diagnostic!(empty_table, "empty-table", |t| north_csv(t, ""));
diagnostic!(missing_column, "missing-column", |t| north_csv(t, &CSV_HEAD.replace(",達成状況", "")));
diagnostic!(unknown_column, "unknown-column", |t| {
    north_csv(t, &format!("{}{}", CSV_HEAD.replace('\n', ",備考\n"), CSV_ROW.replace('\n', ",\n")))
});
diagnostic!(duplicate_column, "duplicate-column", |t| north_csv(
    t,
    &CSV_HEAD.replace("取組項目,目標", "取組項目,取組項目,目標")
));
diagnostic!(missing_ui_string, "missing-ui-string", |t| {
    // The site's own copy of the theme's English strings, without one of them.
    let strings = std::fs::read_to_string(support::repo().join("themes/default/i18n/en.yaml")).unwrap();
    let without_skip: String = strings.lines().filter(|l| !l.starts_with("skip:")).map(|l| format!("{l}\n")).collect();
    assert_ne!(without_skip.len(), strings.len());
    t.insert("themes/default/i18n/en.yaml", without_skip);
});
diagnostic!(missing_ui_strings, "missing-ui-strings", |t| {
    replace(
        t,
        "content/site.yaml",
        "  - {code: en, name: English}\n",
        "  - {code: en, name: English}\n  - {code: fr, name: Français}\n",
    )
});

diagnostic!(unknown_word, "unknown-word", |t| append(t, "content/site.yaml", "words:\n  en:\n    theme_lable: Goal\n"));

// A symbolic link is only ever found on disk: the link is made in an empty temporary root and
// the fixture added in memory; the diagnostic names the link by its root-relative path.
#[test]
fn link_not_followed() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("content/images")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", root.path().join("content/images/map.png")).unwrap();
    let mut t = SourceTree::load(root.path()).unwrap();
    for (path, bytes) in tree("other-city").under("") {
        t.insert(path, bytes.to_vec());
    }
    let text = rendered(&t);
    assert!(!text.contains(&root.path().display().to_string()), "{text}");
    assert!(text.contains("[link-not-followed]"), "{text}");
    insta::assert_snapshot!("diag-link-not-followed", text);
}

/// Codes no content can cause (none today).
/// Codes content alone cannot cause: a page no page links to (only a theme's templates can
/// make one), and an outside link that does not answer (`check --external`, over the network).
const NOT_FROM_CONTENT: [&str; 2] = ["orphan-page", "external-link"];

// Every code has its snapshot: a code added to `Code::ALL` without one fails this test.
#[test]
fn every_code_has_a_snapshot() {
    let dir = support::repo().join("tests/snapshots");
    for code in plansite::diag::Code::ALL {
        let snap = dir.join(format!("snapshots__diag-{code}.snap"));
        assert_eq!(
            snap.is_file(),
            !NOT_FROM_CONTENT.contains(&code.as_str()),
            "{}: a diagnostic code has a snapshot exactly when content can cause it",
            snap.display()
        );
    }
}
