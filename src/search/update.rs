//! The shards of a language's index made again from the last build's, where the caller has
//! most packs of documents as that build made them (`search::Reuse`): the postings of those
//! packs' documents are read back from the last build's shards, the others' are the ones just
//! gathered from their text, and each shard is written from both. After a one-word edit one
//! pack of documents is read and tokenized, not all of them (at N = 1,000 the index stage of
//! such a build took 20-30 ms, most of it making and tokenizing every document's text again).
//!
//! The shards made are exactly those a whole build makes, or none: [`shards`] says it cannot
//! (and the caller gathers every document) where the last build's files are not there as it
//! left them, where the number of shards changes, and where a token in more than half of the
//! documents before (its text list has no strong marks: see `push_lists`) is in fewer now, so
//! the marks of the documents kept would be needed and are not known.

use super::pack::{self, PACK};
use super::{
    is_dense, is_word, push_token, shard_count, shard_of, text_len, vocabulary, weight, Lists, Postings, Sharded,
    Spilled, Words, IN_HEADING, IN_TITLE, STRONG, VERSION, WEAK,
};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// The last build's index of the language, as its `meta.json` describes it.
pub(super) struct LastIndex<'l> {
    /// How many shards it has.
    shards: u32,
    /// The bytes of its files, as that build left them.
    read: crate::search::Last<'l>,
}

impl<'l> LastIndex<'l> {
    /// The last build's index that `read` gives the files of, if it has one of this version.
    pub(super) fn of(read: crate::search::Last<'l>) -> Option<LastIndex<'l>> {
        let meta: serde_json::Value = serde_json::from_slice(&read("meta.json")?).ok()?;
        if meta["v"] != VERSION || meta["pack"] != PACK {
            return None;
        }
        let shards = u32::try_from(meta["shards"].as_u64()?).ok().filter(|s| s.is_power_of_two())?;
        Some(LastIndex { shards, read })
    }
}

/// The shards of an index of `docs` documents (each pack's bytes): the last build's entries of each token but those
/// of the documents `dropped` says were read again, and the entries of those documents in
/// `postings` (with `words`, and what was written out in `spilled`). `None` where the last
/// build's index cannot give exactly what a whole build makes (see the top of this file); an
/// error reading back what was written out of `postings` is the error.
///
/// The shards are held (compressed) until their number is known to be the last build's: only
/// then are they given to the caller, so a build that cannot use them has written none.
pub(super) fn shards(
    last: &LastIndex,
    postings: &Postings,
    words: &Words,
    spilled: &Spilled,
    docs: usize,
    dropped: &(dyn Fn(u64) -> bool + Sync),
) -> std::io::Result<Option<Sharded<Vec<u8>>>> {
    let count = last.shards;
    // The tokens of the documents read, by shard, in order.
    let mut fresh: Vec<Vec<(String, &Lists)>> = (0..count).map(|_| Vec::new()).collect();
    for (key, lists) in postings {
        if let Some(token) = key.text(words) {
            fresh[shard_of(&token, count) as usize].push((token, lists));
        }
    }
    fresh.par_iter_mut().for_each(|tokens| tokens.sort_unstable_by(|a, b| a.0.cmp(&b.0)));
    // The last build's packs of shards, each read once, when its first shard is wanted.
    let packs: Vec<OnceLock<Option<Vec<u8>>>> = (0..(count as usize).div_ceil(PACK)).map(|_| OnceLock::new()).collect();
    let (unsure, total) = (AtomicBool::new(false), AtomicUsize::new(0));
    let (vocab, unread) = (Mutex::new(Vec::new()), Mutex::new(None));
    let shard = |n: usize| -> Vec<u8> {
        if unsure.load(Ordering::Relaxed) {
            return Vec::new();
        }
        let bytes = packs[n / PACK].get_or_init(|| (last.read)(&format!("shard/{}.bin", n / PACK)));
        let json = bytes.as_deref().and_then(|b| pack::part(b, n % PACK));
        let Some(old) = json.and_then(|j| serde_json::from_slice::<BTreeMap<String, Vec<String>>>(&j).ok()) else {
            unsure.store(true, Ordering::Relaxed);
            return Vec::new();
        };
        // Every token of the shard, in order: the last build's and the documents' read again.
        let mut tokens: BTreeMap<&str, (Option<&[String]>, Option<&Lists>)> =
            old.iter().map(|(token, lists)| (token.as_str(), (Some(lists.as_slice()), None))).collect();
        for (token, lists) in &fresh[n] {
            tokens.entry(token.as_str()).or_default().1 = Some(lists);
        }
        let (mut out, mut entries, mut read, mut scratch) = (String::from("{"), Vec::new(), Vec::new(), Vec::new());
        let (mut weights, mut words) = (0, Vec::new());
        for (token, (old, new)) in tokens {
            entries.clear();
            let mut unmarked = false;
            if let Some(lists) = old {
                match last_entries(lists, docs, dropped, &mut entries) {
                    Some(u) => unmarked = u,
                    None => {
                        unsure.store(true, Ordering::Relaxed);
                        return Vec::new();
                    }
                }
            }
            if let Some(lists) = new {
                if let Err(e) = lists.entries(&mut read, spilled, &mut scratch) {
                    if let Ok(mut first) = unread.lock() {
                        first.get_or_insert(e);
                    }
                }
                // (Other documents than the last build's entries kept: the two are merged.)
                entries.extend_from_slice(&read);
                entries.sort_unstable();
            }
            if entries.is_empty() {
                continue;
            }
            if unmarked && !is_dense(text_len(&entries), docs) {
                unsure.store(true, Ordering::Relaxed);
                return Vec::new();
            }
            weights += weight(token, entries.len());
            if is_word(token) {
                words.push((token.to_string(), entries.len()));
            }
            push_token(&mut out, token, docs, &entries);
        }
        out.push('}');
        total.fetch_add(weights, Ordering::Relaxed);
        if let Ok(mut vocab) = vocab.lock() {
            vocab.extend(words);
        }
        out.into_bytes()
    };
    let (made, sizes) = pack::packs(count as usize, shard, |_, bytes| bytes);
    if let Some(e) = unread.into_inner().ok().flatten() {
        return Err(e);
    }
    if unsure.into_inner() || shard_count(total.into_inner()) != count {
        return Ok(None);
    }
    let mut words = vocab.into_inner().unwrap_or_default();
    words.sort_unstable();
    let vocab = vocabulary(words.iter().map(|(w, n)| (w.as_str(), *n)));
    Ok(Some(Sharded { packs: made, sizes, count, vocab }))
}

/// The entries of a token's `lists` in the last build's shard (title, text, heading) into `out`
/// (in order of documents), but those of the documents `dropped` says were read again; and
/// whether any kept is in a text list without strong marks (where each is weak, as far as this
/// knows). `None` if the lists are not as `push_lists` writes them for `docs` documents.
fn last_entries(lists: &[String], docs: usize, dropped: &dyn Fn(u64) -> bool, out: &mut Vec<u64>) -> Option<bool> {
    if lists.len() > 3 {
        return None;
    }
    let mut unmarked = false;
    for (n, list) in lists.iter().enumerate() {
        let (dense, list) = match list.strip_prefix('~') {
            Some(rest) if n == 1 => (true, rest),
            _ => (false, list.as_str()),
        };
        let marked = n == 1 && !dense;
        let mut next = 0u64;
        for number in numbers(list) {
            let number = number?;
            let (gap, strong) = if marked { (number >> 1, number & 1 == 1) } else { (number, false) };
            // (Each difference is 1 or more: the first from −1.)
            if gap == 0 {
                return None;
            }
            let id = next.checked_add(gap - 1)?;
            next = id + 1;
            if dropped(id) {
                continue;
            }
            if id >= docs as u64 {
                return None;
            }
            let place = match n {
                0 => IN_TITLE,
                1 if strong => STRONG,
                1 => WEAK,
                _ => IN_HEADING,
            };
            unmarked |= n == 1 && dense;
            out.push(super::Lists::entry(id, place));
        }
    }
    // A document in more than one list is one entry, with the places of each.
    out.sort_unstable();
    out.dedup_by(|next, kept| {
        let same = *next >> 3 == *kept >> 3;
        if same {
            *kept |= *next;
        }
        same
    });
    Some(unmarked)
}

/// The numbers of a list as `push_number` writes them (base 32, lowest digit first, one
/// character a digit), each `None` where the text is not such a number.
pub(super) fn numbers(list: &str) -> impl Iterator<Item = Option<u64>> + '_ {
    let mut bytes = list.bytes().peekable();
    std::iter::from_fn(move || {
        bytes.peek()?;
        let (mut n, mut shift) = (0u64, 0u32);
        for b in bytes.by_ref() {
            // (Twelve digits hold 60 bits: more than any list has.)
            let Some(d) = digit(b).filter(|_| shift <= 55) else { return Some(None) };
            n |= (d & 31) << shift;
            if d < 32 {
                return Some(Some(n));
            }
            shift += 5;
        }
        Some(None)
    })
}

/// The value of each character of `super::DIGITS` (`u8::MAX` for any other byte), made from it.
const VALUES: [u8; 256] = {
    let mut values = [u8::MAX; 256];
    let mut i = 0;
    while i < super::DIGITS.len() {
        values[super::DIGITS[i] as usize] = i as u8;
        i += 1;
    }
    values
};

/// The value of a character of `super::DIGITS`.
fn digit(b: u8) -> Option<u64> {
    Some(VALUES[b as usize]).filter(|d| *d != u8::MAX).map(u64::from)
}

#[cfg(test)]
mod tests {
    use super::super::NOT_IN_TEXT;
    use super::*;

    // Every number `push_number` writes is read back, one after the other; a number cut short
    // or a character that is not a digit is none.
    #[test]
    fn numbers_written_are_read_back() {
        let values = [0u64, 1, 31, 32, 1023, 1024, 123_456_789, u64::from(u32::MAX), u64::MAX >> 4];
        let mut text = String::new();
        for v in values {
            super::super::push_number(&mut text, v);
        }
        assert_eq!(numbers(&text).collect::<Vec<_>>(), values.map(Some));
        for (i, &b) in super::super::DIGITS.iter().enumerate() {
            assert_eq!(digit(b), Some(i as u64));
        }
        assert_eq!(numbers("g").collect::<Vec<_>>(), [None]);
        assert_eq!(numbers("B!").collect::<Vec<_>>(), [Some(1), None]);
        assert_eq!(numbers("").count(), 0);
    }

    /// The three lists `push_lists` writes for `entries` of `docs` documents, as a shard has them.
    fn written(docs: usize, entries: &[u64]) -> Vec<String> {
        let mut out = String::new();
        super::super::push_lists(&mut out, docs, entries);
        serde_json::from_str(&out).unwrap()
    }

    proptest::proptest! {
        // The lists a shard has give back the entries they were written from, but the documents
        // dropped; in a list with no strong marks (a token in more than half of the documents)
        // every text entry comes back weak, and is said to be unmarked.
        #[test]
        fn lists_written_are_read_back(
            places in proptest::collection::btree_map(0u64..300, 1u64..8, 1..300),
            spare in 0usize..300,
            every in 1u64..9,
        ) {
            let entries: Vec<u64> = places.iter().map(|(&id, &place)| super::super::Lists::entry(id, place)).collect();
            // (As few documents as the entries need, or more: dense lists as well as marked.)
            let docs = places.keys().last().map_or(0, |id| *id as usize + 1) + spare;
            let lists = written(docs, &entries);
            let dropped = |id: u64| every > 1 && id.is_multiple_of(every);
            let mut back = Vec::new();
            let unmarked = last_entries(&lists, docs, &dropped, &mut back).unwrap();
            let dense = is_dense(text_len(&entries), docs);
            let kept: Vec<u64> = entries
                .iter()
                .filter(|e| !dropped(*e >> 3))
                .map(|&e| if dense && e & 3 == STRONG { e & !3 | WEAK } else { e })
                .collect();
            proptest::prop_assert_eq!(&back, &kept);
            proptest::prop_assert_eq!(unmarked, dense && kept.iter().any(|e| *e & 3 != NOT_IN_TEXT));
        }

        // Whatever a shard's lists hold, reading them never panics, and what comes back is in
        // order, one entry a document, each below the number of documents and not dropped.
        #[test]
        fn any_lists_are_read_safely(
            lists in proptest::collection::vec("~?[A-Za-z0-9_!-]{0,40}", 0..5),
            docs in 0usize..2_000,
        ) {
            let mut back = Vec::new();
            let dropped = |id: u64| id % 3 == 1;
            if last_entries(&lists, docs, &dropped, &mut back).is_some() {
                proptest::prop_assert!(back.windows(2).all(|w| w[0] >> 3 < w[1] >> 3));
                proptest::prop_assert!(back.iter().all(|e| (e >> 3) < docs as u64 && !dropped(e >> 3)));
            }
        }
    }
}
