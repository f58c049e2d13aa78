//! What the preview server shares between its threads and tasks: the last good build, the current
//! error, and the open event streams. No statics: one `State` per `serve`.

use crate::diag::Lang;
use crate::output::RenderedSite;
use axum::body::Bytes;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// How many events an open tab may fall behind by before it is simply told to reload.
const EVENT_BACKLOG: usize = 64;

pub(super) struct State {
    site: RwLock<Arc<RenderedSite>>,
    /// The search index files of the last index made: a rebuild's pages are served at once,
    /// and its index follows (until then, the previous index answers searches).
    index: RwLock<Arc<RenderedSite>>,
    /// The diagnostics of the last failed build, as terminal text in each language; `None`
    /// after a good one.
    error: RwLock<Option<ErrorText>>,
    /// The events for the open tabs: each event stream subscribes (a receiver costs no thread).
    events: broadcast::Sender<Event>,
    /// The page each open tab shows (its file in the site, as its event stream gave it), with
    /// how many tabs show it: a rebuild renders these first ([`super::Rebuild::run`]).
    open: Mutex<FxHashMap<String, usize>>,
    /// The open pages of a rebuild under way, rendered ahead of the rest of its site: served in
    /// place of the last build's until the whole rebuild is served (or has failed).
    early: RwLock<Option<FxHashMap<String, Arc<[u8]>>>>,
    /// How many good builds were served, and of which of them the index is served.
    progress: Mutex<Progress>,
    /// Told whenever an index is served.
    indexed: Condvar,
    /// The path the site is published under (from its `base_url`), e.g. `/fukushi/plan/`:
    /// the preview serves the site there, so links behave as they will once published.
    base: RwLock<String>,
}

/// Good builds are numbered from 1 as they are served.
#[derive(Default)]
struct Progress {
    /// The number of the build served.
    built: u64,
    /// The number of the build whose index is served (0: none yet).
    indexed: u64,
}

impl Default for State {
    fn default() -> Self {
        State {
            site: RwLock::default(),
            index: RwLock::default(),
            error: RwLock::default(),
            events: broadcast::channel(EVENT_BACKLOG).0,
            open: Mutex::default(),
            early: RwLock::default(),
            progress: Mutex::default(),
            indexed: Condvar::new(),
            base: RwLock::new("/".into()),
        }
    }
}

impl State {
    pub(super) fn site(&self) -> Arc<RenderedSite> {
        self.site.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// A file of the site (a page of the rebuild under way, if it was rendered ahead), or of
    /// its search index.
    pub(super) fn file(&self, path: &str) -> Option<Vec<u8>> {
        let early = self.early.read().ok().and_then(|e| e.as_ref()?.get(path).cloned());
        if let Some(bytes) = early {
            return Some(bytes.to_vec());
        }
        if let Some(bytes) = self.site().get(path) {
            return Some(bytes.to_vec());
        }
        self.index.read().ok()?.get(path).map(|b| b.to_vec())
    }

    /// Replaces the site as a whole: a browser never sees half a build. Returns the previous
    /// site, so the caller can let go of it after telling the tabs (dropping thousands of
    /// pages takes a moment).
    pub(super) fn swap(&self, site: Arc<RenderedSite>) -> Arc<RenderedSite> {
        let previous = match self.site.write() {
            Ok(mut s) => std::mem::replace(&mut *s, site),
            Err(_) => Arc::default(),
        };
        if let Ok(mut p) = self.progress.lock() {
            p.built += 1;
        }
        previous
    }

    /// The number of the build served (counted from 1).
    pub(super) fn built(&self) -> u64 {
        self.progress.lock().map(|p| p.built).unwrap_or_default()
    }

    /// Replaces the search index files as a whole: the index of the good build numbered `build`.
    /// `replaced` is given the index it replaced (requests may still be reading it) before
    /// anyone waiting is told.
    pub(super) fn set_index(&self, files: RenderedSite, build: u64, replaced: impl FnOnce(&RenderedSite)) {
        let old = self.index.write().ok().map(|mut s| std::mem::replace(&mut *s, Arc::new(files)));
        if let Some(old) = old {
            replaced(&old);
        }
        if let Ok(mut p) = self.progress.lock() {
            p.indexed = p.indexed.max(build);
        }
        self.indexed.notify_all();
    }

    /// Waits until the index of the build served is served too, at most `timeout`; returns
    /// whether it is.
    pub(super) fn wait_for_index(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let Ok(mut p) = self.progress.lock() else { return false };
        while p.indexed < p.built {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            p = match self.indexed.wait_timeout(p, left) {
                Ok((p, _)) => p,
                Err(_) => return false,
            };
        }
        true
    }

    /// The path the site is served under: starts and ends with `/`.
    pub(super) fn base(&self) -> String {
        self.base.read().map(|b| b.clone()).unwrap_or_else(|_| "/".into())
    }

    pub(super) fn set_base(&self, base: String) {
        if let Ok(mut b) = self.base.write() {
            *b = base;
        }
    }

    pub(super) fn error(&self) -> Option<ErrorText> {
        self.error.read().ok().and_then(|e| e.clone())
    }

    pub(super) fn set_error(&self, error: Option<ErrorText>) {
        if let Ok(mut e) = self.error.write() {
            *e = error;
        }
    }

    /// A receiver of every event broadcast from now on.
    pub(super) fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// Sends an event to every open tab (none open: nothing to do). Never blocks: called from
    /// the rebuild thread.
    pub(super) fn broadcast(&self, event: &str) {
        self.send(event, Tabs::All);
    }

    /// Sends an event to the open tabs `to` names.
    pub(super) fn send(&self, event: &str, to: Tabs) {
        let _ = self.events.send(Event { bytes: Bytes::from(event.to_string()), to });
    }

    /// Notes a tab showing the page `page` (a file of the site) until the guard is dropped.
    pub(super) fn opened(self: &Arc<Self>, page: String) -> OpenTab {
        if let Ok(mut open) = self.open.lock() {
            *open.entry(page.clone()).or_default() += 1;
        }
        OpenTab { state: self.clone(), page }
    }

    /// The pages the open tabs show (those whose event stream said).
    pub(super) fn open_pages(&self) -> Vec<String> {
        self.open.lock().map(|open| open.keys().cloned().collect()).unwrap_or_default()
    }

    /// Serves `pages` in place of the last build's, until [`State::take_early`].
    pub(super) fn show_early(&self, pages: FxHashMap<String, Arc<[u8]>>) {
        if let Ok(mut early) = self.early.write() {
            *early = Some(pages);
        }
    }

    /// The pages shown early, if any, which are no longer served (the rebuild's own are, or
    /// the last good build's after an error).
    pub(super) fn take_early(&self) -> Option<FxHashMap<String, Arc<[u8]>>> {
        self.early.write().ok().and_then(|mut early| early.take())
    }
}

/// An event for the open tabs, and which of them it is for.
#[derive(Clone)]
pub(super) struct Event {
    pub(super) bytes: Bytes,
    pub(super) to: Tabs,
}

/// Which open tabs an event is for.
#[derive(Clone)]
pub(super) enum Tabs {
    All,
    /// The tabs showing one of these pages.
    Showing(Arc<FxHashSet<String>>),
    /// Every tab but those showing one of these pages (a tab that did not say what it shows
    /// gets it).
    NotShowing(Arc<FxHashSet<String>>),
}

impl Tabs {
    /// Whether a tab showing `page` (`None`: it did not say) gets the event.
    pub(super) fn include(&self, page: Option<&str>) -> bool {
        match self {
            Tabs::All => true,
            Tabs::Showing(pages) => page.is_some_and(|p| pages.contains(p)),
            Tabs::NotShowing(pages) => !page.is_some_and(|p| pages.contains(p)),
        }
    }
}

/// An open tab's place among the open pages, given back when its event stream ends.
pub(super) struct OpenTab {
    state: Arc<State>,
    pub(super) page: String,
}

impl Drop for OpenTab {
    fn drop(&mut self) {
        if let Ok(mut open) = self.state.open.lock() {
            if let Some(n) = open.get_mut(&self.page) {
                *n -= 1;
                if *n == 0 {
                    open.remove(&self.page);
                }
            }
        }
    }
}

/// A server-sent event: `event: NAME` and the data, one `data:` line per line.
pub(super) fn event(name: &str, data: &str) -> String {
    let mut out = format!("event: {name}\n");
    for line in data.lines() {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    if data.is_empty() {
        out.push_str("data: \n");
    }
    out.push('\n');
    out
}

/// The text of a failed build in each language of plansite's messages: the overlay shows the
/// one of the page it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorText {
    en: String,
    ja: String,
}

impl ErrorText {
    /// The text as `render` says it in each language.
    pub(super) fn new(render: impl Fn(Lang) -> String) -> ErrorText {
        ErrorText { en: render(Lang::En), ja: render(Lang::Ja) }
    }

    /// The text in `lang`.
    pub(super) fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

/// The language of an HTML page, from its `<html lang="…">`: Japanese for `ja…`, English for
/// any other language or none (plansite's messages are in these two).
pub(super) fn page_lang(html: &str) -> Lang {
    let head = html.get(..html.len().min(2048)).unwrap_or(html);
    let lang = head
        .find("<html")
        .and_then(|i| head[i..].split('>').next())
        .and_then(|tag| tag.split("lang=\"").nth(1))
        .and_then(|rest| rest.split('"').next());
    lang.and_then(Lang::from_code).unwrap_or(Lang::En)
}

/// The error overlay: put into pages served while the content has an error (in the page's
/// language, `page`), and sent to the tabs already open (the `content-error` event, `page`
/// `None`: every language, each block marked with `data-plansite-lang`), whose script puts it
/// in place and keeps the block of the page's language.
pub(super) fn overlay_html(error: &ErrorText, page: Option<Lang>) -> String {
    let langs = match page {
        Some(lang) => vec![lang],
        None => Lang::ALL.to_vec(),
    };
    let mut blocks = String::new();
    for lang in langs {
        let heading = crate::escape::xml(&crate::diag::msg!("overlay-heading").render(lang));
        let escaped = crate::escape::xml(error.text(lang));
        let code = lang.code();
        blocks.push_str(&format!(
            "<div lang=\"{code}\" data-plansite-lang=\"{code}\"><strong>{heading}</strong><pre style=\"white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace\">{escaped}</pre></div>"
        ));
    }
    format!(
        "<div id=\"plansite-error\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:99999;background:#fff;color:#1a1a1a;border-top:6px solid #b00020;padding:1rem;font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)\">{blocks}</div>"
    )
}
