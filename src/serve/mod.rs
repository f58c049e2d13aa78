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
//! It writes nothing to disk unless `--output` asks for it, and then it writes what `build`
//! would: the same pipeline without the preview's address (see [`index_worker`]).
//!
//! The HTTP side ([`http`], [`server`]) runs on a small tokio runtime of its own thread: each
//! connection and each open event stream is a task, not a thread. The watcher and the rebuild
//! stay on the calling thread, and share only [`State`] with it.

pub(crate) mod http;
mod server;
mod state;
mod watch;

use watch::classify;

use crate::diag::render_terminal;
use crate::error::BuildError;
use crate::options::CompileOptions;
use crate::output::{write_site, Destination, RenderedSite};
use crate::pipeline::{compile_with, Memo, SearchIndex, SearchJob};
use crate::source::{SourceTree, SOURCE_DIRS};
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use state::State;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// How long the watcher waits for a burst of file events to end (an editor's atomic save is a
/// handful of events within a few milliseconds; Excel's save a few more).
const DEBOUNCE: Duration = Duration::from_millis(40);

/// How many connections the preview takes at once by default (fewer if the process may not
/// open that many files); past it, a connection is answered 503.
pub const MAX_CONNECTIONS: usize = 4096;
/// How many live-reload event streams (about one per open tab) it keeps at once by default.
pub const MAX_EVENT_STREAMS: usize = 1024;

/// Where the preview's messages go (the terminal).
type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// How the preview runs (the options of `plansite serve`).
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port to listen on (0: any free port).
    pub port: u16,
    /// Open the preview in the default browser.
    pub open: bool,
    /// Also write each good build here (atomically), as `build --output` would.
    pub output: Option<PathBuf>,
    /// Host names the preview also answers to, besides its own address (and `localhost` on
    /// loopback); any other `Host` is refused (DNS rebinding).
    pub allowed_hosts: Vec<String>,
    /// The most connections at once ([`MAX_CONNECTIONS`] by default).
    pub max_connections: usize,
    /// The most event streams at once ([`MAX_EVENT_STREAMS`] by default).
    pub max_event_streams: usize,
}

impl ServeOptions {
    /// The defaults of `plansite serve` for a site root.
    pub fn for_root(root: impl Into<PathBuf>) -> Self {
        ServeOptions {
            root: root.into(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            open: false,
            output: None,
            allowed_hosts: Vec::new(),
            max_connections: MAX_CONNECTIONS,
            max_event_streams: MAX_EVENT_STREAMS,
        }
    }
}

/// The address to print and to build the preview with: `http://[::1]:1111/` for IPv6, and a
/// loopback address when bound to every address (`0.0.0.0` or `::`).
fn preview_url(bind: IpAddr, port: u16) -> String {
    let host = match bind {
        IpAddr::V4(a) if a.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(a) if a.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(host, port))
}

/// Why the preview could not start or stopped.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs, reason = "each variant's message says what it means")]
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
    let log: Log = Arc::new(log);
    // Two workers are plenty: every answer comes from memory, and a stream waits on a channel.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("preview-http")
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| ServeError::Listen { addr, message: e.to_string() })?;
    let listener = {
        let _inside = runtime.enter();
        server::listen(addr)?
    };
    let port = listener.local_addr().map_or(options.port, |a| a.port());
    let url = preview_url(options.bind, port);
    if !options.bind.is_loopback() {
        let to = if options.bind.is_unspecified() {
            "any IP address of this machine".to_string()
        } else {
            options.bind.to_string()
        };
        log(&format!(
            "warning: the preview is bound to {} and can be seen from the network; it answers requests addressed to {to}, or to a name given with --allowed-host",
            options.bind
        ));
    }
    for name in options.allowed_hosts.iter().filter(|n| !http::is_host(n)) {
        log(&format!(
            "warning: --allowed-host {name:?} is not a host name (such as plan-preview.local, or [::1] for an IPv6 address); ignored"
        ));
    }
    // The preview's pages link to the preview; what --output writes, to the published site.
    let build_options = CompileOptions { base_url: crate::model::BaseUrl::parse(&url).ok() };
    let state = Arc::new(State::default());
    let mut tree = SourceTree::load(&options.root)?;
    let destination =
        options.output.as_ref().map(|dir| Destination { dir: dir.clone(), root: options.root.clone(), force: false });
    if let Some(dest) = &destination {
        // Refuse a dangerous --output before serving anything.
        crate::output::guard::check_place(dest)?;
    }
    let indexer = index_worker(state.clone(), log.clone(), destination);
    let mut rebuild = Rebuild {
        state: state.clone(),
        memo: Memo::default(),
        options: build_options,
        log: log.clone(),
        cancel: Arc::new(AtomicBool::new(false)),
        indexer,
        for_output: options.output.is_some(),
    };
    rebuild.run(&tree, "first build", false);

    let most = tokio::sync::Semaphore::MAX_PERMITS;
    let max_connections = server::connection_cap(options.max_connections.clamp(1, most), &log);
    let app = http::app(http::Shared {
        state: state.clone(),
        hosts: Arc::new(http::Hosts::new(options.bind, &options.allowed_hosts)),
        streams: Arc::new(tokio::sync::Semaphore::new(options.max_event_streams.min(most))),
        log: log.clone(),
    });
    let server_log = log.clone();
    std::thread::Builder::new()
        .name("preview-http".into())
        .spawn(move || runtime.block_on(server::serve(listener, app, max_connections, server_log)))
        .map_err(|e| ServeError::Listen { addr, message: e.to_string() })?;
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
struct Rebuild {
    state: Arc<State>,
    memo: Memo,
    options: CompileOptions,
    log: Log,
    /// Set to stop the search index of the last good build once a newer one is good.
    cancel: Arc<AtomicBool>,
    /// Where each good build's search index is sent (see [`index_worker`]).
    indexer: mpsc::Sender<IndexJob>,
    /// `--output` is given: each index job also takes the sources, to compile them as `build`.
    for_output: bool,
}

/// The search index of one build: the job that makes its files (see
/// [`crate::pipeline::Compiled::search_job`]), the sources it was built from when `--output`
/// is given (to compile them again for the disk, as `build` would), and the flag that stops it.
struct IndexJob {
    make: SearchJob,
    tree: Option<SourceTree>,
    cancel: Arc<AtomicBool>,
}

/// How long the index waits after a build for editing to pause before it starts.
const INDEX_QUIET: Duration = Duration::from_millis(1000);

/// Starts the thread that makes the search index of the latest good build once editing has
/// paused, with a one-thread pool of its own so it never holds up a rebuild's threads; a
/// newer build's job replaces a waiting one. Until a new index is ready, the last one serves.
///
/// With `--output`, it first compiles the same sources again exactly as `build` does (the same
/// pipeline, with the site's own `base_url` instead of the preview's address, and a memo of its
/// own), and the index of that compile is both written with its pages and served: the index
/// holds no address, so the preview's pages and the written ones share it.
fn index_worker(state: Arc<State>, log: Log, output: Option<Destination>) -> mpsc::Sender<IndexJob> {
    let (tx, rx) = mpsc::channel::<IndexJob>();
    std::thread::spawn(move || {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).thread_name(|_| "search-index".into()).build();
        let in_pool = |work: &mut (dyn FnMut() + Send)| match &pool {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        };
        let memo = Memo::default();
        let written = output.as_ref().map(|_| CompileOptions::default());
        while let Ok(mut job) = rx.recv() {
            loop {
                match rx.recv_timeout(INDEX_QUIET) {
                    Ok(newer) => job = newer,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            let started = Instant::now();
            let IndexJob { mut make, tree, cancel } = job;
            let mut pages = None;
            if let (Some(written), Some(tree)) = (&written, tree) {
                let mut compiled = None;
                in_pool(&mut || compiled = Some(compile_with(&tree, written, &memo, SearchIndex::Deferred)));
                match compiled {
                    Some(Ok(mut compiled)) => {
                        if let Some(own) = compiled.search_job() {
                            make = own;
                        }
                        pages = Some(std::mem::take(&mut compiled.site));
                    }
                    Some(Err(e)) => log(&format!("error: the site for --output could not be built: {e}")),
                    None => {}
                }
            }
            let mut files = None;
            let mut make = Some(make);
            in_pool(&mut || files = make.take().and_then(|make| make(&cancel)));
            let Some(files) = files else { continue };
            let mut index = RenderedSite::default();
            for (path, bytes) in files {
                index.insert(path, bytes);
            }
            if let (Some(dir), Some(mut pages)) = (&output, pages) {
                for (path, bytes) in index.iter() {
                    pages.insert(path.to_string(), bytes);
                }
                if let Err(e) = write_site(&pages, dir) {
                    log(&format!("error: {e}"));
                }
            }
            state.set_index(index);
            log(&format!("search index updated in {} ms", started.elapsed().as_millis()));
        }
    });
    tx
}

impl Rebuild {
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
                    (self.log)(render_terminal(&compiled.warnings, tree).trim_end());
                }
                // The last good build's index is out of date now: stop it, and send this one's.
                if let Some(make) = compiled.search_job() {
                    self.cancel.store(true, Ordering::Relaxed);
                    self.cancel = Arc::new(AtomicBool::new(false));
                    let tree = self.for_output.then(|| tree.clone());
                    let job = IndexJob { make, tree, cancel: self.cancel.clone() };
                    let _ = self.indexer.send(job);
                }
            }
            Err(BuildError::Content(diags)) => {
                let text = render_terminal(&diags, tree);
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
