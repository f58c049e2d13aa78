//! The built-in table, entry by entry: every form of every line is valid and finds every other
//! form of its line, alone and inside a phrase; and the rules of substitution on small cases.

use super::*;
use crate::search::tokenize::{index_keys, query_tokens, Words};
use std::collections::HashSet;

/// The index keys of `text` under `variants`, spelled out.
fn keys(text: &str, variants: &Variants) -> HashSet<String> {
    let (mut keys, mut words) = (Vec::new(), Words::default());
    index_keys(text, variants, &mut keys, &mut words);
    keys.iter().filter_map(|k| k.text(&words)).collect()
}

/// Whether a query `query` finds a text `text`: every token of the query, with the canonical
/// forms in place as the browser puts them, is a key of the text.
fn finds(query: &str, text: &str, variants: &Variants) -> bool {
    let q = query_tokens(query, variants);
    let k = keys(text, variants);
    !q.is_empty() && q.iter().all(|t| k.contains(t))
}

// Every line of the table: each form is one form (Japanese characters only, or one Latin
// word), the forms are different once normalised, a short hiragana form (which would match
// inside ordinary words) is only the main spelling, and no form is on two lines. Each failure
// names its line.
#[test]
fn every_entry_of_the_table_is_well_formed() {
    let mut seen: HashMap<Form, usize> = HashMap::new();
    let mut failed = Vec::new();
    let mut entries = 0;
    for (line, group) in table_groups() {
        entries += 1;
        let mut forms: Vec<Form> = Vec::new();
        for (i, text) in group.iter().enumerate() {
            let Some(form) = Form::of(text) else {
                failed.push(format!("line {line}: {text:?} is not one form"));
                continue;
            };
            if let Form::Japanese(chars) = &form {
                let hiragana = chars.iter().all(|c| ('\u{3041}'..='\u{309F}').contains(c));
                if hiragana && chars.len() < 3 && i > 0 {
                    failed
                        .push(format!("line {line}: {text:?} is a short hiragana form that is not the main spelling"));
                }
            }
            if forms.contains(&form) {
                failed.push(format!("line {line}: {text:?} is the same as another form of the line"));
            }
            if let Some(other) = seen.insert(form.clone(), line) {
                if other != line {
                    failed.push(format!("line {line}: {text:?} is also on line {other}"));
                }
            }
            forms.push(form);
        }
        if forms.len() < 2 {
            failed.push(format!("line {line}: fewer than two different forms"));
        }
    }
    assert!(entries >= 250, "{entries} entries");
    assert!(failed.is_empty(), "{} problems:\n{}", failed.len(), failed.join("\n"));
}

// Every form of every line finds every other form of its line: a query written one way finds
// a text written the other way, alone and inside a phrase (地域の… について). Each failure names
// its line and the pair.
#[test]
fn every_entry_of_the_table_finds_each_of_its_forms() {
    let variants = Variants::new(std::iter::empty());
    let mut failed = Vec::new();
    let mut pairs = 0;
    for (line, group) in table_groups() {
        for text in &group {
            for query in group.iter().filter(|q| *q != text) {
                pairs += 1;
                let japanese = |s: &str| matches!(Form::of(s), Some(Form::Japanese(_)));
                let in_phrase =
                    |s: &str| if japanese(s) { format!("地域の{s}について") } else { format!("about {s} here") };
                if !finds(query, text, &variants) {
                    failed.push(format!("line {line}: {query:?} does not find {text:?}"));
                } else if japanese(query) && japanese(text) && !finds(&in_phrase(query), &in_phrase(text), &variants) {
                    failed.push(format!("line {line}: {:?} does not find {:?}", in_phrase(query), in_phrase(text)));
                }
            }
        }
    }
    assert!(pairs > 500, "{pairs} pairs");
    assert!(failed.is_empty(), "{} failures:\n{}", failed.len(), failed.join("\n"));
}

fn groups(gs: &[&[&str]]) -> Variants {
    Variants::of_groups(&gs.iter().map(|g| g.iter().map(|s| s.to_string()).collect()).collect::<Vec<_>>())
}

// A form is found inside longer words, so a compound in one spelling finds the other.
#[test]
fn variants_apply_inside_compounds() {
    let v = groups(&[&["子ども", "子供", "こども"]]);
    assert!(finds("子供食堂", "花見川区の子ども食堂です", &v));
    assert!(finds("こども食堂", "花見川区の子ども食堂です", &v));
    assert!(finds("子ども食堂", "子供食堂", &v));
    assert!(!finds("子供食堂", "子ども会と食堂", &v), "食堂 does not follow 子ども there");
}

// Two forms side by side are both replaced: a reading of the whole compound finds it.
#[test]
fn neighbouring_forms_combine() {
    let v = groups(&[&["子ども", "こども"], &["食堂", "しょくどう"]]);
    assert!(finds("こどもしょくどう", "子ども食堂", &v));
    let v = groups(&[&["一人", "ひとり"], &["暮らし", "ぐらし"]]);
    assert!(finds("ひとりぐらし", "一人暮らしの高齢者", &v));
}

// Groups that share a form are one group.
#[test]
fn groups_sharing_a_form_merge() {
    let v = groups(&[&["犢橋", "こてはし"], &["こてはし", "kotehashi"]]);
    assert!(finds("kotehashi", "犢橋地区", &v));
    assert!(finds("犢橋", "Kotehashi district", &v));
}

// Latin words of a group find each other and their Japanese forms, after folding.
#[test]
fn word_groups_fold_like_queries() {
    let v = groups(&[&["child", "kid"], &["ファックス", "fax"]]);
    assert!(finds("kids", "children's cafeteria", &v));
    assert!(finds("FAX", "ファックスで申し込む", &v));
    assert!(finds("ファックス", "by fax", &v));
}

// A form overlapping another group's form is found too (まちづくり holds づくり).
#[test]
fn overlapping_forms_of_two_groups_both_apply() {
    let v = groups(&[&["まちづくり", "街づくり"], &["づくり", "作り"]]);
    assert!(finds("街づくり", "まちづくり", &v));
    assert!(finds("まち作り", "まちづくり", &v));
}

// Forms that are not one word are left out, not matched in pieces.
#[test]
fn forms_of_mixed_script_are_ignored() {
    assert_eq!(Form::of("NPO法人"), None);
    assert_eq!(Form::of("区"), None);
    assert_eq!(Form::of("two words"), None);
    assert_eq!(Form::of("ＮＰＯ"), Some(Form::Word("npo".into())));
}
