//! Images of the content → the files the site publishes for them and how a page shows them: the
//! stage between the model and render.
//!
//! `process(&Site, &SourceTree, &ImageMemo)` takes every image under `content/` (those named in
//! YAML and those Markdown bodies show alike) and makes [`Images`]:
//!
//! - a photo (JPEG, PNG, WebP) is decoded, turned upright by its EXIF orientation, resized to a
//!   few widths (never larger than it is) and encoded again, in its own format and as WebP; its
//!   metadata (EXIF with GPS position and camera, XMP, comments, colour profile) is not carried
//!   over, and its original bytes are never published: the largest variant takes the original's
//!   path, so `images/cafe.jpg` stays the address of the picture;
//! - a GIF is published at its own size without its comment and application blocks (XMP);
//! - an SVG is published as it is (`content::svg` refused any with active content).
//!
//! Encoding is the slow part, so what a photo gave is kept by the hash of its bytes
//! ([`ImageMemo`]): in memory across `serve`'s rebuilds, and on disk between `build`s (read by
//! `source::cache`, written by `output::cache`). Render reads [`Images`]; it does no image work.

mod encode;
pub(crate) mod favicon;
mod gif;
mod memo;
mod svg;

pub(crate) use memo::ImageMemo;

use crate::diag::{Code, Diagnostic, Diagnostics, Location};
use crate::escape;
use crate::model::Site;
use crate::source::SourceTree;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The widths (CSS pixels) a photo is published in, each only if the photo is wider; the largest
/// variant is the photo's own width when that is smaller than the last.
pub(crate) const WIDTHS: [u32; 3] = [480, 960, 1600];

/// The `sizes` of an image in a page's text column (`--measure`, 46rem, on wide screens).
pub(crate) const SIZES: &str = "(min-width: 48rem) 46rem, calc(100vw - 2rem)";

/// The formats plansite publishes images in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Format {
    Jpeg,
    Png,
    WebP,
    Gif,
    Svg,
}

impl Format {
    /// The file extension of a variant in this format.
    pub(crate) fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
            Format::Gif => "gif",
            Format::Svg => "svg",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::WebP => "image/webp",
            Format::Gif => "image/gif",
            Format::Svg => "image/svg+xml",
        }
    }

    /// The format a file of this name is, by its extension (case aside).
    pub(crate) fn of_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::WebP),
            "gif" => Some(Format::Gif),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }
}

/// One published file of an image.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) format: Format,
    pub(crate) bytes: Arc<[u8]>,
}

/// An image of the content as the site publishes it.
#[derive(Debug, Clone)]
pub(crate) struct Processed {
    /// The site path of the image at its own name (its largest variant in its own format), e.g.
    /// `images/cafe.jpg`: the `src` of its `<img>` and its `og:image`.
    pub(crate) src: String,
    /// The size of that file; `None` for an SVG that states no size.
    pub(crate) size: Option<(u32, u32)>,
    /// Every published file: site path and variant, in its own format by width, then WebP.
    files: Vec<(String, Variant)>,
}

impl Processed {
    /// Every file published for the image: site path and bytes.
    pub(crate) fn files(&self) -> impl Iterator<Item = (&str, &Arc<[u8]>)> {
        self.files.iter().map(|(p, v)| (p.as_str(), &v.bytes))
    }

    /// The `srcset` of the variants in `format` (empty when there is only the image itself).
    fn srcset(&self, format: Format, link: &dyn Fn(&str) -> String) -> Option<String> {
        let list: Vec<String> = self
            .files
            .iter()
            .filter(|(_, v)| v.format == format)
            .map(|(p, v)| format!("{} {}w", link(&escape::url_path(p)), v.width))
            .collect();
        (list.len() > 1 || (format == Format::WebP && !list.is_empty())).then(|| list.join(", "))
    }

    /// The format of the file at `src`.
    fn format(&self) -> Option<Format> {
        self.files.iter().find(|(p, _)| *p == self.src).map(|(_, v)| v.format)
    }
}

/// Every image under `content/`, processed, by content path (`content/images/cafe.jpg`).
#[derive(Debug, Default)]
pub(crate) struct Images {
    by_path: BTreeMap<String, Processed>,
    /// How many photos this build encoded, and how many it took from the memo.
    pub(crate) made: usize,
    pub(crate) reused: usize,
}

impl Images {
    /// The image at a content path (`content/images/cafe.jpg`).
    pub(crate) fn get(&self, content_path: &str) -> Option<&Processed> {
        self.by_path.get(content_path)
    }

    /// Every image, by content path.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Processed)> {
        self.by_path.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// A fingerprint of what pages show of the images (addresses and sizes), so a page is
    /// rendered again when a picture it shows was replaced by one of another size.
    pub(crate) fn print(&self) -> u64 {
        let shown: Vec<_> = self
            .by_path
            .iter()
            .map(|(k, p)| (k, &p.src, p.size, p.files.iter().map(|(f, v)| (f, v.width)).collect::<Vec<_>>()))
            .collect();
        crate::reuse::fingerprint(&shown)
    }
}

/// Whether a media file is an image this stage publishes (the rest, PDFs, are copied as they are).
pub(crate) fn is_image(path: &str) -> bool {
    Format::of_path(path).is_some()
}

/// Processes every image of the site's media, reusing what `memo` holds; every image that cannot
/// be published (unreadable, of another format than its name says, AVIF) is a diagnostic.
pub(crate) fn process(site: &Site, tree: &SourceTree, memo: &ImageMemo) -> Result<Images, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut photos = Vec::new();
    let mut images = Images::default();
    for path in &site.media {
        let Some(bytes) = tree.get_shared(path) else { continue };
        let site_path = path.trim_start_matches("content/").to_string();
        match Format::of_path(path) {
            Some(Format::Svg) => {
                let v = Variant { width: 0, height: 0, format: Format::Svg, bytes: bytes.shared(path) };
                let size = svg::size(bytes);
                images
                    .by_path
                    .insert(path.clone(), Processed { src: site_path.clone(), size, files: vec![(site_path, v)] });
            }
            Some(Format::Gif) => match gif::strip(bytes) {
                Ok((bytes, width, height)) => {
                    let v = Variant { width, height, format: Format::Gif, bytes: bytes.into() };
                    let size = Some((width, height));
                    images
                        .by_path
                        .insert(path.clone(), Processed { src: site_path.clone(), size, files: vec![(site_path, v)] });
                }
                Err(e) => diags.push(unreadable(path, &e)),
            },
            Some(format) => photos.push((path, format, bytes)),
            None if path.to_ascii_lowercase().ends_with(".avif") => diags.push(
                Diagnostic::error(Code::BadImage, Location::file(path), crate::diag::msg!("avif-not-published"))
                    .with_hint(crate::diag::msg!("avif-not-published-hint")),
            ),
            None => {}
        }
    }
    // Photos: the memo's, or encoded now, in parallel.
    let made: Vec<Result<(Arc<memo::Encoded>, bool), String>> = photos
        .par_iter()
        .map(|(_, format, bytes)| {
            let key = memo::key(bytes);
            if let Some(known) = memo.get(key) {
                return Ok((known, false));
            }
            let encoded = Arc::new(encode::encode(bytes, *format)?);
            memo.put(key, encoded.clone());
            Ok((encoded, true))
        })
        .collect();
    memo.keep_only(photos.iter().map(|(_, _, b)| memo::key(b)));
    for ((path, _, _), result) in photos.iter().zip(made) {
        match result {
            Ok((encoded, fresh)) => {
                if fresh {
                    images.made += 1;
                } else {
                    images.reused += 1;
                }
                images.by_path.insert(path.to_string(), published(path, &encoded));
            }
            Err(e) => diags.push(unreadable(path, &e)),
        }
    }
    check_clashes(&images, site, &mut diags);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(images)
    }
}

/// The published files of a photo at `path`: the largest variant in its own format at the
/// photo's own name, the others beside it as `name.<width>w.<ext>`.
fn published(path: &str, encoded: &memo::Encoded) -> Processed {
    let site_path = path.trim_start_matches("content/");
    let (stem, ext) = site_path.rsplit_once('.').unwrap_or((site_path, ""));
    let own = encoded.own_format();
    let largest = encoded.variants.iter().filter(|v| v.format == own).map(|v| v.width).max().unwrap_or(0);
    let mut files = Vec::new();
    let mut size = None;
    for v in &encoded.variants {
        let name = if v.format == own && v.width == largest {
            size = Some((v.width, v.height));
            site_path.to_string()
        } else if v.format == own {
            format!("{stem}.{}w.{ext}", v.width)
        } else {
            format!("{stem}.{}w.{}", v.width, v.format.ext())
        };
        files.push((name, v.clone()));
    }
    Processed { src: site_path.to_string(), size, files }
}

/// A variant named like another file of the content (`cafe.480w.jpg` beside `cafe.jpg`) would
/// replace it: an error naming both.
fn check_clashes(images: &Images, site: &Site, diags: &mut Diagnostics) {
    let originals: std::collections::BTreeSet<&str> =
        site.media.iter().map(|m| m.trim_start_matches("content/")).collect();
    for (path, p) in &images.by_path {
        for (file, _) in p.files.iter().filter(|(f, _)| *f != p.src) {
            if originals.contains(file.as_str()) {
                diags.push(
                    Diagnostic::error(
                        Code::BadImage,
                        Location::file(format!("content/{file}")),
                        crate::diag::msg!("name-taken-by-variant", path = path.as_str()),
                    )
                    .with_hint(crate::diag::msg!("name-taken-by-variant-hint")),
                );
            }
        }
    }
}

fn unreadable(path: &str, why: &str) -> Diagnostic {
    Diagnostic::error(Code::BadImage, Location::file(path), crate::diag::msg!("image-unreadable", why = why))
        .with_hint(crate::diag::msg!("image-unreadable-hint"))
}

/// The `<img>` of an image (a `<picture>` with its WebP variants where it has them): `src`,
/// `srcset` and `sizes`, `width` and `height`, `alt`, `loading="lazy"` and `decoding="async"`,
/// every value escaped. `link` turns a site path (`images/cafe.960w.webp`) into the page's URL
/// of it.
pub(crate) fn img_html(p: &Processed, alt: &str, sizes: &str, link: &dyn Fn(&str) -> String) -> String {
    img_tag(p, alt, None, sizes, link)
}

/// [`img_html`] with the language of the alt text when it is not the page's (an untranslated
/// alt text shown in the primary language).
pub(crate) fn img_tag(
    p: &Processed,
    alt: &str,
    alt_lang: Option<&str>,
    sizes: &str,
    link: &dyn Fn(&str) -> String,
) -> String {
    let attr = escape::xml;
    let mut img = format!("<img src=\"{}\"", attr(&link(&escape::url_path(&p.src))));
    let own = p.format();
    if let Some(set) = own.and_then(|f| p.srcset(f, link)) {
        img.push_str(&format!(" srcset=\"{}\" sizes=\"{}\"", attr(&set), attr(sizes)));
    }
    if let Some((w, h)) = p.size {
        img.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
    }
    img.push_str(&format!(" alt=\"{}\"", attr(alt)));
    if let Some(lang) = alt_lang {
        img.push_str(&format!(" lang=\"{}\"", attr(lang)));
    }
    img.push_str(" loading=\"lazy\" decoding=\"async\">");
    match p.srcset(Format::WebP, link).filter(|_| own != Some(Format::WebP)) {
        Some(webp) => format!(
            "<picture><source type=\"{}\" srcset=\"{}\" sizes=\"{}\">{img}</picture>",
            Format::WebP.mime(),
            attr(&webp),
            attr(sizes)
        ),
        None => img,
    }
}

#[cfg(test)]
mod tests;
