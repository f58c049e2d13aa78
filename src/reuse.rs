//! What one build keeps for the next (inside the one pipeline; `serve` keeps it across
//! rebuilds, a cold build starts empty): values by key, reused while what they were made from
//! is the same, and forgotten as soon as a build no longer asks for them.
//!
//! Parsing keeps items by their files' bytes (`SourceTree` shares unchanged files, so "the
//! same" is a pointer comparison), resolving keeps case studies and progress years by the
//! parsed item they came from; `render::memo` keeps pages by fingerprint.

use rustc_hash::FxHashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;

/// A 64-bit fingerprint of any hashable value (not for security: to notice changes).
pub(crate) fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// A 64-bit fingerprint of a long text (not for security: to notice that a file changed):
/// rustc-hash's hash of bytes, one multiply and fold for each 16 bytes, where
/// [`fingerprint`]'s SipHash does rounds of its own for each 8. Each body is fingerprinted as
/// it is read, and again each time a build that could not keep it reads it again (at
/// N = 100,000, 640 MB of Markdown some three times: SipHash was 4.8 G of the instructions,
/// cachegrind).
pub(crate) fn text_fingerprint(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// The most items of a parallel list one task takes on (`with_max_len`) where items cost very
/// different times (pages, bodies, files): rayon otherwise stops splitting after a few halvings,
/// and the last worker is left with a long run of them alone, the other core idle (perf at
/// N = 10,000: some 0.6 s of the render stage on one core).
pub(crate) const SMALL_TASKS: usize = 4;

/// Gives `value`'s memory back on a thread of its own, where it holds much of it in many small
/// pieces that nothing needs any more: the build goes on meanwhile, and a build that is over
/// does not wait for it (at N = 10,000 a one-off build gave back its parsed files and, at the
/// end, its memo one piece after another, some 0.2 s on one core with the other idle). Only for
/// values whose dropping does nothing but free memory: a process that ends meanwhile ends the
/// thread too. Where no thread can be started, `value` is dropped here.
pub(crate) fn drop_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().name("plansite-drop".into()).spawn(move || drop(value));
}

/// The values the last build made, by key.
pub(crate) struct Reuse<V> {
    last: Mutex<FxHashMap<String, V>>,
}

impl<V> Default for Reuse<V> {
    fn default() -> Self {
        Reuse { last: Mutex::new(FxHashMap::default()) }
    }
}

impl<V: Clone + Send + Sync> Reuse<V> {
    /// One value per input, in order: the last build's value for the input's key where `same`
    /// says it was made from the same things, else a new one from `make` (the new ones in
    /// parallel). Afterwards exactly these values are kept: nothing outlives the build that
    /// stopped asking for it.
    pub(crate) fn values<I: Sync>(
        &self,
        inputs: &[I],
        key: impl Fn(&I) -> &str,
        same: impl Fn(&I, &V) -> bool,
        make: impl Fn(&I) -> V + Sync + Send,
    ) -> Vec<V> {
        use rayon::prelude::*;
        let mut last = match self.last.lock() {
            Ok(last) => last,
            Err(_) => return inputs.par_iter().map(make).collect(),
        };
        let kept: Vec<Option<V>> = inputs.iter().map(|i| last.get(key(i)).filter(|v| same(i, v)).cloned()).collect();
        let mut made: Vec<V> = inputs
            .par_iter()
            .with_max_len(SMALL_TASKS)
            .zip(&kept)
            .filter(|(_, k)| k.is_none())
            .map(|(i, _)| make(i))
            .collect();
        made.reverse();
        let mut out = Vec::with_capacity(inputs.len());
        for (i, k) in inputs.iter().zip(kept) {
            let value = match k {
                Some(value) => value,
                None => match made.pop() {
                    Some(value) => {
                        last.insert(key(i).to_string(), value.clone());
                        value
                    }
                    None => continue,
                },
            };
            out.push(value);
        }
        // Every input's key is now in the map: more entries means some are no longer asked for.
        if last.len() > inputs.len() {
            let asked: std::collections::HashSet<&str> = inputs.iter().map(&key).collect();
            last.retain(|k, _| asked.contains(k.as_str()));
        }
        out
    }
}

impl<V: Clone> Reuse<V> {
    /// The value the last build made for `key`.
    pub(crate) fn get(&self, key: &str) -> Option<V> {
        self.last.lock().ok()?.get(key).cloned()
    }

    /// Keeps `value` for `key`, made for a rebuild that did not ask for every value (see
    /// `content::delta`).
    pub(crate) fn put(&self, key: &str, value: V) {
        if let Ok(mut last) = self.last.lock() {
            last.insert(key.to_string(), value);
        }
    }
}

/// The order that sorted the last list sorted with it: a rebuild sorts the same items in the
/// same order (the case studies by date, the site's files by path), so that order is tried
/// first and checked in one pass (one comparison per item instead of a sort's dozen or more,
/// each of which reads two items from memory), and the list is sorted anew only when it does
/// not hold.
#[derive(Default)]
pub(crate) struct LastOrder(Mutex<Vec<usize>>);

/// Of each run of neighbours that are `same` in `list` (sorted stably: in the order they were
/// added), the last added alone, in the run's place: what a map given the same list keeps.
pub(crate) fn keep_last_of_each<T>(list: &mut Vec<T>, same: impl Fn(&T, &T) -> bool) {
    // (`dedup_by` keeps the first of each run: each later one is swapped into its place.)
    list.dedup_by(|later, kept| {
        let is_same = same(later, kept);
        if is_same {
            std::mem::swap(later, kept);
        }
        is_same
    });
}

/// Puts `items` in the order `from` gives (item `k` becomes the one that was at `from[k]`), in
/// place: following each cycle of the order, not through a second list as long as `items`
/// (the site's 235,000 files at N = 100,000: 11 MB at the render's end). `from` is a
/// permutation of the positions of `items`, and is used up.
fn permute<T>(items: &mut [T], mut from: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len().min(from.len()) {
        let mut k = start;
        while from[k] != DONE {
            let next = from[k];
            from[k] = DONE;
            if next == start || next >= items.len() {
                break;
            }
            items.swap(k, next);
            k = next;
        }
    }
}

impl LastOrder {
    /// `items` sorted by `cmp` (stable: items that compare equal keep their order), and that
    /// order kept for the next list.
    pub(crate) fn sort<T: Send + Sync>(
        &self,
        mut items: Vec<T>,
        cmp: impl Fn(&T, &T) -> std::cmp::Ordering + Sync,
    ) -> Vec<T> {
        use rayon::slice::ParallelSliceMut;
        let mut fresh = Vec::new();
        let mut last = self.0.lock();
        let order = match last.as_deref_mut() {
            Ok(order) => order,
            Err(_) => &mut fresh,
        };
        // Strictly before: with equal neighbours a stable sort may give another order.
        let before = |a: usize, b: usize| {
            items.get(a).zip(items.get(b)).is_some_and(|(a, b)| cmp(a, b) == std::cmp::Ordering::Less)
        };
        if order.len() != items.len() || !order.windows(2).all(|w| before(w[0], w[1])) {
            *order = (0..items.len()).collect();
            order.par_sort_by(|&a, &b| cmp(&items[a], &items[b]));
        }
        permute(&mut items, order.clone());
        items
    }

    /// Where the last list put each of its items `items` (in ascending order), in one pass
    /// over the order; `None` if one is not in it.
    pub(crate) fn positions_of(&self, items: &[usize]) -> Option<Vec<usize>> {
        let order = self.0.lock().ok()?;
        let mut places = vec![None; items.len()];
        for (place, i) in order.iter().enumerate() {
            if let Ok(k) = items.binary_search(i) {
                places[k] = Some(place);
            }
        }
        places.into_iter().collect()
    }
}

/// A cache a memo of one build empties once what it keeps is no longer needed (see
/// `Memo::for_build`): each [`Reuse`], whatever it keeps.
pub(crate) trait Forget {
    /// Keeps nothing for a next build.
    fn forget(&self);

    /// Whether it keeps nothing.
    #[cfg(test)]
    fn is_empty(&self) -> bool;
}

impl<V: Send + 'static> Forget for Reuse<V> {
    fn forget(&self) {
        if let Ok(mut last) = self.last.lock() {
            drop_aside(std::mem::take(&mut *last));
        }
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.last.lock().map_or(true, |last| last.is_empty())
    }
}

impl Forget for LastOrder {
    fn forget(&self) {
        if let Ok(mut order) = self.0.lock() {
            *order = Vec::new();
        }
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.0.lock().map_or(true, |order| order.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The value is dropped, and not on the caller's thread.
    #[test]
    fn a_value_given_aside_is_dropped_on_a_thread_of_its_own() {
        struct Signal(std::sync::mpsc::Sender<std::thread::ThreadId>);
        impl Drop for Signal {
            fn drop(&mut self) {
                let _ = self.0.send(std::thread::current().id());
            }
        }
        let (tx, rx) = std::sync::mpsc::channel();
        drop_aside(Signal(tx));
        let dropped_on = rx.recv_timeout(std::time::Duration::from_secs(30)).unwrap();
        assert_ne!(dropped_on, std::thread::current().id());
    }

    // A value is reused while its input is the same, made anew when it changed, and forgotten
    // when a build no longer asks for it. Each value records the build that made it (values
    // are made in parallel, so a counter of calls would depend on the order of threads).
    #[test]
    fn reuses_what_is_the_same_and_forgets_what_is_gone() {
        let reuse: Reuse<(u32, u32)> = Reuse::default();
        let build = std::sync::atomic::AtomicU32::new(0);
        let run = |inputs: &[(&str, u32)]| {
            build.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            reuse.values(
                inputs,
                |(k, _)| k,
                |(_, v), (old, _)| v == old,
                |(_, v)| (*v, build.load(std::sync::atomic::Ordering::Relaxed)),
            )
        };
        assert_eq!(run(&[("a", 1), ("b", 2)]), [(1, 1), (2, 1)]);
        assert_eq!(run(&[("a", 1), ("b", 3)]), [(1, 1), (3, 2)], "a kept, b made anew");
        assert_eq!(run(&[("b", 3)]), [(3, 2)]);
        assert_eq!(run(&[("a", 1), ("b", 3)]), [(1, 4), (3, 2)], "a was forgotten, so made again");
    }

    // The places the last order put items at, found together; an item it does not have is
    // none.
    #[test]
    fn the_places_of_items_in_the_last_order() {
        let order = LastOrder::default();
        order.sort(vec![30, 10, 40, 20], |a: &u32, b: &u32| a.cmp(b));
        assert_eq!(*order.0.lock().unwrap(), [1, 3, 0, 2]);
        assert_eq!(order.positions_of(&[0, 1, 3]), Some(vec![2, 0, 1]));
        assert_eq!(order.positions_of(&[]), Some(vec![]));
        assert_eq!(order.positions_of(&[2, 4]), None);
    }

    // Items put in a given order in place are what taking them one by one gives, for orders
    // of one cycle, of several, and with items that stay where they are.
    #[test]
    fn items_are_put_in_an_order_in_place() {
        for from in [vec![], vec![0], vec![1, 0], vec![1, 2, 0], vec![2, 0, 1, 3, 5, 4], vec![0, 3, 1, 2, 4]] {
            let items: Vec<String> = (0..from.len()).map(|i| format!("item {i}")).collect();
            let expected: Vec<String> = from.iter().map(|&i| items[i].clone()).collect();
            let mut moved = items.clone();
            permute(&mut moved, from.clone());
            assert_eq!(moved, expected, "{from:?}");
        }
    }

    // The last order is used while it sorts the list, and the list is sorted anew when it does
    // not: each result is what a stable sort gives.
    #[test]
    fn sorts_in_the_last_order_while_it_holds() {
        let order = LastOrder::default();
        let compared = std::sync::atomic::AtomicUsize::new(0);
        let by_first = |a: &(u32, char), b: &(u32, char)| {
            compared.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            a.0.cmp(&b.0)
        };
        // The number of comparisons the sort made.
        let check = |items: Vec<(u32, char)>| {
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            compared.store(0, std::sync::atomic::Ordering::Relaxed);
            assert_eq!(order.sort(items, by_first), expected);
            compared.load(std::sync::atomic::Ordering::Relaxed)
        };
        let many: Vec<(u32, char)> = (0..100u32).map(|i| ((i * 37) % 101, 'a')).collect();
        assert!(check(many.clone()) > 99 * 2, "sorted, with more comparisons than one pass");
        // The same places, other values in the same order: the last order holds, found in one
        // pass (one comparison per neighbour).
        let scaled: Vec<(u32, char)> = many.iter().map(|(v, c)| (v * 10, *c)).collect();
        assert_eq!(check(scaled), 99);
        check(vec![(3, 'a'), (1, 'b'), (2, 'c')]);
        assert_eq!(*order.0.lock().unwrap(), [1, 2, 0]);
        check(vec![(30, 'a'), (10, 'b'), (20, 'c')]);
        // A value moved: sorted anew.
        check(vec![(3, 'a'), (4, 'b'), (2, 'c')]);
        assert_eq!(*order.0.lock().unwrap(), [2, 0, 1]);
        // Equal values keep their places in the list (stable), whatever the last order was.
        check(vec![(1, 'x'), (0, 'y'), (1, 'z')]);
        check(vec![(1, 'z'), (0, 'y'), (1, 'x')]);
        // Another length.
        check(vec![(2, 'a'), (1, 'b')]);
        check(vec![]);
    }
}
