//! Reading links out of rendered HTML, and the small address checks `check` needs.

use std::borrow::Cow;
use std::collections::HashSet;

/// An address found in a page: borrowed from the page's bytes unless it had entities to decode
/// (a build checks some 1.4 million links at N = 10,000, and a copy of each was most of the
/// allocations of the check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Link<'a> {
    /// The value of an `href`, `src` or one of a `srcset`'s addresses, HTML entities decoded.
    Url(Cow<'a, str>),
    /// An `<img>` without an `alt` attribute: its `src`.
    ImageWithoutAlt(Cow<'a, str>),
}

/// The value of the attribute starting at `rest` (after `name="`), up to its closing quote.
fn value(rest: &[u8]) -> &[u8] {
    memchr::memchr(b'"', rest).map_or(rest, |end| &rest[..end])
}

/// An attribute's value as text, its entities decoded. A page is UTF-8 (render made it from a
/// `String`) and a value is cut at ASCII quotes, so it is whole: borrowed unless it has an
/// entity.
fn decoded(v: &[u8]) -> Cow<'_, str> {
    match String::from_utf8_lossy(v) {
        Cow::Borrowed(text) if !text.contains('&') => Cow::Borrowed(text),
        text => Cow::Owned(crate::escape::unescape_attr(&text)),
    }
}

/// Every link and image address of a page, and its images without `alt`. Attributes are read
/// as the templates and the Markdown renderer write them (double quotes). The page is read as
/// bytes: nothing but the values found needs to be text, and a page is searched with `memchr`
/// (a build reads some 300 MB of pages at N = 10,000).
pub(super) fn scan(html: &[u8]) -> Vec<Link<'_>> {
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
                let v = decoded(v);
                for candidate in v.split(',') {
                    if let Some(url) = candidate.split_whitespace().next() {
                        out.push(Link::Url(Cow::Owned(url.to_string())));
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

/// The ids of a page's elements, as they are met.
fn each_id(html: &[u8]) -> impl Iterator<Item = Cow<'_, str>> {
    const ID: &[u8] = b" id=\"";
    memchr::memmem::find_iter(html, ID).map(move |i| decoded(value(&html[i + ID.len()..])))
}

/// The ids of a page's elements.
pub(super) fn ids(html: &[u8]) -> HashSet<String> {
    each_id(html).map(Cow::into_owned).collect()
}

/// Whether `anchor`, as written in an address (percent-escaped or not), names one of `ids`.
pub(super) fn names_id(ids: &HashSet<String>, anchor: &str) -> bool {
    ids.contains(&*percent_decode(anchor))
}

/// Whether `anchor` (as [`names_id`] reads it) names an element of the page `html`, read
/// through: a page's links to itself are one or two (its skip link), and a set of its ids for
/// them was a dozen copies and a hash each, for every page.
pub(super) fn has_id(html: &[u8], anchor: &str) -> bool {
    let anchor = percent_decode(anchor);
    each_id(html).any(|id| id == anchor)
}

/// A relative address resolved against the folder `dir` (`ja/areas/x/`): `../../cases/` →
/// `ja/cases/`. Leading `../` beyond the root stay at the root.
pub(super) fn resolve_path(dir: &str, rel: &str) -> String {
    let mut path = String::new();
    resolve_into(dir, rel, &mut path);
    path
}

/// [`resolve_path`] into `path` (emptied first): the check resolves each page's links into
/// one string, not a list of parts and a new string for each.
pub(super) fn resolve_into(dir: &str, rel: &str, path: &mut String) {
    path.clear();
    let (rel, anchor) = match rel.split_once('#') {
        Some((r, a)) => (r, Some(a)),
        None => (rel, None),
    };
    // The folder's parts as they are, then the address's, each followed by `/` while it is
    // made.
    for part in dir.split('/').filter(|part| !part.is_empty()) {
        path.push_str(part);
        path.push('/');
    }
    let push = |part: &str| match part {
        "" | "." => {}
        ".." => {
            path.pop();
            path.truncate(path.rfind('/').map_or(0, |slash| slash + 1));
        }
        part => {
            path.push_str(part);
            path.push('/');
        }
    };
    rel.split('/').for_each(push);
    let ends_with_slash = rel.ends_with('/') || rel.is_empty() || rel.ends_with("/.") || rel == ".";
    if !ends_with_slash {
        path.pop();
    }
    if let Some(a) = anchor {
        path.push('#');
        path.push_str(a);
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
        assert_eq!(resolve_path("ja/areas/x", "./a/../b/./#c/d"), "ja/areas/x/b/#c/d");
        assert_eq!(resolve_path("", ".."), "");
        assert_eq!(resolve_path("ja//x/", "."), "ja/x/");
        let mut path = "left over".to_string();
        resolve_into("ja/", "../en/", &mut path);
        assert_eq!(path, "en/");
        assert_eq!(percent_decode("%E4%B8%AD.pdf"), "中.pdf");
    }

    /// A relative address as a list of parts: what `resolve_path` makes in one string.
    fn by_parts(dir: &str, rel: &str) -> String {
        let (rel, anchor) = rel.split_once('#').map_or((rel, None), |(r, a)| (r, Some(a)));
        let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
        for seg in rel.split('/') {
            match seg {
                "" | "." => {}
                ".." => drop(parts.pop()),
                s => parts.push(s),
            }
        }
        let mut path = parts.join("/");
        if (rel.ends_with('/') || rel.is_empty() || rel.ends_with("/.") || rel == ".") && !path.is_empty() {
            path.push('/');
        }
        anchor.map_or(path.clone(), |a| format!("{path}#{a}"))
    }

    proptest::proptest! {
        #[test]
        fn an_address_resolves_as_part_by_part(
            dir in "[a./]{0,12}",
            rel in "[b./#]{0,14}",
        ) {
            proptest::prop_assert_eq!(resolve_path(&dir, &rel), by_parts(&dir, &rel));
        }
    }

    #[test]
    fn a_page_is_read_through_for_its_own_ids() {
        let html = br##"<a href="#main"> id="x"<main id="main"><h2 id="%E4%B8%AD">"##;
        assert!(has_id(html, "main") && has_id(html, "x"));
        assert!(has_id(html, "%25E4%25B8%25AD"), "an escaped id, its `%` escaped in the address");
        assert!(!has_id(html, "mai") && !has_id(html, "ma%69n2"));
        assert!(has_id(br#"<p id="a&amp;b">"#, "a&b"));
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
