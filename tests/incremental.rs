//! Rebuilding with the memo of a previous build (what `serve` does after each change) produces
//! exactly the bytes of a cold build, whatever was changed.

mod support;
use plansite::{compile, compile_with, CompileOptions, Memo, SearchIndex, SourceTree};
use support::SiteTest;

/// Builds `t` warm (reusing `memo`) and cold after `edit`, and compares every file.
fn same_as_cold(tree: &mut SourceTree, memo: &Memo, edit: impl FnOnce(&mut SourceTree)) {
    let options = CompileOptions::default();
    edit(tree);
    let warm = compile_with(tree, &options, memo, SearchIndex::Inline).expect("warm build");
    let cold = compile(tree, &options).expect("cold build");
    support::assert_same_files(warm.site.iter(), cold.site.iter(), "a warm build against a cold one");
    // The translation report too, which keeps what it found in each unchanged file.
    assert_eq!(warm.translations, cold.translations, "the translation report of a warm build against a cold one");
    // And the check's warnings, which count the links of the bodies that changed only.
    assert_eq!(warm.warnings, cold.warnings, "the warnings of a warm build against a cold one");
}

fn replace(tree: &mut SourceTree, path: &str, from: &str, to: &str) {
    let text = String::from_utf8(tree.get(path).unwrap().to_vec()).unwrap();
    assert!(text.contains(from), "{path} lacks {from:?}");
    tree.insert(path, text.replacen(from, to, 1));
}

// Every kind of edit an editor makes, one after another on the same memo. The tree is read
// from a copy on disk because deletions reach it as they do in `serve`: through
// `SourceTree::refresh` of paths that are gone.
#[test]
fn warm_rebuilds_equal_cold_builds() {
    every_edit_warm_and_cold(|_| Memo::default(), false);
}

// The same with a preview's memo that keeps no page in memory (`serve --page-memory 0`): every
// page it may is kept on disk, under the root's .plansite-cache/, and read back from there.
#[test]
fn warm_rebuilds_with_the_pages_on_disk_equal_cold_builds() {
    every_edit_warm_and_cold(|root| Memo::for_preview(root, 0), true);
}

/// Every edit, each built warm with the memo `memo_for` gives and cold; `on_disk`: whether the
/// memo keeps its pages on disk.
fn every_edit_warm_and_cold(memo_for: impl FnOnce(&std::path::Path) -> Memo, on_disk: bool) {
    let t = SiteTest::fixture("other-city");
    let mut tree = SourceTree::load(t.root()).unwrap();
    let memo = memo_for(t.root());
    compile_with(&tree, &CompileOptions::default(), &memo, SearchIndex::Inline).unwrap();
    let held = memo.pages_on_disk();
    assert_eq!(held > 20, on_disk, "{held} pages on disk");
    let case = "content/cases/north-harbour-salon.yaml";
    // A word in a case's body, in its title, its area, its themes.
    same_as_cold(&mut tree, &memo, |tr| {
        let body = "content/cases/north-harbour-salon.ja.md";
        let text = String::from_utf8(tr.get(body).unwrap().to_vec()).unwrap();
        tr.insert(body, format!("{text}\n追記しました。\n"));
    });
    same_as_cold(&mut tree, &memo, |tr| replace(tr, case, "漁港のふれあいサロン", "漁港のふれあいサロン（改）"));
    // A translation emptied, then written again: no file came or went, and the report finds the
    // English body missing, then translated, through the unit of the Japanese one.
    let english = "content/cases/north-harbour-salon.en.md";
    let written = tree.get(english).unwrap().to_vec();
    same_as_cold(&mut tree, &memo, |tr| tr.insert(english, ""));
    same_as_cold(&mut tree, &memo, |tr| tr.insert(english, written));
    // The translation record: the case's English title made from another Japanese title (stale),
    // then a translation added where one was missing.
    same_as_cold(&mut tree, &memo, |tr| {
        tr.insert(
            "content/translations.yaml",
            "# 翻訳の記録 (translation record): written by `plansite translations --mark`\n\
             en:\n  \"content/cases/north-harbour-salon.yaml\":\n    \"title\": \"0123456789abcdef\"\n",
        )
    });
    same_as_cold(&mut tree, &memo, |tr| tr.insert("content/themes/living-advice.en.md", "Advice where people are.\n"));
    same_as_cold(&mut tree, &memo, |tr| replace(tr, case, "area: north", "area: south"));
    same_as_cold(&mut tree, &memo, |tr| replace(tr, case, "themes: [", "themes: [disaster-readiness, "));
    // The overview's body and goal, the structure's body.
    same_as_cold(&mut tree, &memo, |tr| {
        let text = String::from_utf8(tr.get("content/plan.ja.md").unwrap().to_vec()).unwrap();
        tr.insert("content/plan.ja.md", format!("{text}\n概要に追記。\n"));
    });
    same_as_cold(&mut tree, &memo, |tr| replace(tr, "content/plan.yaml", "海とともに", "海と山とともに"));
    // A document that only a body links to: unlinked (a warning), linked, then unlinked again.
    let body = "content/cases/north-harbour-salon.ja.md";
    let linked = |tr: &mut SourceTree| {
        let text = String::from_utf8(tr.get(body).unwrap().to_vec()).unwrap();
        tr.insert(body, format!("{text}\n[案内（PDF）](/files/guide.pdf)\n"));
    };
    same_as_cold(&mut tree, &memo, |tr| tr.insert("content/files/guide.pdf", b"%PDF-1.4\n%%EOF\n".to_vec()));
    let unlinked = |w: &plansite::diag::Diagnostics| w.iter().any(|d| d.location.file == "content/files/guide.pdf");
    assert!(unlinked(&compile(&tree, &CompileOptions::default()).unwrap().warnings), "the document is unlinked");
    same_as_cold(&mut tree, &memo, linked);
    assert!(!unlinked(&compile(&tree, &CompileOptions::default()).unwrap().warnings), "the body links to it");
    same_as_cold(&mut tree, &memo, |tr| replace(tr, body, "[案内（PDF）](/files/guide.pdf)", "案内"));
    same_as_cold(&mut tree, &memo, linked);
    same_as_cold(&mut tree, &memo, |tr| {
        let text = String::from_utf8(tr.get("content/structure.en.md").unwrap().to_vec()).unwrap();
        tr.insert("content/structure.en.md", format!("{text}\nOne more line.\n"));
    });
    // A theme's title, an area's name and policies, the site's title.
    same_as_cold(&mut tree, &memo, |tr| replace(tr, "content/themes/everyday-help.yaml", "ja: ", "ja: 新・"));
    same_as_cold(&mut tree, &memo, |tr| replace(tr, "content/areas/east.yaml", "ja: ", "ja: 改・"));
    same_as_cold(&mut tree, &memo, |tr| replace(tr, "content/site.yaml", "ja: みなと町", "ja: 新みなと町"));
    // Progress data, a new case study, a template.
    same_as_cold(&mut tree, &memo, |tr| replace(tr, "content/progress/2025/north.yaml", "rating: ◎", "rating: △"));
    same_as_cold(&mut tree, &memo, |tr| {
        let text = String::from_utf8(tr.get(case).unwrap().to_vec()).unwrap();
        tr.insert("content/cases/zz-new.yaml", text.replace("published: 2025-06-20", "published: 2026-01-05"));
    });
    // A date that moves a case to another place in the lists.
    same_as_cold(&mut tree, &memo, |tr| replace(tr, case, "published: 2025-06-20", "published: 2019-04-01"));
    // A body deleted, then a whole case study (its YAML file and bodies).
    let delete = |tr: &mut SourceTree, paths: &[&str]| {
        for p in paths {
            std::fs::remove_file(t.root().join(p)).unwrap();
        }
        assert!(tr.refresh(&paths.iter().map(|p| p.to_string()).collect::<Vec<_>>()).unwrap());
    };
    same_as_cold(&mut tree, &memo, |tr| delete(tr, &["content/cases/north-harbour-salon.en.md"]));
    // The south case studies lose their English bodies first, so the translation report lists
    // them: deleting them then must take those entries out of the report.
    same_as_cold(&mut tree, &memo, |tr| {
        let english: Vec<String> =
            tr.under("content/cases/south-").map(|(p, _)| p.to_string()).filter(|p| p.ends_with(".en.md")).collect();
        assert!(!english.is_empty());
        delete(tr, &english.iter().map(String::as_str).collect::<Vec<_>>());
    });
    same_as_cold(&mut tree, &memo, |tr| {
        let gone: Vec<String> = tr.under("content/cases/south-").map(|(p, _)| p.to_string()).collect();
        assert!(!gone.is_empty());
        delete(tr, &gone.iter().map(String::as_str).collect::<Vec<_>>());
    });
    // A broken case study fails the build; fixing it builds as a cold build does.
    let good = tree.get(case).unwrap().to_vec();
    tree.insert(case, "title: {ja: 壊れた\n");
    assert!(compile_with(&tree, &CompileOptions::default(), &memo, SearchIndex::Inline).is_err());
    same_as_cold(&mut tree, &memo, |tr| tr.insert(case, good));
    same_as_cold(&mut tree, &memo, |tr| {
        tr.insert("templates/case.html", "{% extends \"base.html\" %}{% block main %}<p>custom</p>{% endblock main %}")
    });
}

// A rebuild renders only the pages whose inputs changed: a word in one case study's body renders
// that case's pages; a case template renders the case pages and nothing else.
#[test]
fn rebuilds_render_only_what_changed() {
    let options = CompileOptions::default();
    let mut tree = support::tree("other-city");
    let memo = Memo::default();
    let cold = compile_with(&tree, &options, &memo, SearchIndex::Deferred).unwrap();
    assert!(memo.pages_rendered() >= cold.site.page_count() - 2, "a cold build renders everything");
    compile_with(&tree, &options, &memo, SearchIndex::Deferred).unwrap();
    assert_eq!(memo.pages_rendered(), 0, "nothing changed, nothing rendered");
    let body = "content/cases/north-harbour-salon.ja.md";
    let text = String::from_utf8(tree.get(body).unwrap().to_vec()).unwrap();
    tree.insert(body, format!("{text}\n一語\n"));
    compile_with(&tree, &options, &memo, SearchIndex::Deferred).unwrap();
    assert_eq!(memo.pages_rendered(), 2, "the case page in both languages");
    // The overview's goal is on the home and overview pages only; the structure's body on its page.
    replace(&mut tree, "content/plan.yaml", "海とともに", "海と山とともに");
    compile_with(&tree, &options, &memo, SearchIndex::Deferred).unwrap();
    assert_eq!(memo.pages_rendered(), 4, "home and overview in both languages");
    let text = String::from_utf8(tree.get("content/structure.en.md").unwrap().to_vec()).unwrap();
    tree.insert("content/structure.en.md", format!("{text}\nOne more line.\n"));
    compile_with(&tree, &options, &memo, SearchIndex::Deferred).unwrap();
    assert_eq!(memo.pages_rendered(), 2, "the structure page in both languages");
    tree.insert("templates/case.html", "{% extends \"base.html\" %}{% block main %}<p>x</p>{% endblock main %}");
    compile_with(&tree, &options, &memo, SearchIndex::Deferred).unwrap();
    let cases = tree.under("content/cases/").filter(|(p, _)| p.ends_with(".yaml")).count();
    assert_eq!(memo.pages_rendered(), 2 * cases, "only the pages of the case template");
}

// With long lists cut into pages (one case study a page here), editing a case study's title
// renders again its own pages and only the pages of lists that show its card: one page of the
// case list, one of each of its themes' lists and of its area's, in each language (and the
// home page's card of it). Every page rendered is one whose bytes changed, and a warm rebuild
// equals a cold one as the pages shift (a case study added) and when the page size changes.
#[test]
fn paginated_lists_render_again_only_the_pages_whose_items_changed() {
    let options = CompileOptions::default();
    let mut tree = support::tree("other-city");
    let site = String::from_utf8(tree.get("content/site.yaml").unwrap().to_vec()).unwrap();
    tree.insert("content/site.yaml", format!("{site}\npagination: {{page_size: 1, progress_page_size: 1}}\n"));
    let memo = Memo::default();
    let before = compile_with(&tree, &options, &memo, SearchIndex::Deferred).unwrap();
    let list_pages = before.site.iter().filter(|(p, _)| p.starts_with("ja/cases/") && p.contains("/page/")).count();
    assert_eq!(list_pages, 2, "three case studies, one a page");
    replace(&mut tree, "content/cases/north-harbour-salon.yaml", "漁港のふれあいサロン", "漁港のふれあい茶話会");
    replace(&mut tree, "content/cases/north-harbour-salon.yaml", "Harbourside drop-in salon", "Harbourside tea party");
    let after = compile_with(&tree, &options, &memo, SearchIndex::Deferred).unwrap();
    let changed: Vec<&str> = after
        .site
        .iter()
        .filter(|(p, bytes)| p.ends_with(".html") && before.site.get(p).as_deref() != Some(&**bytes))
        .map(|(p, _)| p)
        .collect();
    assert_eq!(memo.pages_rendered(), changed.len(), "rendered again, yet the same: {changed:?}");
    let ja_lists: Vec<&&str> =
        changed.iter().filter(|p| p.starts_with("ja/cases/index") || p.starts_with("ja/cases/page/")).collect();
    assert_eq!(ja_lists.len(), 1, "one page of the case list: {changed:?}");
    for theme in ["gathering-places", "everyday-help"] {
        assert_eq!(changed.iter().filter(|p| p.starts_with(&format!("ja/themes/{theme}/"))).count(), 1, "{changed:?}");
    }
    // The case page, the home page's card, and one page of each list, in each language.
    assert_eq!(changed.len(), 12, "{changed:?}");

    let mut tree2 = tree.clone();
    same_as_cold(&mut tree2, &memo, |t| {
        let yaml = String::from_utf8(t.get("content/cases/north-harbour-salon.yaml").unwrap().to_vec()).unwrap();
        t.insert("content/cases/a-new-salon.yaml", yaml.replace("漁港のふれあい茶話会", "新しいサロン"));
    });
    same_as_cold(&mut tree2, &memo, |t| replace(t, "content/site.yaml", "page_size: 1,", "page_size: 2,"));
}

/// Every file below `dir`, relative path → bytes.
fn files_below(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// A cold build of `t`'s content (its `content/` copied into a fresh copy of the other-city
/// fixture, the theme and everything else as the fixture has them): the copy, and what the
/// build gave.
fn cold_build_of(t: &SiteTest) -> (SiteTest, Result<plansite::Compiled, plansite::BuildError>) {
    let fresh = SiteTest::fixture("other-city");
    std::fs::remove_dir_all(fresh.root().join("content")).unwrap();
    for (rel, bytes) in files_below(&t.root().join("content")) {
        let path = fresh.root().join("content").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let built = plansite::build(&plansite::BuildOptions::for_root(fresh.root()));
    (fresh, built)
}

/// Makes every file of the output older than its manifest, as files written seconds before it
/// are (a test writes them all within the clock's resolution, and an output file as recent as
/// the manifest may have been changed after the build).
fn age(out: &std::path::Path) {
    let before = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for rel in files_below(out).keys().filter(|rel| *rel != ".plansite-manifest") {
        let file = std::fs::File::options().write(true).open(out.join(rel)).unwrap();
        file.set_modified(before).unwrap();
    }
}

// A build into its own output notes what each page was made from (the root's page memo); the
// next build neither renders nor writes a page whose inputs are the same and whose file is
// still the last build's. What it leaves in the output is exactly what a cold build writes, after
// an edit, after someone changed a page, and when the memo is of another program.
#[test]
fn a_build_leaves_the_pages_whose_inputs_did_not_change() {
    let t = support::SiteTest::fixture("other-city");
    let options = plansite::BuildOptions::for_root(t.root());
    let build_unaged = || plansite::build_from(&SourceTree::load(t.root()).unwrap(), &options).unwrap();
    let build = || {
        let compiled = build_unaged();
        age(&t.out());
        compiled
    };
    let cold = |what: &str| {
        let (fresh, built) = cold_build_of(&t);
        built.unwrap();
        let (warm, cold) = (files_below(&t.out()), files_below(&fresh.out()));
        assert!(warm.keys().eq(cold.keys()), "{what}: other files than a cold build's");
        for (rel, bytes) in &warm {
            assert!(cold[rel] == *bytes, "{what}: {rel} differs from a cold build's");
        }
    };
    let first = build();
    let pages = first.site.page_count();
    assert!(first.pages_rendered >= pages, "a first build renders everything");
    assert!(t.path(".plansite-cache/pages").is_file());
    // Nothing changed: nothing is made anew, neither a page (the fixture has none that holds
    // page references, which every build resolves), nor the files of the site's whole (the
    // sitemap, the open data, the icon), nor the search index.
    let again = build().pages_rendered;
    assert_eq!(again, 0, "files rendered again with nothing changed");
    cold("nothing changed");

    // The search index of a language is made again only when its records changed: a word in
    // a Japanese body leaves the English index's files as they were.
    let search_files = |lang: &str| {
        let all = files_below(&t.out().join("search").join(lang));
        assert!(all.len() > 3, "{lang}: {all:?}");
        all.keys().map(|rel| t.out().join("search").join(lang).join(rel)).collect::<Vec<_>>()
    };
    let modified = |path: &std::path::PathBuf| std::fs::metadata(path).unwrap().modified().unwrap();
    let aged: Vec<_> = search_files("en").iter().map(modified).collect();
    t.edit("content/cases/north-harbour-salon.ja.md", "\n", "\n一語を足しました。\n");
    let edited = build_unaged();
    let index = search_files("ja").len();
    assert_eq!(edited.pages_rendered, again + 2 + index, "the case page in both languages, the Japanese index");
    assert!(search_files("en").iter().map(modified).eq(aged), "the English index was written again");
    let now = std::time::SystemTime::now() - std::time::Duration::from_secs(30);
    assert!(search_files("ja").iter().any(|f| modified(f) > now), "the Japanese index was not written");
    age(&t.out());
    cold("a word added");

    // A figure of the progress data: the open data files are made again (and what shows it).
    let data = files_below(&t.out().join("data"));
    t.edit("content/progress/2025/south.yaml", "population: 3260", "population: 3261");
    assert!(build().pages_rendered > 2);
    assert!(files_below(&t.out().join("data")) != data, "the open data was not made again");
    cold("a figure of the progress data");

    // A page someone changed in the output is made and written again, and only that one.
    std::fs::write(t.out().join("ja/index.html"), "changed by hand").unwrap();
    assert_eq!(build().pages_rendered, again + 1);
    cold("a page changed by hand");

    // A memo of another program (another version, or another build of this one) is not read.
    let memo = t.read(".plansite-cache/pages");
    let (_, rest) = memo.split_once('\n').unwrap();
    t.write(".plansite-cache/pages", &format!("# plansite page memo v1 0.0.0 1 2\n{rest}"));
    assert!(build().pages_rendered >= pages, "another program's memo is not used");
    cold("another program's memo");
}

// The check of a build into its own output reads only the pages made anew while the site has
// the same files, and finds what a cold build's check finds: a page the output kept that now
// links to an anchor a page made anew no longer has, and a document only a page made anew
// linked to.
#[test]
fn a_builds_check_reads_only_the_pages_made_anew_and_finds_what_a_cold_check_finds() {
    let t = support::SiteTest::fixture("other-city");
    let options = plansite::BuildOptions::for_root(t.root());
    let build = || {
        let built = plansite::build_from(&SourceTree::load(t.root()).unwrap(), &options);
        age(&t.out());
        built
    };
    let cold = || cold_build_of(&t).1;
    // The pages whose bytes a build changed: exactly those its check reads.
    let pages_of = || {
        let mut all = files_below(&t.out());
        all.retain(|rel, _| rel.ends_with(".html"));
        all
    };
    let changed = |before: &std::collections::BTreeMap<String, Vec<u8>>| {
        pages_of().iter().filter(|(rel, bytes)| before.get(*rel) != Some(bytes)).count()
    };
    let warnings = |built: &Result<plansite::Compiled, plansite::BuildError>| match built {
        Ok(c) => c.warnings.iter().map(|d| format!("{}: {}", d.location.file, d.code)).collect::<Vec<_>>(),
        Err(e) => panic!("{e}"),
    };
    // A document linked from a contact of the north area, and a heading of the structure
    // page linked to from a contact of the east area: from YAML, so only the pages hold these
    // links (the content's bodies are checked on their own).
    t.write("content/files/leaflet.pdf", "%PDF-1.4 leaflet");
    t.edit(
        "content/areas/north.yaml",
        "    phone: \"000-000-0001\"",
        "    phone: \"000-000-0001\"\n    url: \"@file/files/leaflet.pdf\"",
    );
    t.edit(
        "content/areas/east.yaml",
        "    phone: \"000-000-0003\"",
        "    phone: \"000-000-0003\"\n    url: \"@structure#committee\"",
    );
    for lang in ["ja", "en"] {
        let body = t.read(&format!("content/structure.{lang}.md"));
        t.write(
            &format!("content/structure.{lang}.md"),
            &format!("{body}\n## 推進委員会 {{#committee}}\n\n委員会。\n"),
        );
    }
    // And a body linking to both, whose check is carried over while it does not change.
    let cafe = t.read("content/cases/east-advice-cafe.ja.md");
    t.write(
        "content/cases/east-advice-cafe.ja.md",
        &format!("{cafe}\n[委員会](@structure#committee)、[チラシ](@file/files/leaflet.pdf)\n"),
    );
    let first = build();
    let pages = first.as_ref().unwrap().site.page_count();
    assert_eq!(first.as_ref().unwrap().pages_checked, pages, "a first build reads every page");
    assert!(t.read(".plansite-cache/pages").contains("\n# check "), "the check's notes are in the memo");
    assert!(!warnings(&first).iter().any(|w| w.contains("leaflet")), "{:?}", warnings(&first));

    // Nothing changed: no page is read again.
    let again = build();
    assert_eq!(again.as_ref().unwrap().pages_checked, 0);
    assert_eq!(warnings(&again), warnings(&first));

    // The north area's pages no longer link to the document: they alone are read (the old
    // pages beside them, for what they linked to); the body still links to it.
    t.edit("content/areas/north.yaml", "\n    url: \"@file/files/leaflet.pdf\"", "");
    let before = pages_of();
    let linked = build();
    let read = linked.as_ref().unwrap().pages_checked;
    assert_eq!(read, changed(&before), "the pages read are the pages changed");
    assert!(read >= 2 && read * 10 < pages, "{read} of {pages} pages read");
    assert_eq!(warnings(&linked), warnings(&first));
    // Nor does the body: now the document is linked from nowhere.
    t.edit("content/cases/east-advice-cafe.ja.md", "、[チラシ](@file/files/leaflet.pdf)", "");
    let before = pages_of();
    let unlinked = build();
    let read = unlinked.as_ref().unwrap().pages_checked;
    assert_eq!(read, changed(&before), "the pages read are the pages changed");
    assert!(read >= 1 && read * 10 < pages, "{read} of {pages} pages read");
    assert!(warnings(&unlinked).iter().any(|w| w.contains("content/files/leaflet.pdf")), "{:?}", warnings(&unlinked));
    assert_eq!(warnings(&unlinked), warnings(&cold()), "against a cold build");

    // The heading changes its id: the structure pages made anew lack an id they had, so every
    // page is read, and the east area's kept pages link to an anchor that is not there.
    for lang in ["ja", "en"] {
        t.edit(&format!("content/structure.{lang}.md"), "{#committee}", "{#board}");
    }
    let Err(plansite::BuildError::Content(found)) = build() else { panic!("a broken anchor was not found") };
    let Err(plansite::BuildError::Content(cold_found)) = cold() else { panic!("a cold build found no broken anchor") };
    assert!(found.iter().any(|d| d.to_string().contains("#committee")), "{found}");
    assert_eq!(found, cold_found);
}

// With more documents than one pack holds, a build after a one-word edit makes again only the
// pack of documents that holds the edited page, and the search index it leaves is a cold
// build's.
#[test]
fn a_build_makes_again_only_the_pack_of_documents_that_changed() {
    let t = support::SiteTest::fixture("other-city");
    for n in 0..80 {
        for ext in ["yaml", "ja.md", "en.md"] {
            let text = t.read(&format!("content/cases/east-advice-cafe.{ext}"));
            let text = text.replace("出張よろず相談カフェ", &format!("出張よろず相談カフェ{n}"));
            t.write(&format!("content/cases/extra-{n:02}.{ext}"), &text);
        }
    }
    let options = plansite::BuildOptions::for_root(t.root());
    let build = || {
        let built = plansite::build_from(&SourceTree::load(t.root()).unwrap(), &options).unwrap();
        age(&t.out());
        built
    };
    let packs = |lang: &str| files_below(&t.out().join("search").join(lang).join("doc")).len();
    let first = build();
    assert!(packs("ja") >= 2, "{} packs", packs("ja"));
    // (A first build makes every body's text: at least the 81 case studies' in each language.)
    assert!(first.bodies_indexed >= 2 * 81, "{} bodies made into text", first.bodies_indexed);
    let again = build();
    assert_eq!(again.bodies_indexed, 0, "bodies made into text with nothing changed");
    let again = again.pages_rendered;
    t.edit("content/cases/extra-40.ja.md", "\n", "\n一語を足しました。\n");
    let edited = build();
    // The Japanese index makes the text of one pack of documents' bodies, and takes the other
    // documents' words from the shards the last build left.
    assert!((1..=64).contains(&edited.bodies_indexed), "{} bodies made into text", edited.bodies_indexed);
    let edited = edited.pages_rendered;
    let index = files_below(&t.out().join("search/ja")).len();
    // The case page in both languages, and the Japanese index but the packs of documents not
    // edited.
    assert_eq!(edited, again + 2 + index - (packs("ja") - 1));
    let (fresh, built) = cold_build_of(&t);
    built.unwrap();
    let (warm, cold) = (files_below(&t.out().join("search")), files_below(&fresh.out().join("search")));
    assert!(warm == cold, "the search index differs from a cold build's");
}

// One root built into two outputs by turns: the page memo of the root is the last build's,
// into the other output. Its check's notes are of that output's site, so a build into this one
// does not carry them over (what its pages made anew linked to before is not what the notes
// counted), and finds what a cold build finds.
#[test]
fn a_check_is_not_carried_over_from_a_build_into_another_output() {
    let t = support::SiteTest::fixture("other-city");
    t.write("content/files/leaflet.pdf", "%PDF-1.4 leaflet");
    let url = "\n    url: \"@file/files/leaflet.pdf\"";
    t.edit("content/areas/north.yaml", "    phone: \"000-000-0001\"", &format!("    phone: \"000-000-0001\"{url}"));
    t.edit("content/areas/south.yaml", "    phone: \"000-000-0002\"", &format!("    phone: \"000-000-0002\"{url}"));
    let into = |out: &str| {
        let options = plansite::BuildOptions { output: t.path(out), ..plansite::BuildOptions::for_root(t.root()) };
        let built = plansite::build_from(&SourceTree::load(t.root()).unwrap(), &options).unwrap();
        age(&t.path(out));
        built
    };
    let unlinked = |built: &plansite::Compiled| built.warnings.iter().any(|d| d.to_string().contains("leaflet"));
    // Linked from both areas into `a`; from the south area alone into `b`, then into `a`.
    assert!(!unlinked(&into("a")));
    t.edit("content/areas/north.yaml", url, "");
    assert!(!unlinked(&into("b")));
    let again = into("a");
    assert!(!unlinked(&again), "{}", again.warnings);
    assert_eq!(again.pages_checked, again.site.page_count(), "every page is read");
}

// A build takes the YAML files the last build of the root parsed from the root's store of
// parsed files (`.plansite-cache/parsed`), where their text is the same, and what it finds is
// what a cold build finds: the same pages, and the same errors at the same lines and columns,
// in a case study's YAML and in the YAML form of progress data. A file changed since is parsed
// again.
#[test]
fn a_build_takes_the_files_the_last_build_parsed_and_finds_what_a_cold_build_finds() {
    let t = support::SiteTest::fixture("other-city");
    let options = plansite::BuildOptions::for_root(t.root());
    let build = || plansite::build_from(&SourceTree::load(t.root()).unwrap(), &options);
    let errors = |built: Result<plansite::Compiled, plansite::BuildError>| match built {
        Err(plansite::BuildError::Content(d)) => format!("{d:?}"),
        other => panic!("expected content errors, got {:?}", other.map(|c| c.warnings)),
    };
    build().unwrap();
    let stored = t.read(".plansite-cache/parsed");
    let yaml_files = files_below(&t.root().join("content"))
        .keys()
        .filter(|p| p.ends_with(".yaml") && !p.ends_with("year.yaml"))
        .count();
    assert_eq!(stored.lines().count(), 1 + yaml_files, "one entry per YAML file:\n{stored}");

    // Nothing changed: the store is not written again, and the output is a cold build's.
    let written = std::fs::metadata(t.path(".plansite-cache/parsed")).unwrap().modified().unwrap();
    build().unwrap();
    assert_eq!(std::fs::metadata(t.path(".plansite-cache/parsed")).unwrap().modified().unwrap(), written);
    let (fresh, cold) = cold_build_of(&t);
    cold.unwrap();
    assert!(files_below(&t.out()) == files_below(&fresh.out()), "a build from the store differs from a cold build");

    // Errors the model finds in a case study's YAML and in progress data, where they are.
    t.edit("content/cases/north-harbour-salon.yaml", "area: north", "area: nowhere");
    t.edit("content/progress/2025/south.yaml", "themes: [gathering-places, everyday-help]", "themes: [no-such-theme]");
    let first = errors(build());
    assert!(first.contains("nowhere") && first.contains("no-such-theme"), "{first}");
    let from_store = errors(build());
    assert_eq!(from_store, first, "errors from the store differ from those of the build that parsed");
    assert_eq!(from_store, errors(cold_build_of(&t).1), "errors from the store differ from a cold build's");

    // The store is what the build took: a value changed in it (as no editor would) is what
    // the build reports.
    let forged = t.read(".plansite-cache/parsed").replace("\"nowhere\"", "\"from-the-store\"");
    t.write(".plansite-cache/parsed", &forged);
    assert!(errors(build()).contains("from-the-store"), "the build did not take the stored file");
    // A file changed since is parsed again, whatever the store holds.
    t.edit("content/cases/north-harbour-salon.yaml", "area: nowhere", "area: north");
    let mended = errors(build());
    assert!(!mended.contains("from-the-store") && !mended.contains("nowhere"), "{mended}");
    assert_eq!(mended, errors(cold_build_of(&t).1));
}

// The pages no other page links to (a warning, of a template that leaves pages out) are looked
// for again only when a page or body links elsewhere: a warm rebuild warns of the very pages a
// cold build does as they come and go, and keeps them while only words change.
#[test]
fn orphan_pages_come_and_go_as_in_a_cold_build() {
    let t = SiteTest::fixture("other-city");
    let mut tree = SourceTree::load(t.root()).unwrap();
    // A layout with no navigation and no footer, and a site map listing nothing: the privacy
    // page is linked from nowhere.
    tree.insert(
        "templates/base.html",
        "<!DOCTYPE html><html lang=\"{{ layout.lang }}\"><head><title>x</title></head><body><main>\
         {% block heading %}{% endblock heading %}{% block main %}{% endblock main %}</main></body></html>",
    );
    tree.insert("templates/site_map.html", "{% extends \"base.html\" %}{% block main %}<p>-</p>{% endblock main %}");
    let memo = Memo::default();
    let orphan = |c: &plansite::Compiled| {
        c.warnings.iter().any(|d| d.location.file == "site: ja/privacy/index.html" && d.code.as_str() == "orphan-page")
    };
    let first = compile_with(&tree, &CompileOptions::default(), &memo, SearchIndex::Inline).unwrap();
    assert!(orphan(&first), "{:?}", first.warnings);
    let body = "content/plan.ja.md";
    let add = |tr: &mut SourceTree, line: &str| {
        let text = String::from_utf8(tr.get(body).unwrap().to_vec()).unwrap();
        tr.insert(body, format!("{text}\n{line}\n"));
    };
    // Words only: the last check's orphans.
    same_as_cold(&mut tree, &memo, |tr| add(tr, "一語。"));
    // A link from a body to the page: no longer an orphan; words again; the link gone.
    same_as_cold(&mut tree, &memo, |tr| add(tr, "[個人情報の扱い](../privacy/)"));
    let linked = compile_with(&tree, &CompileOptions::default(), &memo, SearchIndex::Inline).unwrap();
    assert!(!orphan(&linked), "{:?}", linked.warnings);
    same_as_cold(&mut tree, &memo, |tr| add(tr, "二語。"));
    same_as_cold(&mut tree, &memo, |tr| replace(tr, body, "[個人情報の扱い](../privacy/)", "個人情報の扱い"));
    let unlinked = compile_with(&tree, &CompileOptions::default(), &memo, SearchIndex::Inline).unwrap();
    assert!(orphan(&unlinked), "{:?}", unlinked.warnings);
    // A link from the pages themselves (a template), then words, then the template gone.
    let case = "templates/case.html";
    let linking = "{% extends \"base.html\" %}{% block main %}<a href=\"../../privacy/\">p</a>{% endblock main %}";
    same_as_cold(&mut tree, &memo, |tr| tr.insert(case, linking));
    let linked = compile_with(&tree, &CompileOptions::default(), &memo, SearchIndex::Inline).unwrap();
    assert!(!orphan(&linked), "{:?}", linked.warnings);
    same_as_cold(&mut tree, &memo, |tr| add(tr, "三語。"));
    same_as_cold(&mut tree, &memo, |tr| {
        std::fs::remove_file(t.path(case)).ok();
        tr.insert(case, "{% extends \"base.html\" %}{% block main %}<p>-</p>{% endblock main %}")
    });
    let unlinked = compile_with(&tree, &CompileOptions::default(), &memo, SearchIndex::Inline).unwrap();
    assert!(orphan(&unlinked), "{:?}", unlinked.warnings);
}

// The store of parsed files is written while the build goes on: a build waits for it, and says
// when it could not be written (here a folder stands where the file goes), without failing.
#[test]
fn a_store_of_parsed_files_that_cannot_be_written_is_reported() {
    let t = support::SiteTest::fixture("other-city");
    let _ = std::fs::remove_file(t.path(".plansite-cache/parsed"));
    std::fs::create_dir_all(t.path(".plansite-cache/parsed/in-the-way")).unwrap();
    let options = plansite::BuildOptions::for_root(t.root());
    let built = plansite::build_from(&SourceTree::load(t.root()).unwrap(), &options).unwrap();
    let problem = built.written.cache_problem.expect("the store could not be written");
    assert!(problem.contains(".plansite-cache/parsed"), "{problem}");
    assert!(t.out().join("index.html").exists());
}
