//! Drafts and scheduled publishing: a draft, or a case study dated after today in the site's
//! time zone, is in no output of `build` (pages, lists, feeds, search, sitemap, open data) and
//! is shown, with a band, by `serve` and by `build --drafts` / `--future`.

mod support;

use plansite::{compile, BuildError, CompileOptions, Publish, RenderedSite, SourceTree};
use support::*;

/// 2026-03-31 15:30 UTC is already 2026-04-01 00:30 in Japan.
fn now() -> jiff::Timestamp {
    "2026-03-31T15:30:00Z".parse().unwrap()
}

fn build(tree: &SourceTree, drafts: bool, future: bool) -> plansite::Compiled {
    let options = CompileOptions { publish: Publish { drafts, future, now: Some(now()) }, ..Default::default() };
    match compile(tree, &options) {
        Ok(c) => c,
        Err(BuildError::Content(d)) => panic!("{}", plansite::diag::render_terminal(&d, tree)),
        Err(e) => panic!("{e}"),
    }
}

/// Every file of the site whose text mentions `needle`.
fn files_mentioning<'a>(site: &'a RenderedSite, needle: &str) -> Vec<&'a str> {
    site.iter().filter(|(_, b)| String::from_utf8_lossy(b).contains(needle)).map(|(p, _)| p).collect()
}

fn with_draft_and_scheduled() -> SourceTree {
    let mut tree = tree("other-city");
    let salon = "content/cases/north-harbour-salon.yaml";
    let text = tree_text(&tree, salon);
    tree.insert(salon, format!("{text}draft: true\n"));
    let walk = "content/cases/south-evacuation-walk.yaml";
    let text = tree_text(&tree, walk);
    let published = text.lines().find(|l| l.starts_with("published:")).unwrap().to_string();
    // Tomorrow in Japan (today there is 2026-04-01).
    tree.insert(walk, text.replace(&published, "published: 2026-04-02"));
    tree
}

#[test]
fn drafts_and_future_case_studies_are_in_no_output_of_a_build() {
    let tree = with_draft_and_scheduled();
    let built = build(&tree, false, false);
    for slug in ["north-harbour-salon", "south-evacuation-walk"] {
        assert!(!built.site.iter().any(|(p, _)| p.contains(slug)), "{slug} has a page");
        let mentioning = files_mentioning(&built.site, slug);
        assert!(mentioning.is_empty(), "{slug} is mentioned in {mentioning:?}");
    }
    // Its title is in no list, feed, search file or sitemap either.
    let title = "漁港のふれあいサロン";
    assert!(tree_text(&tree, "content/cases/north-harbour-salon.yaml").contains(title));
    assert_eq!(files_mentioning(&built.site, title), Vec::<&str>::new());
    let held: Vec<(String, String)> = built.held_back.iter().map(|h| (h.file.clone(), h.why.en())).collect();
    let held: Vec<(&str, &str)> = held.iter().map(|(f, w)| (f.as_str(), w.as_str())).collect();
    assert_eq!(
        held,
        [
            ("content/cases/north-harbour-salon.yaml", "draft: true"),
            ("content/cases/south-evacuation-walk.yaml", "dated 2026-04-02, after today"),
        ]
    );
    // The case study still published is.
    assert!(built.site.get("ja/cases/east-advice-cafe/index.html").is_some());
}

#[test]
fn drafts_and_future_items_are_shown_with_a_band_when_asked() {
    let tree = with_draft_and_scheduled();
    let built = build(&tree, true, true);
    assert!(built.held_back.is_empty());
    let draft = Page::parse(site_text(&built.site, "ja/cases/north-harbour-salon/index.html"));
    assert!(draft.text(".notice--early").contains("下書き"), "{}", draft.text(".notice--early"));
    let en = Page::parse(site_text(&built.site, "en/cases/north-harbour-salon/index.html"));
    assert!(en.text(".notice--early").starts_with("Draft"));
    let scheduled = Page::parse(site_text(&built.site, "ja/cases/south-evacuation-walk/index.html"));
    assert!(scheduled.text(".notice--early").contains("令和8年4月2日"), "{}", scheduled.text(".notice--early"));
    let published = Page::parse(site_text(&built.site, "ja/cases/east-advice-cafe/index.html"));
    assert!(published.all(".notice--early").is_empty());
    // Only drafts: the scheduled one is still held back.
    let drafts_only = build(&tree, true, false);
    assert!(drafts_only.site.get("ja/cases/north-harbour-salon/index.html").is_some());
    assert!(drafts_only.site.get("ja/cases/south-evacuation-walk/index.html").is_none());
}

#[test]
fn today_is_the_date_in_the_sites_time_zone() {
    // At 2026-03-31 15:30 UTC a case dated 2026-04-01 is published in Tokyo, not in London.
    let mut tree = tree("other-city");
    let walk = "content/cases/south-evacuation-walk.yaml";
    let text = tree_text(&tree, walk);
    let published = text.lines().find(|l| l.starts_with("published:")).unwrap().to_string();
    tree.insert(walk, text.replace(&published, "published: 2026-04-01"));
    assert!(build(&tree, false, false).held_back.is_empty());
    let site = tree_text(&tree, "content/site.yaml");
    tree.insert("content/site.yaml", format!("{site}time_zone: Europe/London\n"));
    let held = build(&tree, false, false).held_back;
    assert_eq!(held.len(), 1, "{held:?}");
    tree.insert("content/site.yaml", format!("{site}time_zone: Asia/Tokio\n"));
    let errors = rendered_errors(&tree);
    assert!(errors.contains("bad-time-zone") && errors.contains("content/site.yaml:"), "{errors}");
}

#[test]
fn a_draft_area_holds_back_its_case_studies_and_progress() {
    let mut tree = tree("other-city");
    let before = build(&tree, false, false);
    let csv = "data/progress-2025.csv";
    assert!(site_text(&before.site, csv).contains(",north,北地区,"));
    let area = "content/areas/north.yaml";
    let text = tree_text(&tree, area);
    tree.insert(area, format!("{text}draft: true\n"));
    let built = build(&tree, false, false);
    assert!(built.site.get("ja/areas/north/index.html").is_none());
    assert!(built.site.get("ja/cases/north-harbour-salon/index.html").is_none());
    let held: Vec<(String, String)> = built.held_back.iter().map(|h| (h.file.clone(), h.why.en())).collect();
    let held: Vec<(&str, &str)> = held.iter().map(|(f, w)| (f.as_str(), w.as_str())).collect();
    assert_eq!(
        held,
        [
            ("content/areas/north.yaml", "draft: true"),
            ("content/cases/north-harbour-salon.yaml", "its district `north` is held back"),
        ]
    );
    // In the site's own words (this fixture's areas are 地区, districts).
    let why = &built.held_back[1].why;
    assert_eq!(why.render(plansite::diag::Lang::Ja), "地区 `north` の公開を見送っています");
    let text = site_text(&built.site, csv);
    assert!(!text.contains("北地区") && text.contains(",south,"), "{csv} still has the draft area:\n{text}");
    assert_eq!(files_mentioning(&built.site, "北地区"), Vec::<&str>::new());
}

// A draft's pictures and documents are not published either (they would be reachable by
// their address), unless a published item uses them too.
#[test]
fn the_files_of_a_held_back_item_are_not_published() {
    let mut tree = tree("other-city");
    let photo = std::fs::read(repo().join("content/images/sample-salon.jpg")).unwrap();
    tree.insert("content/images/salon.jpg", photo);
    tree.insert("content/files/salon-flyer.pdf", b"%PDF-1.4\n".to_vec());
    let salon = "content/cases/north-harbour-salon.yaml";
    let text = tree_text(&tree, salon);
    tree.insert(
        salon,
        format!(
            "{text}draft: true\nimages:\n  - src: images/salon.jpg\n    alt: {{ja: サロンの様子, en: The salon}}\n"
        ),
    );
    let body = "content/cases/north-harbour-salon.ja.md";
    let text = tree_text(&tree, body);
    tree.insert(body, format!("{text}\n[チラシ](@file/files/salon-flyer.pdf)\n"));
    let built = build(&tree, false, false);
    let leaked: Vec<&str> = built.site.iter().map(|(p, _)| p).filter(|p| p.contains("salon")).collect();
    assert!(leaked.is_empty(), "published: {leaked:?}");
    let shown = build(&tree, true, false);
    assert!(shown.site.get("images/salon.jpg").is_some() && shown.site.get("files/salon-flyer.pdf").is_some());
}
