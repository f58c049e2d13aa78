//! The editors' tools: `plansite new` and `plansite init` make content that builds and passes
//! the checks, and never overwrite; the translation report finds missing and stale
//! translations; the "not translated" notice is about a page's own content.

mod support;

use plansite::diag::Severity;
use plansite::scaffold::New;
use plansite::translations::{report, State};
use plansite::{CompileOptions, Publish, SourceTree};
use std::path::Path;
use support::*;

/// Compiles the site on disk at `root` (drafts shown, as `serve` does, when `drafts`); fails
/// the test on a content error and returns the site and its warnings.
fn compile_root(root: &Path, drafts: bool) -> (plansite::Compiled, SourceTree) {
    let tree = SourceTree::load(root).unwrap();
    let options = CompileOptions { publish: Publish { drafts, future: false, now: None }, ..Default::default() };
    match plansite::compile(&tree, &options) {
        Ok(c) => (c, tree),
        Err(plansite::BuildError::Content(d)) => {
            panic!("the content has errors:\n{}", plansite::diag::render_terminal(&d, &tree))
        }
        Err(e) => panic!("{e}"),
    }
}

/// The warnings of a compile that concern `files`.
fn warnings_about(c: &plansite::Compiled, files: &[String]) -> Vec<String> {
    c.warnings
        .iter()
        .filter(|d| files.contains(&d.location.file))
        .map(|d| format!("{}: {}", d.location, d.message))
        .collect()
}

// A new case study has every language's files, builds as a draft (held back by `build`,
// shown by the preview on its own page in each language) and gives no warning.
#[test]
fn new_case_builds_in_every_language_and_is_a_draft() {
    let site = SiteTest::fixture("other-city");
    let files =
        plansite::scaffold::create(site.root(), &New::Case { area: "north".into(), slug: "new-salon".into() }).unwrap();
    assert_eq!(
        files,
        ["content/cases/new-salon.yaml", "content/cases/new-salon.ja.md", "content/cases/new-salon.en.md"]
    );
    let yaml = site.read("content/cases/new-salon.yaml");
    assert!(yaml.starts_with("# yaml-language-server: $schema=../../schemas/case.schema.json\n"), "{yaml}");
    for field in [
        "title:",
        "area: north",
        "themes: [",
        "published:",
        "activities:",
        "point:",
        "# venue:",
        "# images:",
        "# contact:",
    ] {
        assert!(yaml.contains(field), "no {field} in\n{yaml}");
    }
    let (c, _) = compile_root(site.root(), true);
    assert_eq!(warnings_about(&c, &files), Vec::<String>::new());
    let ja = Page::parse(site_text(&c.site, "ja/cases/new-salon/index.html"));
    assert_eq!(ja.text("main h1"), "（事例の名前）");
    let en = Page::parse(site_text(&c.site, "en/cases/new-salon/index.html"));
    assert_eq!(en.text("main h1"), "(The name of the case study)");
    let (c, _) = compile_root(site.root(), false);
    assert!(c.site.get("ja/cases/new-salon/index.html").is_none(), "a draft is published by build");
}

// New areas and themes build too; numbers and order follow the site's.
#[test]
fn new_area_and_theme_build_and_pass_the_checks() {
    let site = SiteTest::fixture("other-city");
    let mut made = plansite::scaffold::create(site.root(), &New::Area { slug: "west".into() }).unwrap();
    made.extend(plansite::scaffold::create(site.root(), &New::Theme { number: 9, slug: "new-theme".into() }).unwrap());
    assert!(site.read("content/areas/west.yaml").contains("\norder: 4\n"));
    assert!(site
        .read("content/themes/new-theme.yaml")
        .starts_with("# yaml-language-server: $schema=../../schemas/theme.schema.json"));
    let (c, _) = compile_root(site.root(), true);
    assert_eq!(warnings_about(&c, &made), Vec::<String>::new());
    assert!(c.warnings.iter().all(|d| d.severity != Severity::Error));
    assert!(
        site_text(&c.site, "en/areas/west/index.html").contains("(The area&#x27;s name)")
            || site_text(&c.site, "en/areas/west/index.html").contains("(The area's name)")
    );
    assert!(site_text(&c.site, "ja/themes/new-theme/index.html").contains("（テーマの名前）"));
    // A theme number that is taken is refused.
    let taken = plansite::scaffold::create(site.root(), &New::Theme { number: 9, slug: "other".into() }).unwrap_err();
    assert!(taken.contains("new-theme"), "{taken}");
}

// Nothing is ever overwritten; bad slugs and unknown areas are refused with a message.
#[test]
fn scaffolds_refuse_existing_files_bad_slugs_and_unknown_areas() {
    let site = SiteTest::fixture("other-city");
    site.write("content/cases/mine.en.md", "my own text");
    let err =
        plansite::scaffold::create(site.root(), &New::Case { area: "north".into(), slug: "mine".into() }).unwrap_err();
    assert!(err.contains("content/cases/mine.en.md") && err.contains("上書き"), "{err}");
    assert_eq!(site.read("content/cases/mine.en.md"), "my own text");
    assert!(!site.path("content/cases/mine.yaml").exists(), "a file was written beside an existing one");
    for slug in ["../escape", "Big", "a/b", ""] {
        let err = plansite::scaffold::create(site.root(), &New::Area { slug: slug.into() }).unwrap_err();
        assert!(err.contains("a–z"), "{slug}: {err}");
    }
    let err =
        plansite::scaffold::create(site.root(), &New::Case { area: "nowhere".into(), slug: "x".into() }).unwrap_err();
    assert!(err.contains("north") && err.contains("nowhere"), "{err}");
    // The binary says it and exits with 1.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(["new", "case", "north", "mine", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

// `new theme` takes its arguments in the order the docs and its help give: the number, then
// the file name (the value parser the CLI sets on the number once moved it after the name).
#[test]
fn new_theme_takes_the_number_then_the_file_name() {
    let site = SiteTest::fixture("other-city");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(["new", "theme", "7", "shared-meals", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(site.read("content/themes/shared-meals.yaml").contains("number: 7"));
    let help =
        std::process::Command::new(env!("CARGO_BIN_EXE_plansite")).args(["new", "theme", "--help"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&help.stdout).contains("<NUMBER> <SLUG>"),
        "{}",
        String::from_utf8_lossy(&help.stdout)
    );
}

// `new` works on the bundled sample, whose languages include a site's own code (`easy`, for
// やさしい日本語): it was refused as a bad site.yaml.
#[test]
fn new_works_on_a_site_with_its_own_language_code() {
    let site = SiteTest::fixture("sample");
    let files = plansite::scaffold::create(site.root(), &New::Area { slug: "new-ward".into() }).unwrap();
    assert!(files.contains(&"content/areas/new-ward.yaml".to_string()), "{files:?}");
    assert!(files.contains(&"content/areas/new-ward.easy.md".to_string()), "{files:?}");
}

// A new year copies last year's items into worksheets outside content/ (the site still builds);
// a worksheet filled in and saved into the year's folder is read as that year's data.
#[test]
fn new_year_copies_last_year_s_items_into_worksheets_that_read_back() {
    let site = SiteTest::fixture("other-city");
    let files = plansite::scaffold::create(site.root(), &New::Year { year: "2026".into() }).unwrap();
    assert!(files.contains(&"content/progress/2026/year.yaml".to_string()), "{files:?}");
    assert!(files.contains(&"progress-sheets/2026/north.csv".to_string()), "{files:?}");
    // Its year.yaml names its schema for the YAML language server, as the other scaffolds do.
    let year = site.read("content/progress/2026/year.yaml");
    assert!(year.starts_with("# yaml-language-server: $schema=../../../schemas/progress.schema.json\n"), "{year}");
    compile_root(site.root(), false);
    let sheet = site.read("progress-sheets/2026/north.csv");
    assert!(sheet.starts_with('\u{feff}') && sheet.contains("\r\n"), "not as Excel writes CSV");
    let last = site.read("content/progress/2025/north.yaml");
    // Last year's first item is there, with last year's next target as this year's target.
    let lines: Vec<&str> = sheet.lines().collect();
    assert!(lines.len() > 1, "no items copied:\n{sheet}");
    let head: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no column {name}"));
    let first: Vec<String> = lines[1].split(',').map(str::to_string).collect();
    assert!(last.contains(&first[col("取組項目")]), "{} is not last year's", first[col("取組項目")]);
    assert_eq!(first[col("達成状況")], "");
    assert_eq!(first[col("実績")], "");
    // Fill in every row as an editor would in Excel, and save it into the year's folder.
    let filled: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                return l.to_string();
            }
            let mut cells: Vec<String> = l.split(',').map(str::to_string).collect();
            cells[col("達成状況")] = "○".into();
            cells[col("次年度の目標又は予定")] = "続ける".into();
            cells.join(",")
        })
        .collect();
    site.write("content/progress/2026/north.csv", &(filled.join("\r\n") + "\r\n"));
    let (c, _) = compile_root(site.root(), false);
    let page = site_text(&c.site, "ja/progress/2026/north/index.html");
    assert!(page.contains(&first[col("取組項目")]), "the item is not on the year's page");
    // The year exists now: a second `new year` is refused.
    assert!(plansite::scaffold::create(site.root(), &New::Year { year: "2026".into() }).is_err());
    assert!(plansite::scaffold::create(site.root(), &New::Year { year: "26".into() }).is_err());
    assert!(plansite::scaffold::create(site.root(), &New::Year { year: "令和8年度".into() }).is_err(), "2026 again");
    // A year as staff write it: 令和9年度 is 2027.
    let files = plansite::scaffold::create(site.root(), &New::Year { year: "令和9年度".into() }).unwrap();
    assert!(files.contains(&"content/progress/2027/year.yaml".to_string()), "{files:?}");
}

// `init` makes a site that builds with no warnings in the languages asked for, with a README;
// a folder that is not empty is refused.
#[test]
fn init_makes_a_site_that_builds_with_no_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("new-site");
    plansite::scaffold::init(&root, &["ja".into(), "en".into()]).unwrap();
    let (c, tree) = compile_root(&root, false);
    assert!(c.warnings.is_empty(), "{}", plansite::diag::render_terminal(&c.warnings, &tree));
    for page in ["ja/index.html", "en/index.html", "ja/cases/east-salon/index.html", "en/areas/west/index.html"] {
        assert!(c.site.get(page).is_some(), "no {page}");
    }
    assert!(report(&tree, None).is_empty(), "{:?}", report(&tree, None));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.starts_with("# このサイトの編集のしかた"));
    let site_yaml = std::fs::read_to_string(root.join("content/site.yaml")).unwrap();
    assert!(!site_yaml.to_lowercase().contains("chiba") && !site_yaml.contains("千葉"));
    // The fields left commented out for an editor to switch on have words, never a phrase's key
    // (which an editor would publish as it is: alt="case.alt").
    for entry in walkdir::WalkDir::new(root.join("content")).into_iter().map(Result::unwrap) {
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        for kind in ["case", "area", "theme", "site", "plan"] {
            assert!(!text.contains(&format!("\"{kind}.")), "{}: a key:\n{text}", entry.path().display());
        }
    }
    // Not again into the same folder.
    let err = plansite::scaffold::init(&root, &["ja".into()]).unwrap_err();
    assert!(err.contains("空ではありません"), "{err}");
    // One language only.
    let ja = dir.path().join("ja-only");
    plansite::scaffold::init(&ja, &["ja".into()]).unwrap();
    let (c, tree) = compile_root(&ja, false);
    assert!(c.warnings.is_empty(), "{}", plansite::diag::render_terminal(&c.warnings, &tree));
    assert!(c.site.get("en/index.html").is_none());
    assert!(plansite::scaffold::init(&dir.path().join("bad"), &["ja".into(), "x/y".into()]).is_err());
}

// The report finds a missing translation after an English file is deleted, and a stale one
// after a Japanese text changes once the translations were recorded; file times play no part.
#[test]
fn translation_report_finds_missing_and_stale_translations() {
    let site = SiteTest::fixture("other-city");
    let tree = SourceTree::load(site.root()).unwrap();
    let before = report(&tree, Some("en"));
    // The fixture's deliberately untranslated theme.
    assert!(before
        .iter()
        .any(|g| g.file == "content/themes/living-advice.yaml" && g.field == "title" && g.state == State::Missing));
    assert!(before.iter().all(|g| g.state == State::Missing), "nothing is stale before a record exists");
    plansite::translations::cli::mark(&tree, &[], true, None).unwrap();
    assert!(site.read("content/translations.yaml").contains("content/themes/gathering-places.yaml"));
    // A Japanese text changes; the English one does not.
    site.edit("content/themes/gathering-places.yaml", "ja: ", "ja: 新しい");
    std::fs::remove_file(site.path("content/areas/north.en.md")).unwrap();
    let tree = SourceTree::load(site.root()).unwrap();
    let gaps = report(&tree, None);
    let stale: Vec<(&str, &str)> =
        gaps.iter().filter(|g| g.state == State::Stale).map(|g| (g.file.as_str(), g.field.as_str())).collect();
    assert_eq!(stale, [("content/themes/gathering-places.yaml", "title")]);
    assert!(gaps.iter().any(|g| g.file == "content/areas/north.en.md" && g.state == State::Missing), "{gaps:?}");
    // Marking the file again makes it current.
    plansite::translations::cli::mark(&tree, &["content/themes/gathering-places.yaml".into()], false, None).unwrap();
    let tree = SourceTree::load(site.root()).unwrap();
    assert!(report(&tree, None).iter().all(|g| g.state != State::Stale));
    // The record is not content: the site builds without a warning about it.
    let (c, _) = compile_root(site.root(), false);
    assert_eq!(warnings_about(&c, &["content/translations.yaml".into()]), Vec::<String>::new());
}

// The texts of progress data are in the report by their place in the file: one without its
// English is missing, and one whose Japanese changed after the record was made is stale.
#[test]
fn translation_report_finds_the_gaps_of_progress_data() {
    let site = SiteTest::fixture("other-city");
    let file = "content/progress/2025/north.yaml";
    let item = "districts[0].items[0].item";
    let tree = SourceTree::load(site.root()).unwrap();
    assert!(!report(&tree, None).iter().any(|g| g.file == file), "the fixture's progress is translated");
    site.edit(file, ", en: \"Morning greetings campaign\"", "");
    let tree = SourceTree::load(site.root()).unwrap();
    let gaps = report(&tree, None);
    let found: Vec<_> = gaps.iter().filter(|g| g.file == file).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].field.as_str(), found[0].state, found[0].lang.as_str()), (item, State::Missing, "en"));
    assert_eq!(found[0].source, "朝のあいさつ運動");
    // Translated again and recorded, then the Japanese changes: stale, with both texts.
    site.edit(file, "item: {ja: 朝のあいさつ運動}", "item: {ja: 朝のあいさつ運動, en: \"Morning greetings\"}");
    let tree = SourceTree::load(site.root()).unwrap();
    plansite::translations::cli::mark(&tree, &[], true, None).unwrap();
    site.edit(file, "ja: 朝のあいさつ運動", "ja: 朝夕のあいさつ運動");
    let tree = SourceTree::load(site.root()).unwrap();
    let stale: Vec<_> = report(&tree, None).into_iter().filter(|g| g.file == file).collect();
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!((stale[0].field.as_str(), stale[0].state), (item, State::Stale));
    assert_eq!((stale[0].source.as_str(), stale[0].translation.as_str()), ("朝夕のあいさつ運動", "Morning greetings"));
}

// The notice is shown on a page whose own content is untranslated, not on every page because
// a menu label (the areas' heading) has no English: a page without the notice keeps none
// unless its own content (<main>) shows that label.
#[test]
fn untranslated_notice_follows_the_page_s_own_content_not_a_menu_label() {
    let notice = ".notice--untranslated";
    let before = compiled("other-city");
    let own = before.page("en/themes/living-advice/index.html");
    assert_eq!(own.all(notice).len(), 1, "no notice on a page with untranslated content");
    let mut tree = tree("other-city");
    edit(&mut tree, "content/site.yaml", "  en: \"District plans\"\n", "");
    let after = compile(&tree);
    let mut checked = Vec::new();
    for (path, _) in before.files().filter(|(p, _)| p.starts_with("en/") && p.ends_with(".html")) {
        if !before.page(path).all(notice).is_empty() {
            continue;
        }
        let page = after.page(path);
        assert!(page.text("nav.site-nav").contains("地区別の計画"), "{path}: the menu label is translated");
        let main = page.all("main").into_iter().map(text).collect::<String>();
        if !main.contains("地区別の計画") {
            assert!(page.all(notice).is_empty(), "{path}: the notice is there because of a menu label");
            checked.push(path.to_string());
        }
    }
    // An area's page shows the label only in its breadcrumb (navigation too).
    assert!(checked.contains(&"en/areas/north/index.html".to_string()), "{checked:?}");
    assert!(checked.len() >= 5, "only {checked:?} checked");
}

// A case published with the placeholders `new` wrote still in it is warned of, at each one's
// line; once written, nothing is said.
#[test]
fn placeholders_left_in_a_published_item_are_warned_of() {
    let site = SiteTest::fixture("other-city");
    plansite::scaffold::create(site.root(), &New::Case { area: "north".into(), slug: "left".into() }).unwrap();
    let yaml = "content/cases/left.yaml";
    site.edit(yaml, "\ndraft: true", "\ndraft: false");
    let out = build_en(&site);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let title_line =
        site.read(yaml).lines().position(|l| l.contains("en: \"(The name of the case study)\"")).unwrap() + 1;
    assert!(err.contains("warning[placeholder-left]"), "{err}");
    assert!(err.contains(&format!("{yaml}:{title_line}:")), "{err}");
    assert!(err.contains("“(The name of the case study)”"), "{err}");
    // Written: no warning.
    let text = site
        .read(yaml)
        .replace("(The name of the case study)", "Shared lunches")
        .replace("（事例の名前）", "みんなの昼ごはん");
    site.write(yaml, &text);
    let out = build_en(&site);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("“(The name of the case study)”") && !err.contains("“（事例の名前）”"), "{err}");
}

/// `plansite --lang en build` of `site`.
fn build_en(site: &SiteTest) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(["--lang", "en", "build", "--root"])
        .arg(site.root())
        .output()
        .unwrap()
}
