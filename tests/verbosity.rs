//! How much `plansite build` says: a summary by default, only warnings and errors with
//! `--quiet`, each stage's time and what was reused with `--verbose`; progress lines only for a
//! build that takes more than a second (the tests' builds are quicker, and stderr here is not
//! a terminal: the progress itself is tested in src/terminal.rs), and no colour codes.

mod support;
use support::SiteTest;

fn stderr(out: &std::process::Output) -> String {
    assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn quiet_normal_and_verbose_builds() {
    let t = SiteTest::fixture("other-city");
    let normal = stderr(&t.build_with(&[]));
    assert!(normal.contains("built ") && normal.contains(" pages ("), "{normal}");
    assert!(!normal.contains("reused:") && !normal.contains("  parse "), "{normal}");

    let quiet = stderr(&t.build_with(&["--quiet"]));
    assert!(!quiet.contains("built "), "{quiet}");
    assert!(!quiet.contains("building:"), "{quiet}");

    // The second build of the same root takes its photos from the image cache.
    let verbose = stderr(&t.build_with(&["--verbose"]));
    for stage in ["read sources", "parse", "resolve", "templates", "images", "render", "check", "write"] {
        assert!(verbose.contains(&format!("  {stage}")), "{stage}: {verbose}");
    }
    assert!(verbose.contains("reused: ") && verbose.contains("from the image cache"), "{verbose}");
    assert!(verbose.contains("rendered: "), "{verbose}");
    assert!(verbose.contains("built "), "{verbose}");
    for text in [&normal, &quiet, &verbose] {
        assert!(!text.contains('\u{1b}'), "no escape codes off a terminal: {text:?}");
    }
    // --quiet and --verbose contradict each other: a usage error.
    let both = t.build_with(&["--quiet", "--verbose"]);
    assert_eq!(both.status.code(), Some(2));
}
