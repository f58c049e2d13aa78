//! Page references and `plansite check`: references resolve per language; every planted
//! problem in a copy of the sample is found at its file, line and column; the sample itself is
//! clean; `build` refuses what `check` finds.

mod support;

use plansite::diag::{Diagnostics, Severity};
use std::collections::BTreeMap;
use support::*;

const CASE_JA: &str = "content/cases/cafe-saiwai.ja.md";

/// The sample with `lines` added at the end of the Japanese body of a case study; returns the
/// tree and the line number of the first added line.
fn sample_with(lines: &[&str]) -> (plansite::SourceTree, usize) {
    let mut tree = tree("sample");
    let text = tree_text(&tree, CASE_JA);
    let first = text.lines().count() + 2;
    tree.insert(CASE_JA, format!("{}\n\n{}\n", text.trim_end(), lines.join("\n\n")));
    (tree, first)
}

/// (code, location) of each diagnostic.
fn found(d: &Diagnostics) -> Vec<(String, String)> {
    d.iter().map(|d| (d.code.to_string(), d.location.to_string())).collect()
}

/// Asserts that the errors in `errors`, files nothing links to aside, are `want` (code,
/// location), in any order.
fn assert_errors(errors: &Diagnostics, want: &[(&str, String)], context: &str) {
    let mut got: Vec<_> = found(errors).into_iter().filter(|(c, _)| c != "unlinked-file").collect();
    got.sort();
    let mut want: Vec<_> = want.iter().map(|(c, l)| (c.to_string(), l.clone())).collect();
    want.sort();
    assert_eq!(got, want, "{context}: {errors}");
}

#[test]
fn references_resolve_in_each_language_with_a_size_label_for_documents() {
    let built = compiled("sample");
    let ja = built.page("ja/cases/cafe-saiwai/index.html");
    let link = ja.all("main a").into_iter().find(|a| text(*a).contains("美浜区の区計画")).expect("the reference");
    assert_eq!(link.value().attr("href"), Some("../../areas/mihama/"));
    let en = built.page("en/cases/cafe-saiwai/index.html");
    let link = en.all("main a").into_iter().find(|a| text(*a).contains("Mihama Ward plan")).expect("the reference");
    assert_eq!(link.value().attr("href"), Some("../../areas/mihama/"));
    // A document: its format and size, in the page's language, inside the link.
    let size = std::fs::metadata(repo().join("content/files/plan-summary.ja.pdf")).unwrap().len();
    let kb = size.div_ceil(1000);
    let ja = built.page("ja/overview/index.html");
    let pdf = ja.one("main a[href='../../files/plan-summary.ja.pdf']");
    assert_eq!(text(pdf), format!("計画の概要（サンプル資料）（PDF：{kb}KB）"));
    let en = built.page("en/overview/index.html");
    assert!(text(en.one("main a[href='../../files/plan-summary.ja.pdf']")).ends_with(&format!("(PDF, {kb} KB)")));
    // No reference is left unresolved anywhere.
    for (path, bytes) in built.files() {
        assert!(!String::from_utf8_lossy(&bytes).contains("=\"@"), "{path} keeps a reference");
    }
}

#[test]
fn a_link_from_the_root_follows_the_base_path() {
    let (mut tree, _) = sample_with(&["[資料](/files/plan-summary.ja.pdf)"]);
    let site = tree_text(&tree, "content/site.yaml");
    let base = site.lines().find(|l| l.starts_with("base_url:")).unwrap().to_string();
    tree.insert("content/site.yaml", site.replace(&base, "base_url: https://example.org/plan/"));
    let built = compile(&tree);
    let page = built.page("ja/cases/cafe-saiwai/index.html");
    // Relative to the page, so it works under /plan/ (a `/files/…` link would leave it).
    assert!(text(page.one("main a[href='../../../files/plan-summary.ja.pdf']")).starts_with("資料"));
}

#[test]
fn the_sample_is_clean() {
    assert!(compiled("sample").warnings.is_empty(), "{}", compiled("sample").warnings);
}

#[test]
fn every_planted_problem_is_found_where_it_is() {
    let (mut tree, l) = sample_with(&[
        "[花見川区](@area/hanamigawaa)",
        "[報告書](@file/files/report-2024.pdf)",
        "[古い資料](/files/old.pdf)",
        "[区の一覧](../../areas/nowhere/)",
        "[中央区の方針](@area/chuo#nowhere)",
        "![](@file/files/plan-summary.ja.pdf)",
        "[メール](mailto:fukushi@example)",
        "[電話](tel:043-24)",
        "[ページ](@overveiw)",
        "![地図](https://maps.example.org/tile.png)",
        "![写真](images/sample-chuo.jpg)",
        "<img src=\"https://tiles.example.com/a.png\" alt=\"地図\">",
        "<p>本文 <IMG SRC='@file/images/sample-chuo.jpg'></p>",
    ]);
    tree.insert("content/files/unused.pdf", b"%PDF-1.4\n".to_vec());
    let errors = content_errors(&tree);
    let f = |line: usize, col: usize| format!("{CASE_JA}:{}:{col}", l + 2 * line);
    let want = [
        ("unknown-reference", f(0, 1)),
        ("unknown-reference", f(1, 1)),
        ("broken-link", f(2, 1)),
        ("broken-link", f(3, 1)),
        ("broken-anchor", f(4, 1)),
        ("missing-alt", f(5, 1)),
        ("bad-link", f(6, 1)),
        ("bad-link", f(7, 1)),
        ("unknown-reference", f(8, 1)),
        ("bad-image", f(9, 1)),
        ("broken-link", f(10, 1)),
        ("bad-image", f(11, 1)),
        ("missing-alt", f(12, 7)),
    ];
    assert_errors(&errors, &want, "the planted problems");
    let rendered = rendered_errors(&tree);
    assert!(rendered.contains("did you mean `@area/hanamigawa`?"), "{rendered}");
    assert!(rendered.contains("did you mean `@overview`?"), "{rendered}");
    assert!(rendered.contains("`@file/images/sample-chuo.jpg`"), "{rendered}");
    // Warnings do not stop a build; check reports them.
    let (tree, _) = sample_with(&[]);
    let mut tree = without(&tree, |p| p == "content/areas/chuo.en.md");
    tree.insert("content/files/unused.pdf", b"%PDF-1.4\n".to_vec());
    let built = compile(&tree);
    let warnings: BTreeMap<String, String> =
        built.warnings.iter().map(|d| (d.code.to_string(), d.location.to_string())).collect();
    assert!(built.warnings.iter().all(|d| d.severity == Severity::Warning));
    assert_eq!(warnings.get("unlinked-file").map(String::as_str), Some("content/files/unused.pdf"));
    // A photo no page shows is published all the same: said too (the photos of YAML fields and
    // of Markdown bodies are not).
    let (tree, _) = sample_with(&[]);
    let mut tree = without(&tree, |_| false);
    tree.insert("content/images/IMG_0001.jpg", std::fs::read(repo().join("content/images/sample-chuo.jpg")).unwrap());
    let built = compile(&tree);
    let unlinked: Vec<String> =
        built.warnings.iter().filter(|d| d.code == "unlinked-file").map(|d| d.location.to_string()).collect();
    assert_eq!(unlinked, ["content/images/IMG_0001.jpg"], "{}", built.warnings);
    assert_eq!(
        warnings.get("missing-translation").map(String::as_str),
        Some("content/areas/chuo.yaml"),
        "{}",
        built.warnings
    );
}

// A problem after other text on its line is found at its column in characters (not bytes),
// in a body after a heading that ends with a reading too (the page parses it with a mark
// added after the heading, and notes the links at their places in the file).
#[test]
fn a_problem_inside_a_line_is_found_at_its_column() {
    let lines = [
        "区の一覧は[こちら](../../areas/nowhere/)です。写真：![　](@file/images/none.jpg)",
        "  続き **太字** [地区](@area/hanamigawaa) と ![ ](x.png)",
    ];
    for heading in ["", "## {犢橋|こてはし}の活動 {犢橋|こてはし}"] {
        let (mut tree, first) = sample_with(&lines);
        // (Two lines before the body's own: none, or the heading.)
        let text = tree_text(&tree, CASE_JA);
        tree.insert(CASE_JA, format!("{heading}\n\n{text}"));
        let first = first + 2;
        let at = |line: usize, col: usize| format!("{CASE_JA}:{}:{col}", first + 2 * line);
        let errors = content_errors(&tree);
        let want = [
            ("broken-link", at(0, 6)),
            ("unknown-reference", at(0, 39)),
            ("missing-alt", at(0, 39)),
            ("unknown-reference", at(1, 13)),
            ("broken-link", at(1, 39)),
            ("missing-alt", at(1, 39)),
        ];
        assert_errors(&errors, &want, &format!("heading {heading:?}"));
    }
}

#[test]
fn an_unknown_reference_in_a_yaml_link_field_is_found_in_its_file() {
    let mut tree = tree("sample");
    let path = "content/site.yaml";
    let site = tree_text(&tree, path);
    let url = site.lines().find(|l| l.trim_start().starts_with("url: https://www.city.chiba.jp")).unwrap().to_string();
    let line = site.lines().position(|l| l == url).unwrap() + 1;
    let indent = url.len() - url.trim_start().len();
    tree.insert(path, site.replace(&url, &format!("{}url: \"@overveiw\"", " ".repeat(indent))));
    // The same text in a body before it (in path order), where it is no link: the error is
    // still the YAML field's.
    let body = tree_text(&tree, CASE_JA);
    tree.insert(CASE_JA, format!("{}\n\n参照の書き方の例：`@overveiw`\n", body.trim_end()));
    // A second one, in an area's YAML: each found in its own file, at its own place.
    let area = "content/areas/chuo.yaml";
    let text = tree_text(&tree, area);
    let area_url = text.lines().find(|l| l.trim_start() == "url: https://www.chiba-shakyo.jp/").unwrap().to_string();
    let area_line = text.lines().position(|l| l == area_url).unwrap() + 1;
    let area_indent = area_url.len() - area_url.trim_start().len();
    tree.insert(area, text.replace(&area_url, &format!("{}url: \"@area/nowhere\"", " ".repeat(area_indent))));
    let expected = [
        ("unknown-reference".to_string(), format!("{area}:{area_line}:{}", area_indent + 7)),
        ("unknown-reference".to_string(), format!("{path}:{line}:{}", indent + 7)),
    ];
    let errors = content_errors(&tree);
    assert_eq!(found(&errors), expected, "{errors}");
    // The same from a build's tree read from disk, which does not keep the area's YAML: it is
    // read again to find the place.
    let t = SiteTest::fixture("sample");
    for file in [path, CASE_JA, area] {
        t.write(file, &tree_text(&tree, file));
    }
    let errors = content_errors(&plansite::SourceTree::load_for_build(t.root()).unwrap());
    assert_eq!(found(&errors), expected, "{errors}");
}

#[test]
fn check_exits_1_on_errors_and_0_on_the_sample_and_writes_nothing() {
    let t = SiteTest::fixture("other-city");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_plansite"))
            .arg("check")
            .arg("--root")
            .arg(t.root())
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("0 errors, 2 warnings in 1 file\n"));
    assert_eq!(run(&["--strict"]).status.code(), Some(1), "--strict counts the warning");
    let body = "content/cases/east-advice-cafe.ja.md";
    t.write(body, &format!("{}\n[北地区](@area/nort)\n", t.read(body)));
    let out = run(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains(&format!("== {body} (1)")) && stdout.contains("did you mean `@area/north`?"), "{stdout}");
    assert!(stdout.ends_with("1 error, 2 warnings in 2 files\n"), "{stdout}");
    assert!(!t.out().exists(), "check writes nothing");
}

// A picture written in Markdown with a reference is the same responsive <img> as one given in
// YAML: published widths, srcset, width and height, lazy loading.
#[test]
fn a_markdown_picture_gets_its_widths() {
    let (tree, _) = sample_with(&["![ふれあい広場の様子](@file/images/sample-mihama.jpg)"]);
    let built = compile(&tree);
    let page = built.page("ja/cases/cafe-saiwai/index.html");
    let img = page
        .all("main img")
        .into_iter()
        .find(|i| i.value().attr("alt") == Some("ふれあい広場の様子"))
        .expect("the picture");
    let v = img.value();
    assert_eq!(v.attr("loading"), Some("lazy"));
    assert_eq!(v.attr("decoding"), Some("async"));
    assert!(v.attr("width").is_some() && v.attr("height").is_some());
    let srcset = v.attr("srcset").unwrap_or_default().to_string();
    let sources: Vec<String> =
        page.all("main picture source").iter().filter_map(|s| s.value().attr("srcset")).map(str::to_string).collect();
    let all = std::iter::once(srcset).chain(sources).collect::<Vec<_>>().join(",");
    assert!(all.contains("w"), "no widths in {all}");
    for candidate in all.split(',').filter_map(|c| c.split_whitespace().next()) {
        let path = candidate.trim_start_matches("../../../");
        assert!(built.site.get(path).is_some(), "{candidate} is not a file of the site");
    }
}

// An item lists its documents under 「関連資料」, each link with its format and size; a listed
// file that does not exist is an error at its line, with the nearest file.
#[test]
fn attachments_are_listed_with_format_and_size() {
    let built = compiled("sample");
    let ja = built.page("ja/overview/index.html");
    assert_eq!(ja.text(".attachments h2"), "関連資料");
    let kb = std::fs::metadata(repo().join("content/files/plan-summary.ja.pdf")).unwrap().len().div_ceil(1000);
    assert_eq!(ja.texts(".attachments li a"), [format!("計画の概要（サンプル資料）（PDF：{kb}KB）")]);
    let en = built.page("en/overview/index.html");
    assert_eq!(en.text(".attachments h2"), "Documents");
    assert_eq!(
        en.texts(".attachments li a"),
        [format!("Summary of the plan (sample document, in Japanese) (PDF, {kb} KB)")]
    );
    // Documents are not pages: the sitemap leaves them out.
    assert!(!built.text("sitemap.xml").contains(".pdf"));

    let mut tree = tree("sample");
    edit(&mut tree, "content/plan.yaml", "file: files/plan-summary.ja.pdf", "file: files/plan-sumary.ja.pdf");
    let errors = content_errors(&tree);
    let line = tree_text(&tree, "content/plan.yaml").lines().position(|l| l.contains("plan-sumary")).unwrap() + 1;
    assert_eq!(found(&errors), [("missing-file".to_string(), format!("content/plan.yaml:{line}:11"))], "{errors}");
    assert!(rendered_errors(&tree).contains("did you mean `files/plan-summary.ja.pdf`?"));
}

/// The requests a test server saw: method, path, when.
type Requests = std::sync::Arc<std::sync::Mutex<Vec<(String, String, std::time::Instant)>>>;

/// A local web server for `check --external`: `/ok` answers 200, `/gone` 404, `/no-head` 405 to
/// HEAD and 200 to GET, `/slow` never answers. Returns its address and the requests it saw
/// (method, path, when).
fn web_server() -> (String, Requests) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let log = log.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 2048];
                let n = stream.read(&mut buf).unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]).to_string();
                let mut words = request.split_whitespace();
                let (method, path) = (words.next().unwrap_or("").to_string(), words.next().unwrap_or("").to_string());
                log.lock().unwrap().push((method.clone(), path.clone(), std::time::Instant::now()));
                let status = match (method.as_str(), path.as_str()) {
                    (_, "/slow") => {
                        std::thread::sleep(std::time::Duration::from_secs(5));
                        return;
                    }
                    (_, "/ok") | ("GET", "/no-head") => "200 OK",
                    ("HEAD", "/no-head") => "405 Method Not Allowed",
                    _ => "404 Not Found",
                };
                let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            });
        }
    });
    (addr, seen)
}

#[test]
fn external_links_are_asked_once_per_host_at_a_time_and_remembered() {
    use plansite::check::external::{check, External};
    use plansite::diag::Location;
    let (addr, seen) = web_server();
    let dir = tempfile::tempdir().unwrap();
    let options = External {
        timeout: std::time::Duration::from_millis(800),
        interval: std::time::Duration::from_millis(150),
        cache: Some(dir.path().join("links.json")),
        max_age: std::time::Duration::from_secs(3600),
    };
    let links: BTreeMap<String, Location> = ["/ok", "/gone", "/no-head", "/slow"]
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("{addr}{p}"), Location::at(CASE_JA, i as u64 + 1, 1)))
        .collect();
    let (found, asked) = check(&links, &options);
    assert_eq!(asked, 4);
    let mut messages: Vec<(String, String)> = found.iter().map(|d| (d.location.to_string(), d.message.en())).collect();
    messages.sort();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[0], (format!("{CASE_JA}:2:1"), format!("`{addr}/gone` answered 404")));
    assert!(messages[1].0 == format!("{CASE_JA}:4:1") && messages[1].1.contains("did not answer"), "{messages:?}");
    // One host: its links asked one after the other, at least the interval apart (a GET after
    // a refused HEAD is the same link's).
    let times: Vec<std::time::Instant> =
        seen.lock().unwrap().iter().filter(|(m, _, _)| m == "HEAD").map(|(_, _, t)| *t).collect();
    assert!(times.windows(2).all(|w| w[1].duration_since(w[0]) >= options.interval), "requests came too close");
    // A second run asks only what did not answer well the first time.
    seen.lock().unwrap().clear();
    let (found, asked) = check(&links, &options);
    assert_eq!((found.len(), asked), (2, 2));
    let asked_paths: Vec<String> =
        seen.lock().unwrap().iter().filter(|(m, _, _)| m == "HEAD").map(|(_, p, _)| p.clone()).collect();
    assert!(
        !asked_paths.contains(&"/ok".to_string()) && !asked_paths.contains(&"/no-head".to_string()),
        "{asked_paths:?}"
    );
}
