//! Whole-site builds: the sample and a different plan build with the same binary, every page
//! exists in every language, and a rebuild is byte-identical.

mod support;
use support::{snapshot, SiteTest};

// Every theme, area and case study of the sample gets a page in both languages, plus the site files.
#[test]
fn sample_has_every_page_in_both_languages() {
    let t = SiteTest::fixture("sample");
    t.build();
    let mut expected = vec![
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "ja/feed.xml",
        "en/feed.xml",
        "static/css/main.css",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    for kind in ["themes", "areas", "cases"] {
        for entry in std::fs::read_dir(t.path(&format!("content/{kind}"))).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(slug) = name.strip_suffix(".yaml") {
                for lang in ["ja", "en"] {
                    expected.push(format!("{lang}/{kind}/{slug}/index.html"));
                }
            }
        }
    }
    for lang in ["ja", "en"] {
        for page in ["", "overview/", "themes/", "areas/", "cases/", "structure/"] {
            expected.push(format!("{lang}/{page}index.html"));
        }
    }
    assert!(expected.len() > 60);
    for path in expected {
        assert!(t.out().join(&path).is_file(), "missing {path}");
    }
}

// A plan with other areas, another number of themes and an untranslated theme builds unchanged.
#[test]
fn another_plan_builds_and_reports_its_missing_translation() {
    let t = SiteTest::fixture("other-city");
    let out = t.build();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing translations (en): 1 theme"), "{stderr}");
    for slug in ["north", "south", "east"] {
        assert!(t.out().join(format!("en/areas/{slug}/index.html")).is_file());
    }
    let themes = t.page("en/themes/index.html");
    assert_eq!(themes.all(".theme-list__item").len(), 4);
    // Nothing of the bundled Chiba plan leaks into another city's site.
    for (path, bytes) in snapshot(&t.out()) {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("千葉") && !text.contains("Chiba"), "{path} mentions Chiba");
        }
    }
}

// Two builds of the same content produce the same bytes in every file.
#[test]
fn rebuild_is_byte_identical() {
    let t = SiteTest::fixture("sample");
    t.build();
    let first = snapshot(&t.out());
    t.build();
    support::assert_same_files(support::files(&first), support::files(&snapshot(&t.out())), "between builds");
}

// --output and --base-url are honoured.
#[test]
fn output_and_base_url_options() {
    let t = SiteTest::fixture("other-city");
    let out_dir = t.path("public");
    let out = t.build_with(&["--output", out_dir.to_str().unwrap(), "--base-url", "https://preview.example.net/x/"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(out_dir.join("ja/index.html")).unwrap();
    assert!(page.contains(r#"<link rel="canonical" href="https://preview.example.net/x/ja/">"#), "{page}");
    assert!(!t.out().exists());
}

// A site may override a single template of the theme.
#[test]
fn a_site_template_overrides_the_theme() {
    let t = SiteTest::fixture("other-city");
    t.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p id=\"custom\">custom 404</p>{% endblock main %}",
    );
    t.build();
    assert_eq!(t.page("404.html").text("#custom"), "custom 404");
    assert_eq!(t.page("ja/index.html").all("h1").len(), 1);
}

// Bad command-line arguments exit with 2 and say what is wrong.
#[test]
fn bad_arguments_exit_with_2() {
    let t = SiteTest::fixture("other-city");
    let out = t.build_with(&["--base-url", "not-a-url"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("absolute web address"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plansite")).arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plansite")).arg("--version").output().unwrap();
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).starts_with("plansite "));
}

// A symbolic link among the sources is not followed: nothing outside the site root is read or
// published, and the build says so.
#[test]
fn links_are_not_followed() {
    let t = SiteTest::fixture("other-city");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "do not publish").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), t.path("content/leak.png")).unwrap();
    std::os::unix::fs::symlink(outside.path(), t.path("content/outside")).unwrap();
    let out = t.build();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("warning[link-not-followed]") && stderr.contains("content/leak.png"), "{stderr}");
    assert!(stderr.contains("content/outside"), "{stderr}");
    let published = support::snapshot(&t.out());
    assert!(!published.keys().any(|k| k.contains("leak") || k.contains("secret") || k.contains("outside")));
}

// A site's own UI strings that lack keys: each is reported, and the built-in text is shown
// instead of an empty label.
#[test]
fn missing_ui_strings_are_reported_and_filled_from_the_built_in_theme() {
    let t = SiteTest::fixture("other-city");
    let mut tree = plansite::SourceTree::load(t.root()).unwrap();
    tree.insert("themes/default/i18n/en.yaml", "home: \"Top\"\n");
    let compiled = plansite::compile(&tree, &plansite::CompileOptions::default()).expect("builds");
    let missing: Vec<String> = compiled
        .warnings
        .iter()
        .filter(|d| d.code == "missing-ui-string" && d.location.file.ends_with("en.yaml"))
        .map(|d| d.message.clone())
        .collect();
    assert!(missing.iter().any(|m| m.contains("`skip`")), "{missing:?}");
    assert!(!missing.iter().any(|m| m.contains("`home`")), "{missing:?}");
    let page = String::from_utf8(compiled.site.get("en/index.html").unwrap().to_vec()).unwrap();
    let skip = page.split("class=\"skip-link\"").nth(1).and_then(|r| r.split('<').next()).unwrap_or("");
    assert!(skip.trim_start_matches(|c| c != '>').len() > 1, "the skip link has a label: {skip:?}");
    assert!(page.contains(">Top<"), "the site's own wording is kept");
}
