//! `plansite serve` as an editor uses it: a client on the reload channel, files edited, saved
//! atomically, broken and fixed; and requests that try to leave the site.
//!
//! The preview runs in this process (`plansite::serve::start`) on a copy of the fixture, with
//! the file watcher off: each test edits files and then tells the preview what changed
//! (`Preview::changed`, the very path the watcher's events take), which returns once the
//! preview has dealt with them. So nothing waits for a watcher, a debounce or the search
//! index's quiet period (it is 0 here, and `Preview::wait_for_index` says when the index is
//! served). Two tests run the real binary: the OS file watcher end to end, and the open-file
//! limit of a process started with a low one.
//!
//! The 1,000 connections and 500 event streams test is in tests/serve_load.rs, alone in its
//! process so that it can count the process's threads.

mod support;
use plansite::serve::{Outcome, Preview, ServeOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use support::{read_head, SiteTest};

/// How long a test waits for something that is already on its way (an event already sent, an
/// answer to a request): only a bound for a failing test, never a pause.
const BOUND: Duration = Duration::from_secs(5);

/// A preview running in this process.
struct Served {
    preview: Preview,
    /// What it logged.
    log: Arc<Mutex<String>>,
}

impl Served {
    fn addr(&self) -> SocketAddr {
        self.preview.addr()
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Tells the preview that `paths` (root-relative) changed; returns what it did.
    fn changed(&self, paths: &[&str]) -> Outcome {
        self.preview.changed(paths)
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        get(self.addr(), path)
    }
}

/// Starts a preview of `t` in this process on a free port, without the file watcher and with
/// no quiet period before the search index, with `adjust` applied to the options.
fn serve(t: &SiteTest, adjust: impl FnOnce(&mut ServeOptions)) -> Served {
    let mut options = ServeOptions::for_root(t.root());
    options.port = 0;
    options.watch = false;
    options.index_delay = Duration::ZERO;
    adjust(&mut options);
    let log = Arc::new(Mutex::new(String::new()));
    let sink = log.clone();
    let preview = plansite::serve::start(options, move |line| sink.lock().unwrap().push_str(&format!("{line}\n")))
        .expect("the preview starts");
    Served { preview, log }
}

/// One preview shared by the tests that only send requests: the fixture with a file beside
/// the content, a link from the content to it, media of each type, and one --allowed-host.
/// Its sources are deleted once it has read them (the preview serves from memory only).
fn shared() -> &'static Served {
    static SHARED: OnceLock<Served> = OnceLock::new();
    SHARED.get_or_init(|| {
        let t = SiteTest::fixture("other-city");
        t.write("secret.txt", "do not serve");
        // A link from the content to a file outside the site root is not followed.
        std::os::unix::fs::symlink(t.path("secret.txt"), t.path("content/leak.png")).unwrap();
        t.write("content/images/a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        for (name, format) in [
            ("a.png", image::ImageFormat::Png),
            ("a.jpg", image::ImageFormat::Jpeg),
            ("a.webp", image::ImageFormat::WebP),
        ] {
            std::fs::write(t.path(&format!("content/images/{name}")), support::picture(8, 6, format)).unwrap();
        }
        let served = serve(&t, |o| o.allowed_hosts = vec!["plan-preview.example".into()]);
        assert!(served.preview.wait_for_index(BOUND), "the first search index");
        served
    })
}

/// The path the fixture's site is published under (`base_url: https://example.org/minato/`),
/// which is where the preview serves it.
const BASE: &str = "/minato";

/// A GET of `path` of the site (under [`BASE`]; the preview's own `/__plansite/…` as it is):
/// (status, headers in lower case, body).
fn get(addr: SocketAddr, path: &str) -> (u16, String, String) {
    if path.starts_with("/__plansite/") {
        get_raw(addr, path)
    } else {
        get_raw(addr, &format!("{BASE}{path}"))
    }
}

/// A raw GET of `path` exactly as given: (status, headers in lower case, body).
fn get_raw(addr: SocketAddr, path: &str) -> (u16, String, String) {
    ask(addr, &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
}

/// Sends `request` as it is and reads the answer to the end: (status, headers in lower case,
/// body).
fn ask(addr: SocketAddr, request: &str) -> (u16, String, String) {
    let Ok(mut s) = TcpStream::connect(addr) else { return (0, String::new(), String::new()) };
    s.set_read_timeout(Some(BOUND)).unwrap();
    if s.write_all(request.as_bytes()).is_err() {
        return (0, String::new(), String::new());
    }
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

/// Connects to the reload channel; every event arrives on the receiver as "name: data". Returns
/// once the server has answered, that is, once it has subscribed this client.
fn events(addr: SocketAddr) -> mpsc::Receiver<String> {
    events_of(addr, "")
}

/// [`events`] of a tab showing the page at `path` of the site (under [`BASE`]), which says so
/// as live.js does (`?page=`, the page's path percent-encoded).
fn events_showing(addr: SocketAddr, path: &str) -> mpsc::Receiver<String> {
    let encoded: String = format!("{BASE}{path}").replace('/', "%2F");
    events_of(addr, &format!("?page={encoded}"))
}

fn events_of(addr: SocketAddr, query: &str) -> mpsc::Receiver<String> {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET /__plansite/events{query} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut reader = BufReader::new(s);
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
        line.clear();
    }
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut name = String::new();
        let mut data = Vec::new();
        for line in reader.lines() {
            let Ok(line) = line else { return };
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push(d.to_string());
            } else if line.is_empty() && !name.is_empty() {
                if tx.send(format!("{name}: {}", data.join("\n"))).is_err() {
                    return;
                }
                name.clear();
                data.clear();
            }
        }
    });
    rx
}

/// The next event (it has been sent already when this is called: the preview broadcasts
/// before `changed` returns).
fn next_event(rx: &mpsc::Receiver<String>) -> String {
    rx.recv_timeout(BOUND).expect("an event")
}

/// Polls `done` (every 20 ms, for `BOUND` at most) for what the server has no signal of: that
/// it noticed a client went away.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + BOUND;
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

const CASE: &str = "content/cases/north-harbour-salon.yaml";
const PAGE: &str = "/ja/cases/north-harbour-salon/";

// Editing a case study pushes a reload and the page has the new text; an error shows an
// overlay while the last good page is still served; fixing it reloads the new page.
#[test]
fn edit_error_and_fix_reach_the_browser() {
    let t = SiteTest::fixture("other-city");
    let s = serve(&t, |_| {});
    let rx = events(s.addr());
    let (status, head, body) = s.get(PAGE);
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html; charset=utf-8"));
    assert!(body.contains("/__plansite/live.js"), "the live-reload script is injected");

    // The search index follows the first build.
    assert!(s.preview.wait_for_index(BOUND));
    assert_eq!(s.get("/search/ja/meta.json").0, 200);
    // Its pack files are read by range, as from a static host: the header of the first pack.
    let range = |r: &str| {
        ask(
            s.addr(),
            &format!(
                "GET {BASE}/search/ja/doc/0.bin HTTP/1.1\r\nHost: localhost\r\nRange: {r}\r\nConnection: close\r\n\r\n"
            ),
        )
    };
    let (status, head, _) = range("bytes=0-3");
    assert_eq!(status, 206, "{head}");
    assert!(head.contains("\r\ncontent-length: 4\r\n") && head.contains("\r\ncontent-range: bytes 0-3/"), "{head}");
    assert_eq!(range("bytes=999999999-").0, 416);
    assert!(s.get("/search/ja/doc/0.bin").1.contains("\r\naccept-ranges: bytes\r\n"));

    // A page asked for without its trailing slash is redirected to it, so its relative links
    // work as on the published site.
    let (status, head, _) = s.get("/ja/overview?x=1");
    assert_eq!(status, 301);
    assert!(head.contains("\r\nlocation: /minato/ja/overview/?x=1\r\n"), "{head}");

    t.edit(CASE, "漁港のふれあいサロン", "港のサロン（改訂）");
    assert_eq!(s.changed(&[CASE]), Outcome::Rebuilt);
    assert_eq!(next_event(&rx), format!("reload: {CASE}"));
    assert!(s.get(PAGE).2.contains("港のサロン（改訂）"));
    // Until the rebuilt index follows, the last one still answers searches.
    assert_eq!(s.get("/search/ja/meta.json").0, 200);

    t.edit(CASE, "area: north", "area: nowhere");
    assert_eq!(s.changed(&[CASE]), Outcome::Failed);
    let error = next_event(&rx);
    assert!(error.starts_with("content-error: "), "{error}");
    assert!(error.contains("content/cases/north-harbour-salon.yaml:") && error.contains("unknown-area"), "{error}");
    let (status, _, body) = s.get(PAGE);
    assert_eq!(status, 200);
    assert!(body.contains("港のサロン（改訂）"), "the last good page is still served");
    assert!(body.contains("plansite-error") && body.contains("nowhere"), "with the error over it");
    // The overlay speaks the page's language: Japanese on a Japanese page, English on an
    // English one; the event to open tabs carries both, and their script keeps the page's.
    assert!(
        body.contains("プレビュー：内容にエラーがあります") && body.contains("地区 `nowhere` はありません"),
        "{body}"
    );
    assert!(!body.contains("Preview: the content has an error"), "only the page's language");
    let english = s.get("/en/cases/north-harbour-salon/").2;
    assert!(
        english.contains("Preview: the content has an error") && english.contains("there is no district `nowhere`")
    );
    assert!(!english.contains("地区 `nowhere` はありません"), "only the page's language");
    assert!(error.contains("data-plansite-lang=\"ja\"") && error.contains("data-plansite-lang=\"en\""), "{error}");
    // The terminal speaks the editor's language (English unless told otherwise).
    assert!(s.log().contains("there is no district `nowhere`"), "{}", s.log());

    // The fix (with another change in the same save) brings the new page, without the overlay.
    let fixed = t.read(CASE).replace("area: nowhere", "area: north").replace("（改訂）", "（再改訂）");
    t.write(CASE, &fixed);
    assert_eq!(s.changed(&[CASE]), Outcome::Rebuilt);
    assert_eq!(next_event(&rx), "reload: fixed");
    let body = s.get(PAGE).2;
    assert!(body.contains("港のサロン（再改訂）") && !body.contains("plansite-error"));
    assert!(s.preview.wait_for_index(BOUND));
    // The preview writes nothing into the site root.
    assert!(!t.out().exists());
}

// The page open in a tab is rendered ahead of the rest of the site and its tab reloaded at
// once; the whole rebuild then reloads only the other tabs (a tab that did not say which page
// it shows among them), so each tab reloads once per save. If the whole rebuild then fails, the
// last good build is served again, with the error over it.
#[test]
fn the_open_page_is_shown_first_and_each_tab_reloads_once() {
    const BODY: &str = "content/cases/north-harbour-salon.ja.md";
    const OTHER: &str = "content/cases/east-advice-cafe.yaml";
    let t = SiteTest::fixture("other-city");
    let s = serve(&t, |_| {});
    let open = events_showing(s.addr(), PAGE);
    let elsewhere = events_showing(s.addr(), "/ja/overview/");
    let unsaid = events(s.addr());

    t.edit(CASE, "漁港のふれあいサロン", "港のサロン（先に表示）");
    assert_eq!(s.changed(&[CASE]), Outcome::Rebuilt);
    let log = s.log();
    let first = log.find(&format!("{CASE}: 2 open pages shown first in")).unwrap_or_else(|| panic!("{log}"));
    let whole = log.rfind("files rendered anew").unwrap_or_default();
    assert!(first < whole, "the open pages first, then the whole site: {log}");
    assert!(s.get(PAGE).2.contains("港のサロン（先に表示）"));
    // Each tab got one reload, the tabs of the open pages before the rest: the next event of
    // each is the next save's.
    for rx in [&open, &elsewhere, &unsaid] {
        assert_eq!(next_event(rx), format!("reload: {CASE}"));
    }
    t.write(OTHER, &format!("{}# 追記\n", t.read(OTHER)));
    assert_eq!(s.changed(&[OTHER]), Outcome::Rebuilt);
    for rx in [&open, &elsewhere, &unsaid] {
        assert_eq!(next_event(rx), format!("reload: {OTHER}"), "one reload per save and tab");
    }

    // A broken link is found by the check, after the open page was shown: the tab reloaded
    // with it, then hears of the error, and the last good page is served with the error over it.
    t.write(BODY, &format!("{}\n[どこにもない](../nowhere/)\n", t.read(BODY)));
    assert_eq!(s.changed(&[BODY]), Outcome::Failed);
    assert_eq!(next_event(&open), format!("reload: {BODY}"));
    let error = next_event(&open);
    assert!(error.starts_with("content-error: ") && error.contains("nowhere"), "{error}");
    let error = next_event(&unsaid);
    assert!(error.starts_with("content-error: "), "the other tabs were not reloaded: {error}");
    let (status, _, body) = s.get(PAGE);
    assert_eq!(status, 200);
    let shown = body.split("plansite-error").next().unwrap_or_default();
    assert!(!shown.contains("nowhere") && body.contains("plansite-error"), "the last good page: {body}");
}

// Lock files, swap files, backups and the temporary file of an atomic save trigger nothing:
// the preview does not even read them, and the first event the browser gets is the one for
// the file that was saved.
#[test]
fn temporary_files_trigger_nothing() {
    let t = SiteTest::fixture("other-city");
    let s = serve(&t, |_| {});
    let rx = events(s.addr());
    for temporary in [
        "content/cases/~$north.xlsx",
        "content/cases/.north-harbour-salon.yaml.swp",
        "content/cases/north-harbour-salon.yaml~",
        "content/cases/#north-harbour-salon.yaml#",
        "content/areas/.hidden.yaml",
    ] {
        t.write(temporary, "title: {ja: 一時}\n");
        assert_eq!(s.changed(&[temporary]), Outcome::Ignored, "{temporary}");
    }
    // Files outside the source folders are not read either.
    t.write("notes.yaml", "x: 1\n");
    assert_eq!(s.changed(&["notes.yaml"]), Outcome::Ignored);
    // The same bytes saved again change nothing.
    assert_eq!(s.changed(&[CASE]), Outcome::Unchanged);
    // An atomic save: a temporary file written, then renamed over the original.
    let text = t.read(CASE).replace("漁港のふれあいサロン", "原子的に保存");
    t.write("content/cases/.tmp-save", &text);
    std::fs::rename(t.path("content/cases/.tmp-save"), t.path(CASE)).unwrap();
    assert_eq!(s.changed(&["content/cases/.tmp-save", CASE]), Outcome::Rebuilt);
    assert_eq!(next_event(&rx), format!("reload: {CASE}"), "the first event is the saved file's");
    assert!(s.get(PAGE).2.contains("原子的に保存"));
}

// A new file and a deleted one; a new folder (a fiscal year's progress), renamed, then deleted;
// a stylesheet restyles the open tabs instead of reloading them.
#[test]
fn new_and_deleted_files_and_folders() {
    let t = SiteTest::fixture("other-city");
    let s = serve(&t, |_| {});
    let rx = events(s.addr());
    let new = "content/cases/new-one.yaml";
    t.write(new, &t.read(CASE).replace("published: 2025-06-20", "published: 2026-02-01"));
    assert_eq!(s.changed(&[new]), Outcome::Rebuilt);
    assert_eq!(next_event(&rx), format!("reload: {new}"));
    assert_eq!(s.get("/en/cases/new-one/").0, 200);
    std::fs::remove_file(t.path(new)).unwrap();
    assert_eq!(s.changed(&[new]), Outcome::Rebuilt);
    assert_eq!(next_event(&rx), format!("reload: {new}"));
    assert_eq!(s.get("/en/cases/new-one/").0, 404);

    support::copy_dir(&t.path("content/progress/2025"), &t.path("content/progress/2026"));
    assert_eq!(s.changed(&["content/progress/2026"]), Outcome::Rebuilt);
    assert_eq!(s.get("/ja/progress/2026/").0, 200);
    std::fs::rename(t.path("content/progress/2026"), t.path("content/progress/2027")).unwrap();
    assert_eq!(s.changed(&["content/progress/2026", "content/progress/2027"]), Outcome::Rebuilt);
    assert_eq!(s.get("/ja/progress/2027/").0, 200);
    assert_eq!(s.get("/ja/progress/2026/").0, 404);
    std::fs::remove_dir_all(t.path("content/progress/2027")).unwrap();
    assert_eq!(s.changed(&["content/progress/2027"]), Outcome::Rebuilt);
    assert_eq!(s.get("/ja/progress/2027/").0, 404);
    assert_eq!(s.get("/ja/progress/2025/").0, 200);
    for what in ["2026", "2026 and 1 more", "2027"] {
        assert_eq!(next_event(&rx), format!("reload: content/progress/{what}"));
    }

    let css = "themes/default/static/css/main.css";
    let built_in = std::fs::read_to_string(support::repo().join(css)).unwrap();
    t.write(css, &format!("{built_in}\nbody {{ outline: 1px solid red; }}\n"));
    assert_eq!(s.changed(&[css]), Outcome::Rebuilt);
    assert_eq!(next_event(&rx), format!("css: {css}"));
    assert!(s.get("/static/css/main.css").2.contains("outline: 1px solid red"));
}

// Only files of the built site are served: everything that tries to leave it gets the 404 page.
#[test]
fn requests_outside_the_site_get_404_and_types_are_right() {
    let s = shared();
    for path in [
        "/../secret.txt",
        "/ja/%2e%2e/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/ja/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/content/site.yaml",
        "/leak.png",
        "/images/leak.png",
        "/nope/",
    ] {
        for (status, _, body) in [s.get(path), get_raw(s.addr(), path)] {
            assert_eq!(status, 404, "{path}");
            assert!(!body.contains("do not serve"));
            assert!(body.contains("id=\"nf-ja\""), "{path}: the site's 404 page");
        }
    }
    // Media of the content are served with their types (the unit test in src/serve/http.rs
    // covers every type).
    for (path, kind) in [
        ("/ja/", "text/html; charset=utf-8"),
        ("/static/css/main.css", "text/css; charset=utf-8"),
        ("/static/js/search.js", "text/javascript; charset=utf-8"),
        ("/search/ja/meta.json", "application/json; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/data/progress-2025.csv", "text/csv; charset=utf-8"),
        ("/images/a.png", "image/png"),
        ("/images/a.jpg", "image/jpeg"),
        ("/images/a.webp", "image/webp"),
        ("/images/a.svg", "image/svg+xml; charset=utf-8"),
        // At the site's root (the path of its base_url), where its pages link it.
        ("/favicon.ico", "image/x-icon"),
    ] {
        let (status, head, _) = s.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(head.contains(&format!("content-type: {kind}")), "{path}: {head}");
    }
}

// A port already in use is explained, not a panic; binding beyond loopback warns.
#[test]
fn port_in_use_is_explained_and_binding_beyond_loopback_warns() {
    let t = SiteTest::fixture("other-city");
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut options = ServeOptions::for_root(t.root());
    options.port = busy.local_addr().unwrap().port();
    options.watch = false;
    let error = plansite::serve::start(options, |_| {}).expect_err("the port is taken").to_string();
    assert!(error.contains("already in use") && error.contains("--port"), "{error}");
    let s = serve(&t, |o| o.bind = "0.0.0.0".parse().unwrap());
    assert!(s.log().contains("can be seen from the network"), "{}", s.log());
}

// With --output, each good build is also written there, search index included, exactly as
// `build` writes it (no live-reload script), once its index is made.
#[test]
fn output_is_written_with_its_index() {
    let t = SiteTest::fixture("other-city");
    let out = t.path("preview-out");
    let s = serve(&t, |o| o.output = Some(out.clone()));
    assert!(s.preview.wait_for_index(BOUND), "the first index");
    let page = || std::fs::read_to_string(out.join("ja/cases/north-harbour-salon/index.html")).unwrap();
    assert!(page().contains("漁港のふれあいサロン") && !page().contains("__plansite"));
    assert!(out.join("search/ja/meta.json").is_file());
    // Written with the site's own address (content/site.yaml), not the preview's.
    let base = "https://example.org/minato/";
    assert!(page().contains(&format!("<link rel=\"canonical\" href=\"{base}ja/cases/north-harbour-salon/\"")));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains(&format!("<loc>{base}ja/")) && !sitemap.contains("127.0.0.1"), "{sitemap}");
    // The preview's own pages keep the preview's address.
    let preview = s.get("/ja/cases/north-harbour-salon/").2;
    let url = s.preview.url();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(preview.contains(&format!("href=\"{url}ja/cases/north-harbour-salon/\"")));
    t.edit(CASE, "漁港のふれあいサロン", "書き出しの確認");
    assert_eq!(s.changed(&[CASE]), Outcome::Rebuilt);
    assert!(s.preview.wait_for_index(BOUND), "the second index");
    assert!(page().contains("書き出しの確認"));
    assert!(out.join("search/ja/meta.json").is_file());
    assert_eq!(s.log().matches("search index updated").count(), 2, "{}", s.log());
    // Byte for byte what `build` writes from the same sources, after an incremental rebuild.
    let built = t.path("built");
    let options = plansite::BuildOptions { output: built.clone(), ..plansite::BuildOptions::for_root(t.root()) };
    plansite::build(&options).expect("build");
    let (written, expected) = (support::snapshot(&out), support::snapshot(&built));
    support::assert_same_files(support::files(&written), support::files(&expected), "serve --output and build");
}

// Past the cap on connections, and past the cap on event streams, a request is answered at
// once with a plain 503 saying the preview is busy; once connections close, pages come back.
#[test]
fn connections_past_the_caps_get_a_plain_503() {
    let t = SiteTest::fixture("other-city");
    let s = serve(&t, |o| {
        o.max_connections = 8;
        o.max_event_streams = 2;
    });
    let addr = s.addr();
    assert_eq!(s.get("/ja/").0, 200);
    let mut streams = Vec::new();
    for _ in 0..2 {
        let mut c = TcpStream::connect(addr).unwrap();
        write!(c, "GET /__plansite/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        assert!(read_head(&mut c).starts_with("HTTP/1.1 200"));
        streams.push(c);
    }
    let (status, head, body) = s.get("/__plansite/events");
    assert_eq!(status, 503, "{head}");
    assert!(head.contains("content-type: text/plain; charset=utf-8"), "{head}");
    assert!(body.contains("busy") && body.contains("live-reload"), "{body}");
    // Two streams and idle connections fill the eight places: each asks for a page and stays
    // open, holding its place, until one is refused. A connection answered and closed gives its
    // place back a moment after its answer was read, so the one refused above (or the first
    // page's) may still hold its place: four to six are taken (counting on six failed now and
    // then under load).
    let mut idle = Vec::new();
    let (head, body) = loop {
        let mut c = TcpStream::connect(addr).unwrap();
        c.set_read_timeout(Some(BOUND)).unwrap();
        write!(c, "GET {BASE}/ja/ HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let head = read_head(&mut c).to_lowercase();
        if !head.starts_with("http/1.1 200") || idle.len() > 8 {
            let mut body = String::new();
            let _ = c.read_to_string(&mut body);
            break (head, body);
        }
        idle.push(c);
    };
    assert!(head.starts_with("http/1.1 503"), "{head}");
    assert!((4..=6).contains(&idle.len()), "{} connections held a place before one was refused", idle.len());
    assert!(head.contains("content-type: text/plain; charset=utf-8") && head.contains("retry-after"), "{head}");
    assert!(body.contains("the preview is busy"), "{body}");
    // Said (once) before the first 503 was sent.
    assert_eq!(s.log().matches("answers more with 503").count(), 1, "{}", s.log());
    drop(idle);
    eventually("a place to be free again", || s.get("/ja/").0 == 200);
    // A tab that goes away gives its stream's place back.
    drop(streams);
    eventually("a stream's place to be free again", || {
        let Ok(mut c) = TcpStream::connect(addr) else { return false };
        c.set_read_timeout(Some(BOUND)).unwrap();
        write!(c, "GET /__plansite/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        read_head(&mut c).starts_with("HTTP/1.1 200")
    });
}

// Only GET and HEAD are answered; HEAD gives the head of GET without the body.
#[test]
fn only_get_and_head_are_answered() {
    let s = shared();
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"] {
        let request =
            format!("{method} /ja/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        let (status, head, _) = ask(s.addr(), &request);
        assert_eq!(status, 405, "{method}: {head}");
        assert!(head.contains("\r\nallow: get, head\r\n"), "{method}: {head}");
    }
    let (status, _, body) = s.get("/ja/");
    assert_eq!(status, 200);
    let head_request =
        |path: &str| ask(s.addr(), &format!("HEAD {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    let (status, head, nothing) = head_request(&format!("{BASE}/ja/"));
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html; charset=utf-8"), "{head}");
    assert!(head.contains(&format!("content-length: {}", body.len())), "{head}");
    assert!(nothing.is_empty(), "HEAD sent a body");
    let (status, head, nothing) = head_request("/__plansite/events");
    assert_eq!(status, 200);
    assert!(head.contains("text/event-stream") && nothing.is_empty(), "{head}");
    assert_eq!(head_request("/nope/").0, 404);
}

// A request addressed to another name (DNS rebinding: a page of evil.example whose name now
// points here) is refused, the event stream too; the preview's own names are answered, and
// names given with --allowed-host.
#[test]
fn requests_for_other_hosts_are_refused() {
    let s = shared();
    let port = s.addr().port();
    let with_host = |path: &str, host: &str| {
        ask(s.addr(), &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
    };
    for host in ["evil.example", &format!("evil.example:{port}"), "127.0.0.1.evil.example", "localhost.evil.example:80"]
    {
        for path in ["/ja/", "/__plansite/events", "/__plansite/live.js", "/nope"] {
            let (status, head, body) = with_host(path, host);
            assert_eq!(status, 403, "{host}{path}: {head}");
            assert!(head.contains("content-type: text/plain; charset=utf-8"), "{head}");
            assert!(body.contains("--allowed-host"), "{body}");
        }
    }
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "plan-preview.example".to_string(),
        format!("PLAN-preview.example:{port}"),
    ] {
        assert_eq!(with_host(&format!("{BASE}/ja/"), &host).0, 200, "{host}");
    }
    // No Host at all (HTTP/1.0 may omit it), and an absolute address naming another host.
    let (status, _, body) = ask(s.addr(), "GET /ja/ HTTP/1.0\r\n\r\n");
    assert_eq!(status, 400, "{body}");
    let (status, _, _) = ask(s.addr(), "GET /ja/ HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert!(status == 400 || status == 403, "{status}");
    let request = "GET http://evil.example/ja/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    assert_eq!(ask(s.addr(), request).0, 403);
}

// The trailing-slash redirect never leaves the origin, however the path is spelled.
#[test]
fn redirects_never_leave_the_origin() {
    let s = shared();
    for (path, location) in [
        ("//ja/overview", "/minato/ja/overview/"),
        ("//ja/overview?x=1", "/minato/ja/overview/?x=1"),
        ("///ja//overview", "/minato/ja/overview/"),
        ("/%2F%2Fja/overview", "/minato/ja/overview/"),
        ("/%2f/ja/overview?a=//evil.example", "/minato/ja/overview/?a=//evil.example"),
        ("/./ja/overview", "/minato/ja/overview/"),
    ] {
        let (status, head, _) = s.get(path);
        assert_eq!(status, 301, "{path}: {head}");
        assert!(head.contains(&format!("\r\nlocation: {location}\r\n")), "{path}: {head}");
    }
    for path in [
        "//evil.example/ja/overview",
        "//evil.example",
        "/\\evil.example/ja/overview",
        "/%5Cevil.example/ja/overview",
        "/%2F%2Fevil.example",
        "/%2F%2Fevil.example/ja/overview",
        "/%09/evil.example",
        "//%09evil.example",
    ] {
        for (status, head, _) in [s.get(path), get_raw(s.addr(), path)] {
            assert_ne!(status, 0, "{path}: no answer");
            if let Some(location) = head.lines().find_map(|l| l.strip_prefix("location: ")) {
                let rest = location.strip_prefix('/').unwrap_or("/");
                assert!(!rest.starts_with(['/', '\\']) && !location.contains("://"), "{path} → {location}");
            }
            assert_ne!(status, 301, "{path}: {head}");
        }
    }
}

// Bound to an IPv6 address, the preview prints (and builds with) a valid URL, in brackets;
// bound to every address, it prints a loopback one.
#[test]
fn ipv6_and_unspecified_binds_print_valid_urls() {
    let t = SiteTest::fixture("other-city");
    let s = serve(&t, |o| o.bind = "::1".parse().unwrap());
    let url = format!("http://[::1]:{}/minato/", s.addr().port());
    assert_eq!(s.preview.url(), url);
    assert!(s.log().contains(&format!("serving the preview at {url} ")), "{}", s.log());
    let request =
        format!("GET {BASE}/ja/overview/ HTTP/1.1\r\nHost: [::1]:{}\r\nConnection: close\r\n\r\n", s.addr().port());
    let (status, _, body) = ask(s.addr(), &request);
    assert_eq!(status, 200);
    assert!(body.contains(&format!("<link rel=\"canonical\" href=\"{url}ja/overview/\"")), "{body}");
    drop(s);
    let s = serve(&t, |o| o.bind = "0.0.0.0".parse().unwrap());
    let url = format!("http://127.0.0.1:{}/minato/", s.addr().port());
    assert_eq!(s.preview.url(), url);
    assert!(s.log().contains(&format!("serving the preview at {url} ")), "{}", s.log());
}

// Dropping the preview stops it: open event streams end, and the port is no longer answered.
#[test]
fn a_stopped_preview_closes_its_streams_and_its_port() {
    let t = SiteTest::fixture("other-city");
    let s = serve(&t, |_| {});
    let addr = s.addr();
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET /__plansite/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    assert!(read_head(&mut stream).starts_with("HTTP/1.1 200"));
    drop(s);
    stream.set_read_timeout(Some(BOUND)).unwrap();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    assert!(TcpStream::connect(addr).is_err(), "the port still answers");
}

// ---------------------------------------------------------------------------------------------
// The real binary.

/// A `plansite serve` process on a free port, its stderr read line by line.
struct Process {
    child: std::process::Child,
    addr: SocketAddr,
    /// What it printed up to the line saying where it serves.
    said: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `cmd` (a `plansite serve … --port 0`) and waits for the line saying where it serves.
fn spawn_serve(mut cmd: std::process::Command) -> Process {
    use std::process::Stdio;
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let (tx, lines) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        // Read to the end even when nobody listens any more: a process whose stderr is closed
        // fails to print, and stops.
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut said = String::new();
    let addr = loop {
        let line = lines.recv_timeout(BOUND).unwrap_or_else(|_| panic!("serve did not start:\n{said}"));
        said.push_str(&line);
        said.push('\n');
        if let Some(rest) = line.strip_prefix("serving the preview at http://") {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    Process { child, addr, said }
}

// End to end with the OS file watcher: temporary files and the temporary file of an atomic
// save trigger nothing, the save does; a burst of saves ends on the last version; a new folder
// is seen, renamed and deleted.
#[test]
fn the_file_watcher_sees_saves_and_folders_and_not_temporary_files() {
    let t = SiteTest::fixture("other-city");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_plansite"));
    cmd.args(["serve", "--port", "0", "--root", t.root().to_str().unwrap()]);
    let p = spawn_serve(cmd);
    let rx = events(p.addr);
    t.write("content/cases/~$north.xlsx", "lock");
    t.write("content/cases/.north-harbour-salon.yaml.swp", "swap");
    let text = t.read(CASE).replace("漁港のふれあいサロン", "原子的に保存");
    t.write("content/cases/.tmp-save", &text);
    std::fs::rename(t.path("content/cases/.tmp-save"), t.path(CASE)).unwrap();
    assert_eq!(next_event(&rx), format!("reload: {CASE}"), "the first event is the saved file's");
    assert!(get(p.addr, PAGE).2.contains("原子的に保存"));
    // Ten saves at once: the preview ends on the last version (each reload is followed by a
    // look at the page; there may be one reload or several).
    for n in 0..10 {
        t.write(CASE, &text.replace("原子的に保存", &format!("連続保存{n}")));
    }
    while !get(p.addr, PAGE).2.contains("連続保存9") {
        next_event(&rx);
    }
    // A new folder (a fiscal year's progress), renamed, then deleted. The watcher may see a
    // folder before all its files are copied: the page is looked at after each event.
    let until = |page: &str, status: u16| {
        while get(p.addr, page).0 != status {
            next_event(&rx);
        }
    };
    support::copy_dir(&t.path("content/progress/2025"), &t.path("content/progress/2026"));
    until("/ja/progress/2026/", 200);
    std::fs::rename(t.path("content/progress/2026"), t.path("content/progress/2027")).unwrap();
    until("/ja/progress/2027/", 200);
    until("/ja/progress/2026/", 404);
    std::fs::remove_dir_all(t.path("content/progress/2027")).unwrap();
    until("/ja/progress/2027/", 404);
    assert_eq!(get(p.addr, "/ja/progress/2025/").0, 200);
}

// A preview (as a build or a check) runs with the allocator giving freed memory back after
// 10 ms: it starts itself again with the setting, in the same process, with the same
// arguments; a setting the user made is kept.
#[test]
fn the_allocator_setting_is_made_and_a_users_is_kept() {
    let t = SiteTest::fixture("other-city");
    let environ = |set: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_plansite"));
        cmd.args(["serve", "--port", "0", "--root", t.root().to_str().unwrap()]);
        match set {
            Some(value) => cmd.env("MIMALLOC_PURGE_DELAY", value),
            None => cmd.env_remove("MIMALLOC_PURGE_DELAY"),
        };
        let p = spawn_serve(cmd);
        let environ = std::fs::read(format!("/proc/{}/environ", p.child.id())).unwrap();
        let vars: Vec<String> = environ.split(|&b| b == 0).map(|v| String::from_utf8_lossy(v).into_owned()).collect();
        // The page is served: the process started again is the preview asked for.
        assert_eq!(get(p.addr, "/ja/").0, 200);
        vars.into_iter().filter(|v| v.starts_with("MIMALLOC_PURGE_DELAY=")).collect::<Vec<_>>()
    };
    assert_eq!(environ(None), ["MIMALLOC_PURGE_DELAY=10"]);
    assert_eq!(environ(Some("250")), ["MIMALLOC_PURGE_DELAY=250"]);
}

// Started with a low soft limit on open files (1024 is common), the preview raises it to fit
// its connection cap, within the hard limit, or says how many connections it can take.
#[test]
fn a_low_open_file_limit_is_raised() {
    let t = SiteTest::fixture("other-city");
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", "ulimit -S -n 512 && exec \"$0\" \"$@\""]).arg(env!("CARGO_BIN_EXE_plansite")).args([
        "serve",
        "--root",
        t.root().to_str().unwrap(),
        "--port",
        "0",
    ]);
    let p = spawn_serve(cmd);
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", p.child.id())).unwrap();
    let soft: u64 = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(soft > 512, "the soft limit stayed at {soft}");
    // The warning, if any, comes before the line spawn_serve waited for.
    assert!(soft >= 4096 || p.said.contains("may open only"), "{soft}: {}", p.said);
}

// The preview shows what a build holds back (drafts, and case studies dated after today), each
// with a band, so editors can read them before they are published.
#[test]
fn the_preview_shows_drafts_with_a_band() {
    let t = SiteTest::fixture("other-city");
    t.write(
        "content/cases/north-harbour-salon.yaml",
        &format!("{}draft: true\n", t.read("content/cases/north-harbour-salon.yaml")),
    );
    let s = serve(&t, |_| {});
    let (status, _, body) = s.get("/ja/cases/north-harbour-salon/");
    assert_eq!(status, 200);
    assert!(body.contains("notice--early") && body.contains("下書き"), "{body}");
    let built = t.build();
    assert!(String::from_utf8_lossy(&built.stderr).contains("held back: content/cases/north-harbour-salon.yaml"));
    assert!(!t.out().join("ja/cases/north-harbour-salon").exists(), "build publishes no draft");
}

// The preview serves the site under the path of its `base_url` (the fixture's is
// https://example.org/minato/), so links behave exactly as after publishing: `/` redirects
// there (never off the origin), a link that forgets the path fails as it will once published,
// and every link and asset of a page stays under the path.
#[test]
fn the_site_is_served_under_its_published_path() {
    let s = shared();
    for (path, location) in [("/", "/minato/"), ("/?x=1", "/minato/?x=1"), ("/minato", "/minato/"), ("//", "/minato/")]
    {
        let (status, head, _) = get_raw(s.addr(), path);
        assert_eq!(status, 301, "{path}: {head}");
        assert!(head.contains(&format!("\r\nlocation: {location}\r\n")), "{path}: {head}");
    }
    for outside in ["/ja/", "/ja/cases/north-harbour-salon/", "/static/css/main.css", "/minatoo/ja/", "/fukushi/"] {
        assert_eq!(get_raw(s.addr(), outside).0, 404, "{outside}");
    }
    assert_eq!(s.get("/").0, 200, "the landing page at /minato/");
    let url = s.preview.url();
    assert!(url.starts_with("http://127.0.0.1:") && url.ends_with("/minato/"), "{url}");
    let page = support::Page::parse(s.get("/ja/cases/north-harbour-salon/").2);
    let mut links = 0;
    for (selector, attr) in [("a[href]", "href"), ("link[href]", "href"), ("script[src]", "src"), ("img[src]", "src")] {
        for element in page.all(selector) {
            let target = element.value().attr(attr).unwrap();
            if target.starts_with("/__plansite/") || target.starts_with('#') {
                continue;
            }
            let absolute = if target.starts_with("http") {
                target.to_string()
            } else if target.starts_with('/') {
                format!("http://127.0.0.1:{}{target}", s.addr().port())
            } else if target.contains(':') {
                continue;
            } else {
                // Relative to the page, as the browser resolves it.
                let mut parts: Vec<&str> = "minato/ja/cases/north-harbour-salon".split('/').collect();
                for seg in target.split('/') {
                    match seg {
                        ".." => {
                            parts.pop();
                        }
                        "." => {}
                        seg => parts.push(seg),
                    }
                }
                format!("http://127.0.0.1:{}/{}", s.addr().port(), parts.join("/"))
            };
            if absolute.starts_with("http://127.0.0.1") {
                assert!(absolute.starts_with(url), "{selector}: {target} is not under {url}");
                let path = &absolute[url.len() - BASE.len() - 1..];
                assert_eq!(get_raw(s.addr(), path.split('#').next().unwrap()).0, 200, "{target}");
                links += 1;
            }
        }
    }
    assert!(links > 10, "only {links} links looked at");
}

// A new `base_url` in site.yaml moves the preview to its path with the next rebuild.
#[test]
fn a_new_base_url_moves_the_preview() {
    let t = SiteTest::fixture("other-city");
    let s = serve(&t, |_| {});
    assert_eq!(get_raw(s.addr(), "/minato/ja/").0, 200);
    t.edit("content/site.yaml", "https://example.org/minato/", "https://example.jp/fukushi/plan/");
    assert_eq!(s.changed(&["content/site.yaml"]), Outcome::Rebuilt);
    let (status, _, body) = get_raw(s.addr(), "/fukushi/plan/ja/");
    assert_eq!(status, 200);
    let canonical = format!("href=\"http://127.0.0.1:{}/fukushi/plan/ja/\"", s.addr().port());
    assert!(body.contains(&canonical), "{body}");
    assert_eq!(get_raw(s.addr(), "/minato/ja/").0, 404);
    assert!(get_raw(s.addr(), "/").1.contains("\r\nlocation: /fukushi/plan/\r\n"));
    assert!(s.log().contains("/fukushi/plan/"), "{}", s.log());
}

// With no memory for pages (`--page-memory 0`), the preview keeps every page it may on disk,
// in a file under the root's .plansite-cache/ that no folder names (it lives while the preview
// holds it open), and serves the very pages a preview with them all in memory serves; an edit
// reaches the page kept on disk; the file goes with the preview.
#[test]
fn pages_past_the_memory_budget_are_kept_on_disk_and_served_the_same() {
    let t = SiteTest::fixture("other-city");
    // This process's open files that are such a file of this root (Linux names them so).
    let cache = t.path(".plansite-cache").display().to_string();
    let held_open = || {
        std::fs::read_dir("/proc/self/fd")
            .unwrap()
            .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
            .filter(|target| {
                let target = target.display().to_string();
                target.starts_with(&format!("{cache}/preview-pages-")) && target.ends_with(" (deleted)")
            })
            .count()
    };
    let on_disk = serve(&t, |o| o.page_memory = 0);
    let in_memory = serve(&t, |_| {});
    assert_eq!(held_open(), 1, "only the preview without memory for pages has one");
    let left: Vec<_> = std::fs::read_dir(t.path(".plansite-cache")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!left.iter().any(|n| n.to_string_lossy().starts_with("preview-pages-")), "{left:?}");
    // The pages name the preview's own address (its port): the same once that is taken out.
    let same = |body: String, s: &Served| body.replace(&s.addr().to_string(), "ADDR");
    for page in
        ["/", "/ja/", "/en/", PAGE, "/en/cases/north-harbour-salon/", "/ja/cases/", "/ja/areas/north/", "/404.html"]
    {
        let (a, b) = (on_disk.get(page), in_memory.get(page));
        assert_eq!(a.0, b.0, "{page}");
        assert!(a.0 == 200 || page == "/404.html", "{page}: {}", a.0);
        assert_eq!(same(a.2, &on_disk), same(b.2, &in_memory), "{page}");
    }
    drop(in_memory);
    t.edit(CASE, "漁港のふれあいサロン", "港のサロン（改訂）");
    assert_eq!(on_disk.changed(&[CASE]), Outcome::Rebuilt);
    assert!(on_disk.get(PAGE).2.contains("港のサロン（改訂）"));
    assert!(on_disk.get("/ja/").2.contains("<html"), "an unchanged page is still served from disk");
    drop(on_disk);
    assert_eq!(held_open(), 0, "the file goes with the preview");
}

// A preview whose first build fails says so without claiming a last good build it never had;
// once one is good, a failure says the last good build is still shown.
#[test]
fn a_failed_first_build_does_not_claim_a_last_good_one() {
    let t = SiteTest::fixture("other-city");
    t.edit(CASE, "area: north", "area: nowhere");
    let s = serve(&t, |o| o.lang = plansite::diag::Lang::En);
    let log = s.log();
    assert!(log.contains("first build: the content has errors; the pages show once they are fixed"), "{log}");
    assert!(!log.contains("last good build"), "{log}");
    t.edit(CASE, "area: nowhere", "area: north");
    assert_eq!(s.changed(&[CASE]), Outcome::Rebuilt);
    t.edit(CASE, "area: north", "area: nowhere");
    assert_eq!(s.changed(&[CASE]), Outcome::Failed);
    assert!(s.log().contains("the content has errors; still showing the last good build"), "{}", s.log());
}
