//! Bad input: each kind of mistake an editor can make is reported with the file, line and column
//! and a hint, as the terminal shows it (the library's rendering of the diagnostics, compiled in
//! process from the fixture in memory). One end-to-end test runs the real binary: exit code 1,
//! every error in one run, and the previously built site left exactly as it was.
//!
//! The exact rendering of one diagnostic of every code is pinned by tests/snapshots.rs.

mod support;
use plansite::SourceTree;
use support::{assert_has, rendered_errors, tree};

const CASE: &str = "title: {ja: 新しい事例, en: New case}\narea: north\nthemes: [everyday-help]\npublished: 2025-04-01\nactivities: {ja: 取組み}\npoint: {ja: ポイント}\n";
const NEW: &str = "content/cases/new.yaml";

/// The fixture with `files` added or replaced: the diagnostics as the terminal shows them.
fn errors_with(files: &[(&str, &str)]) -> String {
    let mut t = tree("other-city");
    for (path, text) in files {
        t.insert(*path, *text);
    }
    rendered_errors(&t)
}

/// The fixture with a new case study `text`: the rendered diagnostics.
fn new_case(text: &str) -> String {
    errors_with(&[(NEW, text)])
}

// Broken YAML syntax points at the line and says how to fix indentation or quoting.
#[test]
fn invalid_yaml() {
    let e = new_case("title: {ja: 事例\narea: north\n");
    assert_has(&e, &["error[yaml-syntax]", "--> content/cases/new.yaml:", "hint:"]);
}

// A required field that is missing is named, with where to add it.
#[test]
fn missing_required_field() {
    let e = new_case(&CASE.replace("point: {ja: ポイント}\n", ""));
    assert_has(&e, &["error[missing-field]", "`point`", "--> content/cases/new.yaml:", "hint: add `point:`"]);
}

// A misspelt field is reported with the nearest correct name.
#[test]
fn unknown_field_with_suggestion() {
    let e = new_case(&CASE.replace("point:", "piont:"));
    assert_has(&e, &["error[unknown-field]", "--> content/cases/new.yaml:6:1", "did you mean `point`"]);
    // Every unknown field of the file, not only the first.
    let e = new_case(&CASE.replace("point:", "piont:").replace("activities:", "activites:"));
    assert_has(&e, &["--> content/cases/new.yaml:5:1", "did you mean `activities`"]);
    assert_has(&e, &["--> content/cases/new.yaml:6:1", "did you mean `point`"]);
}

// A case study naming an area that does not exist points at the value and suggests one, in
// the site's own word for its areas (this fixture's are districts).
#[test]
fn unknown_area_reference() {
    let e = new_case(&CASE.replace("area: north", "area: nort"));
    assert_has(
        &e,
        &[
            "error[unknown-area]",
            "--> content/cases/new.yaml:2:7",
            "there is no district `nort`",
            "did you mean `north`",
        ],
    );
}

// A theme that does not exist is named with the list of known themes.
#[test]
fn unknown_theme_reference() {
    let e = new_case(&CASE.replace("[everyday-help]", "[everyday-help, mimamori]"));
    assert_has(
        &e,
        &[
            "error[unknown-theme]",
            "--> content/cases/new.yaml:3:",
            "there is no theme `mimamori`",
            "the ones there are: gathering-places",
        ],
    );
}

// Two files with the same slug are reported.
#[test]
fn duplicate_slug() {
    let e = errors_with(&[(NEW, CASE), ("content/cases/new.yml", CASE)]);
    assert_has(
        &e,
        &["error[duplicate-slug]", "--> content/cases/new.yml", "`new` is also the name of content/cases/new.yaml"],
    );
}

// A duplicate id in the promotion structure is reported at its line.
#[test]
fn duplicate_structure_id() {
    let mut t = tree("other-city");
    let text = support::tree_text(&t, "content/structure.yaml");
    let first_id = text.lines().find(|l| l.trim_start().starts_with("- id:")).unwrap().to_string();
    t.insert(
        "content/structure.yaml",
        format!("{text}{first_id}\n    name: {{ja: 重複}}\n    tier: 1\n    role: {{ja: 役割}}\n"),
    );
    let e = rendered_errors(&t);
    let line = text.lines().count() + 1;
    assert_has(&e, &["error[duplicate-slug]", &format!("--> content/structure.yaml:{line}:"), "is used twice"]);
}

// A date that does not exist, or is not written as YYYY-MM-DD, is explained.
#[test]
fn bad_date() {
    // (令和 and Excel's slashes are dates as office staff write them; an era's day must be its.)
    let e = new_case(&CASE.replace("2025-04-01", "令和元年4月1日"));
    assert_has(&e, &["error[bad-date]", "--> content/cases/new.yaml:4:12", "`2024/4/1`", "令和6年4月1日"]);
    let e = new_case(&CASE.replace("2025-04-01", "2025-02-29"));
    assert_has(&e, &["error[bad-date]", "`2025-02-29` is not a date"]);
}

// A file that cannot be read names the file (links are not read at all: see build.rs). Read
// from disk, as only there can a file be unreadable; no build runs.
#[test]
fn unreadable_file() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("content/cases")).unwrap();
    // A socket has a name like a file but cannot be read, even by root.
    let _socket = std::os::unix::net::UnixListener::bind(root.path().join("content/cases/new.yaml")).unwrap();
    let e = SourceTree::load(root.path()).expect_err("a socket cannot be read").to_string();
    assert_has(&e, &["content/cases/new.yaml", "No such device or address"]);
}

// A file saved in Shift_JIS instead of UTF-8 is named with how to save it.
#[test]
fn file_not_utf8() {
    let mut t = tree("other-city");
    t.insert(NEW, b"title: {ja: \x8e\x96\x97\xe1}\n".to_vec());
    let e = rendered_errors(&t);
    assert_has(&e, &["error[not-utf8]", "--> content/cases/new.yaml:1", "UTF-8"]);
}

// The snippet under a message shows the offending line with a caret under the column.
#[test]
fn message_shows_the_line_and_a_caret() {
    let e = new_case(&CASE.replace("area: north", "area: nort"));
    assert_has(&e, &["2 | area: nort\n  |       ^\n"]);
}

// End to end, with the real binary: every problem in the content is reported in one run, not
// just the first; the build exits with 1 and leaves the published site exactly as it was, with
// nothing left behind.
#[test]
fn a_failed_build_reports_every_error_and_keeps_the_site() {
    let e = support::fails_and_keeps_site(|t| {
        t.write("content/cases/a.yaml", &CASE.replace("area: north", "area: nowhere"));
        t.write("content/cases/b.yaml", &CASE.replace("2025-04-01", "2025-13-01"));
    });
    assert_has(&e, &["--> content/cases/a.yaml:2:7", "--> content/cases/b.yaml:4:12", "2 error(s)"]);
}
