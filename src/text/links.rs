//! The links and images of a Markdown body, each with its line and column, as the page that
//! shows the body parses it: noted where the page renders the body ([`super::bodies::Html`]),
//! for the check, which then does not read the body again. Past the memory budget a build keeps
//! no body, and the check read each of some 200,000 again at N = 100,000 only to parse it once
//! more for what the render had just seen.

use pulldown_cmark::{Event, Options, Tag, TagEnd};
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

/// The parser's options for a body, the page's and the check's alike.
pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

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

/// The links and images of `source` (a body's text, line ends `\n`), parsed as a page parses
/// it: for a body its page did not note (`serve`'s pages made before, or a body with a reading
/// at the end of a heading, which the page parses with a mark added).
pub(crate) fn links_of(source: &str) -> BodyLinks {
    let mut noting = Noting::new(source);
    for (event, range) in pulldown_cmark::Parser::new_ext(source, OPTIONS).into_offset_iter() {
        noting.see(&event, range.start);
    }
    BodyLinks(noting.out.into_boxed_slice())
}

/// Notes the links of a body from its events as they are parsed, each with the byte offset it
/// starts at in `source`.
pub(crate) struct Noting<'s> {
    source: &'s str,
    out: Vec<u8>,
    /// Where the last link was: its offset, line, and the offset its line starts at.
    at: (usize, u32, usize),
    /// The image being read (the offset of its length word in `out`), and whether its
    /// alternative text has more than white space so far.
    image: Option<usize>,
    alt: bool,
    /// Whether the events were not of the source (see [`Noting::give_up`]).
    given_up: bool,
}

impl<'s> Noting<'s> {
    pub(crate) fn new(source: &'s str) -> Noting<'s> {
        Noting { source, out: Vec::new(), at: (0, 1, 0), image: None, alt: false, given_up: false }
    }

    /// Notes nothing: the events are parsed from another text than the source (a mark added),
    /// so their places are not the source's.
    pub(crate) fn give_up(&mut self) {
        self.given_up = true;
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

    /// Adds a link to `dest` at byte `start` with `flags`; the offset of its length word.
    fn push(&mut self, dest: &str, start: usize, flags: u32) -> usize {
        let (line, column) = self.place(start);
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

    /// What was noted; `None` if it gave up.
    pub(crate) fn done(self) -> Option<BodyLinks> {
        (!self.given_up).then(|| BodyLinks(self.out.into_boxed_slice()))
    }
}

/// The links of the bodies a build's pages rendered, by the body's file and the hash of its
/// text, noted as the pages are rendered in parallel (in parts, each behind its own lock), for
/// the check that follows ([`NotedLinks::take`]).
#[derive(Debug, Default)]
pub(crate) struct NotedLinks(std::sync::OnceLock<Box<[Mutex<Noted>]>>);

type Noted = FxHashMap<Arc<str>, (u64, BodyLinks)>;

/// The parts of [`NotedLinks`].
const PARTS: usize = 64;

impl NotedLinks {
    fn part(&self, file: &str) -> &Mutex<Noted> {
        use std::hash::BuildHasher;
        let parts = self.0.get_or_init(|| (0..PARTS).map(|_| Mutex::default()).collect());
        let at = (rustc_hash::FxBuildHasher.hash_one(file) % PARTS as u64) as usize;
        &parts[at % parts.len().max(1)]
    }

    /// Whether the body of `file` with the hash `hash` is noted.
    pub(crate) fn has(&self, file: &str, hash: u64) -> bool {
        self.part(file).lock().is_ok_and(|m| m.get(file).is_some_and(|(h, _)| *h == hash))
    }

    /// Notes `links` of the body of `file` with the hash `hash`.
    pub(crate) fn note(&self, file: &Arc<str>, hash: u64, links: BodyLinks) {
        if let Ok(mut m) = self.part(file).lock() {
            m.insert(file.clone(), (hash, links));
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
    /// The links of the body of `file`, if its page noted them from the text with `hash`.
    pub(crate) fn get(&self, file: &str, hash: u64) -> Option<&BodyLinks> {
        use std::hash::BuildHasher;
        let part = self.0.get((rustc_hash::FxBuildHasher.hash_one(file) % PARTS as u64) as usize)?;
        part.get(file).filter(|(h, _)| *h == hash).map(|(_, links)| links)
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

    fn all(source: &str) -> Vec<(String, u32, u32, bool, bool)> {
        links_of(source).iter().map(|l| (l.dest.to_string(), l.line, l.column, l.image, l.no_alt)).collect()
    }

    #[test]
    fn links_and_images_are_noted_with_their_line_and_column() {
        let text = "# 見出し\n\n本文の[前](../a/)と\n\n  ![写真](p.jpg) ![ ](q.png)\n\n[参照]\n\n[参照]: @case/x\n";
        assert_eq!(
            all(text),
            vec![
                ("../a/".to_string(), 3, 4, false, false),
                ("p.jpg".to_string(), 5, 3, true, false),
                ("q.png".to_string(), 5, 16, true, true),
                ("@case/x".to_string(), 7, 1, false, false),
            ]
        );
    }

    #[test]
    fn an_image_inside_a_link_and_one_without_text_are_told_apart() {
        let text = "[![](a.png)](b/) ![`code`](c.png)";
        assert_eq!(
            all(text),
            vec![
                ("b/".to_string(), 1, 1, false, false),
                ("a.png".to_string(), 1, 2, true, true),
                ("c.png".to_string(), 1, 18, true, false),
            ]
        );
    }

    #[test]
    fn the_noted_links_are_found_by_file_and_text() {
        let noted = NotedLinks::default();
        let file: Arc<str> = Arc::from("content/cases/a.ja.md");
        assert!(!noted.has(&file, 7));
        noted.note(&file, 7, links_of("[x](y)"));
        assert!(noted.has(&file, 7) && !noted.has(&file, 8));
        let seen = noted.take();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen.get(&file, 7).map(|l| l.iter().count()), Some(1));
        assert!(seen.get(&file, 8).is_none() && seen.get("content/cases/b.ja.md", 7).is_none());
        assert_eq!(noted.take().len(), 0);
    }
}
