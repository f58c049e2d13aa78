//! The output guard as a web engineer meets it: `--output` pointed at a web root with files of
//! its own, at the sources, at a file, at a mount point; builds killed at every step of the swap.
#![allow(clippy::disallowed_macros)] // a measurement's or a test's own report, not the program's lines

mod support;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;
use support::{snapshot, SiteTest};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn build_into(t: &SiteTest, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["--output", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    t.build_with(&args)
}

/// A build run with `PLANSITE_TEST_FAULT` (and optionally `PLANSITE_TEST_SWAP`) set, so it
/// aborts at that step as `kill -9` would stop it.
fn build_killed_at(t: &SiteTest, step: &str, swap: Option<&str>) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_plansite"));
    cmd.args(["build", "--root", t.root().to_str().unwrap()]).env("PLANSITE_TEST_FAULT", step);
    if let Some(s) = swap {
        cmd.env("PLANSITE_TEST_SWAP", s);
    }
    cmd.output().unwrap()
}

/// The files a web server serves from a folder (through plansite's links, where the folder is
/// a mount point), without plansite's own bookkeeping (`.plansite-*`). A link that leads nowhere
/// serves nothing.
// A build writes its pages into the stage as it renders them; one that fails after that (here
// at the check, which reads them back) leaves the old site exactly as it was, and no stage.
#[test]
fn a_build_that_fails_after_writing_its_pages_leaves_the_old_site_and_no_stage() {
    let t = support::built("other-city");
    let before = site_files(&t.out());
    t.edit(
        "content/cases/east-advice-cafe.ja.md",
        "相談を受けています",
        "相談を受けています（[資料](/files/old.pdf)）",
    );
    let o = t.build_with(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("broken-link"), "{}", stderr(&o));
    assert!(site_files(&t.out()) == before, "the old site is untouched");
    assert!(leftovers(t.root()).is_empty(), "{:?}", leftovers(t.root()));
}

fn site_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with(".plansite"))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// A whole build, swapping as `swap` says (`Some("exchange")`: the ordinary exchange, even where
/// few files changed; `None`: as plansite chooses, in place where few files changed).
fn build_swapping(t: &SiteTest, swap: Option<&str>) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_plansite"));
    cmd.args(["build", "--root", t.root().to_str().unwrap()]);
    if let Some(s) = swap {
        cmd.env("PLANSITE_TEST_SWAP", s);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

/// Files a web engineer keeps in the output beside the site (path in the output, text).
const FOREIGN: [(&str, &str); 5] = [
    (".htaccess", "Options -Indexes\n"),
    ("CNAME", "plan.example.lg.jp\n"),
    (".well-known/security.txt", "Contact: mailto:it@example.lg.jp\n"),
    (".git/HEAD", "ref: refs/heads/gh-pages\n"),
    ("ja/old-report.pdf", "%PDF-1.4 old\n"),
];

fn foreign(t: &SiteTest) {
    for (rel, text) in FOREIGN {
        t.write(&format!("site/{rel}"), text);
    }
}

fn assert_foreign_kept(t: &SiteTest) {
    for (rel, text) in FOREIGN {
        assert_eq!(t.read(&format!("site/{rel}")), text, "{rel}");
    }
}

/// Names in `dir` that look like what a stopped build of plansite leaves: the stage and old
/// folders of a swap, the incoming folder and journal of an update in place.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("stage-") || n.contains("old-") || n.contains("incoming-") || n.contains("journal"))
        .collect()
}

#[test]
fn files_plansite_did_not_write_survive_every_build() {
    let t = support::built("other-city");
    assert!(t.out().join(".plansite-manifest").is_file(), "the output is marked as plansite's");
    foreign(&t);
    // A change to every page: the site is swapped, and the build counts the files it kept.
    t.edit("content/site.yaml", "Mutual Support Plan\"", "Mutual Aid Plan\"");
    t.edit("content/site.yaml", "みなと町 支え合いプラン", "みなと町 助け合いプラン");
    let out = t.build_with(&["--verbose"]);
    assert!(out.status.success() && stderr(&out).contains("kept 5 file(s)"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("updated in place"), "{}", stderr(&out));
    assert_foreign_kept(&t);
    // A change to one page: the output is updated in place, which touches only plansite's own
    // files and does not look for the others.
    t.edit("content/site.yaml", "Mutual Aid Plan\"", "Mutual Support Plan\"");
    t.edit("content/site.yaml", "みなと町 助け合いプラン", "みなと町 支え合いプラン");
    t.build();
    let body = "content/cases/east-advice-cafe.ja.md";
    t.write(body, &format!("{}\n一文を足しました。\n", t.read(body)));
    let out = t.build_with(&["--verbose"]);
    assert!(out.status.success() && stderr(&out).contains("updated in place"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("that plansite did not write"), "no count: {}", stderr(&out));
    assert!(leftovers(t.root()).is_empty(), "{:?}", leftovers(t.root()));
    assert_foreign_kept(&t);
    // And a page plansite no longer writes goes, while a foreign file beside it stays.
    let manifest = t.read("site/.plansite-manifest");
    assert!(manifest.contains(" ja/index.html\n") && !manifest.contains("CNAME"), "{manifest}");
    assert!(leftovers(t.root()).is_empty(), "{:?}", leftovers(t.root()));
}

// A file whose name has a line break would write a second line into the manifest, claiming a
// file of the web engineer's (`.htaccess`) as plansite's, for a later build to delete. Such a
// name is refused, spelled out rather than printed raw, and the foreign file survives.
#[test]
fn a_file_name_with_a_line_break_claims_nothing() {
    let t = support::built("other-city");
    foreign(&t);
    let hostile = "content/files/x\n0000000000000001 17 .htaccess\ny.pdf";
    t.write(hostile, "%PDF-1.4\n");
    let o = t.build_with(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("control character"), "{}", stderr(&o));
    assert!(stderr(&o).contains("x\\u{a}0000000000000001"), "spelled out: {}", stderr(&o));
    assert!(!t.read("site/.plansite-manifest").contains(".htaccess"));
    std::fs::remove_file(t.path(hostile)).unwrap();
    let o = t.build_with(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_foreign_kept(&t);
}

#[test]
fn a_non_empty_folder_plansite_does_not_own_is_refused_unless_forced() {
    let t = SiteTest::fixture("other-city");
    let web = t.root().join("www");
    t.write("www/index.html", "<p>the city's old page</p>");
    t.write("www/.htaccess", "x");
    let out = build_into(&t, &web, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not written by plansite") || stderr(&out).contains("did not write it"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(t.read("www/index.html"), "<p>the city's old page</p>", "nothing was touched");
    assert!(!web.join(".plansite-manifest").exists());

    let out = build_into(&t, &web, &["--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("replaced (--force), not written by plansite: index.html"), "{}", stderr(&out));
    assert_eq!(t.read("www/.htaccess"), "x", "a file the site does not have is kept");
    assert!(web.join("ja/index.html").is_file());
    // From now on the folder is plansite's: no --force needed, the foreign file still kept.
    let out = build_into(&t, &web, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(t.read("www/.htaccess"), "x");
}

#[test]
fn a_foreign_file_where_the_site_writes_one_stops_the_build() {
    let t = support::built("other-city");
    // Someone else's sitemap.xml: the manifest no longer lists it as plansite's.
    let manifest = t.read("site/.plansite-manifest");
    let kept: String = manifest.lines().filter(|l| !l.ends_with(" sitemap.xml")).map(|l| format!("{l}\n")).collect();
    assert_ne!(kept, manifest);
    t.write("site/.plansite-manifest", &kept);
    t.write("site/sitemap.xml", "<theirs/>");
    let before = snapshot(&t.out());
    let out = t.build_with(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("sitemap.xml"), "{}", stderr(&out));
    assert!(before == snapshot(&t.out()), "the output is untouched");
    // The pages were written into the stage as they were rendered: the refusal removes it.
    assert!(leftovers(t.root()).is_empty(), "{:?}", leftovers(t.root()));
}

// Every output that would overwrite the sources is refused, with or without --force.
/// Asserts that a build of `root` into `out` is refused by the output guard, saying `says`.
fn assert_refused(root: &Path, out: &Path, force: bool, says: &str) {
    let options = plansite::BuildOptions { output: out.to_path_buf(), force, ..plansite::BuildOptions::for_root(root) };
    match plansite::build(&options) {
        Err(e @ plansite::BuildError::Output { .. }) => {
            assert!(e.to_string().contains(says), "{} (force: {force}): {e}", out.display())
        }
        other => panic!("{} (force: {force}): not refused: {:?}", out.display(), other.map(|c| c.site.len())),
    }
}

#[test]
fn outputs_that_would_overwrite_the_sources_are_refused() {
    let t = SiteTest::fixture("other-city");
    std::fs::create_dir_all(t.path("templates")).unwrap();
    let sources = snapshot(t.root());
    let parent = t.root().parent().unwrap().to_path_buf();
    for (out, says) in [
        (t.root().to_path_buf(), "site root"),
        (t.root().join("."), "site root"),
        (parent, "holds the site root"),
        (t.path("content"), "inside `content/`"),
        (t.path("content/areas/site"), "inside `content/`"),
        (t.path("themes/x"), "inside `themes/`"),
        (t.path("templates"), "inside `templates/`"),
        (std::path::PathBuf::from("/"), "holds the site root"),
    ] {
        // In process: the guard is the library's (`plansite::build`); the binary prints its
        // error and exits with 1, as checked once below.
        for force in [false, true] {
            assert_refused(t.root(), &out, force, says);
        }
    }
    let o = build_into(&t, t.root(), &["--force"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("site root") && stderr(&o).contains("was not changed"), "{}", stderr(&o));
    assert!(sources == snapshot(t.root()), "the sources are untouched");
}

// content/ and themes/ kept elsewhere and linked into the root (a shared checkout): an output
// inside them is inside the sources all the same.
#[test]
fn outputs_inside_linked_source_folders_are_refused() {
    let t = SiteTest::fixture("other-city");
    let elsewhere = tempfile::tempdir().unwrap();
    for dir in ["content", "themes"] {
        let real = elsewhere.path().join(dir);
        if t.path(dir).exists() {
            std::fs::rename(t.path(dir), &real).unwrap();
        } else {
            std::fs::create_dir_all(&real).unwrap();
        }
        std::os::unix::fs::symlink(&real, t.path(dir)).unwrap();
    }
    let sources = snapshot(elsewhere.path());
    let holder = elsewhere.path().to_path_buf();
    for (out, force, says) in [
        (t.path("content/pub"), false, "inside `"),
        (t.path("content"), true, "inside `"),
        (t.path("themes/x"), true, "inside `"),
        // The folder the link leads into: it would publish the sources, drafts and all.
        (holder, true, "holds `content/`"),
    ] {
        assert_refused(t.root(), &out, force, says);
    }
    assert!(sources == snapshot(elsewhere.path()), "the sources are untouched");
}

// A cache folder that is a link (committed to a repository, say) is not followed: the build
// would write its cache where it leads, and remove what it takes there for old entries.
#[test]
fn a_cache_folder_that_is_a_link_is_refused_and_what_it_leads_to_untouched() {
    let t = SiteTest::fixture("other-city");
    let victim = tempfile::tempdir().unwrap();
    for rel in ["images/0123456789abcdef0123456789abcdef/data.txt", "images/my.tmp-notes/x", "pages"] {
        let path = victim.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "mine").unwrap();
    }
    let before = snapshot(victim.path());
    for (link, to) in
        [(".plansite-cache", victim.path().to_path_buf()), (".plansite-cache/images", victim.path().join("images"))]
    {
        if link.contains('/') {
            std::fs::remove_file(t.path(".plansite-cache")).unwrap();
            std::fs::create_dir_all(t.path(".plansite-cache")).unwrap();
        }
        std::os::unix::fs::symlink(&to, t.path(link)).unwrap();
        assert_refused(t.root(), &t.out(), false, "link or a file");
        assert!(before == snapshot(victim.path()), "{link}: what the link leads to is untouched");
        assert!(!t.path("site").exists());
    }
}

#[test]
fn serve_refuses_an_output_that_would_overwrite_the_sources() {
    let t = SiteTest::fixture("other-city");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(["serve", "--port", "0", "--root", t.root().to_str().unwrap(), "--output", t.root().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("site root"), "{}", stderr(&o));
    assert!(t.path("content/site.yaml").is_file());
}

#[test]
fn a_file_in_place_of_the_folder_is_refused() {
    let t = SiteTest::fixture("other-city");
    t.write("site", "not a folder");
    let o = t.build_with(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("is a file"), "{}", stderr(&o));
    assert_eq!(t.read("site"), "not a folder");
}

#[test]
fn leftovers_of_stopped_builds_are_cleaned_and_named() {
    let t = support::built("other-city");
    // As this version names them; 999999999 is no running process.
    for name in [".site.plansite-old-999999999", ".site.plansite-stage-999999999", "site/.plansite-stage-999999999"] {
        t.write(&format!("{name}/ja/index.html"), "stale");
    }
    // Names a person gives a backup, which early versions gave their folders: not plansite's.
    let theirs = [".site.stage-999999999", ".site.old-2024", "site/.old-2023", "site/.stage-999999999"];
    for name in theirs {
        t.write(&format!("{name}/keep.txt"), "mine");
    }
    let o = t.build();
    for name in [".site.plansite-old-999999999", ".site.plansite-stage-999999999", ".plansite-stage-999999999"] {
        assert!(stderr(&o).contains(name), "{name} is named: {}", stderr(&o));
    }
    for name in theirs {
        assert_eq!(t.read(&format!("{name}/keep.txt")), "mine", "{name}");
        assert!(!stderr(&o).contains(name), "{name} is not named: {}", stderr(&o));
    }
    assert!(!t.path(".site.plansite-old-999999999").exists() && !t.path("site/.plansite-stage-999999999").exists());
    // A failed build leaves them too, and never puts one of them in place of a missing output.
    std::fs::remove_dir_all(t.path(".site.stage-999999999")).unwrap();
    t.write(".pub.old-99999/backup.txt", "mine");
    t.write("content/cases/broken.yaml", "x");
    let o = build_into(&t, &t.path("pub"), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(t.read(".pub.old-99999/backup.txt"), "mine");
    assert!(!t.path("pub").exists());
}

/// What a build killed at a step leaves served.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Left {
    /// Exactly the old site.
    Old,
    /// Exactly the new site.
    New,
    /// Exactly one of the two (the step is passed at various points of the swap).
    OldOrNew,
    /// Possibly some of each, until the next build (a swap by two renames, the renames of an
    /// update in place).
    Mixed,
}

/// Kills a build at `step` of the swap made by `swap` and checks what a kill there promises,
/// then that the next build (swapping the same way) cleans up, keeps the foreign files and
/// leaves nothing behind. `before`: builds made (the same way) before the one killed.
fn kill_at(step: &str, swap: Option<&str>, left: Left, before: usize) -> String {
    kill_after_edit(step, swap, left, before, |t| {
        t.edit("content/site.yaml", "Mutual Support Plan\"", "Mutual Aid Plan\"")
    })
}

/// [`kill_at`] after the edit `edit` (the plan's name above: every page changes, so the site is
/// swapped; one word of one case: the output is updated in place).
fn kill_after_edit(step: &str, swap: Option<&str>, left: Left, before: usize, edit: fn(&SiteTest)) -> String {
    let t = support::built("other-city");
    foreign(&t);
    for _ in 0..before {
        build_swapping(&t, swap);
    }
    let old = site_files(&t.out());
    edit(&t);
    let o = build_killed_at(&t, step, swap);
    assert!(!o.status.success(), "the build was stopped at {step}");
    let after_kill = site_files(&t.out());
    let o = build_swapping(&t, swap);
    let recovered = stderr(&o);
    let new = site_files(&t.out());
    assert_ne!(old, new, "the edit shows");
    match left {
        Left::Old => assert!(after_kill == old, "{step}: a kill here leaves the old site"),
        Left::New => assert!(after_kill == new, "{step}: a kill here leaves the new site"),
        Left::OldOrNew => {
            assert!(after_kill == old || after_kill == new, "{step}: a kill leaves the old site or the new one")
        }
        Left::Mixed => {}
    }
    assert!(!stderr(&o).contains("replaced"), "{}", stderr(&o));
    assert_foreign_kept(&t);
    assert!(leftovers(t.root()).is_empty(), "{step}: {:?}", leftovers(t.root()));
    assert!(leftovers(&t.out()).is_empty(), "{step}: {:?}", leftovers(&t.out()));
    // The next build after that is an ordinary one.
    let o = build_swapping(&t, swap);
    assert!(!stderr(&o).contains("cleaned"), "{}", stderr(&o));
    assert_eq!(site_files(&t.out()), new);
    recovered
}

#[test]
fn a_build_killed_after_staging_leaves_the_old_site() {
    kill_at("staged", Some("exchange"), Left::Old, 0);
}

fn one_word_of_a_case(t: &SiteTest) {
    t.edit("content/cases/east-advice-cafe.ja.md", "相談を受けています", "相談に応じています");
}

// A one-word edit updates the output in place: a handful of files written, the rest untouched.
#[test]
fn a_one_word_edit_updates_the_output_in_place() {
    let t = support::built("other-city");
    foreign(&t);
    let before = site_files(&t.out());
    one_word_of_a_case(&t);
    let o = t.build_with(&["--verbose"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stderr(&o);
    let line = said.lines().find(|l| l.contains("updated in place")).unwrap_or_else(|| panic!("{said}"));
    let written: usize = line.split("place: ").nth(1).and_then(|r| r.split(' ').next()).unwrap().parse().unwrap();
    let after = site_files(&t.out());
    let differ = after.iter().filter(|(k, v)| before.get(*k) != Some(v)).count();
    assert!(written >= differ && differ >= 1 && written < 50, "{line}: {differ} files differ");
    assert!(after["ja/cases/east-advice-cafe/index.html"].windows(9).any(|w| w == "応じて".as_bytes()));
    assert_foreign_kept(&t);
    // The same as a whole build into a new folder.
    let fresh = t.root().join("fresh");
    assert!(build_into(&t, &fresh, &[]).status.success());
    let mut ours = after.clone();
    ours.retain(|k, _| !FOREIGN.iter().any(|(rel, _)| rel == k));
    let fresh = site_files(&fresh);
    let differ: Vec<&String> = fresh.keys().chain(ours.keys()).filter(|k| fresh.get(*k) != ours.get(*k)).collect();
    assert!(differ.is_empty(), "in place ends where a whole build does: {differ:?}");
}

// An update in place that fails while moving its files (one it may not replace, here made to
// fail on the second) is undone: the old site stands, as the build says, with nothing left
// behind; the next build makes the update.
#[test]
fn an_update_in_place_that_fails_while_moving_leaves_the_old_site() {
    let t = support::built("other-city");
    foreign(&t);
    let before = site_files(&t.out());
    one_word_of_a_case(&t);
    // And a new case study: its pages' new folders go with it.
    for ext in ["yaml", "ja.md", "en.md"] {
        let text = t.read(&format!("content/cases/east-advice-cafe.{ext}"));
        t.write(&format!("content/cases/zz-new.{ext}"), &text);
    }
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(["build", "--root", t.root().to_str().unwrap()])
        .env("PLANSITE_TEST_FAULT", "fail-moving")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("was not changed"), "{}", stderr(&o));
    assert!(site_files(&t.out()) == before, "the old site, exactly");
    assert!(!t.out().join("ja/cases/zz-new").exists() && !t.out().join("en/cases/zz-new").exists(), "no new folders");
    assert!(leftovers(&t.out()).is_empty(), "{:?}", leftovers(&t.out()));
    let o = t.build_with(&["--verbose"]);
    assert!(o.status.success() && stderr(&o).contains("updated in place"), "{}", stderr(&o));
    assert!(site_files(&t.out()) != before);
    assert_foreign_kept(&t);
}

#[test]
fn an_update_in_place_killed_before_its_journal_leaves_the_old_site() {
    let o = kill_after_edit("incoming", None, Left::Old, 0, one_word_of_a_case);
    assert!(o.contains(".plansite-incoming-"), "the next build names what it cleaned: {o}");
}

#[test]
fn an_update_in_place_killed_after_its_journal_is_finished_by_the_next_build() {
    let o = kill_after_edit("journaled", None, Left::Old, 0, one_word_of_a_case);
    assert!(o.contains("updating in place"), "{o}");
}

#[test]
fn an_update_in_place_killed_while_moving_files_is_finished_by_the_next_build() {
    let o = kill_after_edit("moving", None, Left::Mixed, 0, one_word_of_a_case);
    assert!(o.contains("updating in place"), "{o}");
}

#[test]
fn a_build_killed_right_after_the_exchange_leaves_the_new_site() {
    kill_at("swapped", Some("exchange"), Left::New, 0);
}

#[test]
fn without_an_atomic_exchange_a_kill_between_the_renames_is_rolled_back() {
    let o = kill_at("moved-old", Some("renames"), Left::Mixed, 0);
    assert!(o.contains("put back"), "{o}");
}

/// An output that cannot be renamed (a mount point) keeps generations behind links: a kill at
/// any step leaves the old site or the new one, whether the build is the first to take over a
/// site written without generations (`before` 0) or a later one.
#[test]
fn a_swap_inside_the_folder_leaves_the_old_site_or_the_new_one_at_every_step() {
    for step in ["staged", "taking-over", "linked", "switched"] {
        kill_at(step, Some("inside"), Left::OldOrNew, 0);
    }
    for step in ["staged", "linked", "switched"] {
        kill_at(step, Some("inside"), Left::OldOrNew, 1);
    }
    let o = kill_at("staged", Some("inside"), Left::Old, 1);
    assert!(o.contains(".plansite-sites/"), "the stopped build's generation is named: {o}");
}

#[test]
fn inside_the_folder_the_site_is_one_generation_behind_links() {
    let t = support::built("other-city");
    foreign(&t);
    build_swapping(&t, Some("inside"));
    let out = t.out();
    for top in ["ja", "en", "index.html", ".plansite-manifest"] {
        let link = std::fs::read_link(out.join(top)).unwrap();
        assert_eq!(link, Path::new(".plansite-current").join(top));
    }
    assert!(std::fs::symlink_metadata(out.join(".htaccess")).unwrap().is_file(), "foreign files stay where they are");
    // A file put into the live site by hand, inside one of its folders, is kept too.
    std::fs::write(out.join("en/by-hand.pdf"), "%PDF").unwrap();
    t.edit("content/site.yaml", "Mutual Support Plan\"", "Mutual Aid Plan\"");
    build_swapping(&t, Some("inside"));
    assert_eq!(std::fs::read_to_string(out.join("en/by-hand.pdf")).unwrap(), "%PDF");
    assert!(std::fs::read_to_string(out.join("en/index.html")).unwrap().contains("Mutual Aid Plan"));
    assert_eq!(std::fs::read_dir(out.join(".plansite-sites")).unwrap().count(), 1, "old generations are deleted");
    assert_foreign_kept(&t);
    // An ordinary build afterwards writes the folder without generations again.
    build_swapping(&t, None);
    assert!(std::fs::symlink_metadata(out.join("ja")).unwrap().is_dir());
    assert!(!out.join(".plansite-sites").exists());
    assert_eq!(std::fs::read_to_string(out.join("en/by-hand.pdf")).unwrap(), "%PDF");
    assert_foreign_kept(&t);
}

#[test]
fn an_output_that_is_a_mount_point_is_written_in_place() {
    let t = support::built("other-city");
    let mnt = t.root().join("mnt");
    std::fs::create_dir_all(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "tmpfs", mnt.to_str().unwrap()])
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (not root?)");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&mnt);
    std::fs::write(mnt.join("CNAME"), "x").unwrap();
    let o = build_into(&t, &mnt, &["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    t.edit("content/site.yaml", "Mutual Support Plan\"", "Mutual Aid Plan\"");
    let o = build_into(&t, &mnt, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(mnt.join("en/index.html")).unwrap().contains("Mutual Aid Plan"));
    assert_eq!(std::fs::read_to_string(mnt.join("CNAME")).unwrap(), "x");
    assert!(std::fs::symlink_metadata(mnt.join("en")).unwrap().file_type().is_symlink(), "served through links");
    assert!(leftovers(&mnt).is_empty(), "{:?}", leftovers(&mnt));
}

// A build writes each page to disk as it makes it, and its check reads them back from there: a
// link and an anchor of a template that lead nowhere are found in the pages written, nothing is
// published, and the stage the pages were written into is gone.
#[test]
fn a_build_finds_the_broken_links_of_its_templates_in_the_pages_it_wrote() {
    let t = SiteTest::fixture("other-city");
    let base = std::fs::read_to_string(support::repo().join("themes/default/templates/base.html")).unwrap();
    let planted = r##"<a href="{{ layout.home_href }}nowhere/">x</a><a href="#no-such-id">y</a><main"##;
    assert!(base.contains("<main"));
    t.write("templates/base.html", &base.replacen("<main", planted, 1));
    let options = plansite::BuildOptions::for_root(t.root());
    let Err(plansite::BuildError::Content(found)) = plansite::build(&options) else { panic!("the build passed") };
    let text = found.to_string();
    assert!(text.contains("broken-link") && text.contains("nowhere"), "{text}");
    assert!(text.contains("broken-anchor") && text.contains("no-such-id"), "{text}");
    assert!(!t.out().exists(), "nothing published");
    assert!(leftovers(t.root()).is_empty(), "{:?}", leftovers(t.root()));
}

// A page's links to itself are found in it however many it has: the first few by reading the
// page through, the rest in a set of its ids made once (`check::READ_THROUGH`). Past the first
// few, an id the page has is found and one it lacks is not.
#[test]
fn a_page_with_many_links_to_itself_has_each_looked_for() {
    let t = SiteTest::fixture("other-city");
    let base = std::fs::read_to_string(support::repo().join("themes/default/templates/base.html")).unwrap();
    let planted = r##"<a href="#main">1</a><a href="#main">2</a><a href="#main">3</a><a href="#main">4</a><a href="#late-missing">5</a><a href="#main">6</a><main"##;
    t.write("templates/base.html", &base.replacen("<main", planted, 1));
    let options = plansite::BuildOptions::for_root(t.root());
    let Err(plansite::BuildError::Content(found)) = plansite::build(&options) else { panic!("the build passed") };
    let text = found.to_string();
    assert!(text.contains("broken-anchor") && text.contains("late-missing"), "{text}");
    assert!(!text.contains("#main"), "every page has its main: {text}");
}

// An anchor alone (`#x`) is in the page it is written in. In `404.html` it is not in the
// folder's `index.html`, which has ids the 404 page lacks (`landing-ja`): a link from the 404
// page to one of them leads nowhere, and the check says so.
#[test]
fn an_anchor_alone_is_looked_for_in_its_own_page_not_in_its_folders_index() {
    let t = SiteTest::fixture("other-city");
    let options = plansite::BuildOptions::for_root(t.root());
    plansite::build(&options).expect("the fixture builds");
    let index = std::fs::read_to_string(t.out().join("index.html")).unwrap();
    assert!(index.contains(" id=\"landing-ja\""), "the folder's index has the id");
    std::fs::remove_dir_all(t.out()).unwrap();
    let nf = std::fs::read_to_string(support::repo().join("themes/default/templates/404.html")).unwrap();
    let planted = "{% block main %}<a href=\"#landing-ja\">x</a>";
    assert!(nf.contains("{% block main %}"));
    t.write("templates/404.html", &nf.replacen("{% block main %}", planted, 1));
    let Err(plansite::BuildError::Content(found)) = plansite::build(&options) else { panic!("the build passed") };
    let text = found.to_string();
    assert!(text.contains("broken-anchor") && text.contains("404.html") && text.contains("landing-ja"), "{text}");
}
