//! Whole-site builds: the sample and a different plan build with the same code, every page
//! exists in every language, and a rebuild is byte-identical. Compiled in process from the
//! fixtures in memory, except what needs the real binary and a disk: the command line's
//! options and exit codes, and symbolic links among the sources.

mod support;
use support::{compiled, SiteTest};

// Every theme, area and case study of the sample gets a page in both languages, plus the site files.
#[test]
fn sample_has_every_page_in_both_languages() {
    let t = compiled("sample");
    let tree = support::tree("sample");
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
        let prefix = format!("content/{kind}/");
        for (path, _) in tree.under(&prefix) {
            if let Some(slug) = path[prefix.len()..].strip_suffix(".yaml") {
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
        assert!(t.site.get(&path).is_some(), "missing {path}");
    }
}

// A plan with other areas, another number of themes and an untranslated theme builds unchanged.
#[test]
fn another_plan_builds_and_reports_its_missing_translation() {
    let t = compiled("other-city");
    let en = t.missing_translations.get("en").expect("English lacks translations");
    assert_eq!(en.iter().map(|(k, n)| (*k, *n)).collect::<Vec<_>>(), [("theme", 1)]);
    assert!(!t.missing_translations.contains_key("ja"));
    for slug in ["north", "south", "east"] {
        assert!(t.site.get(&format!("en/areas/{slug}/index.html")).is_some());
    }
    let themes = t.page("en/themes/index.html");
    assert_eq!(themes.all(".theme-list__item").len(), 4);
    // Nothing of the bundled Chiba plan leaks into another city's site.
    for (path, bytes) in t.files() {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("千葉") && !text.contains("Chiba"), "{path} mentions Chiba");
        }
    }
}

// Two compiles of the same content (each from its own tree, on a thread pool) produce the same
// bytes in every file.
#[test]
fn rebuild_is_byte_identical() {
    let first = compiled("sample");
    let second = support::compile(&support::tree("sample"));
    support::assert_same_files(first.files(), second.files(), "between builds");
}

// End to end: `plansite build` with --output and --base-url writes the site there (and not into
// site/), and says what it did.
#[test]
fn output_and_base_url_options() {
    let t = SiteTest::fixture("other-city");
    let out_dir = t.path("public");
    let out = t.build_with(&["--output", out_dir.to_str().unwrap(), "--base-url", "https://preview.example.net/x/"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let page = std::fs::read_to_string(out_dir.join("ja/index.html")).unwrap();
    assert!(page.contains(r#"<link rel="canonical" href="https://preview.example.net/x/ja/">"#), "{page}");
    assert!(!t.out().exists());
    // Which translations are missing, by file and field (not a count per kind).
    assert!(stderr.contains("translations to do (en "), "{stderr}");
    assert!(stderr.contains("content/themes/living-advice.yaml  title\n"), "{stderr}");
    assert!(stderr.contains("content/themes/living-advice.en.md  本文 body\n"), "{stderr}");
    let pages = compiled("other-city").site.page_count();
    assert!(stderr.contains(&format!("built {pages} pages (")), "{stderr}");
    // Every file of the site is on disk as compiled (the preview address aside).
    let written = support::snapshot(&out_dir);
    for (path, _) in compiled("other-city").files() {
        assert!(written.contains_key(path), "{path} was not written");
    }
}

// A site may override a single template of the theme.
#[test]
fn a_site_template_overrides_the_theme() {
    let mut tree = support::tree("other-city");
    tree.insert(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p id=\"custom\">custom 404</p>{% endblock main %}",
    );
    let t = support::compile(&tree);
    assert_eq!(t.page("404.html").text("#custom"), "custom 404");
    assert_eq!(t.page("ja/index.html").all("h1").len(), 1);
    assert!(compiled("other-city").page("404.html").all("#custom").is_empty(), "the theme's own 404 has none");
}

// Bad command-line arguments exit with 2 and say what is wrong (the real binary; nothing is
// read before the arguments are checked).
#[test]
fn bad_arguments_exit_with_2() {
    let plansite = || std::process::Command::new(env!("CARGO_BIN_EXE_plansite"));
    let out = plansite().args(["build", "--root", "/nonexistent", "--base-url", "not-a-url"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("absolute web address"));
    let out = plansite().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = plansite().arg("--version").output().unwrap();
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).starts_with("plansite "));
}

// A symbolic link among the sources is not followed: nothing outside the site root is read or
// published, and the build says so. The links are on disk (only there can they be); the rest
// of the site is the fixture in memory.
#[test]
fn links_are_not_followed() {
    let root = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "do not publish").unwrap();
    std::fs::create_dir_all(root.path().join("content")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.path().join("content/leak.png")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.path().join("content/outside")).unwrap();
    let mut tree = plansite::SourceTree::load(root.path()).unwrap();
    assert_eq!(tree.links().collect::<Vec<_>>(), ["content/leak.png", "content/outside"]);
    for (path, bytes) in support::tree("other-city").under("") {
        tree.insert(path, bytes.to_vec());
    }
    let t = support::compile(&tree);
    let warnings = plansite::diag::render_terminal(&t.warnings, &tree);
    assert!(warnings.contains("warning[link-not-followed]") && warnings.contains("content/leak.png"), "{warnings}");
    assert!(warnings.contains("content/outside"), "{warnings}");
    assert!(!t.files().any(|(k, b)| k.contains("leak")
        || k.contains("secret")
        || k.contains("outside")
        || String::from_utf8_lossy(&b).contains("do not publish")));
}

// A site's own UI strings that lack keys: each is reported, and the built-in text is shown
// instead of an empty label.
#[test]
fn missing_ui_strings_are_reported_and_filled_from_the_built_in_theme() {
    let mut tree = support::tree("other-city");
    tree.insert("themes/default/i18n/en.yaml", "home: \"Top\"\n");
    let compiled = support::compile(&tree);
    let missing: Vec<String> = compiled
        .warnings
        .iter()
        .filter(|d| d.code == "missing-ui-string" && d.location.file.ends_with("en.yaml"))
        .map(|d| d.message.en())
        .collect();
    assert!(missing.iter().any(|m| m.contains("`skip`")), "{missing:?}");
    assert!(!missing.iter().any(|m| m.contains("`home`")), "{missing:?}");
    let page = compiled.text("en/index.html");
    let skip = page.split("class=\"skip-link\"").nth(1).and_then(|r| r.split('<').next()).unwrap_or("");
    assert!(skip.trim_start_matches(|c| c != '>').len() > 1, "the skip link has a label: {skip:?}");
    assert!(page.contains(">Top<"), "the site's own wording is kept");
}
