//! Images named in YAML: what the built site holds for them and how pages show them (the
//! `<img>` with srcset, sizes, width, height, lazy loading; figures; og:image), the errors of a
//! missing alt text, and the image cache of `build` and `serve`.

mod support;

use plansite::{BuildOptions, CompileOptions, Memo, SearchIndex, SourceTree};
use support::{compile, content_errors, edit, picture, tree, Built, SiteTest};

const BASE: &str = "https://example.org/minato/";

/// The other-city fixture with a 2000×1500 photo on the north district's page (with caption
/// and credit) and on a case study, and a site-wide og_image (a PNG).
fn with_photos() -> SourceTree {
    let mut t = tree("other-city");
    t.insert("content/images/harbour.jpg", picture(2000, 1500, image::ImageFormat::Jpeg));
    t.insert("content/images/logo.png", picture(600, 315, image::ImageFormat::Png));
    let area = "content/areas/north.yaml";
    let text = support::tree_text(&t, area);
    t.insert(
        area,
        format!(
            "{text}images:\n  - src: images/harbour.jpg\n    alt: {{ja: 漁港の朝, en: \"The fishing port in the morning\"}}\n    caption: {{ja: 北地区の漁港, en: \"North District's port\"}}\n    credit: {{ja: サンプル画像, en: \"Sample image\"}}\n"
        ),
    );
    let case = "content/cases/north-harbour-salon.yaml";
    let text = support::tree_text(&t, case);
    t.insert(case, format!("{text}images: [{{src: images/harbour.jpg, alt: {{ja: 漁港}}}}]\n"));
    let site = "content/site.yaml";
    let text = support::tree_text(&t, site);
    t.insert(
        site,
        format!("{text}og_image: {{src: images/logo.png, alt: {{ja: みなと町のロゴ, en: \"Minato logo\"}}}}\n"),
    );
    t
}

/// The page-relative URL `url` of a page at `page` (`en/areas/north/index.html`) as a path of
/// the site.
fn site_path(page: &str, url: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in url.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn decoded_size(built: &Built, path: &str) -> (u32, u32) {
    let bytes = built.site.get(path).unwrap_or_else(|| panic!("the site has no {path}"));
    let img = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    (img.width(), img.height())
}

// A photo on an area page: its `<img>` names files the site has, states their true size, loads
// lazily; a `<source>` offers the WebP variants; caption and credit are the figure's caption;
// no published file is the original or carries EXIF.
#[test]
fn a_photo_is_shown_with_srcset_sizes_and_its_true_size() {
    let tree = with_photos();
    let built = compile(&tree);
    let page_path = "en/areas/north/index.html";
    let page = built.page(page_path);
    let img = page.one("figure.figure img");
    let attr = |name: &str| img.value().attr(name).unwrap_or_else(|| panic!("the img has no {name}")).to_string();
    assert_eq!(attr("loading"), "lazy");
    assert_eq!(attr("decoding"), "async");
    assert_eq!(attr("alt"), "The fishing port in the morning");
    assert!(attr("sizes").contains("46rem"));
    let src = site_path(page_path, &attr("src"));
    assert_eq!(src, "images/harbour.jpg");
    let (w, h) = decoded_size(&built, &src);
    assert_eq!((attr("width"), attr("height")), (w.to_string(), h.to_string()));
    assert_eq!((w, h), (1600, 1200), "the largest variant is 1600 wide");
    let mut widths = Vec::new();
    for entry in attr("srcset").split(", ") {
        let (url, width) = entry.split_once(' ').unwrap();
        let path = site_path(page_path, url);
        let (fw, _) = decoded_size(&built, &path);
        assert_eq!(format!("{fw}w"), width, "{path}");
        widths.push(fw);
    }
    assert_eq!(widths, [480, 960, 1600]);
    let source = page.one("picture source");
    assert_eq!(source.value().attr("type"), Some("image/webp"));
    for entry in source.value().attr("srcset").unwrap().split(", ") {
        let (url, width) = entry.split_once(' ').unwrap();
        let path = site_path(page_path, url);
        assert!(path.ends_with(".webp"), "{path}");
        assert_eq!(format!("{}w", decoded_size(&built, &path).0), width, "{path}");
    }
    assert_eq!(page.text("figure.figure figcaption"), "North District's port Photo: Sample image");
    let original = tree.get("content/images/harbour.jpg").unwrap();
    for (path, bytes) in built.files().filter(|(p, _)| p.starts_with("images/")) {
        assert!(bytes != original, "{path} is the original");
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{path} has EXIF");
    }
    // The Japanese page: its own alt text, and the credit in Japanese words.
    let ja = built.page("ja/areas/north/index.html");
    assert_eq!(ja.attr("figure.figure img", "alt"), "漁港の朝");
    assert_eq!(ja.text("figure.figure figcaption"), "北地区の漁港 写真：サンプル画像");
}

// The first image of a page is its og:image, with an absolute address of a file the site has,
// its size and its alt text; a page without one shows the site's og_image; an alt text shown in
// the primary language is marked so.
#[test]
fn the_first_image_is_the_og_image_and_the_sites_is_the_default() {
    let built = compile(&with_photos());
    let meta = |page: &support::Page, property: &str| page.attr(&format!("meta[property=\"{property}\"]"), "content");
    let area = built.page("en/areas/north/index.html");
    assert_eq!(meta(&area, "og:image"), format!("{BASE}images/harbour.jpg"));
    assert_eq!((meta(&area, "og:image:width"), meta(&area, "og:image:height")), ("1600".into(), "1200".into()));
    assert_eq!(meta(&area, "og:image:alt"), "The fishing port in the morning");
    let case = built.page("en/cases/north-harbour-salon/index.html");
    assert_eq!(meta(&case, "og:image"), format!("{BASE}images/harbour.jpg"));
    assert_eq!(case.one("meta[property=\"og:image:alt\"]").value().attr("lang"), Some("ja"));
    for page in ["en/themes/everyday-help/index.html", "ja/index.html", "en/areas/south/index.html"] {
        let page = built.page(page);
        let url = meta(&page, "og:image");
        assert_eq!(url, format!("{BASE}images/logo.png"));
        assert!(built.site.get(&url[BASE.len()..]).is_some(), "{url} is not a file of the site");
        assert_eq!(meta(&page, "og:image:width"), "600");
    }
    // Without any image, no og:image at all.
    let plain = support::compiled("other-city");
    assert!(plain.page("en/areas/north/index.html").all("meta[property=\"og:image\"]").is_empty());
}

// An image without alt text is an error at its entry, with a hint of what to write; so is one
// whose file does not exist (with the nearest file) and one that is not an image.
#[test]
fn an_image_without_alt_text_is_a_located_error() {
    let mut t = with_photos();
    let area = "content/areas/north.yaml";
    edit(&mut t, area, "    alt: {ja: 漁港の朝, en: \"The fishing port in the morning\"}\n", "");
    edit(&mut t, area, "images/harbour.jpg", "images/harbor.jpg");
    let case = "content/cases/north-harbour-salon.yaml";
    edit(&mut t, case, "{src: images/harbour.jpg, alt: {ja: 漁港}}", "{src: plan.pdf, alt: {ja: 計画}}");
    let errors = content_errors(&t);
    let text = support::tree_text(&t, area);
    let line = text.lines().position(|l| l.contains("src: images/harbor.jpg")).unwrap() as u64 + 1;
    let alt = errors.iter().find(|d| d.code == "missing-alt").expect("missing-alt");
    assert_eq!((alt.location.file.as_str(), alt.location.line, alt.location.column), (area, line, 10));
    assert!(alt.hint.en().contains("alt:") && alt.hint.en().contains("what the picture shows"), "{}", alt.hint);
    let missing = errors.iter().find(|d| d.code == "missing-image").expect("missing-image");
    assert_eq!((missing.location.file.as_str(), missing.location.line), (area, line));
    assert!(missing.hint.en().contains("did you mean `images/harbour.jpg`"), "{}", missing.hint);
    let bad = errors.iter().find(|d| d.code == "bad-image").expect("bad-image");
    assert_eq!(bad.location.file, case);
    // The single `image:` of earlier versions names its successor.
    let mut t = with_photos();
    edit(&mut t, case, "images: [{src", "image: {src");
    edit(&mut t, case, "{ja: 漁港}}]", "{ja: 漁港}}");
    let errors = content_errors(&t);
    let old = errors.iter().find(|d| d.code == "unknown-field").expect("unknown-field");
    assert!(old.hint.en().contains("did you mean `images`"), "{}", old.hint);
}

// `serve` keeps encoded photos across rebuilds: a rebuild encodes none of the unchanged ones,
// and gives the same bytes.
#[test]
fn a_rebuild_encodes_no_unchanged_photo() {
    let mut t = with_photos();
    let memo = Memo::default();
    let options = CompileOptions::default();
    let first = plansite::compile_with(&t, &options, &memo, SearchIndex::Inline).unwrap();
    assert_eq!(first.images, (2, 0));
    edit(&mut t, "content/areas/north.yaml", "漁港の朝", "朝の漁港");
    let second = plansite::compile_with(&t, &options, &memo, SearchIndex::Inline).unwrap();
    assert_eq!(second.images, (0, 2));
    assert_eq!(first.site.get("images/harbour.480w.webp"), second.site.get("images/harbour.480w.webp"));
    t.insert("content/images/harbour.jpg", picture(1000, 800, image::ImageFormat::Jpeg));
    let third = plansite::compile_with(&t, &options, &memo, SearchIndex::Inline).unwrap();
    assert_eq!(third.images, (1, 1));
    let page = support::site_text(&third.site, "en/areas/north/index.html");
    assert!(page.contains("width=\"1000\" height=\"800\""), "the page shows the new photo's size");
}

// `build` keeps encoded photos in `.plansite-cache/images/` of the site root: the next build
// takes them from there and encodes nothing (the published bytes are the cache's, as a
// changed cache file shows); the cache is never published, and holds only the photos in use.
#[test]
fn a_second_build_takes_the_photos_from_the_cache() {
    let t = SiteTest::fixture("other-city");
    std::fs::create_dir_all(t.path("content/images")).unwrap();
    std::fs::write(t.path("content/images/harbour.jpg"), picture(1200, 900, image::ImageFormat::Jpeg)).unwrap();
    t.edit(
        "content/areas/north.yaml",
        "order: 1\n",
        "order: 1\nimages: [{src: images/harbour.jpg, alt: {ja: 漁港}}]\n",
    );
    let options = BuildOptions::for_root(t.root());
    let first = plansite::build(&options).unwrap();
    assert_eq!(first.images, (1, 0));
    let cache = t.path(".plansite-cache/images");
    let entries: Vec<_> = std::fs::read_dir(&cache).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let mut files: Vec<String> =
        std::fs::read_dir(&entries[0]).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    assert_eq!(files, ["1200x900.jpg", "1200x900.webp", "480x360.jpg", "480x360.webp", "960x720.jpg", "960x720.webp"]);
    // A marker in the cached smallest JPEG: the next build publishes it, so it did not encode.
    let cached = entries[0].join("480x360.jpg");
    let mut bytes = std::fs::read(&cached).unwrap();
    bytes.extend_from_slice(b"from-the-cache");
    std::fs::write(&cached, &bytes).unwrap();
    let second = plansite::build(&options).unwrap();
    assert_eq!(second.images, (0, 1));
    assert_eq!(std::fs::read(t.out().join("images/harbour.480w.jpg")).unwrap(), bytes);
    assert!(!t.out().join(".plansite-cache").exists() && !t.out().join("plansite-cache").exists());
    // A photo no longer used leaves the cache.
    t.edit("content/areas/north.yaml", "images: [{src: images/harbour.jpg, alt: {ja: 漁港}}]\n", "");
    std::fs::remove_file(t.path("content/images/harbour.jpg")).unwrap();
    plansite::build(&options).unwrap();
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 0);
}
