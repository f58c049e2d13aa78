//! The preview's HTTP side: serves the current snapshot of the site from memory, never a file
//! from disk, so no request can reach outside the site. HTML responses get the live-reload
//! script (and, while the content has an error, the error overlay) injected here, at response
//! time; the pages in the snapshot are exactly those `build` writes.
//!
//! Every request passes, outermost first: a panic guard (a handler that panics answers 500 and
//! the server goes on), the Host check (against DNS rebinding: see [`Hosts`]), the method check
//! (GET and HEAD only), then [`handle`]. Event streams are tokio tasks, not threads, and their
//! number is capped (past the cap: 503). The connection cap is in `server.rs`.

use super::state::{self, State};
use super::Log;
use crate::diag::msg;
use crate::diag::{Lang, Msg};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State as With};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use std::any::Any;
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, OwnedSemaphorePermit, Semaphore};
use tower_http::catch_panic::{CatchPanicLayer, ResponseForPanic};

/// Address of the event stream and of the client script.
pub(super) const EVENTS: &str = "/__plansite/events";
pub(super) const SCRIPT: &str = "/__plansite/live.js";

const LIVE_JS: &str = include_str!("live.js");

/// How often an idle event stream gets a comment, so a tab that went away is noticed (the write
/// fails) and its stream ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What every request shares.
#[derive(Clone)]
pub(super) struct Shared {
    pub(super) state: Arc<State>,
    pub(super) hosts: Arc<Hosts>,
    /// One permit per open event stream; none left: the next stream gets 503.
    pub(super) streams: Arc<Semaphore>,
    pub(super) log: Log,
    /// The language of the preview's own answers (403, 405, 503…) and log lines: the editor's.
    pub(super) lang: Lang,
}

/// The whole application: the site, the script and the event stream behind the guards.
pub(super) fn app(shared: Shared) -> Router {
    guard(Router::new().fallback(handle), shared)
}

/// Puts the guards around `routes` (a function of its own so the unit tests put the very same
/// guards around a route that panics).
fn guard(routes: Router<Shared>, shared: Shared) -> Router {
    let (log, lang) = (shared.log.clone(), shared.lang);
    routes
        .layer(middleware::from_fn_with_state(shared.clone(), only_get_and_head))
        .layer(middleware::from_fn_with_state(shared.clone(), check_host))
        .layer(CatchPanicLayer::custom(PanicAnswer { log, lang }))
        .with_state(shared)
}

/// Answers one request that passed the guards.
async fn handle(With(shared): With<Shared>, method: Method, headers: HeaderMap, uri: Uri) -> Response {
    let path = uri.path();
    if path == EVENTS {
        return events(&shared, method == Method::HEAD, uri.query());
    }
    if path == SCRIPT {
        return respond(StatusCode::OK, "text/javascript; charset=utf-8", LIVE_JS.as_bytes().to_vec());
    }
    let base = shared.state.base();
    match site_path(path).map(|rel| under(&base, rel)) {
        Some(Place::Site(rel)) => {
            let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
            serve_file(&shared, &base, &rel, uri.query(), range)
        }
        // `/` (and the base without its slash): to the site's home, on this origin.
        Some(Place::Base) => redirect(&directory_location(&base, "", uri.query())),
        Some(Place::Outside) | None => not_found(&shared.state, shared.lang),
    }
}

/// Where a request's site-relative path (as [`site_path`] made it) is, with the site served
/// under `base` (`/` or e.g. `/fukushi/plan/`).
#[derive(Debug, PartialEq, Eq)]
enum Place {
    /// A file of the site: its path in the site.
    Site(String),
    /// `/` or the base without its slash: sent to the base.
    Base,
    /// Elsewhere: after publishing, not the site's either (so 404, as it will be).
    Outside,
}

fn under(base: &str, rel: String) -> Place {
    let base_rel = base.trim_start_matches('/');
    if base_rel.is_empty() {
        return Place::Site(rel);
    }
    if rel == "index.html" || format!("{rel}/") == base_rel {
        return Place::Base;
    }
    match rel.strip_prefix(base_rel) {
        Some(rest) if !rest.is_empty() => Place::Site(rest.to_string()),
        _ => Place::Outside,
    }
}

/// The path a site published at `base_url` is served under, decoded (e.g. `/fukushi/plan/`;
/// `/` for a site at the top of its host, or for an address that is not one).
pub(super) fn base_path(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or("", |(_, r)| r);
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    // `https://example.jp/plan` is the folder `plan/`, as `BaseUrl` reads it.
    let path = if path.ends_with('/') { path.to_string() } else { format!("{path}/") };
    match site_path(&path) {
        Some(rel) => format!("/{}", rel.strip_suffix("index.html").unwrap_or("")),
        None => "/".into(),
    }
}

/// The site-relative file for a URL path, or `None` for anything that tries to leave the site
/// (`..`, encoded or not, backslashes, NUL, absolute paths in disguise).
pub(crate) fn site_path(url_path: &str) -> Option<String> {
    let decoded = percent_decode(url_path)?;
    if decoded.contains('\\') || decoded.contains('\0') || !decoded.starts_with('/') {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s if s.contains(':') => return None,
            s => parts.push(s),
        }
    }
    let mut rel = parts.join("/");
    if decoded.ends_with('/') || rel.is_empty() {
        rel = if rel.is_empty() { "index.html".into() } else { format!("{rel}/index.html") };
    }
    Some(rel)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file `rel` of the site served under `base`; `query` is the request's, kept in a redirect.
fn serve_file(shared: &Shared, base: &str, rel: &str, query: Option<&str>, range: Option<&str>) -> Response {
    let state = &shared.state;
    let Some(bytes) = state.file(rel) else {
        // `/ja/overview` without the slash: send the browser to `/ja/overview/`, where the
        // page's relative links resolve as they do on the published site.
        if state.file(&format!("{rel}/index.html")).is_some() {
            return redirect(&directory_location(base, rel, query));
        }
        return not_found(state, shared.lang);
    };
    let kind = content_type(rel);
    if rel.ends_with(".html") {
        return respond(StatusCode::OK, kind, inject(state, bytes));
    }
    // One byte range, as a static host answers it (the search index's pack files are read so).
    let len = bytes.len();
    match range.map(|r| byte_range(r, len)) {
        Some(Some(Some((from, to)))) => {
            let mut r = respond(StatusCode::PARTIAL_CONTENT, kind, Bytes::from(bytes).slice(from..=to));
            if let Ok(v) = HeaderValue::from_str(&format!("bytes {from}-{to}/{len}")) {
                r.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            r
        }
        Some(Some(None)) => {
            let mut r = respond(StatusCode::RANGE_NOT_SATISFIABLE, kind, Vec::new());
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{len}")) {
                r.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            r
        }
        _ => {
            let mut r = respond(StatusCode::OK, kind, bytes);
            r.headers_mut().insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
            r
        }
    }
}

/// The inclusive byte range a `Range` header asks of a file of `len` bytes: `None` when it is
/// not one range of bytes (the whole file is sent, as servers do for several ranges),
/// `Some(None)` when no byte of it is in the file (416), else the range, cut to the file.
fn byte_range(value: &str, len: usize) -> Option<Option<(usize, usize)>> {
    let (from, to) = value.trim().strip_prefix("bytes=")?.split_once('-')?;
    let number = |s: &str| if s.is_empty() { Some(None) } else { s.trim().parse::<usize>().ok().map(Some) };
    let range = match (number(from)?, number(to)?) {
        (Some(a), Some(b)) if a <= b => (a, b.min(len.saturating_sub(1))),
        (Some(_), Some(_)) => return None,
        (Some(a), None) => (a, len.saturating_sub(1)),
        (None, Some(n)) if n > 0 => (len.saturating_sub(n), len.saturating_sub(1)),
        (None, Some(_)) => return Some(None),
        (None, None) => return None,
    };
    Some((range.0 < len).then_some(range))
}

/// Where to send a request for the folder `rel` (site-relative, as [`site_path`] made it) of
/// the site served under `base`: always one leading slash then a path segment, never `//host`
/// or `/\host` (which a browser takes for another site), however the request spelled it:
/// built from the decoded segments, each percent-encoded again, so `//x`, `%2F%2Fx` or `/./x`
/// cannot survive into it.
pub(super) fn directory_location(base: &str, rel: &str, query: Option<&str>) -> String {
    let mut location = String::from("/");
    let segments = base.split('/').chain(rel.split('/'));
    for segment in segments.filter(|s| !s.is_empty()) {
        for &b in segment.as_bytes() {
            if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&b) {
                location.push(char::from(b));
            } else {
                location.push_str(&format!("%{b:02X}"));
            }
        }
        location.push('/');
    }
    if let Some(q) = query.filter(|q| q.bytes().all(|b| b.is_ascii_graphic())) {
        location.push('?');
        location.push_str(q);
    }
    location
}

fn redirect(location: &str) -> Response {
    let mut r = respond(StatusCode::MOVED_PERMANENTLY, "text/plain; charset=utf-8", Vec::new());
    if let Ok(v) = HeaderValue::from_str(location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// The site's own 404 page; without one (a theme that has none), a page of the preview's own
/// in the editor's language.
fn not_found(state: &State, lang: Lang) -> Response {
    let page = state.site().get("404.html").map(|b| b.to_vec()).unwrap_or_else(|| own_404(lang).into_bytes());
    respond(StatusCode::NOT_FOUND, "text/html; charset=utf-8", inject(state, page))
}

fn own_404(lang: Lang) -> String {
    let text = |m: Msg| crate::escape::xml(&m.render(lang));
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><meta charset=\"utf-8\"><title>404</title><h1>{}</h1><p>{}</p></html>",
        lang.code(),
        text(msg!("serve-404-heading")),
        text(msg!("serve-404-text"))
    )
}

/// Adds the live-reload script, and the error overlay while there is an error, before `</body>`.
fn inject(state: &State, html: Vec<u8>) -> Vec<u8> {
    let mut extra = format!("<script src=\"{SCRIPT}\" defer></script>");
    let text = String::from_utf8_lossy(&html);
    if let Some(error) = state.error() {
        extra.push_str(&state::overlay_html(&error, Some(state::page_lang(&text))));
    }
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

/// The content type of a site file, with `charset=utf-8` for text.
pub(super) fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("svg") => "image/svg+xml; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("gif") => "image/gif",
        Some("ico") => "image/x-icon",
        Some("avif") => "image/avif",
        Some("woff2") => "font/woff2",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// A response with its type and `Cache-Control: no-store` (a preview is never to be cached).
fn respond(status: StatusCode, kind: &'static str, body: impl Into<Body>) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// A plain-text answer to a request the preview will not serve.
fn plain(status: StatusCode, text: String) -> Response {
    let mut r = respond(status, "text/plain; charset=utf-8", format!("{text}\n"));
    r.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

/// Which of its caps the preview is at.
#[derive(Debug, Clone, Copy)]
pub(super) enum Cap {
    /// Live-reload event streams.
    Streams,
    /// Connections.
    Connections,
}

/// 503 with a plain explanation in `lang`: the preview is at one of its caps.
pub(super) fn busy(cap: Cap, lang: Lang) -> Response {
    let what = match cap {
        Cap::Streams => msg!("serve-busy-streams"),
        Cap::Connections => msg!("serve-busy-connections"),
    };
    let mut r = plain(StatusCode::SERVICE_UNAVAILABLE, msg!("serve-503", what = what.render(lang)).render(lang));
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
    r
}

/// Everything but GET and HEAD: 405, naming the two.
async fn only_get_and_head(With(shared): With<Shared>, request: Request, next: Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        return next.run(request).await;
    }
    let method: String = request.method().as_str().chars().filter(|c| !c.is_control()).take(40).collect();
    let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, msg!("serve-405", method = method).render(shared.lang));
    r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    r
}

/// The host names a request may be addressed to. A page of another site can make the browser
/// send requests here under that site's own name (DNS rebinding) and read the answers; such
/// requests carry that name in `Host`, so naming only ourselves shuts them out.
#[derive(Debug)]
pub(super) struct Hosts {
    bind: IpAddr,
    /// `--allowed-host` names, in lower case, without brackets or port.
    extra: Vec<String>,
}

impl Hosts {
    pub(super) fn new(bind: IpAddr, allowed: &[String]) -> Hosts {
        let extra = allowed.iter().filter_map(|a| host_name(a.trim()).map(|(name, _)| name)).collect();
        Hosts { bind, extra }
    }

    /// Whether a `Host` value (a name or address, with or without a port; IPv6 in brackets)
    /// names this server: the bound address; `localhost`, `127.0.0.1` or `[::1]` when bound to
    /// loopback or to every address; any IP address when bound to every address (an address
    /// cannot be rebound, only a name can); or an `--allowed-host` name.
    pub(super) fn allows(&self, host: &str) -> bool {
        let Some((name, _port)) = host_name(host) else { return false };
        if self.extra.contains(&name) {
            return true;
        }
        let local = self.bind.is_loopback() || self.bind.is_unspecified();
        if name == "localhost" {
            return local;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip == self.bind || self.bind.is_unspecified() || (local && ip.is_loopback()),
            Err(_) => false,
        }
    }
}

/// Whether `--allowed-host` was given something the Host check can compare: a name or an
/// address, optionally with a port (IPv6 in brackets).
pub(super) fn is_host(value: &str) -> bool {
    host_name(value.trim()).is_some()
}

/// Splits a `Host` value into the name (lower case, IPv6 without brackets) and the port, or
/// `None` if it is not of that form (an unbracketed IPv6 address, a user name, a path…).
fn host_name(value: &str) -> Option<(String, Option<u16>)> {
    let (name, rest) = match value.strip_prefix('[') {
        Some(rest) => {
            let (inner, after) = rest.split_once(']')?;
            inner.parse::<std::net::Ipv6Addr>().ok()?;
            (inner, after)
        }
        None => {
            let (name, rest) = value.split_at(value.find(':').unwrap_or(value.len()));
            let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_');
            if name.is_empty() || !name.chars().all(valid) {
                return None;
            }
            (name, rest)
        }
    };
    let port = match rest.strip_prefix(':') {
        None if rest.is_empty() => None,
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => Some(p.parse::<u16>().ok()?),
        _ => return None,
    };
    Some((name.to_ascii_lowercase(), port))
}

/// Refuses a request that is not addressed to this server (see [`Hosts`]): 403 naming
/// `--allowed-host`, or 400 when it names no host at all. The address in an absolute-form
/// request (`GET http://host/ HTTP/1.1`) is checked as well.
async fn check_host(With(shared): With<Shared>, request: Request, next: Next) -> Response {
    let headers = request.headers().get_all(header::HOST);
    let mut names: Vec<&str> = Vec::new();
    for value in headers.iter() {
        match value.to_str() {
            Ok(v) => names.push(v),
            Err(_) => names.push("?"),
        }
    }
    let lang = shared.lang;
    if names.len() > 1 {
        return plain(StatusCode::BAD_REQUEST, msg!("serve-400-hosts").render(lang));
    }
    if let Some(authority) = request.uri().authority() {
        names.push(authority.as_str());
    }
    if names.is_empty() {
        return plain(StatusCode::BAD_REQUEST, msg!("serve-400-no-host").render(lang));
    }
    if let Some(other) = names.iter().find(|n| !shared.hosts.allows(n)) {
        let shown: String = other.chars().filter(|c| !c.is_control()).take(200).collect();
        return plain(StatusCode::FORBIDDEN, msg!("serve-403", host = shown).render(lang));
    }
    next.run(request).await
}

/// Turns a panic in a handler into a logged 500: the server goes on answering.
#[derive(Clone)]
struct PanicAnswer {
    log: Log,
    lang: Lang,
}

impl ResponseForPanic for PanicAnswer {
    type ResponseBody = Body;

    fn response_for_panic(&mut self, err: Box<dyn Any + Send + 'static>) -> Response {
        let what = err
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| err.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "?".into());
        (self.log)(&msg!("serve-panic", what = what).render(self.lang));
        plain(StatusCode::INTERNAL_SERVER_ERROR, msg!("serve-500").render(self.lang))
    }
}

/// A server-sent event stream: a tokio task per tab, not a thread. It starts with the current
/// error (so a tab opened during an error shows it at once), then passes on every event the
/// rebuild loop sends to it; it ends when the tab goes away (a write fails) and frees its place.
/// `query` may name the page the tab shows (`page=/ja/cases/x/`, as live.js sends it): a
/// rebuild renders the open pages first and reloads their tabs before the rest is done.
fn events(shared: &Shared, head: bool, query: Option<&str>) -> Response {
    let mut r = respond(StatusCode::OK, "text/event-stream; charset=utf-8", Body::empty());
    if head {
        return r;
    }
    let Ok(permit) = shared.streams.clone().try_acquire_owned() else {
        return busy(Cap::Streams, shared.lang);
    };
    let rx = shared.state.subscribe();
    let first = match shared.state.error() {
        Some(e) => state::event("content-error", &state::overlay_html(&e, None)),
        None => "retry: 1000\n\n".to_string(),
    };
    let tab = shown_page(&shared.state.base(), query).map(|page| shared.state.opened(page));
    let stream = Stream { first: Some(Bytes::from(first)), rx, tab, _permit: permit };
    let body = futures_util::stream::unfold(stream, |mut s| async move {
        if let Some(first) = s.first.take() {
            return Some((Ok::<_, Infallible>(first), s));
        }
        let page = s.tab.as_ref().map(|t| t.page.as_str());
        let chunk = loop {
            break match tokio::time::timeout(KEEP_ALIVE, s.rx.recv()).await {
                Ok(Ok(event)) if !event.to.include(page) => continue,
                Ok(Ok(event)) => event.bytes,
                // Fell behind by more events than the channel keeps: the page is out of date.
                Ok(Err(RecvError::Lagged(_))) => Bytes::from(state::event("reload", "missed events")),
                Ok(Err(RecvError::Closed)) => return None,
                Err(_) => Bytes::from_static(b": keep-alive\n\n"),
            };
        };
        Some((Ok(chunk), s))
    });
    *r.body_mut() = Body::from_stream(body);
    r
}

/// The file of the site a tab shows, from its event stream's `page=` (the page's URL path,
/// percent-encoded), with the site served under `base`; `None` if it names none.
fn shown_page(base: &str, query: Option<&str>) -> Option<String> {
    let value = query?.split('&').find_map(|kv| kv.strip_prefix("page="))?;
    match under(base, site_path(value)?) {
        Place::Site(rel) => Some(rel),
        Place::Base | Place::Outside => None,
    }
}

/// One open event stream; its permit and its place among the open pages are given back when
/// the stream is dropped.
struct Stream {
    first: Option<Bytes>,
    rx: broadcast::Receiver<state::Event>,
    tab: Option<state::OpenTab>,
    _permit: OwnedSemaphorePermit,
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use std::sync::Mutex;
    use tower::ServiceExt;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/ja/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/ja/..%2fsecret",
            "/a\\..\\b",
            "/C:/x",
            "/%00",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/ja/areas/").as_deref(), Some("ja/areas/index.html"));
        assert_eq!(site_path("/ja/%E6%A4%9C%E7%B4%A2").as_deref(), Some("ja/検索"));
        assert_eq!(site_path("/static/css/main.css").as_deref(), Some("static/css/main.css"));
    }

    #[test]
    fn byte_ranges_are_read_as_static_hosts_read_them() {
        assert_eq!(byte_range("bytes=0-259", 1000), Some(Some((0, 259))));
        assert_eq!(byte_range("bytes=990-2000", 1000), Some(Some((990, 999))));
        assert_eq!(byte_range("bytes=500-", 1000), Some(Some((500, 999))));
        assert_eq!(byte_range("bytes=-100", 1000), Some(Some((900, 999))));
        assert_eq!(byte_range("bytes=-5000", 1000), Some(Some((0, 999))));
        assert_eq!(byte_range("bytes=1000-1100", 1000), Some(None), "past the end: 416");
        assert_eq!(byte_range("bytes=-0", 1000), Some(None));
        assert_eq!(byte_range("bytes=5-1", 1000), None, "not a range: the whole file");
        assert_eq!(byte_range("bytes=0-1,5-9", 1000), None, "several ranges: the whole file");
        assert_eq!(byte_range("items=0-1", 1000), None);
        assert_eq!(byte_range("bytes=x-1", 1000), None);
        assert_eq!(byte_range("bytes=0-0", 0), Some(None));
    }

    #[test]
    fn content_types_carry_the_charset_for_text() {
        for (path, kind) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("static/css/main.css", "text/css; charset=utf-8"),
            ("static/js/search.js", "text/javascript; charset=utf-8"),
            ("search/ja/meta.json", "application/json; charset=utf-8"),
            ("images/x.svg", "image/svg+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("data/x.csv", "text/csv; charset=utf-8"),
            ("images/x.png", "image/png"),
            ("images/x.JPG", "image/jpeg"),
            ("images/x.jpeg", "image/jpeg"),
            ("images/x.webp", "image/webp"),
            ("static/fonts/x.woff2", "font/woff2"),
            ("favicon.ico", "image/x-icon"),
        ] {
            assert_eq!(content_type(path), kind, "{path}");
        }
    }

    #[test]
    fn redirects_stay_on_the_origin() {
        for (url, location) in [
            ("/ja/overview", "/ja/overview/"),
            ("//ja/overview", "/ja/overview/"),
            ("///ja//overview", "/ja/overview/"),
            ("/%2F%2Fja/overview", "/ja/overview/"),
            ("/./ja/overview", "/ja/overview/"),
            ("//evil.example/ja/overview", "/evil.example/ja/overview/"),
            ("/ja/%E6%A4%9C%E7%B4%A2", "/ja/%E6%A4%9C%E7%B4%A2/"),
            ("/a%3Fb%23c%25", "/a%3Fb%23c%25/"),
        ] {
            let rel = site_path(url).unwrap_or_default();
            assert_eq!(directory_location("/", &rel, None), location, "{url}");
        }
        assert_eq!(directory_location("/", "ja/overview", Some("x=1&y=//evil")), "/ja/overview/?x=1&y=//evil");
        // A query that is not plain URL text is dropped rather than put into a header.
        assert_eq!(directory_location("/", "ja/overview", Some("x=\u{7f}")), "/ja/overview/");
        for url in ["//evil.example", "/%5Cevil", "/%2F%2F%2Fevil", "/%09/evil", "/ /evil"] {
            if let Some(rel) = site_path(url) {
                let loc = directory_location("/", &rel, None);
                assert!(loc.starts_with('/') && !loc[1..].starts_with(['/', '\\']), "{url} → {loc}");
            }
        }
    }

    #[test]
    fn the_site_is_served_under_the_path_of_its_address() {
        assert_eq!(base_path("https://example.jp/fukushi/plan/"), "/fukushi/plan/");
        assert_eq!(base_path("https://example.jp/fukushi/plan"), "/fukushi/plan/");
        assert_eq!(base_path("https://example.jp/"), "/");
        assert_eq!(base_path("https://example.jp"), "/");
        assert_eq!(base_path("https://example.jp/%E7%A6%8F%E7%A5%89/"), "/福祉/");
        // A path that tries to climb or hide another host is not a place to serve under.
        for bad in ["https://example.jp/a/../../b/", "https://example.jp/a%2F..%2F../", "https://example.jp/a\\b/"] {
            assert!(matches!(base_path(bad).as_str(), "/" | "/a/"), "{bad}: {}", base_path(bad));
        }
        let base = "/fukushi/plan/";
        let place = |url: &str| under(base, site_path(url).unwrap());
        assert_eq!(place("/fukushi/plan/ja/"), Place::Site("ja/index.html".into()));
        assert_eq!(place("/fukushi/plan/"), Place::Site("index.html".into()));
        assert_eq!(place("/fukushi/plan/static/main.css"), Place::Site("static/main.css".into()));
        assert_eq!(place("//fukushi//plan/ja/"), Place::Site("ja/index.html".into()));
        assert_eq!(place("/"), Place::Base);
        assert_eq!(place("/fukushi/plan"), Place::Base);
        assert_eq!(place("/ja/"), Place::Outside);
        assert_eq!(place("/fukushi/"), Place::Outside);
        assert_eq!(place("/fukushi/planet/ja/"), Place::Outside);
        assert_eq!(under("/", "ja/index.html".into()), Place::Site("ja/index.html".into()));
        assert_eq!(directory_location(base, "", Some("x=1")), "/fukushi/plan/?x=1");
        assert_eq!(directory_location("/福祉/", "ja", None), "/%E7%A6%8F%E7%A5%89/ja/");
    }

    #[test]
    fn only_hosts_naming_this_server_are_allowed() {
        let loopback = Hosts::new("127.0.0.1".parse().unwrap(), &["Preview.Example".into()]);
        for ok in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "localhost",
            "LOCALHOST:1111",
            "[::1]",
            "[::1]:1111",
            "preview.example",
            "preview.example:8080",
        ] {
            assert!(loopback.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "192.168.1.5",
            "::1",
            "[::1",
            "127.0.0.1:",
            "127.0.0.1:99999",
            "127.0.0.1:1111:1",
            "user@127.0.0.1",
            "127.0.0.1/x",
            "",
        ] {
            assert!(!loopback.allows(bad), "{bad}");
        }
        let v6 = Hosts::new("::1".parse().unwrap(), &[]);
        assert!(v6.allows("[::1]:1111") && v6.allows("[::1]") && v6.allows("localhost"));
        assert!(!v6.allows("evil.example"));
        let lan = Hosts::new("192.168.1.5".parse().unwrap(), &[]);
        assert!(lan.allows("192.168.1.5:1111") && lan.allows("192.168.1.5"));
        assert!(!lan.allows("localhost") && !lan.allows("127.0.0.1") && !lan.allows("plan.example"));
        assert!(is_host("plan-preview.local") && is_host("[::1]") && is_host("host:8080"));
        assert!(!is_host("a:b:c") && !is_host("::1") && !is_host("http://x/") && !is_host(""));
        let every = Hosts::new("0.0.0.0".parse().unwrap(), &[]);
        assert!(every.allows("localhost:1111") && every.allows("192.168.1.5:1111") && every.allows("[fe80::1]"));
        assert!(!every.allows("evil.example"));
    }

    fn shared(log: Log) -> Shared {
        Shared {
            state: Arc::new(State::default()),
            hosts: Arc::new(Hosts::new("127.0.0.1".parse().unwrap(), &[])),
            streams: Arc::new(Semaphore::new(4)),
            log,
            lang: Lang::En,
        }
    }

    fn request(method: &str, path: &str, host: Option<&str>) -> Request {
        let mut r = axum::http::Request::builder().method(method).uri(path);
        if let Some(host) = host {
            r = r.header(header::HOST, host);
        }
        r.body(Body::empty()).unwrap()
    }

    fn run<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
    }

    async fn boom() -> &'static str {
        panic!("boom in a handler")
    }

    // A handler that panics answers 500 and is logged; the same service goes on answering.
    // There is no panicking route in the real server, so the guards are put around one here.
    #[test]
    fn a_panic_in_a_handler_is_answered_and_logged() {
        let said = Arc::new(Mutex::new(String::new()));
        let sink = said.clone();
        let log: Log = Arc::new(move |line: &str| sink.lock().unwrap().push_str(line));
        let shared = shared(log);
        let routes = Router::new().route("/boom", get(boom)).fallback(handle);
        let app = guard(routes, shared);
        run(async {
            let r = app.clone().oneshot(request("GET", "/boom", Some("localhost"))).await.unwrap();
            assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert!(said.lock().unwrap().contains("boom in a handler"));
            let r = app.clone().oneshot(request("GET", "/__plansite/live.js", Some("localhost"))).await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
        });
    }

    #[test]
    fn guards_refuse_other_methods_and_hosts() {
        let app = app(shared(Arc::new(|_: &str| {})));
        run(async {
            let r = app.clone().oneshot(request("POST", SCRIPT, Some("localhost"))).await.unwrap();
            assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
            assert_eq!(r.headers()[header::ALLOW], "GET, HEAD");
            let r = app.clone().oneshot(request("GET", SCRIPT, Some("evil.example"))).await.unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
            let body = axum::body::to_bytes(r.into_body(), 10_000).await.unwrap();
            assert!(String::from_utf8_lossy(&body).contains("--allowed-host"));
            let r = app.clone().oneshot(request("GET", SCRIPT, None)).await.unwrap();
            assert_eq!(r.status(), StatusCode::BAD_REQUEST);
            let r = app.clone().oneshot(request("GET", "http://evil.example/", Some("localhost"))).await.unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
            let r = app.clone().oneshot(request("HEAD", SCRIPT, Some("localhost:1111"))).await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
        });
    }

    // Past the cap on event streams: 503; a stream that ends gives its place back.
    #[test]
    fn event_streams_are_capped() {
        let app = app(shared(Arc::new(|_: &str| {})));
        run(async {
            let mut open = Vec::new();
            for _ in 0..4 {
                let r = app.clone().oneshot(request("GET", EVENTS, Some("localhost"))).await.unwrap();
                assert_eq!(r.status(), StatusCode::OK);
                open.push(r);
            }
            let r = app.clone().oneshot(request("GET", EVENTS, Some("localhost"))).await.unwrap();
            assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
            let body = axum::body::to_bytes(r.into_body(), 10_000).await.unwrap();
            assert!(String::from_utf8_lossy(&body).contains("busy"));
            open.pop();
            let r = app.clone().oneshot(request("GET", EVENTS, Some("localhost"))).await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
        });
    }
}
