//! plansite: publishes a public plan as a bilingual, searchable, accessible static site.
//!
//! The build is a pipeline of stages, each a module, each taking values and returning values:
//!
//! 1. [`source`]: read `content/`, `templates/` and `themes/` from disk into a [`SourceTree`]
//!    (the only stage that reads files).
//! 2. [`content`]: parse the YAML and Markdown files into raw content, collecting diagnostics.
//! 3. [`model`]: resolve raw content into a validated [`model::Site`]: languages, references,
//!    numbers, dates; every problem becomes a [`diag::Diagnostic`] with file, line and column.
//! 4. [`render`]: render every page in every language with the theme's templates, plus the
//!    sitemap, feeds and static files, into a [`RenderedSite`] in memory; [`search`] adds the
//!    search index of each language.
//! 5. [`output`]: write the rendered site atomically (stage, then swap).
//!
//! [`pipeline::compile`] composes stages 2–4 and is the only path from content to pages;
//! [`build`] adds stages 1 and 5.

pub mod content;
pub mod diag;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod model;
pub mod options;
pub mod output;
pub mod pipeline;
pub mod render;
mod reuse;
pub mod search;
pub mod serve;
pub mod source;

pub use error::BuildError;
pub use options::BuildOptions;
pub use output::RenderedSite;
pub use pipeline::{compile, compile_with, Compiled, Memo};
pub use render::SearchIndex;
pub use source::SourceTree;

/// Reads the site root, compiles it and writes the site. On any error the output directory is
/// left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<Compiled, BuildError> {
    build_from(&SourceTree::load(&options.root)?, options)
}

/// Compiles a tree already read and writes the site; the caller keeps the tree, e.g. to show
/// the source lines of diagnostics.
pub fn build_from(tree: &SourceTree, options: &BuildOptions) -> Result<Compiled, BuildError> {
    let mut compiled = compile(tree, options)?;
    let written = std::time::Instant::now();
    output::write_atomic(&compiled.site, &options.output)?;
    compiled.timings.push(("write", written.elapsed()));
    Ok(compiled)
}
