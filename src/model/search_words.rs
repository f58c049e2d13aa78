//! `search.yaml` → the site's own search words: groups of forms that find each other (a place
//! name and its reading, a local name and the common one). Checked here; the search stage
//! adds them to its built-in table (`search::variants`).

use crate::content::raw::{RawReadings, RawSearch};
use crate::content::yaml::loc;
use crate::content::Item;
use crate::diag::msg;
use crate::diag::{Code, Diagnostic, Diagnostics};
use std::collections::BTreeMap;

/// The site's own groups of search words, each of two or more forms, in file order (readings,
/// then synonyms).
#[derive(Debug, Clone, Default, Hash)]
pub(crate) struct SearchWords {
    pub groups: Vec<Vec<String>>,
    /// The names given furigana (`furigana:`), shown on every occurrence.
    pub furigana: super::ruby::Readings,
}

impl SearchWords {
    /// Adds a name and its reading (from `furigana:` or a `{name|reading}` form in the content)
    /// to the groups, unless search could not match them or a group has them already.
    pub(crate) fn add_reading(&mut self, name: &str, reading: &str) {
        if !is_form(name) || !is_form(reading) || name == reading {
            return;
        }
        if let Some(g) = self.groups.iter_mut().find(|g| g.first().is_some_and(|f| f == name)) {
            if !g.iter().any(|f| f == reading) {
                g.push(reading.to_string());
            }
        } else {
            self.groups.push(vec![name.to_string(), reading.to_string()]);
        }
    }
}

/// Whether `form` can be a form: Japanese characters only (two or more), or one word of
/// letters and digits. The search stage finds a Japanese form inside longer words and a word
/// as a whole word; a form that is both or neither would match nothing.
fn is_form(form: &str) -> bool {
    let japanese = |c: char| {
        matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{3005}'..='\u{3007}' | '\u{FF66}'..='\u{FF9F}')
    };
    let n = form.chars().count();
    (n >= 2 && form.chars().all(japanese)) || (n >= 1 && form.chars().all(|c| c.is_alphanumeric() && !japanese(c)))
}

fn bad_form(item: &Item<RawSearch>, at: crate::diag::Location, form: &str) -> Diagnostic {
    Diagnostic::error(Code::WrongType, at, msg!("not-one-word", form = form))
        .with_hint(msg!("one-word-hint", file = &*item.file))
}

/// The site's search words, with a diagnostic for every form that cannot be one.
pub(crate) fn resolve(item: &Item<RawSearch>, diags: &mut Diagnostics) -> SearchWords {
    let file = &item.file;
    let mut groups = Vec::new();
    for (word, readings) in &item.raw.readings {
        let at = loc(file, readings);
        let list: Vec<&str> = match &readings.value {
            RawReadings::One(r) => vec![r.as_str()],
            RawReadings::Many(rs) => rs.iter().map(String::as_str).collect(),
        };
        let mut group = vec![word.trim().to_string()];
        for form in std::iter::once(word.as_str()).chain(list.iter().copied()) {
            if !is_form(form.trim()) {
                diags.push(bad_form(item, at.clone(), form));
            }
        }
        group.extend(list.iter().map(|r| r.trim().to_string()).filter(|r| r != word.trim()));
        if group.len() < 2 {
            diags.push(
                Diagnostic::error(Code::MissingValue, at, msg!("no-reading", word = word.as_str()))
                    .with_hint(msg!("no-reading-hint", word = word.as_str())),
            );
        } else {
            groups.push(group);
        }
    }
    for synonyms in &item.raw.synonyms {
        let mut group: Vec<String> = Vec::new();
        for form in &synonyms.value {
            if is_form(form.value.trim()) {
                if !group.iter().any(|g| g == form.value.trim()) {
                    group.push(form.value.trim().to_string());
                }
            } else {
                diags.push(bad_form(item, loc(file, form), &form.value));
            }
        }
        if group.len() < 2 {
            diags.push(
                Diagnostic::error(Code::MissingValue, loc(file, synonyms), msg!("synonyms-too-few"))
                    .with_hint(msg!("synonyms-too-few-hint")),
            );
        } else {
            groups.push(group);
        }
    }
    let mut furigana = BTreeMap::new();
    for (name, reading) in &item.raw.furigana {
        let at = loc(file, reading);
        let name = name.trim();
        let r = reading.value.trim();
        let kana = |c: char| matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}');
        if name.is_empty() || name.contains(['{', '|', '}']) || name.chars().count() > 40 {
            diags.push(
                Diagnostic::error(Code::WrongType, at, msg!("no-furigana-for", name = name))
                    .with_hint(msg!("no-furigana-for-hint")),
            );
        } else if r.is_empty() || !r.chars().all(kana) || r.chars().count() > 40 {
            diags.push(
                Diagnostic::error(Code::WrongType, at, msg!("not-kana", reading = r))
                    .with_hint(msg!("not-kana-hint", name = name)),
            );
        } else {
            furigana.insert(name.to_string(), r.to_string());
        }
    }
    let mut words = SearchWords { groups, furigana: super::ruby::Readings::new(furigana) };
    let pairs: Vec<(String, String)> = words.furigana.pairs().map(|(n, r)| (n.to_string(), r.to_string())).collect();
    for (name, reading) in pairs {
        words.add_reading(&name, &reading);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    // A form is Japanese characters or one word: never mixed, never with a space, never one
    // Japanese character (which would match inside every word).
    #[test]
    fn forms_are_one_word_of_one_script() {
        for ok in ["犢橋", "こてはし", "コテハシ", "Kotehashi", "npo", "ｺﾃﾊｼ"] {
            assert!(is_form(ok), "{ok}");
        }
        for bad in ["", "区", "NPO法人", "kote hashi", "犢 橋", "千葉-市"] {
            assert!(!is_form(bad), "{bad}");
        }
    }
}
