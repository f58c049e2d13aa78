//! Page references (`@area/chuo`, `@file/files/report.pdf`, see `model::refs`) and links from
//! the site's root (`@/ja/areas/`, written `/ja/areas/` in content) resolved in a rendered page:
//! each becomes a link relative to the page, in the page's language. A link to a document
//! says its format and size (「（PDF：1.2MB）」, "(PDF, 1.2 MB)"), as JIS X 8341-3 asks.
//!
//! A reference that names nothing is left as it is: `check` reports it, with its place in the
//! content, and the build stops.

use super::routes::{Item, Linker, Route};
use crate::model::refs::{split, Target};
use crate::model::Site;
use crate::text::ui::UiStrings;
use std::collections::HashMap;

/// The sizes of the site's files under `content/`, by their path in the site.
pub(crate) type FileSizes = HashMap<String, u64>;

/// Whether a rendered page holds a reference to resolve.
pub(crate) fn has_references(html: &[u8]) -> bool {
    memchr::memmem::find(html, b"=\"@").is_some()
}

/// The route a page target names.
pub(crate) fn route<'a>(site: &'a Site, target: Target<'a>) -> Option<Route<'a>> {
    let item = |index: usize, slug: &'a str| Item { index, slug };
    Some(match target {
        Target::Page(p) => match p {
            "home" => Route::Home,
            "overview" => Route::Overview,
            "themes" => Route::Themes,
            "areas" => Route::Areas,
            "cases" => Route::Cases,
            "structure" => Route::Structure,
            "progress" => Route::Progress,
            "search" => Route::Search,
            "sitemap" => Route::SiteMap,
            _ => return None,
        },
        Target::Theme(i) => Route::Theme(item(i, &site.themes[i].slug)),
        Target::Area(i) => Route::Area(item(i, &site.areas[i].slug)),
        Target::Case(i) => Route::Case(item(i, &site.cases[i].slug)),
        Target::ProgressYear(y) => Route::ProgressYear(y),
        Target::ProgressArea(y, i) => Route::ProgressArea(y, item(i, &site.areas[i].slug)),
        Target::File(_) => return None,
    })
}

/// What a page needs to resolve its references.
pub(crate) struct Resolver<'a> {
    pub(crate) site: &'a Site,
    pub(crate) sizes: &'a FileSizes,
    /// The site's pictures in their published widths: an image written `![alt](@file/…)`
    /// becomes the same responsive `<img>` as a picture given in YAML.
    pub(crate) images: &'a crate::media::Images,
}

/// The `sizes` of a picture in a body: the width of the text column.
const BODY_SIZES: &str = "(min-width: 48rem) 46rem, 100vw";

/// The value of attribute `name` in the tag `tag`.
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].find('"').map(|end| &tag[start..start + end])
}

impl Resolver<'_> {
    /// `html` with every `href="@…"` and `src="@…"` it can resolve made a link from the page
    /// `link` makes links for, in `lang`.
    pub(crate) fn resolve(&self, html: &str, lang: &str, link: &Linker, ui: &UiStrings) -> String {
        let pictures = self.pictures(html, link);
        let mut out = String::with_capacity(pictures.len() + 64);
        let mut rest = pictures.as_str();
        // A size label waiting for the end of the link it belongs to.
        let mut label: Option<String> = None;
        while let Some(at) = rest.find("=\"@") {
            let (before, from) = rest.split_at(at + 2);
            push_with_label(&mut out, before, &mut label);
            let Some(end) = from.find('"') else {
                rest = from;
                break;
            };
            let (value, after) = from.split_at(end);
            let is_href = before.ends_with("href=\"");
            match self.url(value, lang, link) {
                Some((url, file)) => {
                    out.push_str(&crate::escape::xml(&url));
                    if is_href {
                        label = file.and_then(|f| file_label(f, self.sizes.get(f).copied(), lang, ui));
                    }
                }
                None => out.push_str(value),
            }
            rest = after;
        }
        push_with_label(&mut out, rest, &mut label);
        out
    }

    /// `html` with each `<img src="@file/…">` of a picture of the site made its responsive
    /// `<img>` (widths, `srcset`, `loading="lazy"`…).
    fn pictures(&self, html: &str, link: &Linker) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(start) = rest.find("<img src=\"@file/") {
            let Some(len) = rest[start..].find('>') else { break };
            let tag = &rest[start..start + len + 1];
            out.push_str(&rest[..start]);
            let picture = attr(tag, "src")
                .and_then(|src| self.images.get(&format!("content/{}", split(src).0.trim_start_matches("@file/"))));
            match picture {
                Some(p) => {
                    let alt = attr(tag, "alt").map(crate::escape::unescape_attr).unwrap_or_default();
                    out.push_str(&crate::media::img_html(p, &alt, BODY_SIZES, &|path| link.to(path)));
                }
                None => out.push_str(tag),
            }
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        out
    }

    /// The URL of a reference (as written in the attribute) and, for a file, its site path.
    fn url<'s>(&'s self, value: &str, lang: &str, link: &Linker) -> Option<(String, Option<&'s str>)> {
        let (reference, anchor) = split(value);
        let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
        if let Some(path) = reference.strip_prefix("@/") {
            return Some((format!("{}{anchor}", link.to(path)), None));
        }
        match self.site.target(reference).ok()? {
            Target::File(path) => Some((format!("{}{anchor}", link.to(path)), Some(path))),
            target => Some((format!("{}{anchor}", link.route(route(self.site, target)?, lang)), None)),
        }
    }
}

/// Copies `text` to `out`, putting a waiting label just before the end of its link.
fn push_with_label(out: &mut String, text: &str, label: &mut Option<String>) {
    match (label.as_ref(), text.find("</a>")) {
        (Some(l), Some(end)) => {
            out.push_str(&text[..end]);
            out.push_str(l);
            out.push_str(&text[end..]);
            *label = None;
        }
        _ => out.push_str(text),
    }
}

/// The format of a document by its extension, as residents know it; `None` for a web image.
pub(crate) fn format_name(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    Some(match ext.as_str() {
        "pdf" => "PDF",
        "doc" | "docx" => "Word",
        "xls" | "xlsx" => "Excel",
        "ppt" | "pptx" => "PowerPoint",
        "odt" => "ODT",
        "ods" => "ODS",
        "csv" => "CSV",
        "txt" => "TXT",
        "zip" => "ZIP",
        _ => return None,
    })
}

/// 「1.2MB」 / "1.2 MB": the size as the page's language writes it.
pub(crate) fn size_text(bytes: u64, lang: &str) -> String {
    let ja = lang.split('-').next() == Some("ja");
    let sep = if ja { "" } else { " " };
    if bytes >= 1_000_000 {
        format!("{:.1}{sep}MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{}{sep}KB", bytes.div_ceil(1000).max(1))
    }
}

/// The label after a link to a document: 「（PDF：1.2MB）」 in Japanese, "(PDF, 1.2 MB)" in English.
pub(crate) fn file_label(path: &str, size: Option<u64>, lang: &str, ui: &UiStrings) -> Option<String> {
    let format = format_name(path)?;
    let size = size_text(size?, lang);
    let text = crate::text::ui::ui(ui, "file_meta").replace("{format}", format).replace("{size}", &size);
    Some(format!("<span class=\"file-meta\">{}</span>", crate::escape::xml(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_written_as_each_language_writes_them() {
        assert_eq!(size_text(1_234_567, "ja"), "1.2MB");
        assert_eq!(size_text(1_234_567, "en"), "1.2 MB");
        assert_eq!(size_text(350_001, "ja"), "351KB");
        assert_eq!(size_text(12, "en"), "1 KB");
        assert_eq!(format_name("files/a.PDF"), Some("PDF"));
        assert_eq!(format_name("files/a.xlsx"), Some("Excel"));
        assert_eq!(format_name("images/a.jpg"), None);
    }

    #[test]
    fn a_label_goes_at_the_end_of_its_link_only() {
        let mut out = String::new();
        let mut label = Some("<span>L</span>".to_string());
        push_with_label(&mut out, "\">報告書 <em>2024</em></a> and <a href=\"x\">x</a>", &mut label);
        assert_eq!(out, "\">報告書 <em>2024</em><span>L</span></a> and <a href=\"x\">x</a>");
        assert!(label.is_none());
    }
}
