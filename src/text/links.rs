//! The links and images of a Markdown body, each with its line and column, as the page that
//! shows the body parses it: noted where the page renders the body ([`super::bodies::Html`]),
//! for the check, which then does not read the body again. Past the memory budget a build keeps
//! no body, and the check read each of some 200,000 again at N = 100,000 only to parse it once
//! more for what the render had just seen.

use pulldown_cmark::{Event, Tag, TagEnd};
use rustc_hash::FxHashMap;
use std::sync::Mutex;

/// One link or image of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link<'a> {
    /// Its address as written (not trimmed, not made safe).
    pub dest: &'a str,
    /// Where it starts: the line and the column (in characters), from 1.
    pub line: u32,
    pub column: u32,
    /// Whether it is an image.
    pub image: bool,
    /// Whether it is an image with no alternative text (none, or only white space).
    pub no_alt: bool,
}

/// The links and images of one body, in the order written, packed in one allocation: per link
/// its line, column and address length (`u32` each, the flags in the length's top bits), then
/// the address. As a list of strings with a header each they were an allocation per link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BodyLinks(Box<[u8]>);

const IMAGE: u32 = 1 << 31;
const NO_ALT: u32 = 1 << 30;
const LEN: u32 = NO_ALT - 1;
const HEAD: usize = 12;

impl BodyLinks {
    /// Each link and image, in the order written.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Link<'_>> + '_ {
        let mut rest: &[u8] = &self.0;
        std::iter::from_fn(move || {
            let (head, tail) = rest.split_first_chunk::<HEAD>()?;
            let word = |i: usize| u32::from_le_bytes([head[i], head[i + 1], head[i + 2], head[i + 3]]);
            let (line, column, packed) = (word(0), word(4), word(8));
            let len = (packed & LEN) as usize;
            let (dest, after) = tail.split_at_checked(len)?;
            rest = after;
            Some(Link {
                dest: std::str::from_utf8(dest).unwrap_or_default(),
                line,
                column,
                image: packed & IMAGE != 0,
                no_alt: packed & NO_ALT != 0,
            })
        })
    }
}

/// Notes the links of a body from its events as they are parsed, each with the byte offset it
/// starts at in what was parsed: the body's text, with a mark after each heading that ends with
/// a reading (see `markdown::guarded`), whose places it is given to find the text's own.
pub(crate) struct Noting<'s> {
    source: &'s str,
    /// Where a [`MARK`] was put, each in the text parsed, in order.
    marks: Vec<usize>,
    out: Vec<u8>,
    /// Where the last link was: its offset, line, and the offset its line starts at.
    at: (usize, u32, usize),
    /// The image being read (the offset of its length word in `out`), and whether its
    /// alternative text has more than white space so far.
    image: Option<usize>,
    alt: bool,
}

/// The mark the page's parse puts after a heading that ends with a reading, which would be
/// taken for the heading's attributes: an empty attribute block.
pub(crate) const MARK: &str = " {}";

/// The value of the attribute `name` in an HTML start tag `tag` (ASCII case-insensitive; in
/// quotes or not), if it has one.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name).map(|p| p + from) {
        from = at + name.len();
        let before = lower[..at].chars().next_back();
        let after = lower[from..].trim_start();
        if !before.is_some_and(char::is_whitespace) || !after.starts_with('=') {
            continue;
        }
        let value = tag[tag.len() - after.len() + 1..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
        });
    }
    None
}

impl<'s> Noting<'s> {
    /// Notes the links of `source`, parsed with marks put at `marks`.
    pub(crate) fn new(source: &'s str, marks: Vec<usize>) -> Noting<'s> {
        Noting { source, marks, out: Vec::new(), at: (0, 1, 0), image: None, alt: false }
    }

    /// Notes `event`, which starts at byte `start` of the source.
    pub(crate) fn see(&mut self, event: &Event, start: usize) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.push(dest_url, start, 0);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.image = Some(self.push(dest_url, start, IMAGE));
                self.alt = false;
            }
            // A raw HTML image is checked as a Markdown one is: its address, and its `alt`.
            // (Not in a comment: what is commented out is not published.)
            Event::Html(html) | Event::InlineHtml(html) if !html.trim_start().starts_with("<!--") => {
                let lower = html.to_ascii_lowercase();
                for (at, _) in lower.match_indices("<img") {
                    let tag = &html[at..at + lower[at..].find('>').unwrap_or(lower.len() - at)];
                    if let Some(src) = attribute(tag, "src") {
                        let alt = attribute(tag, "alt").is_some_and(|a| !a.trim().is_empty());
                        self.push(src, start + at, IMAGE | if alt { 0 } else { NO_ALT });
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if self.image.is_some() => self.alt |= !t.trim().is_empty(),
            Event::End(TagEnd::Image) => {
                if let Some(word) = self.image.take().filter(|_| !self.alt) {
                    if let Some(byte) = self.out.get_mut(word + 3) {
                        *byte |= (NO_ALT >> 24) as u8;
                    }
                }
            }
            _ => {}
        }
    }

    /// Adds a link to `dest` at byte `start` of what was parsed with `flags`; the offset of its
    /// length word.
    fn push(&mut self, dest: &str, start: usize, flags: u32) -> usize {
        let marked = self.marks.partition_point(|&m| m < start);
        let (line, column) = self.place(start - marked * MARK.len());
        let len = u32::try_from(dest.len()).unwrap_or(LEN).min(LEN);
        self.out.extend_from_slice(&line.to_le_bytes());
        self.out.extend_from_slice(&column.to_le_bytes());
        let word = self.out.len();
        self.out.extend_from_slice(&(len | flags).to_le_bytes());
        self.out.extend_from_slice(&dest.as_bytes()[..len as usize]);
        word
    }

    /// The line and column (in characters, from 1) of byte `start`, counted on from the last
    /// link's place (links come in the order written; from the top otherwise).
    fn place(&mut self, start: usize) -> (u32, u32) {
        let start = start.min(self.source.len());
        if start < self.at.0 {
            self.at = (0, 1, 0);
        }
        let (from, mut line, mut line_start) = self.at;
        let between = self.source.as_bytes().get(from..start).unwrap_or_default();
        for newline in memchr::memchr_iter(b'\n', between) {
            line = line.saturating_add(1);
            line_start = from + newline + 1;
        }
        self.at = (start, line, line_start);
        let column = self.source.get(line_start..start).map_or(0, |s| s.chars().count());
        (line, u32::try_from(column).unwrap_or(u32::MAX).saturating_add(1))
    }

    /// What was noted.
    pub(crate) fn done(self) -> BodyLinks {
        BodyLinks(self.out.into_boxed_slice())
    }
}

/// The links of the bodies a build's pages rendered, by the fingerprint of the body's text
/// (they follow from the text alone: two files of the same text have the same links, at the
/// same lines), noted as the pages are rendered in parallel (in parts, each behind its own
/// lock), for the check that follows ([`NotedLinks::take`]). Keyed by the file too, each entry
/// was 16 bytes larger (some 4 MB at N = 100,000).
#[derive(Debug, Default)]
pub(crate) struct NotedLinks(std::sync::OnceLock<Box<[Mutex<Noted>]>>);

type Noted = FxHashMap<u64, BodyLinks>;

/// The parts of [`NotedLinks`].
const PARTS: usize = 64;

/// The part of [`NotedLinks`] of a text's fingerprint (its top bits: the map uses the low).
fn part_of(hash: u64) -> usize {
    (hash >> 58) as usize % PARTS
}

impl NotedLinks {
    fn part(&self, hash: u64) -> Option<&Mutex<Noted>> {
        self.0.get_or_init(|| (0..PARTS).map(|_| Mutex::default()).collect()).get(part_of(hash))
    }

    /// Whether the links of a body whose text has the fingerprint `hash` are noted.
    pub(crate) fn has(&self, hash: u64) -> bool {
        self.part(hash).and_then(|p| p.lock().ok()).is_some_and(|m| m.contains_key(&hash))
    }

    /// Notes `links` of a body whose text has the fingerprint `hash`.
    pub(crate) fn note(&self, hash: u64, links: BodyLinks) {
        if let Some(mut m) = self.part(hash).and_then(|p| p.lock().ok()) {
            m.insert(hash, links);
        }
    }

    /// Everything noted, taken out.
    pub(crate) fn take(&self) -> SeenLinks {
        let parts = self.0.get().map(|parts| {
            parts.iter().map(|p| p.lock().map(|mut m| std::mem::take(&mut *m)).unwrap_or_default()).collect()
        });
        SeenLinks(parts.unwrap_or_default())
    }
}

/// The links the pages of a build noted ([`NotedLinks::take`]), looked up by the check.
#[derive(Debug, Default)]
pub(crate) struct SeenLinks(Vec<Noted>);

impl SeenLinks {
    /// The links of a body whose text has the fingerprint `hash`, if a page noted them.
    pub(crate) fn get(&self, hash: u64) -> Option<&BodyLinks> {
        self.0.get(part_of(hash))?.get(&hash)
    }

    /// How many bodies are noted.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.0.iter().map(|p| p.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The links of `text`, parsed without marks (their places: `markdown`'s tests).
    fn noted(text: &str) -> BodyLinks {
        let mut noting = Noting::new(text, Vec::new());
        for (event, range) in pulldown_cmark::Parser::new(text).into_offset_iter() {
            noting.see(&event, range.start);
        }
        noting.done()
    }

    #[test]
    fn the_noted_links_are_found_by_their_texts_fingerprint() {
        let noted_links = NotedLinks::default();
        let (a, b) = (7, 7 | 1 << 63);
        assert!(!noted_links.has(a));
        noted_links.note(a, noted("[x](y)"));
        noted_links.note(b, noted("[x](y) [z](w)"));
        assert!(noted_links.has(a) && noted_links.has(b) && !noted_links.has(8));
        let seen = noted_links.take();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen.get(a).map(|l| l.iter().count()), Some(1));
        assert_eq!(seen.get(b).map(|l| l.iter().count()), Some(2));
        assert!(seen.get(8).is_none());
        assert_eq!(noted_links.take().len(), 0);
    }
}
