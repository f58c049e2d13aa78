//! Shared helpers for the integration tests.
//!
//! Most tests build in process, from files in memory: [`tree`] gives a fixture as a
//! [`SourceTree`] (read from disk once per test binary), [`compiled`] compiles an unchanged
//! fixture once per test binary, [`compile`] and [`content_errors`] compile an edited tree, and
//! [`Page`] queries a page with an HTML parser. No process, no disk, no sleep.
//!
//! The few end-to-end tests that need the real binary and a site root on disk (exit codes, the
//! output guard, `build` writing files, the file watcher) use [`SiteTest`].
#![allow(dead_code, unreachable_pub)]

use plansite::diag::{render_terminal, Diagnostics};
use plansite::{BuildError, CompileOptions, Compiled, RenderedSite, SourceTree};
use scraper::{ElementRef, Html, Selector};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

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
        Page::parse(text)
    }
}

// ---------------------------------------------------------------------------------------------
// In process, in memory.

/// Where in-memory trees say they were read from; no test reads or writes there.
pub const MEMORY_ROOT: &str = "/in-memory";

/// The files of a fixture site, read from disk once per test binary: `sample` is the bundled
/// site (content/ and themes/ of the repository); any other name is `tests/fixtures/<name>`.
fn cached_files(name: &str) -> &'static [(String, Vec<u8>)] {
    static OTHER_CITY: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    static COUNCIL_PLAN: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    static SAMPLE: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    match name {
        "other-city" => OTHER_CITY.get_or_init(|| fixture_files("other-city")),
        "council-plan" => COUNCIL_PLAN.get_or_init(|| fixture_files("council-plan")),
        "sample" => SAMPLE.get_or_init(|| {
            let mut files = Vec::new();
            for dir in ["content", "themes"] {
                for (path, bytes) in snapshot(&repo().join(dir)) {
                    files.push((format!("{dir}/{path}"), bytes));
                }
            }
            files
        }),
        other => panic!("no cached fixture {other:?}"),
    }
}

/// A fixture site (see [`cached_files`]) as a source tree in memory, to edit and compile.
pub fn tree(name: &str) -> SourceTree {
    SourceTree::from_files(Path::new(MEMORY_ROOT), cached_files(name).iter().cloned())
}

/// What a successful compile gave, kept for the whole test binary.
pub struct Built {
    pub site: RenderedSite,
    pub warnings: Diagnostics,
    pub missing_translations: std::collections::BTreeMap<String, std::collections::BTreeMap<&'static str, usize>>,
}

impl Built {
    fn from(c: Compiled) -> Built {
        Built { site: c.site, warnings: c.warnings, missing_translations: c.missing_translations }
    }

    /// A page (or any text file) of the site, parsed as HTML.
    pub fn page(&self, path: &str) -> Page {
        Page::parse(self.text(path))
    }

    /// A file of the site as text.
    pub fn text(&self, path: &str) -> String {
        site_text(&self.site, path)
    }

    /// Every group of search variants the index of `lang` ships, from each of its files (a
    /// group is in the file of each of its forms' first characters, so it may come more than once).
    pub fn variant_groups(&self, lang: &str) -> Vec<serde_json::Value> {
        let meta = self.json(&format!("search/{lang}/meta.json"));
        meta["variants"]
            .as_array()
            .expect("meta.json lists its variant files")
            .iter()
            .flat_map(|b| {
                self.json(&format!("search/{lang}/variants/{b}.json")).as_array().cloned().unwrap_or_default()
            })
            .collect()
    }

    /// A file of the site, parsed as JSON.
    pub fn json(&self, path: &str) -> serde_json::Value {
        let bytes = self.site.get(path).unwrap_or_else(|| panic!("the site has no {path}"));
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Part `n` of the search index's packs in `dir` (`search/ja/doc`, `search/en/shard`),
    /// parsed as JSON: as search.js reads it.
    pub fn part(&self, dir: &str, n: u64) -> serde_json::Value {
        let path = format!("{dir}/{}.bin", n / 64);
        let pack = self.site.get(&path).unwrap_or_else(|| panic!("the site has no {path}"));
        let bytes =
            plansite::search_pack_part(&pack, (n % 64) as usize).unwrap_or_else(|| panic!("{path} has no part {n}"));
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{path}, part {n}: {e}"))
    }

    /// Every file, by path, as [`assert_same_files`] takes them.
    pub fn files(&self) -> impl Iterator<Item = (&str, std::borrow::Cow<'_, [u8]>)> {
        self.site.iter()
    }
}

/// A file of a rendered site as text.
pub fn site_text(site: &RenderedSite, path: &str) -> String {
    let bytes = site.get(path).unwrap_or_else(|| panic!("the site has no {path}"));
    String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The unchanged fixture `name`, compiled once per test binary (tests that only read pages
/// share it).
pub fn compiled(name: &str) -> &'static Built {
    static OTHER_CITY: OnceLock<Built> = OnceLock::new();
    static SAMPLE: OnceLock<Built> = OnceLock::new();
    let cell = match name {
        "other-city" => &OTHER_CITY,
        "sample" => &SAMPLE,
        other => panic!("no cached fixture {other:?}"),
    };
    cell.get_or_init(|| compile(&tree(name)))
}

/// Compiles `tree` as `plansite::compile` does. The sample's photos are encoded once per test
/// binary (unoptimised, a photo takes seconds): every compile of a tree holding them shares one
/// memo of encoded pictures, and nothing else of it.
pub fn compile_tree(tree: &SourceTree) -> Result<plansite::Compiled, BuildError> {
    static PICTURES: OnceLock<plansite::Memo> = OnceLock::new();
    let options = CompileOptions::default();
    if tree.get("content/images/sample-chuo.jpg").is_some() {
        let memo = PICTURES.get_or_init(plansite::Memo::default).sharing_images();
        plansite::compile_with(tree, &options, &memo, plansite::SearchIndex::Inline)
    } else {
        plansite::compile(tree, &options)
    }
}

/// Compiles a tree in memory, failing the test (with the rendered diagnostics) if it does not
/// compile.
pub fn compile(tree: &SourceTree) -> Built {
    match compile_tree(tree) {
        Ok(c) => Built::from(c),
        Err(BuildError::Content(d)) => panic!("the content has errors:\n{}", render_terminal(&d, tree)),
        Err(e) => panic!("the build failed: {e}"),
    }
}

/// The diagnostics of a tree whose content is refused; fails the test if it compiles.
pub fn content_errors(tree: &SourceTree) -> Diagnostics {
    match compile_tree(tree) {
        Err(BuildError::Content(d)) => d,
        Err(e) => panic!("expected content errors, got: {e}"),
        Ok(_) => panic!("expected content errors, but the site compiled"),
    }
}

/// The diagnostics of a refused tree as the terminal shows them (`plansite build`'s stderr
/// before its last line).
pub fn rendered_errors(tree: &SourceTree) -> String {
    render_terminal(&content_errors(tree), tree)
}

/// The text of a file of a tree.
pub fn tree_text(tree: &SourceTree, path: &str) -> String {
    tree.text(path).unwrap_or_else(|| panic!("the tree has no text file {path}")).to_string()
}

/// Replaces `from` by `to` in a file of the tree, failing if `from` is not there (so the test
/// cannot silently test nothing).
pub fn edit(tree: &mut SourceTree, path: &str, from: &str, to: &str) {
    let text = tree_text(tree, path);
    assert!(text.contains(from), "{path} does not contain {from:?}");
    tree.insert(path, text.replacen(from, to, 1));
}

/// A copy of `tree` without the files for which `drop` holds.
pub fn without(tree: &SourceTree, drop: impl Fn(&str) -> bool) -> SourceTree {
    let files: Vec<(String, Vec<u8>)> =
        tree.under("").filter(|(p, _)| !drop(p)).map(|(p, b)| (p.to_string(), b.to_vec())).collect();
    SourceTree::from_files(tree.root(), files)
}

pub struct Page {
    pub html: Html,
    pub source: String,
}

impl Page {
    pub fn parse(source: String) -> Page {
        Page { html: Html::parse_document(&source), source }
    }

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

/// The site path a relative link `href` on the page at `page` (`en/x/index.html`) leads to,
/// as a browser resolves it: `../sitemap/` there is `en/sitemap/`.
pub fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in href.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    let slash = if href.ends_with('/') && !parts.is_empty() { "/" } else { "" };
    format!("{}{slash}", parts.join("/"))
}

pub fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn copy_dir(from: &Path, to: &Path) {
    // A fixture built in place (`plansite build --root tests/fixtures/…`) has a cache of its
    // own: a copy starts without it, as a fresh checkout does.
    let walk = walkdir::WalkDir::new(from).into_iter().filter_entry(|e| e.file_name() != ".plansite-cache");
    for entry in walk {
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

/// A copy of the fixture `name` with its site built by the real binary into `site/`. The build
/// runs once per test binary (into a folder of its own under cargo's target tmpdir, emptied
/// first); each call copies the result, sources, site and manifest, which is what the tests
/// start from.
pub fn built(name: &str) -> SiteTest {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    assert_eq!(name, "other-city", "only other-city is kept built");
    let template = TEMPLATE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{}-built-{name}", env!("CARGO_CRATE_NAME")));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&repo().join("tests/fixtures").join(name), &dir);
        let out = Command::new(env!("CARGO_BIN_EXE_plansite")).arg("build").arg("--root").arg(&dir).output().unwrap();
        assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
        dir
    });
    let dir = tempfile::tempdir().unwrap();
    copy_dir(template, dir.path());
    SiteTest { dir }
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
pub fn assert_same_files<'a, A: AsRef<[u8]>, B: AsRef<[u8]>>(
    a: impl IntoIterator<Item = (&'a str, A)>,
    b: impl IntoIterator<Item = (&'a str, B)>,
    what: &str,
) {
    let a: std::collections::BTreeMap<&str, A> = a.into_iter().collect();
    let b: std::collections::BTreeMap<&str, B> = b.into_iter().collect();
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "the files differ: {what}");
    for (path, bytes) in &a {
        assert!(bytes.as_ref() == b[path].as_ref(), "{path} differs: {what}");
    }
}

/// The files of a snapshot, for [`assert_same_files`].
pub fn files(s: &std::collections::BTreeMap<String, Vec<u8>>) -> impl Iterator<Item = (&str, &[u8])> {
    s.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
}

/// Reads an answer's head (up to the blank line) from a connection left open.
pub fn read_head(s: &mut std::net::TcpStream) -> String {
    use std::io::Read;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match s.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// A `width`×`height` picture (a smooth gradient with a light pattern, like a photo to an
/// encoder) in `format` (JPEG, PNG or lossless WebP), for image tests.
pub fn picture(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let ripple = (((x / 7 + y / 5) % 13) as f32) * 3.0;
        image::Rgb([(40.0 + 180.0 * fx + ripple) as u8, (60.0 + 120.0 * fy) as u8, (200.0 - 120.0 * fx * fy) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img).write_to(&mut out, format).unwrap();
    out.into_inner()
}
