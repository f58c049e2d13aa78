//! A rebuild whose only changes under `content/` are edits of files the last parse already made
//! items of (a theme's, an area's or a case study's YAML file or bodies, the usual save in a
//! preview): the last parse's content with those items made anew. Whatever else changed (a
//! file came or went, the site's settings, progress, the site's own pages, a file now over its
//! limit, an item that no longer parses) is left to the whole parse, which gives the same
//! content and diagnostics by definition; `tests/incremental.rs` compares the two.
//!
//! Why: the whole parse looks at every file under `content/` (at N = 100,000, 300,000 files
//! and 100,000 items, some 70–100 ms of a rebuild), while this looks at the files that
//! changed. The tree names which those are: the paths it logged since the last parse's mark.

use super::{entry, limits, make, Ctx, Diagnostics, Entry, Item, ItemFiles, Kind, Made, ParseCache, RawContent};
use crate::reuse::Reuse;
use crate::source::{FileBytes, Mark, SourceTree};
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// More changed files than this are parsed the whole way (a checkout, a search and replace).
/// Measured at N = 100,000 (`examples/rebuild --edits`, bench/results-2026-12-03-session21.md):
/// the whole parse takes 111–136 ms; a patch of 64 case studies 12–17 ms, of 256 20–68 ms, of
/// 1,024 69–89 ms (about even), of 4,096 355 ms.
const MOST: usize = 256;

/// What the last parse of a tree gave, and the files it was given.
#[derive(Default)]
pub(crate) struct LastParse {
    /// When the last parse looked at the tree.
    files: Option<Mark>,
    parsed: Option<(RawContent, Diagnostics)>,
    /// How many parses were patches of the last one.
    #[cfg(test)]
    patches: usize,
}

impl ParseCache {
    /// `then` of the content the last parse gave (kept by [`parse_kept`]), without a copy of
    /// it; `None` where none is kept.
    pub(crate) fn with_last<R>(&self, then: impl FnOnce(&RawContent) -> R) -> Option<R> {
        let last = self.last.lock().ok()?;
        last.parsed.as_ref().map(|(content, _)| then(content))
    }
}

/// Parses the content files of `tree` as [`super::parse_cached`] does, keeping what it gave
/// for the next parse, which makes only the items whose files changed where that is all that
/// changed.
pub(crate) fn parse_kept(tree: &SourceTree, cache: &ParseCache) -> (RawContent, Diagnostics) {
    let Ok(mut last) = cache.last.lock() else { return super::parse_cached(tree, cache) };
    let changed = tree.changed_since(last.files.as_ref(), "content/");
    last.files = Some(tree.mark());
    // Taken: the patch changes it in place (and it is parsed anew where the patch fails).
    let patched = match (&changed, last.parsed.take()) {
        (Some(changed), Some(parsed)) => patch(tree, cache, parsed, changed),
        _ => None,
    };
    #[cfg(test)]
    {
        last.patches += usize::from(patched.is_some());
    }
    let parsed = patched.unwrap_or_else(|| super::parse_cached(tree, cache));
    last.parsed = Some(parsed.clone());
    parsed
}

/// The last parse's content and diagnostics with the items of the `changed` files made anew;
/// `None` where something else changed.
fn patch(
    tree: &SourceTree,
    cache: &ParseCache,
    (mut content, diags): (RawContent, Diagnostics),
    changed: &[String],
) -> Option<(RawContent, Diagnostics)> {
    if changed.len() > MOST {
        return None;
    }
    let limits = cache.limits.lock().ok()?.as_ref().copied()?;
    let ctx = Ctx { limits, headings: Default::default(), fresh: false, stored: None, langs: cache.langs.clone() };
    let mut remade: Vec<Remade> = Vec::new();
    let mut done: Vec<&str> = Vec::new();
    for path in changed {
        if done.contains(&path.as_str()) {
            continue;
        }
        // A file that went, or a symbolic link that came or went: the whole way.
        let (shared, bytes) = tree.get_entry(path)?;
        if limits::over_limit(path, bytes, &limits).is_some() {
            return None;
        }
        let e = entry(shared, bytes);
        if !matches!(e.kind, Kind::Yaml | Kind::Body(_)) {
            return None;
        }
        let (folder, _) = path.strip_prefix("content/")?.split_once('/')?;
        let made = match folder {
            "themes" => remake(tree, &cache.themes, &mut content.themes, e.stem, path, &ctx),
            "areas" => remake(tree, &cache.areas, &mut content.areas, e.stem, path, &ctx),
            "cases" => remake(tree, &cache.cases, &mut content.cases, e.stem, path, &ctx),
            _ => None,
        }?;
        done.extend(changed.iter().map(String::as_str).filter(|c| made.files.iter().any(|p| **p == **c)));
        remade.push(made);
    }
    // The diagnostics of the items made anew replace those their files had.
    let mut diags: Diagnostics =
        diags.into_iter().filter(|d| !remade.iter().any(|m| m.files.iter().any(|p| **p == *d.location.file))).collect();
    for d in remade.into_iter().flat_map(|m| m.diags) {
        diags.push(d);
    }
    Some((content, diags))
}

/// An item made anew: the paths of its files (the same as last time, the source tree's own)
/// and its diagnostics.
struct Remade {
    files: Vec<Arc<str>>,
    diags: Vec<super::Diagnostic>,
}

/// Makes anew the item of `items` whose YAML file is `<stem>.yaml` (or `.yml`) and one of whose
/// files is `path`, from the very files it was made of (their bytes as they are now), replacing
/// it there and in `memo`. `None` if no such item was made last time, one of its files is
/// gone, or it no longer parses.
fn remake<T: DeserializeOwned + serde::Serialize + Send + Sync + 'static>(
    tree: &SourceTree,
    memo: &Reuse<Arc<Made<T>>>,
    items: &mut [Arc<Item<T>>],
    stem: &str,
    path: &str,
    ctx: &Ctx,
) -> Option<Remade> {
    // The items are in the order of their YAML files' paths, as the files were grouped.
    let find = |file: String| items.binary_search_by(|i| (*i.file).cmp(&file)).ok();
    let at = find(format!("{stem}.yaml")).or_else(|| find(format!("{stem}.yml")))?;
    let key = items[at].file.clone();
    let last = memo.get(&key)?;
    if !last.files.iter().any(|(p, _)| **p == *path) {
        return None;
    }
    let files: Vec<(Arc<str>, FileBytes)> = last
        .files
        .iter()
        .map(|(p, _)| tree.get_entry(p).map(|(p, b)| (p.clone(), b.clone())))
        .collect::<Option<_>>()?;
    let entries: Vec<Entry> = files.iter().map(|(p, b)| entry(p, b)).collect();
    let (first, rest) = entries.split_first()?;
    let bodies: Option<Vec<_>> =
        rest.iter().map(|e| if let Kind::Body(lang) = e.kind { Some((lang, e)) } else { None }).collect();
    let item_files = ItemFiles { yaml: first, slug: &items[at].slug, bodies: bodies? };
    let made = make::<T>(&item_files, files.clone(), ctx);
    items[at] = made.item.clone()?;
    let diags = made.diags.clone();
    memo.put(&key, Arc::new(made));
    Some(Remade { files: files.into_iter().map(|(p, _)| p).collect(), diags })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Content and diagnostics in a form to compare: the items (their slugs, files, parsed
    /// values and bodies) and the diagnostics sorted.
    fn shown((content, diags): &(RawContent, Diagnostics)) -> (String, Diagnostics) {
        (format!("{content:?}"), diags.clone().sorted())
    }

    // Each edit parsed as a patch of the last parse where only items' files changed, and the
    // whole way otherwise; either gives what a parse from nothing gives.
    #[test]
    fn a_patch_of_the_last_parse_equals_a_whole_parse() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-city");
        let mut tree = SourceTree::load(&root).unwrap();
        let cache = ParseCache::default();
        let body = "content/cases/north-harbour-salon.ja.md";
        let yaml = "content/cases/north-harbour-salon.yaml";
        let text = |tree: &SourceTree, p: &str| String::from_utf8(tree.get(p).unwrap().to_vec()).unwrap();
        let check = |tree: &SourceTree, patched: bool, what: &str| {
            let before = cache.last.lock().unwrap().patches;
            let kept = parse_kept(tree, &cache);
            let whole = super::super::parse_cached(tree, &ParseCache::default());
            assert_eq!(shown(&kept), shown(&whole), "{what}");
            assert_eq!(cache.last.lock().unwrap().patches - before, usize::from(patched), "{what}: patched?");
            kept
        };
        check(&tree, false, "the first parse");
        check(&tree, true, "nothing changed");
        let good = text(&tree, body);
        tree.insert(body, format!("{good}\n追記しました。\n"));
        check(&tree, true, "a word in a body");
        let good_yaml = text(&tree, yaml);
        tree.insert(yaml, good_yaml.replacen("title:", "title:  ", 1));
        tree.insert("content/themes/everyday-help.en.md", "Help every day.\n");
        check(&tree, true, "a case's YAML file and a theme's body");
        // A body that is not UTF-8: its item without it, and the error; then written again.
        tree.insert(body, b"\xff\xfe".to_vec());
        let (content, diags) = check(&tree, true, "a body that is not UTF-8");
        assert!(diags.iter().any(|d| d.location.file == body), "the error is reported");
        let case = content.cases.iter().find(|c| *c.file == *yaml).unwrap();
        assert!(!case.bodies.contains_key("ja"), "and the body is not read");
        tree.insert(body, good.clone());
        let (_, diags) = check(&tree, true, "the body written again");
        assert!(!diags.iter().any(|d| d.location.file == body), "the error is gone");
        // Anything else: the whole way.
        tree.insert(yaml, "title: {ja: 壊れた\n");
        check(&tree, false, "a case that no longer parses");
        tree.insert(yaml, good_yaml);
        check(&tree, false, "and parses again (it was not among the items)");
        tree.insert("content/cases/zz-new.yaml", text(&tree, yaml));
        check(&tree, false, "a new case");
        tree.insert("content/themes/living-advice.en.md", "Advice.\n");
        check(&tree, false, "a new translation");
        tree.insert("content/site.yaml", text(&tree, "content/site.yaml").replacen("ja: ", "ja: 新", 1));
        check(&tree, false, "the site's settings");
        let big = format!("{good}{}", "あ".repeat(2 * 1024 * 1024));
        tree.insert(body, big);
        check(&tree, false, "a body over its limit");
    }

    // Up to MOST changed files are a patch, more the whole way; either gives a parse from
    // nothing.
    #[test]
    fn more_changed_files_than_the_most_are_parsed_the_whole_way() {
        let theme = |t: &str| format!("number: 1\ntitle: {{ja: {t}}}\nsummary: {{ja: 概要}}\n");
        let path = |i: usize| format!("content/themes/t{i:04}.yaml");
        let mut tree = SourceTree::from_files(Path::new("/r"), (0..=MOST).map(|i| (path(i), theme("見守り"))));
        let cache = ParseCache::default();
        parse_kept(&tree, &cache);
        for (edits, patched) in [(MOST, 1), (MOST + 1, 0)] {
            for i in 0..edits {
                tree.insert(path(i), theme(&format!("見守り{edits}")));
            }
            let before = cache.last.lock().unwrap().patches;
            let kept = parse_kept(&tree, &cache);
            assert_eq!(cache.last.lock().unwrap().patches - before, patched, "{edits} files");
            assert_eq!(shown(&kept), shown(&super::super::parse_cached(&tree, &ParseCache::default())));
        }
    }

    // A symbolic link that comes among an item's files is parsed the whole way (it is
    // reported), as is its going.
    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_among_the_files_is_parsed_the_whole_way() {
        let dir = tempfile::tempdir().unwrap();
        let themes = dir.path().join("content/themes");
        std::fs::create_dir_all(&themes).unwrap();
        std::fs::write(themes.join("a.yaml"), "number: 1\ntitle: {ja: 見守り}\nsummary: {ja: 概要}\n").unwrap();
        let mut tree = SourceTree::load(dir.path()).unwrap();
        let cache = ParseCache::default();
        parse_kept(&tree, &cache);
        let link = "content/themes/a.ja.md".to_string();
        for step in ["came", "went"] {
            match step {
                "came" => std::os::unix::fs::symlink("/etc/passwd", themes.join("a.ja.md")).unwrap(),
                _ => std::fs::remove_file(themes.join("a.ja.md")).unwrap(),
            }
            assert!(tree.refresh(std::slice::from_ref(&link)).unwrap());
            let before = cache.last.lock().unwrap().patches;
            let kept = parse_kept(&tree, &cache);
            assert_eq!(cache.last.lock().unwrap().patches, before, "a link {step}: the whole way");
            assert_eq!(shown(&kept), shown(&super::super::parse_cached(&tree, &ParseCache::default())), "{step}");
        }
    }

    // An item whose YAML file is `.yml` is patched as one whose file is `.yaml`.
    #[test]
    fn an_item_of_a_yml_file_is_patched_too() {
        let theme = "number: 1\ntitle: {ja: 見守り}\nsummary: {ja: 概要}\n";
        let mut tree = SourceTree::from_files(
            Path::new("/r"),
            [("content/themes/a.yml", theme), ("content/themes/a.ja.md", "本文"), ("content/themes/b.yaml", theme)],
        );
        let cache = ParseCache::default();
        parse_kept(&tree, &cache);
        tree.insert("content/themes/a.ja.md", "本文を書き直しました");
        tree.insert("content/themes/a.yml", theme.replace("見守り", "見守り活動"));
        let (content, _) = parse_kept(&tree, &cache);
        assert_eq!(cache.last.lock().unwrap().patches, 1);
        assert_eq!(&*content.themes[0].bodies.get("ja").unwrap().text(), "本文を書き直しました");
        assert!(format!("{:?}", content.themes[0].raw).contains("見守り活動"));
    }
}
