//! Reading links out of rendered HTML, and the small address checks `check` needs.

use std::collections::HashSet;

/// An address found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Link {
    /// The value of an `href`, `src` or one of a `srcset`'s addresses, HTML entities decoded.
    Url(String),
    /// An `<img>` without an `alt` attribute: its `src`.
    ImageWithoutAlt(String),
}

/// The value of the attribute starting at `rest` (after `name="`), up to its closing quote.
fn value(rest: &[u8]) -> &[u8] {
    memchr::memchr(b'"', rest).map_or(rest, |end| &rest[..end])
}

/// An attribute's value as text, its entities decoded. A page is UTF-8 (render made it from a
/// `String`) and a value is cut at ASCII quotes, so it is whole.
fn decoded(v: &[u8]) -> String {
    crate::escape::unescape_attr(&String::from_utf8_lossy(v))
}

/// Every link and image address of a page, and its images without `alt`. Attributes are read
/// as the templates and the Markdown renderer write them (double quotes). The page is read as
/// bytes: nothing but the values found needs to be text, and a page is searched with `memchr`
/// (a build reads some 300 MB of pages at N = 10,000).
pub(super) fn scan(html: &[u8]) -> Vec<Link> {
    let mut out = Vec::new();
    // Inline scripts and styles hold no links to check.
    for i in memchr::memmem::find_iter(html, b"=\"") {
        let name_start = memchr::memrchr3(b' ', b'\n', b'\t', &html[..i]).map_or(0, |s| s + 1);
        let name = &html[name_start..i];
        let v = value(&html[i + 2..]);
        match name {
            b"href" | b"src" if !v.is_empty() && !v.starts_with(b"data:") && !v.starts_with(b"javascript:") => {
                out.push(Link::Url(decoded(v)));
            }
            b"srcset" => {
                for candidate in String::from_utf8_lossy(v).split(',') {
                    if let Some(url) = candidate.split_whitespace().next() {
                        out.push(Link::Url(crate::escape::unescape_attr(url)));
                    }
                }
            }
            _ => {}
        }
    }
    for i in memchr::memmem::find_iter(html, b"<img") {
        let tag = &html[i..memchr::memchr(b'>', &html[i..]).map_or(html.len(), |e| i + e)];
        if memchr::memmem::find(tag, b" alt=").is_none() {
            let src = memchr::memmem::find(tag, b" src=\"").map(|s| value(&tag[s + 6..])).unwrap_or(b"");
            out.push(Link::ImageWithoutAlt(decoded(src)));
        }
    }
    out
}

/// The ids of a page's elements.
pub(super) fn ids(html: &[u8]) -> HashSet<String> {
    const ID: &[u8] = b" id=\"";
    memchr::memmem::find_iter(html, ID).map(|i| decoded(value(&html[i + ID.len()..]))).collect()
}

/// Whether `anchor`, as written in an address (percent-escaped or not), names one of `ids`.
pub(super) fn names_id(ids: &HashSet<String>, anchor: &str) -> bool {
    ids.contains(&*percent_decode(anchor))
}

/// A relative address resolved against the folder `dir` (`ja/areas/x/`): `../../cases/` →
/// `ja/cases/`. Leading `../` beyond the root stay at the root.
pub(super) fn resolve_path(dir: &str, rel: &str) -> String {
    let (rel, anchor) = match rel.split_once('#') {
        Some((r, a)) => (r, Some(a)),
        None => (rel, None),
    };
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let ends_with_slash = rel.ends_with('/') || rel.is_empty() || rel.ends_with("/.") || rel == ".";
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if ends_with_slash && !path.is_empty() {
        path.push('/');
    }
    match anchor {
        Some(a) => format!("{path}#{a}"),
        None => path,
    }
}

/// `%E4%B8%AD` → `中`; anything not a valid escape is left as it is. Borrowed when there is
/// no `%` (nearly every link).
pub(super) fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return std::borrow::Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| s.to_string()))
}

/// A web address with a host and no spaces.
pub(super) fn web_address_ok(url: &str) -> bool {
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !url.contains(char::is_whitespace)
        && host.chars().all(|c| c.is_alphanumeric() || "-.:[]".contains(c))
}

/// `name@domain.tld`, nothing more elaborate.
pub(super) fn email_ok(address: &str) -> bool {
    match address.split_once('@') {
        Some((name, domain)) => {
            !name.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !address.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

/// Half-width digits with hyphens, spaces, parentheses or a leading `+`: at least six digits.
pub(super) fn phone_ok(number: &str) -> bool {
    number.chars().all(|c| c.is_ascii_digit() || "-+() ".contains(c))
        && number.chars().filter(char::is_ascii_digit).count() >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_srcsets_and_images_without_alt_are_found() {
        let html = r#"<a href="../x/">x</a><img src="a.jpg" srcset="a-480.jpg 480w, a-960.jpg 960w" alt="A"><img src="b.png"><a class="y" href="t?a=1&amp;b=2">"#;
        assert_eq!(
            scan(html.as_bytes()),
            [
                Link::Url("../x/".into()),
                Link::Url("a.jpg".into()),
                Link::Url("a-480.jpg".into()),
                Link::Url("a-960.jpg".into()),
                Link::Url("b.png".into()),
                Link::Url("t?a=1&b=2".into()),
                Link::ImageWithoutAlt("b.png".into()),
            ]
        );
        assert!(scan(br#"<a data-href="x">"#).is_empty());
        assert_eq!(
            ids(br#"<h2 id="a&amp;b">x</h2><p data-id="no"> id="c""#),
            HashSet::from(["a&b".into(), "c".into()])
        );
    }

    #[test]
    fn relative_paths_resolve_against_the_page() {
        assert_eq!(resolve_path("ja/areas/x/", "../../cases/"), "ja/cases/");
        assert_eq!(resolve_path("ja/areas/x/", "../y/#a"), "ja/areas/y/#a");
        assert_eq!(resolve_path("ja/", "../../../static/a.css"), "static/a.css");
        assert_eq!(resolve_path("ja/areas/x/", "photo.jpg"), "ja/areas/x/photo.jpg");
        assert_eq!(percent_decode("%E4%B8%AD.pdf"), "中.pdf");
    }

    #[test]
    fn addresses_are_checked_for_their_shape() {
        assert!(web_address_ok("https://www.city.chiba.jp/a/b.html"));
        assert!(!web_address_ok("https://"));
        assert!(!web_address_ok("https://www.city .jp/"));
        assert!(email_ok("fukushi@example.jp"));
        assert!(!email_ok("fukushi@example") && !email_ok("@example.jp") && !email_ok("a@@b.jp"));
        assert!(phone_ok("043-245-5111") && !phone_ok("043-24") && !phone_ok("０４３"));
    }
}
