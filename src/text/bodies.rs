//! Every Markdown body of a site rendered once per build (reusing the last build's where the
//! source is the same), shared by the pages and the search index.

use super::markdown::{render_with, Rendered};
use crate::model::{Site, Source};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Rendered bodies by file, with the hash of the source each was rendered from (and of the
/// names given furigana, when there are any).
type ByFile = HashMap<String, (u64, Arc<Rendered>)>;

/// The last build's bodies, kept for the next (`serve`); a cold build starts empty.
#[derive(Default)]
pub(crate) struct BodyMemo(Mutex<Arc<ByFile>>);

/// Every Markdown body of a site rendered once, shared by the pages and the search index.
/// Looked up by the model's own [`Source`], so a page can only ask for a body of the site it
/// was made from, in the version it was made from.
#[derive(Debug, Default, Clone)]
pub(crate) struct Bodies(Arc<ByFile>, u64);

impl Bodies {
    /// Renders every body of `site` in parallel, reusing what `memo` holds for unchanged sources
    /// (the memo keeps the last build's bodies; a rebuild after one edit renders one body).
    pub(crate) fn render_all(site: &Site, memo: &BodyMemo) -> Bodies {
        use rayon::prelude::*;
        let sources = || site.bodies().flat_map(|md| md.by_lang.values());
        // The names given furigana are marked in every body: another list renders them anew.
        let readings = &site.search.furigana;
        let render = |text: &str| render_with(text, readings);
        let salt = if readings.is_empty() { 0 } else { crate::reuse::fingerprint(readings) };
        let key = |s: &Source| s.hash ^ salt;
        let Ok(mut last) = memo.0.lock() else {
            return Bodies(
                Arc::new(sources().map(|s| (s.file.clone(), (key(s), Arc::new(render(&s.text))))).collect()),
                salt,
            );
        };
        let mut count = 0;
        let stale: Vec<&Source> =
            sources().inspect(|_| count += 1).filter(|s| last.get(&s.file).is_none_or(|(h, _)| *h != key(s))).collect();
        if stale.is_empty() && last.len() == count {
            return Bodies(last.clone(), salt);
        }
        let fresh: Vec<(&Source, Arc<Rendered>)> =
            stale.into_par_iter().map(|s| (s, Arc::new(render(&s.text)))).collect();
        // The last build's map is shared only while its search index is being made.
        let map = Arc::make_mut(&mut last);
        for (s, r) in fresh {
            map.insert(s.file.clone(), (key(s), r));
        }
        if map.len() > count {
            let files: std::collections::HashSet<&str> = sources().map(|s| s.file.as_str()).collect();
            map.retain(|f, _| files.contains(f.as_str()));
        }
        Bodies(last.clone(), salt)
    }

    /// The rendered body of `source`. Every body of the site these bodies were rendered from is
    /// here; asking for another one is a bug (a debug assertion) and shows no body.
    pub(crate) fn get(&self, source: &Source) -> Option<&Rendered> {
        let found = self.0.get(&source.file).filter(|(hash, _)| *hash == source.hash ^ self.1).map(|(_, r)| &**r);
        debug_assert!(found.is_some(), "no rendered body for {} (not of this site?)", source.file);
        found
    }
}
