//! Variants, readings and synonyms: groups of words that find each other. The built-in table
//! (`variants.txt`, compiled in; described in docs/search.md) holds the common spelling
//! variants of public-service words (子ども/子供/こども), their readings in hiragana and a few
//! synonyms; a site adds its own groups in `content/search.yaml` (place names and their
//! readings). Groups that share a form are one group.
//!
//! Applied when the index is made, never in the browser: where the text has one form of a
//! group, the index also holds the keys the other forms would give in its place, so a query
//! in any form finds the text, and the browser needs no copy of the table.

use super::tokenize::{is_japanese, is_word, normalize, push_run, term, unaccent, Key};
use std::collections::HashMap;

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
    pub(crate) fn of(text: &str) -> Option<Form> {
        let norm = normalize(text.trim());
        let chars: Vec<char> = norm.chars().collect();
        if chars.len() >= 2 && chars.iter().all(|c| is_japanese(*c)) {
            return Some(Form::Japanese(chars));
        }
        if !chars.is_empty() && chars.iter().all(|c| is_word(*c)) {
            return Some(Form::Word(term(&unaccent(&chars))));
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

#[derive(Debug, Default)]
struct Group {
    japanese: Vec<Vec<char>>,
    words: Vec<String>,
}

/// The groups in force for one build: the built-in table and the site's own.
#[derive(Debug, Default)]
pub(crate) struct Variants {
    groups: Vec<Group>,
    /// Japanese forms by their first character: (form, group), longest first.
    japanese: HashMap<char, Vec<(Vec<char>, usize)>>,
    /// Latin words → group.
    words: HashMap<String, usize>,
}

impl Variants {
    /// The built-in table with the site's groups (`site`, from `content/search.yaml`) added.
    pub(crate) fn new<'a>(site: impl IntoIterator<Item = &'a [String]>) -> Variants {
        let built_in = table_groups().map(|(_, g)| g.into_iter().map(str::to_string).collect::<Vec<_>>());
        let groups: Vec<Vec<String>> = built_in.chain(site.into_iter().map(<[String]>::to_vec)).collect();
        Variants::of_groups(&groups)
    }

    /// Variants of exactly these groups (groups sharing a form are merged).
    pub(crate) fn of_groups(groups: &[Vec<String>]) -> Variants {
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
            groups.iter().map(|g| g.iter().filter_map(|f| Form::of(f)).collect::<Vec<_>>()).collect();
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
        let mut out = Variants::default();
        let mut index_of_root: HashMap<usize, usize> = HashMap::new();
        for (g, fs) in forms.into_iter().enumerate() {
            let r = root(&mut parent, g);
            let n = out.groups.len();
            let gi = *index_of_root.entry(r).or_insert(n);
            if gi == n {
                out.groups.push(Group::default());
            }
            for f in fs {
                let group = &mut out.groups[gi];
                match f {
                    Form::Japanese(chars) if !group.japanese.contains(&chars) => group.japanese.push(chars),
                    Form::Word(w) if !group.words.contains(&w) => group.words.push(w),
                    _ => {}
                }
            }
        }
        for (gi, g) in out.groups.iter().enumerate() {
            for f in &g.japanese {
                out.japanese.entry(f[0]).or_default().push((f.clone(), gi));
            }
            for w in &g.words {
                out.words.insert(w.clone(), gi);
            }
        }
        for list in out.japanese.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        out
    }

    /// Pushes the keys the other forms of every group found in the Japanese `run` would give
    /// in its place: their bigrams, and the bigrams they make with the characters around them
    /// (or with the other forms of a group found right beside them); Latin forms of a group
    /// are pushed as words through `add_word`.
    pub(crate) fn run_alternates(
        &self,
        run: &[char],
        out: &mut Vec<Key>,
        add_word: &mut dyn FnMut(&str, &mut Vec<Key>),
    ) {
        if self.japanese.is_empty() {
            return;
        }
        // (start, end, group, form): the longest form of each group at each place.
        let mut found: Vec<(usize, usize, usize, &[char])> = Vec::new();
        for i in 0..run.len() {
            let Some(candidates) = self.japanese.get(&run[i]) else { continue };
            let mut groups_here: Vec<usize> = Vec::new();
            for (form, g) in candidates {
                if run[i..].starts_with(form) && !groups_here.contains(g) {
                    groups_here.push(*g);
                    found.push((i, i + form.len(), *g, form));
                }
            }
        }
        for &(start, end, g, form) in &found {
            let group = &self.groups[g];
            // The characters that can stand before and after this form: the text's, and the
            // edges of the other forms of a group found right beside it.
            let mut before: Vec<char> = Vec::new();
            let mut after: Vec<char> = Vec::new();
            if start > 0 {
                before.push(run[start - 1]);
            }
            if end < run.len() {
                after.push(run[end]);
            }
            for &(s, e, h, f) in &found {
                if e == start && h != g {
                    before
                        .extend(self.groups[h].japanese.iter().filter(|o| o.as_slice() != f).filter_map(|o| o.last()));
                }
                if s == end && h != g {
                    after
                        .extend(self.groups[h].japanese.iter().filter(|o| o.as_slice() != f).filter_map(|o| o.first()));
                }
            }
            for other in group.japanese.iter().filter(|o| o.as_slice() != form) {
                push_run(other, out);
                if let (Some(first), Some(last)) = (other.first(), other.last()) {
                    out.extend(before.iter().map(|b| Key::japanese(*b, Some(*first))));
                    out.extend(after.iter().map(|a| Key::japanese(*last, Some(*a))));
                }
            }
            for w in &group.words {
                add_word(w, out);
            }
            // The whole forms, so a query of exactly one of them knows this text has it.
            for f in &group.japanese {
                add_word(&format!("={}", f.iter().collect::<String>()), out);
            }
        }
    }

    /// Pushes the keys of the other forms of the group of the word `term`, if it has one.
    pub(crate) fn word_alternates(
        &self,
        term: &str,
        out: &mut Vec<Key>,
        add_word: &mut dyn FnMut(&str, &mut Vec<Key>),
    ) {
        let Some(&g) = self.words.get(term) else { return };
        let group = &self.groups[g];
        for w in group.words.iter().filter(|w| *w != term) {
            add_word(w, out);
        }
        for f in &group.japanese {
            push_run(f, out);
        }
    }
}

#[cfg(test)]
#[path = "variants_tests.rs"]
mod tests;
