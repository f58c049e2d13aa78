//! The one composition of the stages: source tree → raw content → model → rendered site.
//! `build` writes its result to disk; tests (and later `serve`) keep it in memory. There is no
//! other path from content to pages.

use crate::content;
use crate::diag::Diagnostics;
use crate::error::BuildError;
use crate::model::{self, Site};
use crate::options::BuildOptions;
use crate::output::RenderedSite;
use crate::render::{self, templates::Templates};
use crate::source::SourceTree;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// What a successful compile produced.
#[derive(Debug)]
pub struct Compiled {
    pub site: RenderedSite,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// Items lacking a translation: language → kind → count.
    pub missing_translations: BTreeMap<String, BTreeMap<&'static str, usize>>,
    /// How long each stage took, in order (shown by `plansite build --timings`).
    pub timings: Vec<(&'static str, Duration)>,
}

/// Compiles a source tree into a site in memory.
pub fn compile(tree: &SourceTree, options: &BuildOptions) -> Result<Compiled, BuildError> {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let (raw, parse_diags) = content::parse(tree);
    lap("parse");
    let (parse_errors, mut warnings) = parse_diags.partition();
    let resolved = model::resolve(raw);
    lap("resolve");
    let mut site: Site = match resolved {
        Ok(site) if parse_errors.is_empty() => site,
        Ok(_) => return Err(BuildError::Content(parse_errors.sorted())),
        Err(mut diags) => {
            diags.extend(parse_errors);
            return Err(BuildError::Content(diags.sorted()));
        }
    };
    if let Some(url) = &options.base_url {
        site.config.base_url = if url.ends_with('/') { url.clone() } else { format!("{url}/") };
    }
    let templates = Templates::load(tree, &site.config)?;
    warnings.extend(templates.warnings.clone());
    lap("templates");
    let rendered = render::render_site(&site, &templates, tree)?;
    lap("render + search index");
    Ok(Compiled {
        site: rendered,
        warnings: warnings.sorted(),
        missing_translations: site.missing_translations,
        timings,
    })
}
