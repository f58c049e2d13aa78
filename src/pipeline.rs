//! The one composition of the stages: source tree → raw content → model → rendered site.
//! `build` writes its result to disk; tests (and later `serve`) keep it in memory. There is no
//! other path from content to pages.

use crate::content;
use crate::diag::Diagnostics;
use crate::error::BuildError;
use crate::media;
use crate::model::{self, Site};
use crate::options::CompileOptions;
use crate::output::RenderedSite;
pub(crate) use crate::render::Early;
use crate::render::{self, templates::Templates};
use crate::source::cache::{CheckNotes, LastBuild, PageNotes};
use crate::source::SourceTree;
use crate::text::bodies::{Bodies, BodyMemo};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a successful compile produced.
#[derive(Debug)]
pub struct Compiled {
    /// Every file of the site.
    pub site: RenderedSite,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// Items lacking a translation: language → kind → count.
    pub missing_translations: BTreeMap<String, BTreeMap<&'static str, usize>>,
    /// Every missing or stale translation, from the content this compile parsed (drafts
    /// included): what `build` and `serve` list, with no second parse.
    pub translations: Vec<crate::translations::Gap>,
    /// The outside links of the content and where each is first written (`check --external`).
    /// A build that carries the last build's check over (see `check`) lists those of the bodies
    /// it read only; `plansite check` reads every body.
    pub external_links: std::collections::BTreeMap<String, crate::diag::Location>,
    /// Drafts and future items left out of the site.
    pub held_back: Vec<crate::model::Held>,
    /// How long each stage took, in order, and its peak memory (`plansite build --timings`).
    pub timings: Vec<StageTime>,
    /// What writing the site did besides writing it (filled in by [`crate::build`]).
    pub written: crate::output::WriteReport,
    /// How many photos this compile encoded, and how many it took from the image cache (of
    /// the last rebuild in `serve`, or of `.plansite-cache/images/` in a build).
    pub images: (usize, usize),
    /// How many files were rendered rather than reused (set by [`crate::build_observed`]).
    pub pages_rendered: usize,
    /// How many pages the check read (set by [`crate::build_observed`]): in a build into its
    /// own output, with the same files as the last, only those made anew.
    pub pages_checked: usize,
    /// How many bodies the search index made into text (set by [`crate::build_observed`]): in
    /// a build into its own output, only those of the packs of documents that changed.
    pub bodies_indexed: usize,
    /// What a deferred search index is made from.
    deferred: Option<Deferred>,
}

/// One stage of a build: its name, how long it took, and the process's peak resident memory
/// while it ran, in bytes (`None` where the system does not tell).
#[derive(Debug, Clone, Copy)]
pub struct StageTime {
    /// One of [`STAGES`], `search index` (a build's, made just before its pages), or `write`.
    pub stage: &'static str,
    /// Wall time.
    pub took: Duration,
    /// Peak resident memory of the process during the stage (see [`crate::memory`]).
    pub peak: Option<u64>,
}

struct Deferred {
    site: Arc<Site>,
    templates: Arc<Templates>,
    bodies: Bodies,
}

impl std::fmt::Debug for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Deferred")
    }
}

/// Makes the search index files a deferred compile left out; it owns what it needs, so it can
/// run on another thread, and gives up (returns `None`) when its cancel flag is set.
pub type SearchJob = Box<dyn FnOnce(&std::sync::atomic::AtomicBool) -> Option<crate::search::Files> + Send>;

impl Compiled {
    /// The search index job of a deferred compile (none after an inline one).
    pub fn search_job(&self) -> Option<SearchJob> {
        let d = self.deferred.as_ref()?;
        let (site, templates, bodies) = (d.site.clone(), d.templates.clone(), d.bodies.clone());
        Some(Box::new(move |cancel: &std::sync::atomic::AtomicBool| search_files(&site, &templates, &bodies, cancel)))
    }
}

/// Whether a compile makes the search index too (a build) or leaves it for later (`serve`
/// updates it after the pages, so a reload never waits for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchIndex {
    /// Made with the pages (`build`).
    Inline,
    /// Left to [`Compiled::search_job`] (`serve`).
    Deferred,
}

/// What one compile keeps for the next: parsed files, rendered bodies and pages by their
/// inputs. A cold build starts from an empty memo; `serve` keeps one across rebuilds.
#[derive(Default)]
pub struct Memo {
    parse: content::ParseCache,
    resolve: model::ResolveCache,
    bodies: BodyMemo,
    templates: render::templates::TemplatesMemo,
    render: render::memo::RenderMemo,
    /// Shared, so memos can share their encoded pictures (see [`Memo::sharing_images`]).
    pub(crate) images: Arc<media::ImageMemo>,
    check: crate::check::CheckMemo,
    translations: crate::translations::ReportMemo,
    /// The memo of one build ([`Memo::for_build`]): it keeps nothing for a next one.
    one_build: bool,
}

impl Memo {
    /// How many of the pages this memo keeps are on disk rather than in memory (see
    /// [`Memo::for_preview`]).
    pub fn pages_on_disk(&self) -> usize {
        self.render.pages_on_disk()
    }

    /// The site of the last compile is served now (`serve`): the room of pages that neither
    /// it nor the one served before it names is given back (see `output::held`).
    pub fn served(&self) {
        if let Some(store) = &self.render.held {
            store.served();
        }
    }

    /// Where the preview keeps its pages past its memory budget, which also counts the search
    /// index it serves (`serve`); `None` for a build's memo.
    pub(crate) fn page_store(&self) -> Option<Arc<crate::output::held::PageStore>> {
        self.render.held.clone()
    }

    /// The memo of a preview of the site root `root` (`serve`), which keeps its pages for the
    /// next rebuild: up to `budget` bytes of them in memory, the rest on disk
    /// (`output::held`; in memory still where they cannot be written there).
    pub fn for_preview(root: &std::path::Path, budget: u64) -> Memo {
        let mut memo = Memo::default();
        memo.render.held = Some(Arc::new(crate::output::held::PageStore::open(root, budget)));
        memo
    }

    /// A fresh memo that shares this one's encoded pictures (which are named by the hash of
    /// their bytes, so any site may use them): compiles of different versions of a site that
    /// should not share pages can still encode each photo once.
    pub fn sharing_images(&self) -> Memo {
        Memo { images: self.images.clone(), ..Memo::default() }
    }

    /// The memo of one build: it keeps nothing in memory for a next one (the parsed files are
    /// given back once the model is made), and with a `spill` the pages go there as they are
    /// rendered (see `output::spill`). With a spill, a page the last build noted in `last`
    /// (the root's page memo) as made from the same inputs, and left in the output as it is,
    /// is neither rendered nor written; and while the site has the same files, the check reads
    /// only the pages made anew. The parse takes what it can from `parsed`, the parsed files of
    /// the last build of the site root, and writes those of this one.
    pub(crate) fn for_build(
        spill: Option<crate::output::spill::Spill>,
        last: LastBuild,
        parsed: Option<content::stored::Stored>,
    ) -> Memo {
        let mut memo = Memo { one_build: true, ..Memo::default() };
        if let Some(parsed) = parsed {
            memo.parse.give(parsed);
        }
        memo.render.spill = spill.map(Arc::new);
        memo.render.last_pages = last.pages;
        memo.check = crate::check::CheckMemo::from_last(last.check);
        memo
    }

    /// Gives back the memory of a one-off build's memo once the build is over: the pages'
    /// notes, the translation report's files, the encoded pictures' list and the rest, on a
    /// thread of their own ([`crate::reuse::drop_aside`]). The stage of the pages
    /// (`output::spill`), whose dropping removes what is left of it, is dropped here.
    pub(crate) fn give_back(mut self) {
        drop(self.render.spill.take());
        crate::reuse::drop_aside(self);
    }

    /// What this build knew of the pages it wrote, for the next build's page memo (see
    /// [`Memo::for_build`]).
    pub(crate) fn page_notes(&self) -> PageNotes {
        self.render.page_notes()
    }

    /// What this build's check knew of the site as a whole, for the next build's page memo,
    /// once the site is written: of the output whose manifest has the fingerprint `manifest`.
    pub(crate) fn check_notes(&self, manifest: u64) -> Option<CheckNotes> {
        self.check.notes(manifest)
    }

    /// How many pages the last compile's check read.
    pub fn pages_checked(&self) -> usize {
        self.check.pages_read()
    }

    /// How many bodies the last compile's check read for their links (their pages noted none).
    #[cfg(test)]
    pub(crate) fn bodies_read_by_check(&self) -> usize {
        self.check.bodies_read()
    }

    /// How many files the last compile rendered rather than reused.
    pub fn pages_rendered(&self) -> usize {
        self.render.rendered.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How many bodies the last compile made into text for its search index (a build's: the
    /// others' words were the last build's index's).
    pub fn bodies_indexed(&self) -> usize {
        self.render.indexed.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Compiles a source tree into a site in memory, search index included.
pub fn compile(tree: &SourceTree, options: &CompileOptions) -> Result<Compiled, BuildError> {
    compile_with(tree, options, &Memo::default(), SearchIndex::Inline)
}

/// Compiles reusing `memo`; with [`SearchIndex::Deferred`] the index is left to
/// [`Compiled::search_job`], so a preview can show the pages first.
pub fn compile_with(
    tree: &SourceTree,
    options: &CompileOptions,
    memo: &Memo,
    search: SearchIndex,
) -> Result<Compiled, BuildError> {
    compile_observed(tree, options, memo, search, &|_| {})
}

/// The stages of a compile in order, as [`compile_observed`] announces them.
pub const STAGES: [&str; 6] = ["parse", "resolve", "templates", "images", "render", "check"];

/// [`compile_with`], calling `on_stage` with the name of each stage (one of [`STAGES`]) as it
/// begins, so the command line can show how far a long build has come.
pub fn compile_observed(
    tree: &SourceTree,
    options: &CompileOptions,
    memo: &Memo,
    search: SearchIndex,
    on_stage: &(dyn Fn(&'static str) + Sync),
) -> Result<Compiled, BuildError> {
    compile_stages(tree, options, memo, search, on_stage, None)
}

/// [`compile_with`], rendering the pages `early` names ahead of the rest (as soon as the
/// site's model is made, before the bodies' text) and giving them to it: `serve` shows the pages
/// open in a browser while the rest of the site is rendered and checked. They are rendered as
/// the whole render renders them, through the memo, which then finds them made.
pub(crate) fn compile_showing_first(
    tree: &SourceTree,
    options: &CompileOptions,
    memo: &Memo,
    search: SearchIndex,
    early: &Early,
) -> Result<Compiled, BuildError> {
    compile_stages(tree, options, memo, search, &|_| {}, Some(early))
}

fn compile_stages(
    tree: &SourceTree,
    options: &CompileOptions,
    memo: &Memo,
    search: SearchIndex,
    on_stage: &(dyn Fn(&'static str) + Sync),
    early: Option<&Early>,
) -> Result<Compiled, BuildError> {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut next = STAGES.iter().skip(1);
    let mut lap = |name: &'static str| {
        timings.push(StageTime { stage: name, took: clock.elapsed(), peak: crate::memory::peak_resident() });
        // The progress shows the stages of STAGES; the search index is timed on its own, but
        // is a part of the render stage there.
        if let Some(stage) = next.next().filter(|_| STAGES.contains(&name)) {
            on_stage(stage);
        }
        crate::memory::reset_peak();
        clock = Instant::now();
    };
    on_stage(STAGES[0]);
    crate::memory::reset_peak();
    memo.render.begin();
    // A build that is followed by others (`serve`) keeps what it parsed, so the next one parses
    // only the items whose files changed.
    let (mut raw, parse_diags) =
        if memo.one_build { content::parse_cached(tree, &memo.parse) } else { content::parse_kept(tree, &memo.parse) };
    // Before drafts are held back: a draft is translated too.
    // Languages translated page by page on purpose (`partial: true`) are left out of the
    // build's list: `plansite translations --lang` still lists what they lack.
    // With pages to show first, the report is made after them, from the content as parsed,
    // which a memo with a next build keeps anyway (drafts are held back from `raw` below).
    let report = |raw: &content::RawContent| {
        let languages = raw.site.iter().flat_map(|site| site.raw.languages.value.iter());
        let partial: Vec<&str> = languages.filter(|l| l.partial).map(|l| l.code.value.trim()).collect();
        crate::translations::report_from(tree, raw, None, &partial, (!memo.one_build).then_some(&memo.translations))
    };
    let reported = (early.is_none() || memo.one_build).then(|| report(&raw));
    lap("parse");
    // An item's YAML file or a progress table read again that could not be, or had changed,
    // gave nothing: this content is not the sources'.
    if let Some(unread) = tree.unread() {
        return Err(unread);
    }
    let (mut parse_errors, mut warnings) = parse_diags.partition();
    let decision = match model::publish::hold_back(&mut raw, &options.publish) {
        Ok(d) => d,
        Err(e) => {
            parse_errors.push(e);
            Default::default()
        }
    };
    if memo.one_build {
        // The parsed files are not needed past the model, and the model does not hold them (at
        // N = 10,000, 37 MB of parsed case studies at the build's peak); the translation
        // report, made above, kept nothing of them for a next report. Forgotten before the
        // model is made, the model's stage gives each parsed case study and progress year
        // back as soon as it is resolved, and keeps nothing itself (`model::resolve`).
        memo.parse.forget();
    }
    let resolved = if memo.one_build { model::resolve(raw) } else { model::resolve_kept(raw, &memo.resolve) };
    lap("resolve");
    let mut site: Site = match resolved {
        Ok(site) if parse_errors.is_empty() => site,
        Ok(_) => return Err(BuildError::Content(parse_errors.sorted())),
        Err(diags) => {
            // Files that could not be read come first: they are often the cause of the rest.
            let mut all = parse_errors.sorted();
            all.extend(diags.sorted());
            return Err(BuildError::Content(all));
        }
    };
    site.early = decision.early;
    if let Some(url) = &options.base_url {
        site.config.base_url = url.as_str().to_string();
    }
    let templates = Templates::load_cached(tree, &site.config, &render::page_templates(), &memo.templates)?;
    warnings.extend(templates.warnings.clone());
    lap("templates");
    let images = media::process(&site, tree, &memo.images).map_err(|d| BuildError::Content(d.sorted()))?;
    lap("images");
    // The pages open in a preview first, before the bodies' text is made (pages do not need
    // it), then the translation report that waited for them.
    let prints = early.map(|early| render::render_first(&site, &templates, tree, &memo.render, &images, early));
    let translations = reported.or_else(|| memo.parse.with_last(report)).unwrap_or_default();
    // The bodies' text, then the search index, then the pages: search stands beside render,
    // not inside it. One after the other, each in parallel inside: the index's working
    // memory (postings, records, packs) is given back before the pages pile up, so the peak is
    // the larger of the two rather than their sum (N = 10,000: 1,073 against 1,166 MiB), and
    // on this kind of machine memory first touched is slow enough that this is faster too
    // (0.96 of the wall time, paired; bench/results-2026-12-01-memory.md).
    //
    // A build keeps nothing for a next one: its index makes the text of a body as it reads the
    // body's record, a pack of documents at a time (`Bodies::later`), and the pages get the
    // bodies without their text (they read their sources). Each language's index files go to
    // disk as soon as they are made (`output::spill`), before the next language's are.
    let bodies = match search {
        SearchIndex::Inline if memo.one_build => Bodies::for_pages(&site, &templates.page_ids),
        _ => Bodies::render_all(&site, &templates.page_ids, &memo.bodies),
    };
    let mut index: Vec<(crate::output::Stored, String)> = Vec::new();
    if search == SearchIndex::Inline {
        for lang in &site.config.languages {
            let shown = || if memo.one_build { Bodies::later(&site, &templates.page_ids) } else { bodies.clone() };
            index.extend(stored_index(&site, &templates, shown, &lang.code, &memo.render)?);
        }
        lap("search index");
    }
    let rendered = render::render_site(&site, &templates, tree, &memo.render, &bodies, &images, prints);
    // (A body that could not be read again is the cause of what went wrong, if it did.)
    let (mut rendered, untranslated) = rendered.map_err(|e| tree.unread().unwrap_or(e))?;
    rendered.add_all(index.into_iter().map(|(stored, path)| (path, stored)).collect());
    lap("render");
    // The checks read the pages and their sources; an error stops the build here, before
    // anything is written.
    let findings = crate::check::check(&site, tree, &rendered, &untranslated, &memo.check, &bodies.take_links());
    // A body read again that could not be, or had changed, was given no text where it was
    // read: this site is not the sources', and is not published.
    if let Some(unread) = tree.unread() {
        return Err(unread);
    }
    let (check_errors, check_warnings) = findings.diagnostics.partition();
    warnings.extend(check_warnings);
    if !check_errors.is_empty() {
        // Every finding at once: the warnings too.
        let mut all = check_errors;
        all.extend(warnings);
        return Err(BuildError::Content(all.sorted()));
    }
    lap("check");
    let missing_translations = std::mem::take(&mut site.missing_translations);
    let deferred = (search == SearchIndex::Deferred).then(|| Deferred { site: Arc::new(site), templates, bodies });
    Ok(Compiled {
        site: rendered,
        warnings: warnings.sorted(),
        missing_translations,
        translations,
        held_back: decision.held,
        external_links: findings.external,
        timings,
        written: Default::default(),
        images: (images.made, images.reused),
        pages_rendered: 0,
        pages_checked: 0,
        bodies_indexed: 0,
        deferred,
    })
}

/// The search index files of every language, made from the records each kind of page gives;
/// `None` if `cancel` was set meanwhile. One language after the other, each in parallel inside:
/// the working memory of one language's index (its postings and packs) is given back before
/// the next is made. Made at once, the two indexes of N = 10,000 held 25 MB more at the
/// build's peak (bench/results-2026-12-02-memory.md).
fn search_files(
    site: &Site,
    templates: &Templates,
    bodies: &Bodies,
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<crate::search::Files> {
    let per_lang: Option<Vec<_>> =
        site.config.languages.iter().map(|l| language_index(site, templates, bodies, &l.code, cancel)).collect();
    per_lang.map(|v| v.into_iter().flatten().collect())
}

/// The search index files of `lang`, made from the `bodies` `shown` gives, stored as the
/// render memo stores pages: in a build that writes them out, the last build's files, left in
/// the output as they are, where they were made from the same inputs (see
/// `RenderMemo::kept_files`).
fn stored_index(
    site: &Site,
    templates: &Templates,
    shown: impl FnOnce() -> Bodies,
    lang: &str,
    memo: &render::memo::RenderMemo,
) -> Result<Vec<(crate::output::Stored, String)>, BuildError> {
    let folder = format!("search/{lang}/");
    // The records' places are counted once, with each body by its key, and made where the
    // index reads them.
    let keys = Bodies::keys(site, &templates.page_ids);
    let counted = render::RecordList::new(site, lang, ui_strings(templates, lang), &keys);
    // Fingerprinted only where there is a next build to keep the files for; each body by its
    // key, so a kept index reads no body, and a pack of documents kept reads none either.
    let prints =
        memo.spill.is_some().then(|| with_index_inputs(site, templates, &counted, None, |inputs| inputs.prints()));
    let key = prints.as_ref().map(|p| p.whole);
    if let Some(kept) = key.and_then(|key| memo.kept_files(&folder, key)) {
        memo.note_files(&folder, key, &kept);
        for (stored, path) in &kept {
            memo.note_again(path, stored);
        }
        return Ok(kept);
    }
    let shown = shown();
    let records = counted.with_bodies(&shown);
    with_index_inputs(site, templates, &records, Some(&memo.indexed), |inputs| {
        use crate::search::Content;
        let never = std::sync::atomic::AtomicBool::new(false);
        // Where there is a next build (and maybe a last one to keep them from), the packs of
        // documents the last build made from the same documents are not made again, and their
        // postings are read back from the last build's shards (after a one-word edit, all but
        // one pack).
        type Stored = Result<crate::output::Stored, BuildError>;
        let keep = |path: &str, key: u64| memo.kept(path, key).map(|(stored, _)| Ok(stored));
        let last = |path: &str| memo.last_bytes(path);
        let reuse = prints.as_ref().map(|p| crate::search::Reuse { packs: &p.packs, keep: &keep, last: &last });
        // Each file stored as soon as it is made (in a build, written to the stage), so only
        // its hash and size are held: the index of a language is never in memory whole.
        let store = |path: &str, bytes: Vec<u8>| -> Stored {
            memo.rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            memo.store(path, bytes.into())
        };
        // A build holds at most some of a language's postings at once (at N = 100,000 the
        // Japanese were 111 MB, the build's resident peak), the rest written out and read back.
        let budget = Some(crate::search::index::SPILL_BUDGET);
        let files = crate::search::build_index_keeping(inputs, &never, reuse, Some(&store), budget)
            .map_err(|e| BuildError::io(format!("search/{lang}/"), &e))?
            .unwrap_or_default();
        let mut stored = Vec::with_capacity(files.len());
        for file in files {
            let made = match file.content {
                Content::Made(bytes) => store(&file.path, bytes)?,
                Content::Kept(kept) => kept?,
            };
            if let Some(key) = file.key {
                memo.note(&file.path, key, &made, false);
            }
            stored.push((made, file.path));
        }
        memo.note_files(&folder, key, &stored);
        Ok(stored)
    })
}

/// The search index files of `lang`; `None` if `cancel` was set meanwhile.
fn language_index(
    site: &Site,
    templates: &Templates,
    bodies: &Bodies,
    lang: &str,
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<crate::search::Files> {
    let records = render::RecordList::new(site, lang, ui_strings(templates, lang), bodies);
    with_index_inputs(site, templates, &records, None, |inputs| crate::search::build_index(inputs, cancel))
}

/// The theme's words for `lang` (none if it has none).
fn ui_strings<'t>(templates: &'t Templates, lang: &str) -> &'t crate::text::ui::UiStrings {
    static NONE: crate::text::ui::UiStrings = std::collections::BTreeMap::new();
    templates.strings.get(lang).unwrap_or(&NONE)
}

/// `then` of what the search index of the language of `records` is made from: the records
/// each kind of page gives, in the theme's words for the language; each body whose text the
/// index makes (`Bodies::later`) counted in `made`, if given.
fn with_index_inputs<R>(
    site: &Site,
    templates: &Templates,
    records: &render::RecordList,
    made: Option<&std::sync::atomic::AtomicUsize>,
    then: impl FnOnce(&crate::search::Inputs) -> R,
) -> R {
    let (lang, bodies) = (records.lang(), records.bodies());
    let inputs = crate::search::Inputs::new(site, lang, ui_strings(templates, lang), records);
    let sections = |source: &crate::model::Source| {
        if let Some(made) = made {
            made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        bodies.parts_of(source)
    };
    then(&if bodies.is_later() { inputs.with_sections(&sections) } else { inputs })
}

#[cfg(test)]
mod tests {
    use super::*;

    // A build's memo gives the parsed files back once the model is made, and the bodies' text
    // once the search index is; a memo of several builds (serve's) keeps them, and the same
    // site comes out of both.
    #[test]
    fn a_builds_memo_keeps_no_parsed_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-city");
        let tree = SourceTree::load(&root).unwrap();
        let (one, many) = (Memo::for_build(None, LastBuild::default(), None), Memo::default());
        let a = compile_with(&tree, &CompileOptions::default(), &one, SearchIndex::Inline).unwrap();
        let b = compile_with(&tree, &CompileOptions::default(), &many, SearchIndex::Inline).unwrap();
        assert!(one.parse.is_empty() && one.resolve.is_empty() && one.bodies.is_empty());
        assert!(!many.parse.is_empty() && !many.resolve.is_empty() && !many.bodies.is_empty());
        assert!(one.translations.is_empty() && !many.translations.is_empty());
        // Nor the check's notes of each page and body, but what the next build's check reads.
        assert_eq!(one.check.kept(), (0, 0));
        let (pages, bodies) = many.check.kept();
        assert!(pages > 40 && bodies > 10, "{pages} {bodies}");
        assert!(one.check_notes(7).is_some_and(|n| n.manifest == 7 && n.links_to.len() > 40));
        assert!(a.site.page_count() > 40);
        assert!(a.site.paths().eq(b.site.paths()));
        for path in a.site.paths() {
            assert!(a.site.get(path) == b.site.get(path), "{path} differs");
        }
    }

    /// A copy of the source folders of `from` in a new temporary folder.
    fn copied(from: &std::path::Path) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for top in crate::source::SOURCE_DIRS {
            for entry in walkdir::WalkDir::new(from.join(top)).into_iter().filter_map(Result::ok) {
                let to = dir.path().join(entry.path().strip_prefix(from).unwrap());
                if entry.file_type().is_dir() {
                    std::fs::create_dir_all(&to).unwrap();
                } else {
                    std::fs::copy(entry.path(), &to).unwrap();
                }
            }
        }
        dir
    }

    /// The sample site with a case study's Japanese body made to name a file (`@file/`), to
    /// give a name its reading (`{…|…}`), and to end its lines with CR LF, as a body the tree
    /// does not keep must be read again for each; and `broken`, if given, added to it.
    fn sample_copy(broken: &str) -> tempfile::TempDir {
        let dir = copied(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
        let case = dir.path().join("content/cases/cafe-saiwai.ja.md");
        let text = std::fs::read_to_string(&case).unwrap();
        let more = "[計画の概要版](@file/files/plan-summary.ja.pdf)\n\n{犢橋|こてはし}の集まりにも広がりました。";
        let text = format!("{}\n\n{more}\n\n{broken}\n", text.trim_end()).replace('\n', "\r\n");
        std::fs::write(&case, text).unwrap();
        dir
    }

    // A build of a root whose last build noted its sources reads no body and no item's data
    // file in the state noted (`source::noted`): the parse takes an item's YAML from the store
    // of the last build's parse without reading the file at all, and the site is the one the
    // build that read everything made. A file changed since is read, and its page changes.
    #[test]
    fn a_build_reads_no_source_in_the_state_the_last_build_noted() {
        use crate::source::{noted, FileBytes};
        let dir = sample_copy("");
        let root = dir.path();
        let later = noted::Began::after(noted::RECENT * 2);
        let out = tempfile::tempdir().unwrap();
        let options =
            |name: &str| crate::BuildOptions { output: out.path().join(name), ..crate::BuildOptions::for_root(root) };
        let files = |name: &str| -> Vec<(String, Vec<u8>)> {
            let dir = out.path().join(name);
            let mut files: Vec<_> = walkdir::WalkDir::new(&dir)
                .into_iter()
                .map(|e| e.unwrap())
                .filter(|e| e.file_type().is_file())
                .map(|e| (e.path().strip_prefix(&dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
                .collect();
            files.sort();
            files
        };
        let first = SourceTree::load_began(root, later).unwrap();
        crate::build_from(&first, &options("first")).unwrap();
        let second = SourceTree::load_began(root, later).unwrap();
        let read = |tree: &SourceTree| {
            let read = tree.entries("content/").filter(|(k, b)| k.ends_with(".md") && matches!(b, FileBytes::Text(_)));
            read.map(|(k, _)| k.to_string()).collect::<Vec<_>>()
        };
        assert!(read(&first).len() > 20);
        assert_eq!(read(&second), Vec::<String>::new());
        let yaml = "content/cases/cafe-saiwai.yaml";
        let text = std::fs::read(root.join(yaml)).unwrap();
        std::fs::remove_file(root.join(yaml)).unwrap();
        crate::build_from(&second, &options("second")).unwrap();
        assert!(second.unread().is_none(), "{:?}", second.unread());
        let (a, b) = (files("first"), files("second"));
        assert!(a.len() > 100 && a.iter().map(|f| &f.0).eq(b.iter().map(|f| &f.0)));
        for (a, b) in a.iter().zip(&b) {
            assert!(a == b, "{} differs", a.0);
        }
        std::fs::write(root.join(yaml), text).unwrap();
        let case = "content/cases/cafe-saiwai.ja.md";
        let body = std::fs::read_to_string(root.join(case)).unwrap();
        std::fs::write(root.join(case), format!("{body}\r\n書き足した一文。\r\n")).unwrap();
        let third = SourceTree::load_began(root, later).unwrap();
        assert_eq!(read(&third), [case]);
        crate::build_from(&third, &options("second")).unwrap();
        let page = std::fs::read_to_string(out.path().join("second/ja/cases/cafe-saiwai/index.html")).unwrap();
        assert!(page.contains("書き足した一文。"));
    }

    // A build that keeps no Markdown text, each body read again where it is needed (the parse,
    // the readings, the files a body names, the translation report, the search index, the
    // pages, the check), makes the very site of one that keeps all of it, with the same
    // warnings and translation report; and an error in a body it did not keep is shown with
    // its line, as it is from a body kept.
    #[test]
    fn a_build_that_keeps_no_markdown_makes_the_same_site() {
        use crate::source::FileBytes;
        let dir = sample_copy("");
        let held = SourceTree::load(dir.path()).unwrap();
        let unheld = SourceTree::load_holding(dir.path(), 0).unwrap();
        let not_kept =
            |t: &SourceTree| t.entries("content/").filter(|(_, b)| matches!(b, FileBytes::Unheld(_))).count();
        assert_eq!(not_kept(&held), 0);
        assert!(not_kept(&unheld) > 20, "{}", not_kept(&unheld));
        // The changed body is one not kept, noted as naming a file and giving a reading, so the
        // passes that read only such bodies read it again.
        let Some(FileBytes::Unheld(case)) = unheld.get_shared("content/cases/cafe-saiwai.ja.md") else { panic!() };
        assert!(case.note().files && case.note().braces);
        assert!(unheld.text("content/cases/cafe-saiwai.ja.md").is_none());
        assert_eq!(
            unheld.text_of("content/cases/cafe-saiwai.ja.md").as_deref(),
            held.text("content/cases/cafe-saiwai.ja.md")
        );
        let build = |tree: &SourceTree| {
            let memo = Memo::for_build(None, LastBuild::default(), None);
            compile_with(tree, &CompileOptions::default(), &memo, SearchIndex::Inline).unwrap()
        };
        let (a, b) = (build(&held), build(&unheld));
        assert!(unheld.unread().is_none());
        assert!(a.site.page_count() > 40);
        assert!(a.site.paths().eq(b.site.paths()));
        for path in a.site.paths() {
            assert!(a.site.get(path) == b.site.get(path), "{path} differs");
        }
        assert_eq!(format!("{:?}", a.warnings), format!("{:?}", b.warnings));
        assert_eq!(format!("{:?}", a.translations), format!("{:?}", b.translations));
        assert_eq!(a.missing_translations, b.missing_translations);
        // What the body names and reads was found in the body read again.
        let page = String::from_utf8(b.site.get("ja/cases/cafe-saiwai/index.html").unwrap().to_vec()).unwrap();
        assert!(page.contains("plan-summary.ja.pdf") && page.contains("<ruby>犢橋"), "{page}");
        // An error in the body: the same diagnostics, shown with the same lines.
        let dir = sample_copy("[どこにもない事例](@case/nowhere)");
        let (held, unheld) = (SourceTree::load(dir.path()).unwrap(), SourceTree::load_holding(dir.path(), 0).unwrap());
        let failed = |tree: &SourceTree| match compile(tree, &CompileOptions::default()) {
            Err(BuildError::Content(diags)) => crate::diag::render_terminal(&diags, tree),
            other => panic!("{:?}", other.map(|c| c.site.page_count())),
        };
        let (a, b) = (failed(&held), failed(&unheld));
        assert!(a.contains("cafe-saiwai.ja.md") && a.contains("[どこにもない事例](@case/nowhere)"), "{a}");
        assert_eq!(a, b);
    }

    // The check finds a body's links in what its page noted as it rendered it: a build that
    // keeps no Markdown does not read a body again for them (it did, each of them, once more
    // than the index and the pages), nor a body its page parsed with a mark added (a reading
    // at the end of a heading).
    #[test]
    fn the_check_reads_no_body_its_page_noted() {
        let dir = sample_copy("");
        let build = |memo: &Memo| {
            let tree = SourceTree::load_holding(dir.path(), 0).unwrap();
            compile_with(&tree, &CompileOptions::default(), memo, SearchIndex::Inline).unwrap();
            assert!(tree.unread().is_none());
        };
        let memo = Memo::for_build(None, LastBuild::default(), None);
        build(&memo);
        assert_eq!(memo.bodies_read_by_check(), 0);
        let case = dir.path().join("content/cases/cafe-saiwai.ja.md");
        let text = std::fs::read_to_string(&case).unwrap();
        std::fs::write(&case, format!("## {{犢橋|こてはし}}の集まり {{犢橋|こてはし}}\r\n\r\n{text}")).unwrap();
        let memo = Memo::for_build(None, LastBuild::default(), None);
        build(&memo);
        assert_eq!(memo.bodies_read_by_check(), 0);
    }

    // The translation report reads a body only where a gap shows its text or the record holds
    // its hash (in the languages it looks at: not the sample's やさしい日本語, translated page by
    // page); it finds the same gaps whether the tree kept the bodies or not: a translation
    // gone, one of only white space (an ideographic space too), one recorded from another text
    // (stale), and none for one recorded from today's.
    #[test]
    fn the_translation_report_is_the_same_whether_the_bodies_are_kept() {
        use crate::translations::{text_hash, State, BODY};
        let dir = sample_copy("");
        let case = |slug: &str, lang: &str| dir.path().join(format!("content/cases/{slug}.{lang}.md"));
        std::fs::remove_file(case("hanamigawa-kodomo-shokudo", "en")).unwrap();
        std::fs::write(case("inage-parenting-forum", "en"), "\u{3000}\n \n").unwrap();
        let today = text_hash(&std::fs::read_to_string(case("midori-shopping-support", "ja")).unwrap());
        let record = format!(
            "{}\nen:\n  \"content/cases/kasori-tasukeai.en.md\":\n    \"{BODY}\": \"0000000000000000\"\n  \"content/cases/midori-shopping-support.en.md\":\n    \"{BODY}\": \"{today}\"\n",
            crate::translations::ledger::FIRST_LINE
        );
        std::fs::write(dir.path().join("content/translations.yaml"), record).unwrap();
        let report = |tree: &SourceTree| {
            let (raw, _) = content::parse_cached(tree, &content::ParseCache::default());
            let memo = crate::translations::ReportMemo::default();
            crate::translations::report_from(tree, &raw, Some("en"), &["easy"], Some(&memo))
        };
        let (held, unheld) = (SourceTree::load(dir.path()).unwrap(), SourceTree::load_holding(dir.path(), 0).unwrap());
        // A body whose translation is written and not recorded is not read (gone, reading it
        // again would fail the build).
        std::fs::remove_file(case("cafe-saiwai", "ja")).unwrap();
        let gaps = report(&held);
        assert_eq!(format!("{gaps:?}"), format!("{:?}", report(&unheld)));
        assert!(unheld.unread().is_none());
        // A build's report, which keeps nothing for a next one, finds the same.
        let (raw, _) = content::parse_cached(&unheld, &content::ParseCache::default());
        let once = crate::translations::report_from(&unheld, &raw, Some("en"), &["easy"], None);
        assert_eq!(format!("{gaps:?}"), format!("{once:?}"));
        let bodies: Vec<(&str, State)> =
            gaps.iter().filter(|g| g.field == BODY).map(|g| (g.file.as_str(), g.state)).collect();
        assert_eq!(
            bodies,
            [
                ("content/cases/hanamigawa-kodomo-shokudo.en.md", State::Missing),
                ("content/cases/inage-parenting-forum.en.md", State::Missing),
                ("content/cases/kasori-tasukeai.en.md", State::Stale),
            ]
        );
        let stale = gaps.iter().find(|g| g.state == State::Stale).unwrap();
        assert_eq!(stale.source, std::fs::read_to_string(case("kasori-tasukeai", "ja")).unwrap());
        assert_eq!(stale.translation, std::fs::read_to_string(case("kasori-tasukeai", "en")).unwrap());
    }

    // A body (or an item's YAML file) the tree did not keep that changes, or goes, before the
    // build reads it again fails the build, naming the file; nothing is made of the text it had.
    #[test]
    fn a_body_that_changes_during_a_build_fails_it() {
        let dir = sample_copy("");
        let body = "content/cases/cafe-saiwai.ja.md";
        // (An item's YAML file is not kept either: read again by the parse. A theme's, which the
        // case studies name: the build fails for the file, not for the theme it then lacks.)
        let yaml = "content/themes/connections.yaml";
        // And a progress table.
        let table = "content/progress/2024/chuo.yaml";
        for (case, change) in [(body, "changed"), (body, "removed"), (table, "changed"), (yaml, "changed")] {
            let tree = SourceTree::load_holding(dir.path(), 0).unwrap();
            match change {
                "changed" => std::fs::write(dir.path().join(case), "# 書き換えた本文\n").unwrap(),
                _ => std::fs::remove_file(dir.path().join(case)).unwrap(),
            }
            match compile(&tree, &CompileOptions::default()) {
                Err(BuildError::Io { path, message }) => {
                    assert_eq!(path, case);
                    let said = message.render(crate::diag::Lang::En);
                    match change {
                        "changed" => assert!(said.contains("changed while the site was being built"), "{said}"),
                        _ => assert!(!said.is_empty()),
                    }
                }
                other => panic!("{change}: {:?}", other.map(|c| c.site.page_count())),
            }
        }
    }

    // Pages shown first (a preview's open tabs) are the very bytes of the whole compile, of a
    // page in the primary language and of one whose translation stands in partly; a page the
    // site does not have is not among them; the compile then comes out as one without pages
    // shown first, its translation report included. Warm as cold: after an edit of the page's
    // case study, what is shown first has the edit.
    #[test]
    fn pages_shown_first_are_the_pages_of_the_whole_compile() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-city");
        let mut tree = SourceTree::load(&root).unwrap();
        let wanted =
            ["ja/cases/north-harbour-salon/index.html", "en/themes/living-advice/index.html", "ja/nope/index.html"];
        let shown = std::sync::Mutex::new(Vec::new());
        let show = |pages: Vec<(String, Arc<[u8]>)>| shown.lock().unwrap().extend(pages);
        let early = Early { pages: wanted.iter().map(|p| p.to_string()).collect(), show: &show };
        let (memo, options) = (Memo::default(), CompileOptions::default());
        for round in 0..2 {
            if round == 1 {
                let path = "content/cases/north-harbour-salon.yaml";
                let text = String::from_utf8(tree.get(path).unwrap().to_vec()).unwrap();
                assert!(text.contains("漁港のふれあいサロン"));
                tree.insert(path, text.replacen("漁港のふれあいサロン", "先に見せるサロン", 1));
            }
            let first = compile_showing_first(&tree, &options, &memo, SearchIndex::Deferred, &early).unwrap();
            let plain = compile_with(&tree, &options, &Memo::default(), SearchIndex::Deferred).unwrap();
            let got = std::mem::take(&mut *shown.lock().unwrap());
            let names: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
            assert_eq!(names.len(), 2, "{names:?}");
            assert!(names.contains(&wanted[0]) && names.contains(&wanted[1]), "{names:?}");
            for (path, bytes) in &got {
                assert_eq!(plain.site.get(path).as_deref(), Some(&**bytes), "{path} in round {round}");
                assert_eq!(first.site.get(path).as_deref(), Some(&**bytes), "{path} in round {round}");
            }
            let case = got.iter().find(|(p, _)| p == wanted[0]).unwrap();
            assert_eq!(String::from_utf8_lossy(&case.1).contains("先に見せるサロン"), round == 1);
            assert!(!first.translations.is_empty());
            assert_eq!(format!("{:?}", first.translations), format!("{:?}", plain.translations));
            assert!(first.site.paths().eq(plain.site.paths()));
        }
    }

    // A site with more pages than a sitemap file may list gets a sitemap index at
    // `sitemap.xml` (where robots.txt points) and its parts beside it: each part well-formed,
    // within the limit, listing its share of the same addresses with their alternates, in the
    // same order as the one sitemap of the same site. The rest of the site is the same.
    #[test]
    fn a_large_sitemap_is_split_into_parts_under_an_index() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-city");
        let tree = SourceTree::load(&root).unwrap();
        let whole = compile(&tree, &CompileOptions::default()).unwrap();
        let mut split_memo = Memo::default();
        split_memo.render.sitemap_urls = Some(7);
        let split = compile_with(&tree, &CompileOptions::default(), &split_memo, SearchIndex::Inline).unwrap();
        let text = |c: &Compiled, path: &str| String::from_utf8(c.site.get(path).unwrap().to_vec()).unwrap();
        let urls = |xml: &str| -> Vec<String> {
            let doc = roxmltree::Document::parse(xml).unwrap();
            doc.descendants()
                .filter(|n| n.has_tag_name("url"))
                .map(|n| {
                    let mut out = String::new();
                    for d in n.descendants().filter(|d| d.is_element()) {
                        out.push_str(&format!(
                            "{}|{}|{}|{};",
                            d.tag_name().name(),
                            d.text().unwrap_or(""),
                            d.attribute("hreflang").unwrap_or(""),
                            d.attribute("href").unwrap_or("")
                        ));
                    }
                    out
                })
                .collect()
        };
        let all = urls(&text(&whole, "sitemap.xml"));
        assert!(all.len() > 30, "{}", all.len());

        let index = text(&split, "sitemap.xml");
        let doc = roxmltree::Document::parse(&index).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
        let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
        assert_eq!(locs.len(), all.len().div_ceil(7));
        let mut listed = Vec::new();
        for (n, loc) in locs.iter().enumerate() {
            let path = format!("sitemap-{}.xml", n + 1);
            assert_eq!(*loc, format!("https://example.org/minato/{path}"));
            let part = urls(&text(&split, &path));
            assert!(!part.is_empty() && part.len() <= 7, "{path}: {}", part.len());
            listed.extend(part);
        }
        assert_eq!(listed, all);
        assert!(split.site.get(&format!("sitemap-{}.xml", locs.len() + 1)).is_none());
        assert!(text(&split, "robots.txt").contains("Sitemap: https://example.org/minato/sitemap.xml"));
        let others = |c: &Compiled| -> Vec<String> {
            c.site.paths().filter(|p| !p.starts_with("sitemap")).map(str::to_string).collect()
        };
        assert_eq!(others(&whole), others(&split));
    }

    // A file that cannot be read is reported before what the rest of the content says, even
    // when it sorts after it: it is often the cause.
    #[test]
    fn unreadable_files_are_reported_first() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-city");
        let mut tree = SourceTree::load(&root).unwrap();
        tree.insert("content/themes/living-advice.yaml", "number: [1\n");
        let east = String::from_utf8(tree.get("content/areas/east.yaml").unwrap().to_vec()).unwrap();
        tree.insert("content/areas/east.yaml", east.replacen("order: 3", "order: 1", 1));
        let Err(BuildError::Content(diags)) = compile(&tree, &CompileOptions::default()) else { panic!("no error") };
        let files: Vec<&str> = diags.iter().map(|d| d.location.file.as_str()).collect();
        assert_eq!(files.first(), Some(&"content/themes/living-advice.yaml"), "{diags}");
        assert!(files.iter().any(|f| f.starts_with("content/areas/")), "{diags}");
    }
}
