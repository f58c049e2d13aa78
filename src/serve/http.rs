//! The preview's HTTP side: serves the current snapshot of the site from memory, never a file
//! from disk, so no request can reach outside the site. HTML responses get the live-reload
//! script (and, while the content has an error, the error overlay) injected here, at response
//! time; the pages in the snapshot are exactly those `build` writes.

use super::state::State;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Request, Response, StatusCode};

/// Address of the event stream and of the client script.
pub(super) const EVENTS: &str = "/__plansite/events";
pub(super) const SCRIPT: &str = "/__plansite/live.js";

const LIVE_JS: &str = include_str!("live.js");

/// Answers one request.
pub(super) fn handle(state: &Arc<State>, request: Request) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS {
        stream_events(state, request);
        return;
    }
    let response = if path == SCRIPT {
        respond(200, "text/javascript; charset=utf-8", LIVE_JS.as_bytes().to_vec())
    } else {
        match site_path(path) {
            Some(rel) => serve_file(state, &rel, &url),
            None => not_found(state),
        }
    };
    let _ = request.respond(response);
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

/// The file `rel` of the site; `url` is the request's, for a redirect.
fn serve_file(state: &Arc<State>, rel: &str, url: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let Some(bytes) = state.file(rel) else {
        // `/ja/overview` without the slash: send the browser to `/ja/overview/`, where the
        // page's relative links resolve as they do on the published site.
        if state.file(&format!("{rel}/index.html")).is_some() {
            let mut r = respond(301, "text/plain; charset=utf-8", Vec::new());
            let (path, rest) = url.split_at(url.find(['?', '#']).unwrap_or(url.len()));
            if let Ok(h) = Header::from_bytes(&b"Location"[..], format!("{path}/{rest}").as_bytes()) {
                r.add_header(h);
            }
            return r;
        }
        return not_found(state);
    };
    let kind = content_type(rel);
    let body = if rel.ends_with(".html") { inject(state, bytes) } else { bytes };
    respond(200, kind, body)
}

fn not_found(state: &Arc<State>) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = state
        .site()
        .get("404.html")
        .map(<[u8]>::to_vec)
        .unwrap_or_else(|| b"<!DOCTYPE html><title>404</title><h1>404</h1>".to_vec());
    respond(404, "text/html; charset=utf-8", inject(state, page))
}

/// Adds the live-reload script, and the error overlay while there is an error, before `</body>`.
fn inject(state: &Arc<State>, html: Vec<u8>) -> Vec<u8> {
    let mut extra = format!("<script src=\"{SCRIPT}\" defer></script>");
    if let Some(error) = state.error() {
        extra.push_str(&super::state::overlay_html(&error));
    }
    let text = String::from_utf8_lossy(&html);
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
        Some("avif") => "image/avif",
        Some("woff2") => "font/woff2",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn respond(status: u16, kind: &str, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut r = Response::from_data(body).with_status_code(StatusCode(status));
    for (k, v) in [("Content-Type", kind), ("Cache-Control", "no-store")] {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            r.add_header(h);
        }
    }
    r
}

/// A server-sent event stream: the request's thread stays here, writing each event the
/// rebuild loop sends (flushed at once), until the browser goes away. Written directly on the
/// connection: a chunked response body would be buffered.
fn stream_events(state: &Arc<State>, request: Request) {
    use std::io::Write;
    let (tx, rx) = mpsc::channel::<String>();
    // The current error, if any, so a tab opened during an error shows it at once.
    let first = match state.error() {
        Some(e) => super::state::event("content-error", &super::state::overlay_html(&e)),
        None => "retry: 1000\n\n".to_string(),
    };
    state.subscribe(tx);
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if w.write_all(head.as_bytes()).and_then(|()| w.write_all(first.as_bytes())).and_then(|()| w.flush()).is_err() {
        return;
    }
    loop {
        let chunk = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => event,
            // A comment now and then lets a closed connection be noticed.
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(chunk.as_bytes()).and_then(|()| w.flush()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            assert_eq!(content_type(path), kind, "{path}");
        }
    }
}
