//! Variants, readings and synonyms: groups of words that find each other. The built-in table
//! (`variants.txt`, compiled in; described in docs/search.md) holds the common spelling
//! variants of public-service words (子ども/子供/こども), their readings in hiragana and a few
//! synonyms; a site adds its own groups in `content/search.yaml` (place names and their
//! readings). Groups that share a form are one group.
//!
//! Applied when the index is made: every group has a canonical form, and where a text has
//! another form, the index also holds the keys of the text with the canonical form in its
//! place. The browser puts the canonical forms into a query the same way, from the table the
//! index ships (`variants/<n>.json`), so a query in any form finds a text in any form, and the
//! index grows only where a text uses a form other than the canonical one.

use super::fold::{is_cjk, is_word, normalize, unaccent, Latin};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};

/// The built-in table: one group per line, forms separated by ` / `; `#` starts a comment.
pub(crate) const TABLE: &str = include_str!("variants.txt");

/// What a form is, once normalised.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Form {
    /// Japanese characters only, at least two: found inside runs of Japanese text.
    Japanese(Vec<char>),
    /// One Latin word, as the index holds it (folded and stemmed).
    Word(String),
}

impl Form {
    /// The form of `text`, or `None` if it is neither (mixed scripts, spaces, one Japanese
    /// character, nothing left after normalising).
    #[cfg(test)]
    pub(crate) fn of(text: &str) -> Option<Form> {
        Form::read(text, Latin::English)
    }

    /// The form of `text`, a word taken by the rules `latin`, or `None` if it is neither.
    pub(crate) fn read(text: &str, latin: Latin) -> Option<Form> {
        let norm = normalize(text.trim());
        let chars: Vec<char> = norm.chars().collect();
        if chars.len() >= 2 && chars.iter().all(|c| is_cjk(*c)) {
            return Some(Form::Japanese(chars));
        }
        if !chars.is_empty() && chars.iter().all(|c| is_word(*c)) {
            return Some(Form::Word(latin.term(&unaccent(&chars))));
        }
        None
    }
}

/// The groups of the built-in table, each with its line number (for the tests and docs).
pub(crate) fn table_groups() -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    TABLE.lines().enumerate().filter_map(|(i, line)| {
        let line = line.split('#').next().unwrap_or("").trim();
        (!line.is_empty()).then(|| (i + 1, line.split(" / ").map(str::trim).collect()))
    })
}

/// Japanese forms with their group, longest first.
type Forms = Vec<(Vec<char>, usize)>;

/// The groups in force for one build: the built-in table and the site's own. Each group has a
/// canonical form: its first Japanese form, or its first word if it has no Japanese form.
#[derive(Debug, Default)]
pub(crate) struct Variants {
    /// Every group: its canonical form first, then its other forms.
    groups: Vec<Vec<Form>>,
    /// Japanese forms by their first two characters (a Japanese form has at least two, see
    /// [`Form::read`]): (form, group), longest first. Looked up at every character the index
    /// reads, so with the index's fast hasher, and by two characters rather than one: a kana
    /// such as し begins some 30 forms, each compared at every し of every page.
    japanese: FxHashMap<(char, char), Forms>,
    /// Latin words → group.
    words: HashMap<String, usize>,
    /// How the index these are for takes its Latin words.
    latin: Latin,
}

impl Variants {
    /// The built-in table with the site's groups (`site`, from `content/search.yaml`) added.
    pub(crate) fn new<'a>(site: impl IntoIterator<Item = &'a [String]>) -> Variants {
        Variants::for_words(site, Latin::English)
    }

    /// [`Variants::new`] for an index that takes its Latin words by the rules `latin`.
    pub(crate) fn for_words<'a>(site: impl IntoIterator<Item = &'a [String]>, latin: Latin) -> Variants {
        let built_in = table_groups().map(|(_, g)| g.into_iter().map(str::to_string).collect::<Vec<_>>());
        let groups: Vec<Vec<String>> = built_in.chain(site.into_iter().map(<[String]>::to_vec)).collect();
        Variants::of_groups_with(&groups, latin)
    }

    /// How the index these are for takes its Latin words.
    pub(crate) fn latin(&self) -> Latin {
        self.latin
    }

    /// Variants of exactly these groups (groups sharing a form are merged).
    #[cfg(test)]
    pub(crate) fn of_groups(groups: &[Vec<String>]) -> Variants {
        Variants::of_groups_with(groups, Latin::English)
    }

    fn of_groups_with(groups: &[Vec<String>], latin: Latin) -> Variants {
        // Union-find over the groups, joined where they share a form.
        let mut parent: Vec<usize> = (0..groups.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut owner: HashMap<Form, usize> = HashMap::new();
        let forms: Vec<Vec<Form>> =
            groups.iter().map(|g| g.iter().filter_map(|f| Form::read(f, latin)).collect::<Vec<_>>()).collect();
        for (g, fs) in forms.iter().enumerate() {
            for f in fs {
                match owner.get(f) {
                    Some(&other) => {
                        let (a, b) = (root(&mut parent, g), root(&mut parent, other));
                        parent[a] = b;
                    }
                    None => {
                        owner.insert(f.clone(), g);
                    }
                }
            }
        }
        let mut merged: Vec<Vec<Form>> = Vec::new();
        let mut index_of_root: HashMap<usize, usize> = HashMap::new();
        for (g, fs) in forms.into_iter().enumerate() {
            let r = root(&mut parent, g);
            let n = merged.len();
            let gi = *index_of_root.entry(r).or_insert(n);
            if gi == n {
                merged.push(Vec::new());
            }
            for f in fs {
                if !merged[gi].contains(&f) {
                    merged[gi].push(f);
                }
            }
        }
        let mut out = Variants { latin, ..Variants::default() };
        for mut group in merged.into_iter().filter(|g| g.len() >= 2) {
            if let Some(first_japanese) = group.iter().position(|f| matches!(f, Form::Japanese(_))) {
                let canonical = group.remove(first_japanese);
                group.insert(0, canonical);
            }
            let gi = out.groups.len();
            for f in &group {
                match f {
                    Form::Japanese(chars) => {
                        if let [a, b, ..] = chars[..] {
                            out.japanese.entry((a, b)).or_default().push((chars.clone(), gi));
                        }
                    }
                    Form::Word(w) => {
                        out.words.insert(w.clone(), gi);
                    }
                }
            }
            out.groups.push(group);
        }
        for list in out.japanese.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        out
    }

    /// The longest Japanese form starting at `run[i]`, with its group.
    fn form_at(&self, run: &[char], i: usize) -> Option<&(Vec<char>, usize)> {
        let pair = (*run.get(i)?, *run.get(i + 1)?);
        self.japanese.get(&pair)?.iter().find(|(f, _)| run[i..].starts_with(f))
    }

    /// The Japanese `run` with every form of a group replaced by the group's canonical form
    /// (left to right, the longest form at each place, again until nothing changes; at most
    /// three rounds), or `None` if it has no form other than canonical ones. search.js does the
    /// same to a query, with the table `to_json` gives it.
    pub(crate) fn canonical_run(&self, run: &[char]) -> Option<Vec<char>> {
        // Most runs hold no form at all: nothing to copy.
        if !(0..run.len()).any(|i| self.form_at(run, i).is_some()) {
            return None;
        }
        let mut current = run.to_vec();
        let mut changed = false;
        for _ in 0..3 {
            let mut out = Vec::with_capacity(current.len());
            let mut round = false;
            let mut i = 0;
            while i < current.len() {
                let found = self.form_at(&current, i);
                match (found, found.and_then(|(_, g)| self.groups[*g].first())) {
                    (Some((form, _)), Some(Form::Japanese(canonical))) => {
                        round |= canonical != form;
                        out.extend_from_slice(canonical);
                        i += form.len();
                    }
                    _ => {
                        out.push(current[i]);
                        i += 1;
                    }
                }
            }
            if !round {
                break;
            }
            current = out;
            changed = true;
        }
        changed.then_some(current)
    }

    /// The canonical form of the group of the word `term`, if it has one and it is not `term`.
    pub(crate) fn canonical_word(&self, term: &str) -> Option<&Form> {
        let canonical = self.groups[*self.words.get(term)?].first()?;
        (canonical != &Form::Word(term.to_string())).then_some(canonical)
    }

    /// The groups split into `buckets` files (`variants/<n>.json`), so a query fetches only the
    /// groups that can apply to it: a group is in the bucket of the first character of each of
    /// its forms ([`bucket_of`]). Only the buckets that hold a group are returned.
    pub(crate) fn to_json_buckets(&self, buckets: u32) -> BTreeMap<u32, serde_json::Value> {
        let mut out: BTreeMap<u32, Vec<serde_json::Value>> = BTreeMap::new();
        for g in &self.groups {
            let mut mine: Vec<u32> = g.iter().filter_map(|f| Some(bucket_of(first_char(f)?, buckets))).collect();
            mine.sort_unstable();
            mine.dedup();
            for b in mine {
                out.entry(b).or_default().push(group_json(g));
            }
        }
        out.into_iter().map(|(b, groups)| (b, serde_json::Value::from(groups))).collect()
    }
}

/// The first character of a form, as the browser reads it from the file.
fn first_char(f: &Form) -> Option<char> {
    match f {
        Form::Japanese(chars) => chars.first().copied(),
        Form::Word(w) => w.chars().next(),
    }
}

/// The variants file of a character: FNV-1a of its UTF-8 bytes modulo the bucket count (the
/// browser computes the same for every character of a query).
pub(crate) fn bucket_of(c: char, buckets: u32) -> u32 {
    super::fold::fnv1a(c.encode_utf8(&mut [0; 4])) % buckets.max(1)
}

/// A group as the browser reads it: its forms, the canonical one first; a Japanese form as
/// normalised text (katakana folded to hiragana), a word as the index holds it.
fn group_json(g: &[Form]) -> serde_json::Value {
    let text = |f: &Form| match f {
        Form::Japanese(chars) => chars.iter().collect::<String>(),
        Form::Word(w) => w.clone(),
    };
    serde_json::Value::from(g.iter().map(text).collect::<Vec<_>>())
}

#[cfg(test)]
#[path = "variants_tests.rs"]
mod tests;
