//! `plansite serve`: the editors' live preview.
//!
//! 1. Build the site in memory with the same pipeline as `build` (`compile_with`, keeping a
//!    memo so later rebuilds only redo what changed) and serve it over HTTP from memory (the
//!    pages past `--page-memory` from a file of its own on disk: `output::held`).
//! 2. Watch `content/`, `themes/` and `templates/` (debounced; editors' temporary files
//!    ignored: [`watch::classify`]), re-read the changed files, rebuild, swap the snapshot and
//!    tell every open tab to reload (or to reload only its stylesheets).
//! 3. On a content error, keep serving the last good build and show the error over it.
//! 4. The search index is rebuilt after the pages, in the background: a reload never waits,
//!    and until the new index is ready the last one answers searches.
//!
//! It writes nothing to disk unless `--output` asks for it, and then it writes what `build`
//! would: the same pipeline without the preview's address (see [`index_worker`]); its only
//! other file is the one of pages past `--page-memory`, which no folder names.
//!
//! The HTTP side ([`http`], [`server`]) runs on a small tokio runtime of its own thread: each
//! connection and each open event stream is a task, not a thread. The rebuilds run on a thread
//! of their own, one batch of changes after another, and share only [`State`] with it.
//!
//! [`run`] is `plansite serve`. [`start`] returns a [`Preview`] handle instead of blocking, so
//! the preview can be driven in process (the tests do): [`Preview::changed`] feeds a batch of
//! changed paths exactly as the watcher does and waits for the outcome, [`Preview::wait_for_index`]
//! waits for the search index, and dropping the handle stops everything. The watcher's
//! debounce and the index's quiet period are options ([`ServeOptions::debounce`],
//! [`ServeOptions::index_delay`]), and the watcher itself can be left off
//! ([`ServeOptions::watch`]).

pub(crate) mod http;
mod server;
mod state;
mod watch;

use watch::classify;

use crate::diag::msg;
use crate::diag::{io_error, render_terminal_in, Lang, Msg};
use crate::error::BuildError;
use crate::options::CompileOptions;
use crate::output::{write_site, Destination, RenderedSite, Stored};
use crate::pipeline::{compile_showing_first, compile_with, Early, Memo, SearchIndex, SearchJob};
use crate::source::{SourceTree, SOURCE_DIRS};
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use rustc_hash::FxHashSet;
use state::{State, Tabs};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
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
    /// Watch the sources for changes (on by default). Off, only [`Preview::changed`] tells the
    /// preview what changed.
    pub watch: bool,
    /// How long the watcher waits for a burst of file events to end before it reports them
    /// (40 ms by default).
    pub debounce: Duration,
    /// How long the search index waits after a build for editing to pause before it is made
    /// (1 s by default: while an editor types and saves, only the pages are rebuilt).
    pub index_delay: Duration,
    /// The most bytes of rendered pages kept in memory ([`PAGE_MEMORY`] by default); the rest
    /// are kept on disk under the site root's `.plansite-cache/` (see `output::held`).
    pub page_memory: u64,
    /// The language of what the preview prints (the overlay follows each page's language).
    pub lang: Lang,
}

/// The most bytes of rendered pages `serve` keeps in memory unless told otherwise: 1 GiB, the
/// pages of some 30,000 case studies in two languages (N = 10,000 is 300 MB, all in memory).
pub const PAGE_MEMORY: u64 = 1 << 30;

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
            watch: true,
            debounce: DEBOUNCE,
            index_delay: INDEX_QUIET,
            page_memory: PAGE_MEMORY,
            lang: Lang::En,
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

/// The path `base_url` in site.yaml gives, decoded (`/` if it gives none, or none that can be
/// read: the model reports that). Read on its own, so the preview stays at its path while the
/// rest of the content has errors.
fn published_base(tree: &SourceTree) -> String {
    #[derive(serde::Deserialize)]
    struct BaseOnly {
        #[serde(default)]
        base_url: Option<String>,
    }
    let text = tree.text("content/site.yaml").or_else(|| tree.text("content/site.yml"));
    let url = text.and_then(|t| serde_saphyr::from_str::<BaseOnly>(t).ok()).and_then(|b| b.base_url);
    url.map_or_else(|| "/".into(), |u| http::base_path(&u))
}

/// The preview's address of a site served under `base` (`origin` ends with `/`).
fn site_url(origin: &str, base: &str) -> String {
    format!("{}{}", origin.trim_end_matches('/'), http::directory_location(base, "", None))
}

/// Why the preview could not start or stopped.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs, reason = "each variant's message says what it means")]
pub enum ServeError {
    #[error("port {port} on {bind} is already in use; stop the other program (or another `plansite serve`), or choose another port with --port {next}")]
    PortInUse { bind: IpAddr, port: u16, next: u16 },
    #[error("cannot listen on {addr}: {message}")]
    Listen { addr: SocketAddr, message: Msg },
    #[error("cannot watch {path}: {message}")]
    Watch { path: String, message: Msg },
    #[error(transparent)]
    Build(#[from] BuildError),
}

impl ServeError {
    /// The error in `lang` (the `Display` text is English).
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ServeError::PortInUse { bind, port, next } => {
                msg!("serve-port-in-use", port = *port, bind = bind.to_string(), next = *next).render(lang)
            }
            ServeError::Listen { addr, message } => {
                msg!("serve-cannot-listen", addr = addr.to_string(), why = message.render(lang)).render(lang)
            }
            ServeError::Watch { path, message } => {
                msg!("serve-cannot-watch", path = path.as_str(), why = message.render(lang)).render(lang)
            }
            ServeError::Build(e) => e.render(lang),
        }
    }
}

/// Runs the preview until the process is stopped. Messages go to `log` (the terminal).
pub fn run(options: ServeOptions, log: impl Fn(&str) + Send + Sync + 'static) -> Result<(), ServeError> {
    let open = options.open;
    let preview = start(options, log)?;
    if open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") { "open" } else { "xdg-open" })
            .arg(preview.url())
            .spawn();
    }
    preview.wait();
    Ok(())
}

/// What the preview did with a batch of file changes (see [`Preview::changed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No path was a source file: outside `content/`, `themes/` and `templates/`, in the
    /// output folder, or an editor's temporary, backup or hidden file. Nothing was read.
    Ignored,
    /// Source files, but none of them changed (the same bytes were saved again).
    Unchanged,
    /// The site was rebuilt and is served; the open tabs were told to reload (or restyle).
    Rebuilt,
    /// The rebuild failed (the content has errors, or a file could not be read): the last good
    /// build is still served, with the error shown over it.
    Failed,
    /// The preview has stopped.
    Stopped,
}

/// What the rebuild thread is asked to do.
enum Message {
    /// These paths changed (as the watcher reports them: absolute, under the canonical root);
    /// the outcome is sent back when someone waits for it.
    Changed(Vec<PathBuf>, Option<mpsc::Sender<Outcome>>),
    /// Stop watching and rebuilding.
    Stop,
}

/// A running preview (see [`start`]): its address, a way to tell it that files changed
/// without waiting for the file system watcher, a way to wait for the search index, and a
/// way to stop it. Dropping it stops the preview: the server closes every connection, the
/// watcher and the rebuild thread end.
pub struct Preview {
    addr: SocketAddr,
    url: String,
    /// The site root as the watcher reports paths under it.
    root: PathBuf,
    state: Arc<State>,
    changes: mpsc::Sender<Message>,
    rebuilds: Option<std::thread::JoinHandle<()>>,
    http: Option<std::thread::JoinHandle<()>>,
    stop_http: Option<tokio::sync::oneshot::Sender<()>>,
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview").field("url", &self.url).finish_non_exhaustive()
    }
}

impl Preview {
    /// The address the preview listens on (with the port chosen when it was asked for 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The preview's address of the site as printed and as its pages link to it: the origin
    /// and the path of the site's `base_url`, e.g. `http://127.0.0.1:1111/fukushi/plan/`
    /// (`http://[::1]:1111/…` for IPv6; a loopback address when bound to every address).
    /// `/` of the preview redirects there.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Tells the preview that these files or folders changed, exactly as the file system
    /// watcher does (relative paths are taken from the site root), and waits until it has
    /// dealt with them: re-read and rebuilt, or found nothing to do. The watcher's own events
    /// go the same way, one batch after another.
    pub fn changed<P: AsRef<Path>>(&self, paths: &[P]) -> Outcome {
        let paths = paths.iter().map(|p| self.root.join(p.as_ref())).collect();
        let (tx, rx) = mpsc::channel();
        if self.changes.send(Message::Changed(paths, Some(tx))).is_err() {
            return Outcome::Stopped;
        }
        rx.recv().unwrap_or(Outcome::Stopped)
    }

    /// Waits until the search index of the latest good build is served (and, with `--output`,
    /// written with its pages), at most `timeout`; returns whether it is.
    pub fn wait_for_index(&self, timeout: Duration) -> bool {
        self.state.wait_for_index(timeout)
    }

    /// Runs until the watcher stops (in practice: until the process is stopped). A panic of
    /// the rebuild thread goes on here, as it would have on the thread that started it.
    pub fn wait(mut self) {
        if let Some(Err(panic)) = self.rebuilds.take().map(std::thread::JoinHandle::join) {
            std::panic::resume_unwind(panic);
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.changes.send(Message::Stop);
        if let Some(stop) = self.stop_http.take() {
            let _ = stop.send(());
        }
        for thread in [self.rebuilds.take(), self.http.take()].into_iter().flatten() {
            let _ = thread.join();
        }
    }
}

/// Starts the preview: builds the site, serves it on a thread of its own and, unless
/// `options.watch` is off, watches the sources and rebuilds on every change, on another.
/// Returns once the first build is served. Messages go to `log` (the terminal).
pub fn start(options: ServeOptions, log: impl Fn(&str) + Send + Sync + 'static) -> Result<Preview, ServeError> {
    let addr = SocketAddr::new(options.bind, options.port);
    let log: Log = Arc::new(log);
    // Two workers are plenty: every answer comes from memory (or, past `--page-memory`, from
    // one open file, a read of a few kilobytes from the page cache), and a stream waits on a
    // channel.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("preview-http")
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| ServeError::Listen { addr, message: io_error(&e) })?;
    let listener = {
        let _inside = runtime.enter();
        server::listen(addr)?
    };
    let local = listener.local_addr().unwrap_or(addr);
    let url = preview_url(options.bind, local.port());
    if !options.bind.is_loopback() {
        let warning = if options.bind.is_unspecified() {
            msg!("serve-bound-any", bind = options.bind.to_string())
        } else {
            msg!("serve-bound", bind = options.bind.to_string())
        };
        log(&warning.render(options.lang));
    }
    for name in options.allowed_hosts.iter().filter(|n| !http::is_host(n)) {
        log(&msg!("serve-bad-allowed-host", name = format!("{name:?}")).render(options.lang));
    }
    // The preview's pages link to the preview, under the path of the site's own address (so
    // links behave as they will once published); what --output writes, to the published site.
    // The preview shows drafts and items dated after today, each with a band.
    let tree = SourceTree::load(&options.root)?;
    let base = published_base(&tree);
    let origin = url;
    let url = site_url(&origin, &base);
    let publish = crate::model::Publish { drafts: true, future: true, now: None };
    let build_options = CompileOptions { base_url: crate::model::BaseUrl::parse(&url).ok(), publish };
    let state = Arc::new(State::default());
    state.set_base(base);
    let destination =
        options.output.as_ref().map(|dir| Destination { dir: dir.clone(), root: options.root.clone(), force: false });
    if let Some(dest) = &destination {
        // Refuse a dangerous --output before serving anything.
        crate::output::guard::check_place(dest)?;
    }
    let memo = Memo::for_preview(&options.root, options.page_memory);
    let (indexer, index_thread) =
        index_worker(state.clone(), log.clone(), destination, options.index_delay, memo.page_store(), options.lang);
    let mut rebuild = Rebuild {
        origin,
        state: state.clone(),
        memo,
        options: build_options,
        log: log.clone(),
        cancel: Arc::new(AtomicBool::new(false)),
        indexer: Some(indexer),
        index_thread,
        for_output: options.output.is_some(),
        translations: String::new(),
        lang: options.lang,
    };
    rebuild.run(&tree, &msg!("serve-first-build").render(options.lang), &watch::Change::default());

    let most = tokio::sync::Semaphore::MAX_PERMITS;
    let max_connections = server::connection_cap(options.max_connections.clamp(1, most), &log, options.lang);
    let app = http::app(http::Shared {
        state: state.clone(),
        hosts: Arc::new(http::Hosts::new(options.bind, &options.allowed_hosts)),
        streams: Arc::new(tokio::sync::Semaphore::new(options.max_event_streams.min(most))),
        log: log.clone(),
        lang: options.lang,
    });
    let server_log = log.clone();
    let (stop_http, stopped) = tokio::sync::oneshot::channel::<()>();
    let http = std::thread::Builder::new()
        .name("preview-http".into())
        .spawn(move || {
            runtime.block_on(async move {
                let serving = std::pin::pin!(server::serve(listener, app, max_connections, server_log, options.lang));
                futures_util::future::select(serving, stopped).await;
            });
            // Dropping the runtime here ends every connection and event stream.
        })
        .map_err(|e| ServeError::Listen { addr, message: io_error(&e) })?;

    // Watch and classify with one spelling of the root: the watcher reports paths under the
    // path it was given.
    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    let output = options.output.as_ref().map(|o| std::fs::canonicalize(o).unwrap_or_else(|_| o.clone()));
    let (changes, rx) = mpsc::channel::<Message>();
    let watcher = if options.watch { Some(watch_sources(&root, &options, changes.clone())?) } else { None };
    // Said once the preview is watching too, so an edit made after this line is seen.
    log(&msg!("serve-serving", url = url.as_str()).render(options.lang));
    let watched = WatchedTree { tree, root: root.clone(), output, watcher, log, lang: options.lang };
    let rebuilds = std::thread::Builder::new()
        .name("preview-rebuild".into())
        .spawn(move || watched.rebuild_on_changes(&rx, rebuild))
        .map_err(|e| ServeError::Listen { addr, message: io_error(&e) })?;
    Ok(Preview {
        addr: local,
        url,
        root,
        state,
        changes,
        rebuilds: Some(rebuilds),
        http: Some(http),
        stop_http: Some(stop_http),
    })
}

/// The OS file watcher: watches the source folders of `root` (and `root` itself, for a source
/// folder created later), and sends each debounced batch of changed paths to `changes`.
type Watcher = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

fn watch_sources(root: &Path, options: &ServeOptions, changes: mpsc::Sender<Message>) -> Result<Watcher, ServeError> {
    let handler = move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
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
        if !paths.is_empty() {
            let _ = changes.send(Message::Changed(paths, None));
        }
    };
    let mut debouncer = new_debouncer(options.debounce, None, handler)
        .map_err(|e| ServeError::Watch { path: options.root.display().to_string(), message: watch_error(&e) })?;
    for dir in SOURCE_DIRS.iter().map(|d| root.join(d)).filter(|d| d.is_dir()) {
        debouncer
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(|e| ServeError::Watch { path: dir.display().to_string(), message: watch_error(&e) })?;
    }
    // The root itself, not recursively: a `templates/` or `themes/` folder created later.
    let _ = debouncer.watch(root, RecursiveMode::NonRecursive);
    Ok(debouncer)
}

/// Why the sources cannot be watched, in the catalogue's words where it is a common reason.
fn watch_error(e: &notify_debouncer_full::notify::Error) -> Msg {
    use notify_debouncer_full::notify::ErrorKind;
    match &e.kind {
        ErrorKind::Io(io) => io_error(io),
        ErrorKind::PathNotFound => msg!("io-not-found"),
        ErrorKind::MaxFilesWatch => msg!("serve-watch-limit"),
        _ => msg!("io-other", text = e.to_string()),
    }
}

/// What the rebuild thread keeps: the sources as last read, where they are, the watcher.
struct WatchedTree {
    tree: SourceTree,
    root: PathBuf,
    output: Option<PathBuf>,
    watcher: Option<Watcher>,
    log: Log,
    lang: Lang,
}

impl WatchedTree {
    /// Deals with each batch of changes in turn until told to stop (or until nothing can send
    /// any more), then stops the search index too.
    fn rebuild_on_changes(mut self, changes: &mpsc::Receiver<Message>, mut rebuild: Rebuild) {
        while let Ok(Message::Changed(paths, reply)) = changes.recv() {
            let outcome = self.changed(&paths, &mut rebuild);
            if let Some(reply) = reply {
                let _ = reply.send(outcome);
            }
        }
        drop(self.watcher.take());
        rebuild.stop();
    }

    fn changed(&mut self, paths: &[PathBuf], rebuild: &mut Rebuild) -> Outcome {
        let change = classify(&self.root, self.output.as_deref(), paths);
        if change.paths.is_empty() {
            return Outcome::Ignored;
        }
        // A source folder created at the top (themes/, templates/) needs a watch of its own;
        // folders inside a watched one are covered. Watching again walks the whole folder, so
        // only when one appeared. Watched before it is read: a file written into it between the
        // read and the watch would be seen by neither.
        if let Some(watcher) = self.watcher.as_mut() {
            if change.paths.iter().any(|p| SOURCE_DIRS.contains(&p.as_str())) {
                for dir in SOURCE_DIRS.iter().map(|d| self.root.join(d)).filter(|d| d.is_dir()) {
                    let _ = watcher.watch(&dir, RecursiveMode::Recursive);
                }
            }
        }
        match self.tree.refresh(&change.paths) {
            Ok(true) => {}
            Ok(false) => return Outcome::Unchanged,
            Err(e) => {
                (self.log)(&crate::diag::error_line(self.lang, &e.render(self.lang)));
                return Outcome::Failed;
            }
        }
        let what = match change.paths.len() {
            1 => change.paths[0].clone(),
            n => msg!("serve-changed-many", first = change.paths[0].as_str(), more = n - 1).render(self.lang),
        };
        if rebuild.run(&self.tree, &what, &change) {
            Outcome::Rebuilt
        } else {
            Outcome::Failed
        }
    }
}

/// One rebuild: compile, then swap and notify, or keep the last good build and show the error.
struct Rebuild {
    /// The preview's address without a path, e.g. `http://127.0.0.1:1111/`.
    origin: String,
    state: Arc<State>,
    memo: Memo,
    options: CompileOptions,
    log: Log,
    /// Set to stop the search index of the last good build once a newer one is good.
    cancel: Arc<AtomicBool>,
    /// Where each good build's search index is sent (see [`index_worker`]); `None` once stopped.
    indexer: Option<mpsc::Sender<IndexJob>>,
    /// The thread that makes the index.
    index_thread: Option<std::thread::JoinHandle<()>>,
    /// `--output` is given: each index job also takes the sources, to compile them as `build`.
    for_output: bool,
    /// The list of translations to do last printed, printed again only when it changes.
    translations: String,
    /// The language of what the preview prints.
    lang: Lang,
}

/// The search index of one build: the job that makes its files (see
/// [`crate::pipeline::Compiled::search_job`]), the sources it was built from when `--output`
/// is given (to compile them again for the disk, as `build` would), and the flag that stops it.
struct IndexJob {
    make: SearchJob,
    tree: Option<SourceTree>,
    cancel: Arc<AtomicBool>,
    /// Which good build it is the index of (see [`State::built`]).
    build: u64,
}

/// At most how many of the pages open in browsers a rebuild renders ahead of the rest (the
/// tabs of others reload once the whole rebuild is served).
const MAX_EARLY: usize = 16;

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
///
/// The index stays in memory (every search reads it), but counts against the preview's memory
/// budget (`store`, see `output::held`): 40.4 MB at N = 10,000, growing with the site, which
/// pages past the budget make room for on disk. The index it replaces counts no more.
fn index_worker(
    state: Arc<State>,
    log: Log,
    output: Option<Destination>,
    quiet: Duration,
    store: Option<Arc<crate::output::held::PageStore>>,
    lang: Lang,
) -> (mpsc::Sender<IndexJob>, Option<std::thread::JoinHandle<()>>) {
    let (tx, rx) = mpsc::channel::<IndexJob>();
    let said = log.clone();
    let thread = std::thread::Builder::new().name("preview-index".into()).spawn(move || {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).thread_name(|_| "search-index".into()).build();
        let in_pool = |work: &mut (dyn FnMut() + Send)| match &pool {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        };
        let memo = Memo::default();
        let written = output.as_ref().map(|_| CompileOptions::default());
        while let Ok(mut job) = rx.recv() {
            loop {
                match rx.recv_timeout(quiet) {
                    Ok(newer) => job = newer,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            let started = Instant::now();
            let IndexJob { mut make, tree, cancel, build } = job;
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
                    Some(Err(e)) => {
                        // (The error's first line as the value; a hint on the next, as it is.)
                        let text = e.render(lang);
                        let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
                        let said = msg!("serve-output-failed", error = first).render(lang);
                        log(&if rest.is_empty() { said } else { format!("{said}\n{rest}") })
                    }
                    None => {}
                }
            }
            let mut files = None;
            let mut make = Some(make);
            in_pool(&mut || files = make.take().and_then(|make| make(&cancel)));
            let Some(files) = files else { continue };
            // Added at once (a site's files are a sorted list: one at a time, each would move
            // the files after it).
            let mut index = RenderedSite::default();
            let keep = |bytes: Vec<u8>| match &store {
                Some(store) => store.keep(bytes.into(), false),
                None => Stored::Bytes(bytes.into()),
            };
            index.add_all(files.into_iter().map(|(path, bytes)| (path, keep(bytes))).collect());
            if let (Some(dir), Some(mut pages)) = (&output, pages) {
                pages.add_all(index.stored().map(|(path, stored)| (path.to_string(), stored.clone())).collect());
                if let Err(e) = write_site(&pages, dir) {
                    log(&crate::diag::error_line(lang, &e.render(lang)));
                }
            }
            // Said first, so whoever waits for the index (`Preview::wait_for_index`) finds it said.
            let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            log(&msg!("serve-index-updated", ms = ms).render(lang));
            state.set_index(index, build, |replaced| {
                if let Some(store) = &store {
                    replaced.stored().for_each(|(_, stored)| store.release(stored));
                }
            });
        }
    });
    if let Err(e) = &thread {
        said(&msg!("serve-index-failed", error = io_error(e).render(lang)).render(lang));
    }
    (tx, thread.ok())
}

impl Rebuild {
    /// Whether a failed rebuild leaves a good build shown (`kept`), or there has been none yet
    /// (`none`), as the messages select it.
    fn kept(&self) -> &'static str {
        if self.state.built() > 0 {
            "kept"
        } else {
            "none"
        }
    }

    /// Stops the search index (a job under way is cancelled) and waits for its thread.
    fn stop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        drop(self.indexer.take());
        if let Some(thread) = self.index_thread.take() {
            let _ = thread.join();
        }
    }

    /// `change` says what changed: only stylesheets (open tabs swap their styles instead of
    /// reloading), or only items' texts (the open pages are shown first). Returns whether the
    /// build was good (and is served).
    fn run(&mut self, tree: &SourceTree, what: &str, change: &watch::Change) -> bool {
        let css_only = change.css_only;
        let started = Instant::now();
        // site.yaml may have moved the site to another path: serve it there from this build on.
        let base = published_base(tree);
        let moved = base != self.state.base();
        if moved {
            self.options.base_url = crate::model::BaseUrl::parse(&site_url(&self.origin, &base)).ok();
        }
        // The pages open in a browser are rendered ahead of the rest of the site and their tabs
        // reloaded at once, while the rest is rendered and checked (as Hugo's server does by
        // default): on a large site the page being edited shows its change long before the
        // whole rebuild is done. Only for a change of items' texts (a page shown first would get
        // a style sheet or an image another change made anew from the last build, and is not
        // reloaded again if its own bytes are the same), and not while an error is shown.
        let open = match !change.text_only || self.state.error().is_some() {
            true => Vec::new(),
            false => self.state.open_pages(),
        };
        let (state, log, lang) = (self.state.clone(), self.log.clone(), self.lang);
        let show = |pages: Vec<(String, Arc<[u8]>)>| {
            if pages.is_empty() {
                return;
            }
            let count = pages.len();
            let names: FxHashSet<String> = pages.iter().map(|(path, _)| path.clone()).collect();
            state.show_early(pages.into_iter().collect());
            state.send(&state::event("reload", what), Tabs::Showing(Arc::new(names)));
            let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            log(&msg!("serve-shown-first", what = what, count = count, ms = ms).render(lang));
        };
        let compiled = if open.is_empty() {
            compile_with(tree, &self.options, &self.memo, SearchIndex::Deferred)
        } else {
            let early = Early { pages: open.into_iter().take(MAX_EARLY).collect(), show: &show };
            compile_showing_first(tree, &self.options, &self.memo, SearchIndex::Deferred, &early)
        };
        match compiled {
            Ok(mut compiled) => {
                if moved {
                    (self.log)(&msg!("serve-moved", url = site_url(&self.origin, &base)).render(self.lang));
                    self.state.set_base(base);
                }
                let pages = Arc::new(std::mem::take(&mut compiled.site));
                let count = pages.page_count();
                let rendered = self.memo.pages_rendered();
                let previous = self.state.swap(pages.clone());
                let early = self.state.take_early();
                self.memo.served();
                let build = self.state.built();
                let had_error = self.state.error().is_some();
                self.state.set_error(None);
                if css_only && !had_error {
                    self.state.broadcast(&state::event("css", what));
                } else {
                    // A tab reloaded with its page shown first has it already, unless the whole
                    // rebuild made that page differently.
                    let same: FxHashSet<String> = early
                        .iter()
                        .flat_map(|e| e.iter())
                        .filter(|(path, bytes)| pages.get(path).is_some_and(|b| *b == ***bytes))
                        .map(|(path, _)| path.clone())
                        .collect();
                    let to = if same.is_empty() { Tabs::All } else { Tabs::NotShowing(Arc::new(same)) };
                    self.state.send(&state::event("reload", if had_error { "fixed" } else { what }), to);
                }
                let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                let line = msg!("serve-rebuilt", what = what, rendered = rendered, count = count, ms = ms);
                (self.log)(&line.render(self.lang));
                drop(previous);
                if !compiled.warnings.is_empty() {
                    (self.log)(render_terminal_in(&compiled.warnings, tree, self.lang).trim_end());
                }
                let todo = crate::translations::short_report(&compiled.translations, self.lang);
                if todo != self.translations {
                    if !todo.is_empty() {
                        (self.log)(todo.trim_end());
                    }
                    self.translations = todo;
                }
                // The last good build's index is out of date now: stop it, and send this one's.
                if let Some(make) = compiled.search_job() {
                    self.cancel.store(true, Ordering::Relaxed);
                    self.cancel = Arc::new(AtomicBool::new(false));
                    let tree = self.for_output.then(|| tree.clone());
                    let job = IndexJob { make, tree, cancel: self.cancel.clone(), build };
                    if let Some(indexer) = &self.indexer {
                        let _ = indexer.send(job);
                    }
                }
                true
            }
            Err(BuildError::Content(diags)) => {
                self.state.take_early();
                let error = state::ErrorText::new(|lang| render_terminal_in(&diags, tree, lang));
                let heading = msg!("serve-content-errors", what = what, kept = self.kept()).render(self.lang);
                (self.log)(&format!("{heading}\n{}", error.text(self.lang).trim_end()));
                self.state.broadcast(&state::event("content-error", &state::overlay_html(&error, None)));
                self.state.set_error(Some(error));
                false
            }
            Err(e) => {
                self.state.take_early();
                let error = state::ErrorText::new(|lang| e.render(lang));
                let line = msg!("serve-build-failed", what = what, error = error.text(self.lang), kept = self.kept());
                (self.log)(&line.render(self.lang));
                self.state.broadcast(&state::event("content-error", &state::overlay_html(&error, None)));
                self.state.set_error(Some(error));
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The index served counts against the preview's memory budget (so pages past it go to disk
    // sooner), and the index a newer one replaces counts no more; it is served from memory.
    #[test]
    fn the_index_counts_against_the_memory_budget_until_replaced() {
        let root = tempfile::tempdir().unwrap();
        let store = Arc::new(crate::output::held::PageStore::open(root.path(), 100));
        let state = Arc::new(State::default());
        let log: Log = Arc::new(|_| {});
        let (tx, thread) = index_worker(state.clone(), log, None, Duration::ZERO, Some(store.clone()), Lang::En);
        let job = |build, files: Vec<(&'static str, usize)>| IndexJob {
            make: Box::new(move |_| Some(files.into_iter().map(|(p, n)| (p.to_string(), vec![b'x'; n])).collect())),
            tree: None,
            cancel: Arc::new(AtomicBool::new(false)),
            build,
        };
        let _ = state.swap(Arc::default());
        tx.send(job(1, vec![("search/ja/a.bin", 60), ("search/ja/b.bin", 30)])).unwrap();
        assert!(state.wait_for_index(Duration::from_secs(30)));
        assert_eq!(store.in_memory(), 90);
        assert_eq!(state.file("search/ja/a.bin").unwrap(), vec![b'x'; 60]);
        let _ = state.swap(Arc::default());
        tx.send(job(2, vec![("search/ja/a.bin", 70)])).unwrap();
        assert!(state.wait_for_index(Duration::from_secs(30)));
        assert_eq!(store.in_memory(), 70, "the replaced index counts no more");
        assert_eq!(state.file("search/ja/b.bin"), None);
        // A page that would pass the budget with the index counted goes to disk.
        assert!(matches!(store.keep(Arc::from(vec![0u8; 40]), true), crate::output::Stored::Held { .. }));
        drop(tx);
        thread.unwrap().join().unwrap();
    }
}
