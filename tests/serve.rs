//! `plansite serve` as an editor uses it: a real server process on a free port, a client on the
//! reload channel, files edited, saved atomically, broken and fixed; and requests that try to
//! leave the site.

mod support;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::SiteTest;

struct Server {
    child: Child,
    port: u16,
    /// What the server printed so far (read continuously, so its pipe never fills).
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn serve(t: &SiteTest, extra: &[&str]) -> Server {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(["serve", "--root", t.root().to_str().unwrap(), "--port", &port.to_string()])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let (stderr, sink) = (child.stderr.take().unwrap(), log.clone());
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            sink.lock().unwrap().push_str(&format!("{line}\n"));
        }
    });
    let server = Server { child, port, log };
    wait_until("the server to start", || TcpStream::connect(("127.0.0.1", port)).is_ok() && get(port, "/ja/").0 == 200);
    server
}

/// Polls `done` until it holds (20 s at most: then the test fails naming `what`).
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A raw GET: (status, headers in lower case, body).
fn get(port: u16, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

/// Connects to the reload channel; every event arrives on the receiver as "name: data". Returns
/// once the server has answered, that is, once it has subscribed this client.
fn events(port: u16) -> mpsc::Receiver<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET /__plansite/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
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

/// The next event called `name` whose data contains `about` (earlier ones are skipped).
fn next_event(rx: &mpsc::Receiver<String>, name: &str, about: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(e) if e.starts_with(&format!("{name}:")) && e.contains(about) => return e,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("no `{name}` event about {about:?}");
}

const CASE: &str = "content/cases/north-harbour-salon.yaml";
const PAGE: &str = "/ja/cases/north-harbour-salon/";

// Editing a case study pushes a reload and the page has the new text; an error shows an
// overlay while the last good page is still served; fixing it reloads the new page.
#[test]
fn edit_error_and_fix_reach_the_browser() {
    let t = SiteTest::fixture("other-city");
    let server = serve(&t, &[]);
    let rx = events(server.port);
    let (status, head, body) = get(server.port, PAGE);
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html; charset=utf-8"));
    assert!(body.contains("/__plansite/live.js"), "the live-reload script is injected");

    // The search index follows the first build: wait for it.
    wait_until("the search index", || get(server.port, "/search/ja/meta.json").0 == 200);

    // A page asked for without its trailing slash is redirected to it, so its relative links
    // work as on the published site.
    let (status, head, _) = get(server.port, "/ja/overview?x=1");
    assert_eq!(status, 301);
    assert!(head.contains("\r\nlocation: /ja/overview/?x=1\r\n"), "{head}");

    t.edit(CASE, "漁港のふれあいサロン", "港のサロン（改訂）");
    next_event(&rx, "reload", "north-harbour-salon.yaml");
    assert!(get(server.port, PAGE).2.contains("港のサロン（改訂）"));
    // Until the rebuilt index follows, the last one still answers searches.
    assert_eq!(get(server.port, "/search/ja/meta.json").0, 200);

    t.edit(CASE, "area: north", "area: nowhere");
    let error = next_event(&rx, "content-error", "");
    assert!(error.contains("content/cases/north-harbour-salon.yaml:") && error.contains("unknown-area"), "{error}");
    let (status, _, body) = get(server.port, PAGE);
    assert_eq!(status, 200);
    assert!(body.contains("港のサロン（改訂）"), "the last good page is still served");
    assert!(body.contains("plansite-error") && body.contains("nowhere"), "with the error over it");

    // The fix (with another change in the same save) brings the new page, without the overlay.
    let fixed = t.read(CASE).replace("area: nowhere", "area: north").replace("（改訂）", "（再改訂）");
    t.write(CASE, &fixed);
    next_event(&rx, "reload", "fixed");
    let body = get(server.port, PAGE).2;
    assert!(body.contains("港のサロン（再改訂）") && !body.contains("plansite-error"));
    // The preview writes nothing into the site root.
    assert!(!t.out().exists());
}

// An atomic save (write a temporary file, rename it over the original), as most editors and
// office programs do, is seen; a lock file and a swap file are not.
#[test]
fn atomic_saves_count_and_temporary_files_do_not() {
    let t = SiteTest::fixture("other-city");
    let server = serve(&t, &[]);
    let rx = events(server.port);
    t.write("content/cases/~$north.xlsx", "lock");
    t.write("content/cases/.north-harbour-salon.yaml.swp", "swap");
    assert!(rx.recv_timeout(Duration::from_millis(800)).is_err(), "temporary files trigger nothing");
    let text = t.read(CASE).replace("漁港のふれあいサロン", "原子的に保存");
    t.write("content/cases/.tmp-save", &text);
    std::fs::rename(t.path("content/cases/.tmp-save"), t.path(CASE)).unwrap();
    next_event(&rx, "reload", "north-harbour-salon.yaml");
    assert!(get(server.port, PAGE).2.contains("原子的に保存"));
    // Ten saves within a second: the server keeps up and ends on the last version.
    for n in 0..10 {
        t.write(CASE, &text.replace("原子的に保存", &format!("連続保存{n}")));
        std::thread::sleep(Duration::from_millis(90));
    }
    next_event(&rx, "reload", "north-harbour-salon.yaml");
    wait_until("the last of ten saves", || get(server.port, PAGE).2.contains("連続保存9"));
    // A new file, and a deleted one (each reload names its file, so a late reload of the burst
    // is not taken for theirs).
    t.write("content/cases/new-one.yaml", &text.replace("published: 2025-06-20", "published: 2026-02-01"));
    next_event(&rx, "reload", "new-one.yaml");
    assert_eq!(get(server.port, "/en/cases/new-one/").0, 200);
    std::fs::remove_file(t.path("content/cases/new-one.yaml")).unwrap();
    next_event(&rx, "reload", "new-one.yaml");
    assert_eq!(get(server.port, "/en/cases/new-one/").0, 404);
    // A new folder (a fiscal year's progress), renamed, then deleted.
    let settle =
        |page: &str, status: u16| wait_until(&format!("{page} → {status}"), || get(server.port, page).0 == status);
    support::copy_dir(&t.path("content/progress/2025"), &t.path("content/progress/2026"));
    settle("/ja/progress/2026/", 200);
    std::fs::rename(t.path("content/progress/2026"), t.path("content/progress/2027")).unwrap();
    settle("/ja/progress/2027/", 200);
    settle("/ja/progress/2026/", 404);
    std::fs::remove_dir_all(t.path("content/progress/2027")).unwrap();
    settle("/ja/progress/2027/", 404);
    assert_eq!(get(server.port, "/ja/progress/2025/").0, 200);
}

// Only files of the built site are served: everything that tries to leave it gets the 404 page.
#[test]
fn requests_outside_the_site_get_404_and_types_are_right() {
    let t = SiteTest::fixture("other-city");
    t.write("secret.txt", "do not serve");
    // A link from the content to a file outside the site root is not followed.
    std::os::unix::fs::symlink(t.path("secret.txt"), t.path("content/leak.png")).unwrap();
    for name in ["a.png", "a.jpg", "a.webp", "a.svg"] {
        t.write(&format!("content/images/{name}"), "x");
    }
    let server = serve(&t, &[]);
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
        "/nope/",
    ] {
        let (status, _, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("do not serve"));
        assert!(body.contains("id=\"nf-ja\""), "{path}: the site's 404 page");
    }
    // Media of the content are served with their types (the unit test in src/serve/http.rs
    // covers every type).
    wait_until("the search index", || get(server.port, "/search/ja/meta.json").0 == 200);
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
    ] {
        let (status, head, _) = get(server.port, path);
        assert_eq!(status, 200, "{path}");
        assert!(head.contains(&format!("content-type: {kind}")), "{path}: {head}");
    }
}

// A port already in use is explained, not a panic; binding beyond loopback warns.
#[test]
fn port_in_use_is_explained() {
    let t = SiteTest::fixture("other-city");
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(["serve", "--root", t.root().to_str().unwrap(), "--port", &port.to_string()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already in use") && stderr.contains("--port"), "{stderr}");
    let s = serve(&t, &["--bind", "0.0.0.0"]);
    wait_until("the bind warning", || s.log().contains("can be seen from the network"));
}

// With --output, each good build is also written there, search index included, exactly as
// `build` writes it (no live-reload script), once its index is made.
#[test]
fn output_is_written_with_its_index() {
    let t = SiteTest::fixture("other-city");
    let out = t.path("preview-out");
    let server = serve(&t, &["--output", out.to_str().unwrap()]);
    let indexed = |n: usize| server.log().matches("search index updated").count() >= n;
    wait_until("the first index", || indexed(1));
    let page = || std::fs::read_to_string(out.join("ja/cases/north-harbour-salon/index.html")).unwrap();
    assert!(page().contains("漁港のふれあいサロン") && !page().contains("__plansite"));
    assert!(out.join("search/ja/meta.json").is_file());
    t.edit(CASE, "漁港のふれあいサロン", "書き出しの確認");
    wait_until("the second index", || indexed(2));
    assert!(page().contains("書き出しの確認"));
    assert!(out.join("search/ja/meta.json").is_file());
}
