//! Every Markdown body of a site rendered once per build (reusing the last build's where the
//! source is the same), shared by the pages and the search index.

use super::markdown::Rendered;
use super::memo::RenderedBodies;

/// Every Markdown body of a site rendered once, by file, shared by the pages and the search
/// index.
#[derive(Debug, Default, Clone)]
pub(crate) struct Bodies(std::sync::Arc<RenderedBodies>);

impl Bodies {
    /// Renders every body of `site` in parallel, reusing what `memo` holds for unchanged sources
    /// (the memo keeps the last build's bodies; a rebuild after one edit renders one body).
    pub(crate) fn render_all(site: &crate::model::Site, memo: &super::memo::RenderMemo) -> Bodies {
        use rayon::prelude::*;
        use std::sync::Arc;
        let Ok(mut last) = memo.bodies.lock() else {
            let all = site.bodies().flat_map(|md| md.by_lang.values());
            return Bodies(Arc::new(
                all.map(|s| (s.file.clone(), (s.hash, Arc::new(super::markdown::render(&s.text))))).collect(),
            ));
        };
        let mut count = 0;
        let stale: Vec<&crate::model::Source> = site
            .bodies()
            .flat_map(|md| md.by_lang.values())
            .inspect(|_| count += 1)
            .filter(|s| last.get(&s.file).is_none_or(|(h, _)| *h != s.hash))
            .collect();
        if stale.is_empty() && last.len() == count {
            return Bodies(last.clone());
        }
        let fresh: Vec<(&crate::model::Source, Arc<Rendered>)> =
            stale.into_par_iter().map(|s| (s, Arc::new(super::markdown::render(&s.text)))).collect();
        // The last build's map is shared only while its search index is being made.
        let map = Arc::make_mut(&mut last);
        for (s, r) in fresh {
            map.insert(s.file.clone(), (s.hash, r));
        }
        if map.len() > count {
            let files: std::collections::HashSet<&str> =
                site.bodies().flat_map(|md| md.by_lang.values()).map(|s| s.file.as_str()).collect();
            map.retain(|f, _| files.contains(f.as_str()));
        }
        Bodies(last.clone())
    }

    /// The rendered body of `file`.
    pub(crate) fn get(&self, file: &str) -> Option<&Rendered> {
        self.0.get(file).map(|(_, r)| &**r)
    }
}
