//! `plansite serve`: the editors' live preview.
//!
//! 1. Build the site in memory with the same pipeline as `build` (`compile_with`, keeping a
//!    memo so later rebuilds only redo what changed) and serve it over HTTP from memory.
//! 2. Watch `content/`, `themes/` and `templates/` (debounced; editors' temporary files
//!    ignored: [`watch::classify`]), re-read the changed files, rebuild, swap the snapshot and
//!    tell every open tab to reload (or to reload only its stylesheets).
//! 3. On a content error, keep serving the last good build and show the error over it.
//! 4. The search index is rebuilt after the pages, in the background: a reload never waits,
//!    and until the new index is ready the last one answers searches.
//!
//! It writes nothing to disk unless `--output` asks for it.

pub(crate) mod http;
mod state;
mod watch;

use watch::classify;

use crate::diag::render_terminal;
use crate::error::BuildError;
use crate::options::BuildOptions;
use crate::output::{write_atomic, RenderedSite};
use crate::pipeline::{compile_with, Memo, SearchJob};
use crate::render::SearchIndex;
use crate::source::{SourceTree, SOURCE_DIRS};
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use state::State;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// How long the watcher waits for a burst of file events to end (an editor's atomic save is a
/// handful of events within a few milliseconds; Excel's save a few more).
const DEBOUNCE: Duration = Duration::from_millis(40);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// Open the preview in the default browser.
    pub open: bool,
    /// Also write each good build here (atomically), like `build --output`.
    pub output: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("port {port} on {bind} is already in use; stop the other program (or another `plansite serve`), or choose another port with --port {next}")]
    PortInUse { bind: IpAddr, port: u16, next: u16 },
    #[error("cannot listen on {addr}: {message}")]
    Listen { addr: SocketAddr, message: String },
    #[error("cannot watch {path}: {message}")]
    Watch { path: String, message: String },
    #[error(transparent)]
    Build(#[from] BuildError),
}

/// Runs the preview until the process is stopped. Messages go to `log` (the terminal).
pub fn run(options: ServeOptions, log: impl Fn(&str) + Send + Sync + 'static) -> Result<(), ServeError> {
    let addr = SocketAddr::new(options.bind, options.port);
    let server = tiny_http::Server::http(addr).map_err(|e| {
        let in_use = e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse);
        if in_use {
            ServeError::PortInUse { bind: options.bind, port: options.port, next: options.port.saturating_add(1) }
        } else {
            ServeError::Listen { addr, message: e.to_string() }
        }
    })?;
    let port = server.server_addr().to_ip().map_or(options.port, |a| a.port());
    let url = format!(
        "http://{}:{port}/",
        if options.bind.is_unspecified() { "127.0.0.1".to_string() } else { options.bind.to_string() }
    );
    let log = Arc::new(log);
    if !options.bind.is_loopback() {
        log(&format!("warning: the preview is bound to {} and can be seen from the network", options.bind));
    }
    let build_options = BuildOptions {
        root: options.root.clone(),
        output: options.output.clone().unwrap_or_default(),
        base_url: Some(url.clone()),
    };
    let state = Arc::new(State::default());
    let mut tree = SourceTree::load(&options.root)?;
    let indexer = index_worker(state.clone(), log.clone(), options.output.clone());
    let mut rebuild = Rebuild {
        state: state.clone(),
        memo: Memo::default(),
        options: build_options,
        log: log.clone(),
        cancel: Arc::new(AtomicBool::new(false)),
        indexer,
    };
    rebuild.run(&tree, "first build", false);

    let server_state = state.clone();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let state = server_state.clone();
            // Event streams stay open: every request gets its own thread.
            std::thread::spawn(move || http::handle(&state, request));
        }
    });
    log(&format!("serving the preview at {url} (Ctrl+C to stop)"));
    if options.open {
        let _ =
            std::process::Command::new(if cfg!(target_os = "macos") { "open" } else { "xdg-open" }).arg(&url).spawn();
    }

    // Watch and classify with one spelling of the root: the watcher reports paths under the
    // path it was given.
    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    let output = options.output.as_ref().map(|o| std::fs::canonicalize(o).unwrap_or_else(|_| o.clone()));
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx)
        .map_err(|e| ServeError::Watch { path: options.root.display().to_string(), message: e.to_string() })?;
    for dir in SOURCE_DIRS.iter().map(|d| root.join(d)).filter(|d| d.is_dir()) {
        debouncer
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(|e| ServeError::Watch { path: dir.display().to_string(), message: e.to_string() })?;
    }
    // The root itself, not recursively: a `templates/` or `themes/` folder created later.
    let _ = debouncer.watch(&root, RecursiveMode::NonRecursive);
    while let Ok(result) = rx.recv() {
        let Ok(events) = result else { continue };
        // Only changes to files count: reading them (our own rebuild does) is not a change.
        let paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| {
                use notify_debouncer_full::notify::event::{EventKind, ModifyKind};
                matches!(e.kind, EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any)
                    || matches!(e.kind, EventKind::Modify(m) if !matches!(m, ModifyKind::Metadata(_)))
            })
            .flat_map(|e| e.paths.iter().cloned())
            .collect();
        let change = classify(&root, output.as_deref(), &paths);
        if change.paths.is_empty() {
            continue;
        }
        match tree.refresh(&change.paths) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) => {
                log(&format!("error: {e}"));
                continue;
            }
        }
        // A source folder created at the top (themes/, templates/) needs a watch of its own;
        // folders inside a watched one are covered. Watching again walks the whole folder, so
        // only when one appeared.
        if change.paths.iter().any(|p| SOURCE_DIRS.contains(&p.as_str())) {
            for dir in SOURCE_DIRS.iter().map(|d| root.join(d)).filter(|d| d.is_dir()) {
                let _ = debouncer.watch(&dir, RecursiveMode::Recursive);
            }
        }
        let what = match change.paths.len() {
            1 => change.paths[0].clone(),
            n => format!("{} and {} more", change.paths[0], n - 1),
        };
        rebuild.run(&tree, &what, change.css_only);
    }
    Ok(())
}

/// One rebuild: compile, then swap and notify, or keep the last good build and show the error.
struct Rebuild<L> {
    state: Arc<State>,
    memo: Memo,
    options: BuildOptions,
    log: Arc<L>,
    /// Set to stop the search index of the last good build once a newer one is good.
    cancel: Arc<AtomicBool>,
    /// Where each good build's search index is sent (see [`index_worker`]).
    indexer: mpsc::Sender<IndexJob>,
}

/// The search index of one build: the job that makes its files (see
/// [`crate::pipeline::Compiled::search_job`]), the build's pages (written with the index when
/// `--output` is given), and the flag that stops it.
struct IndexJob {
    make: SearchJob,
    pages: Arc<RenderedSite>,
    cancel: Arc<AtomicBool>,
}

/// How long the index waits after a build for editing to pause before it starts.
const INDEX_QUIET: Duration = Duration::from_millis(1000);

/// Starts the thread that makes the search index of the latest good build once editing has
/// paused, with a one-thread pool of its own so it never holds up a rebuild's threads; a
/// newer build's job replaces a waiting one. Until a new index is ready, the last one serves.
fn index_worker(
    state: Arc<State>,
    log: Arc<impl Fn(&str) + Send + Sync + 'static>,
    output: Option<PathBuf>,
) -> mpsc::Sender<IndexJob> {
    let (tx, rx) = mpsc::channel::<IndexJob>();
    std::thread::spawn(move || {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).thread_name(|_| "search-index".into()).build();
        while let Ok(mut job) = rx.recv() {
            loop {
                match rx.recv_timeout(INDEX_QUIET) {
                    Ok(newer) => job = newer,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            let started = Instant::now();
            let IndexJob { make, pages, cancel } = job;
            let files = match &pool {
                Ok(pool) => pool.install(|| make(&cancel)),
                Err(_) => make(&cancel),
            };
            let Some(files) = files else { continue };
            let mut index = RenderedSite::default();
            for (path, bytes) in files {
                index.insert(path, bytes);
            }
            if let Some(dir) = &output {
                let mut with_index = (*pages).clone();
                for (path, bytes) in index.iter() {
                    with_index.insert(path.to_string(), bytes);
                }
                if let Err(e) = write_atomic(&with_index, dir) {
                    log(&format!("error: {e}"));
                }
            }
            state.set_index(index);
            log(&format!("search index updated in {} ms", started.elapsed().as_millis()));
        }
    });
    tx
}

impl<L: Fn(&str) + Send + Sync + 'static> Rebuild<L> {
    /// `css_only`: only stylesheets changed, so open tabs swap their styles instead of reloading.
    fn run(&mut self, tree: &SourceTree, what: &str, css_only: bool) {
        let started = Instant::now();
        match compile_with(tree, &self.options, &self.memo, SearchIndex::Deferred) {
            Ok(mut compiled) => {
                let pages = Arc::new(std::mem::take(&mut compiled.site));
                let count = pages.page_count();
                let rendered = self.memo.pages_rendered();
                let previous = self.state.swap(pages.clone());
                let had_error = self.state.error().is_some();
                self.state.set_error(None);
                if css_only && !had_error {
                    self.state.broadcast(&state::event("css", what));
                } else {
                    self.state.broadcast(&state::event("reload", if had_error { "fixed" } else { what }));
                }
                (self.log)(&format!(
                    "{what}: {rendered} files rendered anew ({count} pages in all) in {} ms",
                    started.elapsed().as_millis()
                ));
                drop(previous);
                if !compiled.warnings.is_empty() {
                    (self.log)(render_terminal(&compiled.warnings, Some(tree)).trim_end());
                }
                // The last good build's index is out of date now: stop it, and send this one's.
                if let Some(make) = compiled.search_job() {
                    self.cancel.store(true, Ordering::Relaxed);
                    self.cancel = Arc::new(AtomicBool::new(false));
                    let job = IndexJob { make, pages, cancel: self.cancel.clone() };
                    let _ = self.indexer.send(job);
                }
            }
            Err(BuildError::Content(diags)) => {
                let text = render_terminal(&diags, Some(tree));
                (self.log)(&format!(
                    "{what}: the content has errors; still showing the last good build\n{}",
                    text.trim_end()
                ));
                self.state.set_error(Some(text.clone()));
                self.state.broadcast(&state::event("content-error", &state::overlay_html(&text)));
            }
            Err(e) => {
                let text = format!("{e}");
                (self.log)(&format!("{what}: {text}; still showing the last good build"));
                self.state.set_error(Some(text.clone()));
                self.state.broadcast(&state::event("content-error", &state::overlay_html(&text)));
            }
        }
    }
}
