//! plansite: publishes a public plan as a bilingual, searchable, accessible static site.
//!
//! The build is a pipeline of stages, each a module, each taking values and returning values:
//!
//! 1. `source`: read `content/`, `templates/` and `themes/` from disk into a [`SourceTree`]
//!    (the only stage that reads files).
//! 2. `content`: parse the YAML and Markdown files into raw content, collecting diagnostics.
//! 3. `model`: resolve raw content into a validated `model::Site`: languages, references,
//!    numbers, dates; every problem becomes a [`diag::Diagnostic`] with file, line and column.
//! 4. `render`: render every page in every language with the theme's templates, plus the
//!    sitemap, feeds and static files, into a [`RenderedSite`] in memory; `search` adds the
//!    search index of each language.
//! 5. `output`: write the rendered site atomically (stage, then swap).
//!
//! The public surface is what the command line, the tests and the examples use: [`build`],
//! [`compile`] / [`compile_with`] with [`BuildOptions`] and a [`SourceTree`], the [`diag`]
//! types, and [`serve`]. Everything else is `pub(crate)`, so `unreachable_pub` and
//! `missing_docs` keep the surface small and documented.
//!
//! [`compile`] composes stages 2–4 and is the only path from content to pages;
//! [`build`] adds stages 1 and 5.

#![warn(missing_docs)]

pub mod check;
mod content;
pub mod diag;
mod error;
mod escape;
#[doc(hidden)]
pub mod fuzzing;
mod media;
pub mod memory;
mod model;
mod options;
mod output;
mod pipeline;
mod render;
mod reuse;
pub mod scaffold;
pub mod schema;
mod search;
pub mod serve;
mod source;
mod text;
pub mod translations;

pub use error::BuildError;
pub use model::{BaseUrl, Held, NotABaseUrl, Publish};
pub use options::{BuildOptions, CompileOptions};
pub use output::{Destination, RenderedSite, WriteReport};
pub use pipeline::{
    compile, compile_observed, compile_with, Compiled, Memo, SearchIndex, SearchJob, StageTime, STAGES,
};
pub use search::pack::part as search_pack_part;
pub use source::SourceTree;

/// Reads the site root, compiles it and writes the site. On any error the output directory is
/// left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<Compiled, BuildError> {
    build_from(&SourceTree::load_for_build(&options.root)?, options)
}

/// Compiles a tree already read and writes the site; the caller keeps the tree, e.g. to show
/// the source lines of diagnostics.
///
/// Photos encoded by an earlier build are taken from the root's image cache
/// (`.plansite-cache/images/`), which afterwards holds exactly this build's photos.
pub fn build_from(tree: &SourceTree, options: &BuildOptions) -> Result<Compiled, BuildError> {
    build_observed(tree, options, &|_| {})
}

/// [`build_from`], calling `on_stage` as each stage begins: those of [`STAGES`], then `write`.
pub fn build_observed(
    tree: &SourceTree,
    options: &BuildOptions,
    on_stage: &(dyn Fn(&'static str) + Sync),
) -> Result<Compiled, BuildError> {
    // An output that would put the sources at risk is refused before anything is read or
    // written (the parse cache of the root included); the write stage refuses it again.
    output::guard::check_place(&options.destination())?;
    output::guard::check_cache(tree.root())?;
    // What the reading noted of the sources, for the next build (`source::noted`): written
    // now, not held through the build (at N = 100,000 some 300,000 notes).
    let sources = tree
        .take_noted()
        .filter(|notes| !notes.same)
        .and_then(|notes| output::cache::write_sources(tree.root(), &notes).err());
    // The pages go to disk as they are rendered, so memory does not grow with the site.
    // The page memo is of use only where the pages go to disk, beside an output the last build
    // left its pages in.
    let spill = output::open_stage(&options.destination())?;
    let last = match &spill {
        Some(spill) if !spill.previous().is_empty() => source::cache::read_memo(tree.root()),
        _ => Default::default(),
    };
    // The parsed files of the last build of this root; the parse writes those of this one as
    // it goes, and the rest (those it took from the last) on a thread of its own while the
    // build goes on, waited for before the build reports, however it ends.
    let header = source::cache::parsed_header();
    let writing = Writing(std::sync::Arc::new(output::cache::ParsedWriter::new(tree.root(), header.clone())));
    let store = source::cache::ParsedFile::open(tree.root());
    let parsed = content::stored::Stored::of_file(store, &header, writing.0.clone());
    let memo = Memo::for_build(spill, last, Some(parsed));
    memo.images.load(source::cache::read_images(tree.root()));
    let mut compiled = compile_observed(tree, &options.compile_options(), &memo, SearchIndex::Inline, on_stage)?;
    compiled.pages_rendered = memo.pages_rendered();
    compiled.pages_checked = memo.pages_checked();
    compiled.bodies_indexed = memo.bodies_indexed();
    on_stage("write");
    memory::reset_peak();
    let written = std::time::Instant::now();
    compiled.written = output::write_site(&compiled.site, &options.destination())?;
    if let Some(spill) = compiled.site.spill() {
        // Cleaned up before the render stage: named first, as they were found first.
        compiled.written.cleaned.splice(0..0, spill.cleaned().iter().cloned());
        // What was staged is in the output now; the stage's remains go with the memo.
        let in_output = std::sync::Arc::new(spill.written());
        compiled.site.on_disk_in(Some(in_output));
    }
    let pages = memo.page_notes();
    // The check's notes are of the output as this build left it: named by its manifest.
    let check = memo.check_notes(compiled.written.manifest);
    compiled.written.cache_problem = output::cache::write_images(tree.root(), &memo.images.entries())
        .and_then(|()| {
            if pages.is_empty() {
                Ok(())
            } else {
                output::cache::write_pages(tree.root(), &pages, check.as_ref())
            }
        })
        .err()
        .or(writing.wait())
        .or(sources);
    compiled.timings.push(StageTime { stage: "write", took: written.elapsed(), peak: memory::peak_resident() });
    memo.give_back();
    Ok(compiled)
}

/// The writing of the parsed files' store.
struct Writing(std::sync::Arc<output::cache::ParsedWriter>);

impl Writing {
    /// Waits for the writing to end; what went wrong, if anything.
    fn wait(&self) -> Option<String> {
        self.0.wait()
    }
}

impl Drop for Writing {
    /// A build that fails has written the store too: it is waited for all the same.
    fn drop(&mut self) {
        let _ = self.wait();
    }
}
