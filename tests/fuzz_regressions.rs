//! Every input a fuzz target ever failed on (`tests/fuzz-regressions/<target>/`) and every
//! committed seed (`fuzz/seeds/<target>/`) goes through the same check the fuzz target runs
//! (`plansite::fuzzing::check_*`), so a fixed bug stays fixed under a plain `cargo test`.
//! See docs/fuzzing.md.

mod support;

use std::path::{Path, PathBuf};

const TARGETS: [&str; 6] = ["yaml_content", "markdown", "progress_csv", "progress_xlsx", "tokenizer", "serve_path"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files of `dir` (none if it does not exist), sorted.
fn inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

/// Runs the fuzz target `target`'s check on `data`.
fn check(target: &str, data: &[u8], fixture: &[(String, Vec<u8>)]) -> Result<(), String> {
    use plansite::fuzzing::*;
    let text = || String::from_utf8_lossy(data).into_owned();
    match target {
        "yaml_content" => {
            let base: Vec<(&str, &[u8])> = fixture.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
            check_yaml_content(&base, data)
        }
        "markdown" => check_markdown(&text()),
        "progress_csv" => check_progress(&progress_csv(data)),
        "progress_xlsx" => check_progress(&progress_xlsx(data)),
        "tokenizer" => check_tokenizer(&text()),
        "serve_path" => match std::str::from_utf8(data) {
            Ok(path) => check_site_path(path),
            Err(_) => Ok(()),
        },
        other => panic!("unknown target {other}"),
    }
}

fn run_all(under: &str) -> usize {
    let fixture = support::fixture_files("other-city");
    let mut count = 0;
    let mut failures = Vec::new();
    for target in TARGETS {
        for (name, data) in inputs(&repo().join(under).join(target)) {
            count += 1;
            if let Err(e) = check(target, &data, &fixture) {
                failures.push(format!("{under}/{target}/{name}: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    count
}

// Every input a fuzzer once failed on passes its check now.
#[test]
fn regressions_stay_fixed() {
    run_all("tests/fuzz-regressions");
}

// The committed seeds pass too (they are valid inputs the fuzzers start from), and there are
// seeds for every target.
#[test]
fn seeds_pass() {
    for target in TARGETS {
        assert!(!inputs(&repo().join("fuzz/seeds").join(target)).is_empty(), "no seeds for {target}");
    }
    assert!(run_all("fuzz/seeds") >= TARGETS.len());
}

// The checks themselves catch what they are for (so a passing regression means something).
#[test]
fn the_checks_catch_what_they_look_for() {
    use plansite::fuzzing::{active_content, safe_relative_path};
    assert!(active_content("<p>ok <a href=\"https://example.org/\">x</a></p>").is_ok());
    assert!(active_content("<p>text: javascript: onclick= is fine as text</p>").is_ok());
    assert!(active_content("<script>alert(1)</script>").is_err());
    assert!(active_content("<img src=x onerror=alert(1)>").is_err());
    assert!(active_content("<a href=\"&#106;avascript:alert(1)\">x</a>").is_err());
    assert!(active_content("<a href=' JavaScript:alert(1)'>x</a>").is_err());
    for bad in ["", "/etc/passwd", "a/../b", "a//b", "./a", "a\\b", "a\0b"] {
        assert!(!safe_relative_path(bad), "{bad:?}");
    }
    assert!(safe_relative_path("ja/themes/index.html"));
}
