//! Shared helpers for the integration tests: copy a fixture site into a temporary directory,
//! build it with the real `plansite` binary, and query the rendered HTML with an HTML parser.
#![allow(dead_code, unreachable_pub)]

use scraper::{ElementRef, Html, Selector};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site root in a temporary directory.
pub struct SiteTest {
    pub dir: tempfile::TempDir,
}

impl SiteTest {
    /// `sample` is the bundled site (content/ and themes/ of the repository); any other name is
    /// `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> SiteTest {
        let dir = tempfile::tempdir().unwrap();
        if name == "sample" {
            copy_dir(&repo().join("content"), &dir.path().join("content"));
            copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        } else {
            copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        }
        SiteTest { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Replaces `from` by `to` in a file, failing if `from` is not there (so the test cannot
    /// silently test nothing).
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Runs `plansite build` on this root with extra arguments.
    pub fn build_with(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_plansite"))
            .arg("build")
            .arg("--root")
            .arg(self.root())
            .args(args)
            .output()
            .unwrap()
    }

    /// Builds and asserts success.
    pub fn build(&self) -> Output {
        let out = self.build_with(&[]);
        assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
        out
    }

    /// A built page, parsed.
    pub fn page(&self, rel: &str) -> Page {
        let path = self.out().join(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Page { html: Html::parse_document(&text), source: text }
    }
}

pub struct Page {
    pub html: Html,
    pub source: String,
}

impl Page {
    pub fn all(&self, selector: &str) -> Vec<ElementRef<'_>> {
        let sel = Selector::parse(selector).unwrap();
        self.html.select(&sel).collect()
    }

    pub fn one(&self, selector: &str) -> ElementRef<'_> {
        let found = self.all(selector);
        assert_eq!(found.len(), 1, "expected exactly one `{selector}`, found {}", found.len());
        found[0]
    }

    pub fn text(&self, selector: &str) -> String {
        text(self.one(selector))
    }

    pub fn attr(&self, selector: &str, attr: &str) -> String {
        self.one(selector).value().attr(attr).unwrap_or_else(|| panic!("`{selector}` has no {attr}")).to_string()
    }

    /// The visible texts of every element matching `selector`.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        self.all(selector).into_iter().map(text).collect()
    }
}

pub fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file of `tests/fixtures/<name>` as (root-relative path, bytes), for a site built in
/// memory (`SourceTree::from_files`).
pub fn fixture_files(name: &str) -> Vec<(String, Vec<u8>)> {
    let root = repo().join("tests/fixtures").join(name);
    snapshot(&root).into_iter().collect()
}

/// Every file below `dir` with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// A copy of the fixture `name`, built.
pub fn built(name: &str) -> SiteTest {
    let t = SiteTest::fixture(name);
    t.build();
    t
}

/// Fails unless `text` contains every one of `needles`.
pub fn assert_has(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "expected {n:?} in:\n{text}");
    }
}

/// Builds the other-city fixture, applies `breakage`, and checks the next build fails (exit 1)
/// leaving the published site exactly as it was and nothing behind; returns what it printed.
pub fn fails_and_keeps_site(breakage: impl FnOnce(&SiteTest)) -> String {
    let t = built("other-city");
    let before = snapshot(&t.out());
    breakage(&t);
    let out = t.build_with(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(before == snapshot(&t.out()), "site/ changed after a failed build");
    let leftovers: Vec<String> = std::fs::read_dir(t.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".stage-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    assert!(stderr.contains("was not changed"), "{stderr}");
    stderr
}

/// Fails unless the two sites have the same files with the same bytes (`what` names the
/// comparison in the message).
pub fn assert_same_files<'a>(
    a: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    b: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    what: &str,
) {
    let a: std::collections::BTreeMap<&str, &[u8]> = a.into_iter().collect();
    let b: std::collections::BTreeMap<&str, &[u8]> = b.into_iter().collect();
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "the files differ: {what}");
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs: {what}");
    }
}

/// The files of a snapshot, for [`assert_same_files`].
pub fn files(s: &std::collections::BTreeMap<String, Vec<u8>>) -> impl Iterator<Item = (&str, &[u8])> {
    s.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
}
