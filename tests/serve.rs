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
    serve_on(t, extra, "127.0.0.1")
}

/// Starts a server process (`cmd`, listening on `port`), reading what it prints continuously.
fn start(mut cmd: Command, port: u16) -> Server {
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let (stderr, sink) = (child.stderr.take().unwrap(), log.clone());
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            sink.lock().unwrap().push_str(&format!("{line}\n"));
        }
    });
    Server { child, port, log }
}

/// `serve` reached at `host` (the address it is bound to).
fn serve_on(t: &SiteTest, extra: &[&str], host: &'static str) -> Server {
    let port = free_port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plansite"));
    cmd.args(["serve", "--root", t.root().to_str().unwrap(), "--port", &port.to_string()]).args(extra);
    let server = start(cmd, port);
    let ready = || ask(host, port, "GET /ja/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").0 == 200;
    wait_until("the server to start", || TcpStream::connect((host, port)).is_ok() && ready());
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
    ask("127.0.0.1", port, &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
}

/// Sends `request` as it is and reads the answer to the end: (status, headers in lower case,
/// body).
fn ask(host: &str, port: u16, request: &str) -> (u16, String, String) {
    let Ok(mut s) = TcpStream::connect((host, port)) else { return (0, String::new(), String::new()) };
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
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
    // Written with the site's own address (content/site.yaml), not the preview's.
    let base = "https://example.org/minato/";
    assert!(page().contains(&format!("<link rel=\"canonical\" href=\"{base}ja/cases/north-harbour-salon/\"")));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains(&format!("<loc>{base}ja/")) && !sitemap.contains("127.0.0.1"), "{sitemap}");
    // The preview's own pages keep the preview's address.
    let preview = get(server.port, "/ja/cases/north-harbour-salon/").2;
    assert!(preview.contains(&format!("href=\"http://127.0.0.1:{}/ja/cases/north-harbour-salon/\"", server.port)));
    t.edit(CASE, "漁港のふれあいサロン", "書き出しの確認");
    wait_until("the second index", || indexed(2));
    assert!(page().contains("書き出しの確認"));
    assert!(out.join("search/ja/meta.json").is_file());
    // Byte for byte what `build` writes from the same sources, after an incremental rebuild.
    let built = t.path("built");
    let done = t.build_with(&["--output", built.to_str().unwrap()]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let (written, expected) = (support::snapshot(&out), support::snapshot(&built));
    support::assert_same_files(support::files(&written), support::files(&expected), "serve --output and build");
}

/// The number of threads of a process (Linux).
fn threads(pid: u32) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status.lines().find_map(|l| l.strip_prefix("Threads:")).and_then(|n| n.trim().parse().ok()).unwrap()
}

/// Reads an answer's head (up to the blank line) from a connection left open.
fn read_head(s: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match s.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

// A preview left open all day: 1,000 idle connections (half never sent anything, half asked
// once and keep the connection) and 500 open event streams cost the server no thread each, and
// a page is still answered at once. Under the thread-per-connection server this was 1,500+
// threads (and about 190 tabs made it fail).
#[test]
fn idle_connections_and_streams_cost_no_thread() {
    let _ = rlimit::increase_nofile_limit(8192);
    let t = SiteTest::fixture("other-city");
    let server = serve(&t, &[]);
    let pid = server.child.id();
    let before = threads(pid);
    let connect = || {
        let s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s
    };
    let mut open = Vec::new();
    for _ in 0..500 {
        open.push(connect());
    }
    for _ in 0..500 {
        let mut s = connect();
        write!(s, "HEAD /ja/ HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        assert!(read_head(&mut s).starts_with("HTTP/1.1 200"));
        open.push(s);
    }
    let mut streams = Vec::new();
    for _ in 0..500 {
        let mut s = connect();
        write!(s, "GET /__plansite/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let head = read_head(&mut s);
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        streams.push(s);
    }
    let started = Instant::now();
    let (status, _, body) = get(server.port, "/ja/");
    let took = started.elapsed();
    println!("GET /ja/ with 1,000 idle connections and 500 event streams open: {:.1} ms", took.as_secs_f64() * 1000.0);
    assert_eq!(status, 200);
    assert!(body.contains("/__plansite/live.js"));
    // The issue asks for under 1 s; the bound here is generous so a loaded machine does not
    // fail it, and the figure is printed above.
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let during = threads(pid);
    println!("server threads: {before} before, {during} with 1,500 connections open");
    assert!(during <= before + 4, "threads grew from {before} to {during}");
    // Every stream is live: an edit reaches the last one opened.
    t.edit(CASE, "漁港のふれあいサロン", "多数の接続");
    let last = streams.last_mut().unwrap();
    last.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    while !seen.contains("event: reload") {
        let n = last.read(&mut buf).unwrap();
        assert!(n > 0, "the stream ended: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    drop(open);
    drop(streams);
}

/// Runs the preview in this process (`plansite::serve::run`, on a thread that lives as long as
/// the test process) with options `adjust` changes, and returns its port and what it logged.
fn serve_here(
    t: &SiteTest,
    adjust: impl FnOnce(&mut plansite::serve::ServeOptions),
) -> (u16, std::sync::Arc<std::sync::Mutex<String>>) {
    let mut options = plansite::serve::ServeOptions::for_root(t.root());
    options.port = 0;
    adjust(&mut options);
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = log.clone();
    std::thread::spawn(move || {
        let said = sink.clone();
        let result = plansite::serve::run(options, move |line| said.lock().unwrap().push_str(&format!("{line}\n")));
        sink.lock().unwrap().push_str(&format!("stopped: {result:?}\n"));
    });
    let mut port = 0;
    wait_until("the in-process server to start", || {
        let said = log.lock().unwrap();
        port = said
            .split("serving the preview at http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        port != 0
    });
    (port, log)
}

// Past the cap on connections, and past the cap on event streams, a request is answered at
// once with a plain 503 saying the preview is busy; once connections close, pages come back.
#[test]
fn connections_past_the_caps_get_a_plain_503() {
    let t = SiteTest::fixture("other-city");
    let (port, log) = serve_here(&t, |o| {
        o.max_connections = 8;
        o.max_event_streams = 2;
    });
    assert_eq!(get(port, "/ja/").0, 200);
    let mut streams = Vec::new();
    for _ in 0..2 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET /__plansite/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        assert!(read_head(&mut s).starts_with("HTTP/1.1 200"));
        streams.push(s);
    }
    let (status, head, body) = get(port, "/__plansite/events");
    assert_eq!(status, 503, "{head}");
    assert!(head.contains("content-type: text/plain; charset=utf-8"), "{head}");
    assert!(body.contains("busy") && body.contains("live-reload"), "{body}");
    // Two streams and six idle connections fill the eight places.
    let idle: Vec<TcpStream> = (0..6).map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
    let (status, head, body) = get(port, "/ja/");
    assert_eq!(status, 503, "{head}");
    assert!(head.contains("content-type: text/plain; charset=utf-8") && head.contains("retry-after"), "{head}");
    assert!(body.contains("the preview is busy"), "{body}");
    assert!(log.lock().unwrap().contains("answers more with 503"));
    drop(idle);
    wait_until("a place to be free again", || get(port, "/ja/").0 == 200);
    // A tab that goes away gives its stream's place back (at the latest at the next keep-alive).
    drop(streams);
    wait_until("a stream's place to be free again", || {
        let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else { return false };
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(s, "GET /__plansite/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        read_head(&mut s).starts_with("HTTP/1.1 200")
    });
}

// Started with a low soft limit on open files (1024 is common), the preview raises it to fit
// its connection cap, within the hard limit, or says how many connections it can take.
#[test]
fn a_low_open_file_limit_is_raised() {
    let t = SiteTest::fixture("other-city");
    let port = free_port();
    let mut cmd = Command::new("sh");
    cmd.args(["-c", "ulimit -S -n 512 && exec \"$0\" \"$@\""]).arg(env!("CARGO_BIN_EXE_plansite")).args([
        "serve",
        "--root",
        t.root().to_str().unwrap(),
        "--port",
        &port.to_string(),
    ]);
    let server = start(cmd, port);
    wait_until("the server to start", || server.log().contains("serving the preview"));
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", server.child.id())).unwrap();
    let soft: u64 = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(soft > 512, "the soft limit stayed at {soft}");
    assert!(soft >= 4096 || server.log().contains("may open only"), "{soft}: {}", server.log());
}

// Only GET and HEAD are answered; HEAD gives the head of GET without the body.
#[test]
fn only_get_and_head_are_answered() {
    let t = SiteTest::fixture("other-city");
    let server = serve(&t, &[]);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"] {
        let request =
            format!("{method} /ja/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        let (status, head, _) = ask("127.0.0.1", server.port, &request);
        assert_eq!(status, 405, "{method}: {head}");
        assert!(head.contains("\r\nallow: get, head\r\n"), "{method}: {head}");
    }
    let (status, _, body) = get(server.port, "/ja/");
    assert_eq!(status, 200);
    let head_request = |path: &str| {
        ask("127.0.0.1", server.port, &format!("HEAD {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
    };
    let (status, head, nothing) = head_request("/ja/");
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
    let t = SiteTest::fixture("other-city");
    let server = serve(&t, &["--allowed-host", "plan-preview.example"]);
    let port = server.port;
    let with_host = |path: &str, host: &str| {
        ask("127.0.0.1", port, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
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
        assert_eq!(with_host("/ja/", &host).0, 200, "{host}");
    }
    // No Host at all (HTTP/1.0 may omit it), and an absolute address naming another host.
    let (status, _, body) = ask("127.0.0.1", port, "GET /ja/ HTTP/1.0\r\n\r\n");
    assert_eq!(status, 400, "{body}");
    let (status, _, _) = ask("127.0.0.1", port, "GET /ja/ HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert!(status == 400 || status == 403, "{status}");
    let request = "GET http://evil.example/ja/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    assert_eq!(ask("127.0.0.1", port, request).0, 403);
}

// The trailing-slash redirect never leaves the origin, however the path is spelled.
#[test]
fn redirects_never_leave_the_origin() {
    let t = SiteTest::fixture("other-city");
    let server = serve(&t, &[]);
    for (path, location) in [
        ("//ja/overview", "/ja/overview/"),
        ("//ja/overview?x=1", "/ja/overview/?x=1"),
        ("///ja//overview", "/ja/overview/"),
        ("/%2F%2Fja/overview", "/ja/overview/"),
        ("/%2f/ja/overview?a=//evil.example", "/ja/overview/?a=//evil.example"),
        ("/./ja/overview", "/ja/overview/"),
    ] {
        let (status, head, _) = get(server.port, path);
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
        let (status, head, _) = get(server.port, path);
        assert_ne!(status, 0, "{path}: no answer");
        if let Some(location) = head.lines().find_map(|l| l.strip_prefix("location: ")) {
            let rest = location.strip_prefix('/').unwrap_or("/");
            assert!(!rest.starts_with(['/', '\\']) && !location.contains("://"), "{path} → {location}");
        }
        assert_ne!(status, 301, "{path}: {head}");
    }
}

// Bound to an IPv6 address, the preview prints (and builds with) a valid URL, in brackets;
// bound to every address, it prints a loopback one.
#[test]
fn ipv6_and_unspecified_binds_print_valid_urls() {
    let t = SiteTest::fixture("other-city");
    let server = serve_on(&t, &["--bind", "::1"], "::1");
    let url = format!("http://[::1]:{}/", server.port);
    wait_until("the address", || server.log().contains(&format!("serving the preview at {url} ")));
    let request = format!("GET /ja/overview/ HTTP/1.1\r\nHost: [::1]:{}\r\nConnection: close\r\n\r\n", server.port);
    let (status, _, body) = ask("::1", server.port, &request);
    assert_eq!(status, 200);
    assert!(body.contains(&format!("<link rel=\"canonical\" href=\"{url}ja/overview/\"")), "{body}");
    drop(server);
    let server = serve(&t, &["--bind", "0.0.0.0"]);
    let url = format!("http://127.0.0.1:{}/", server.port);
    wait_until("the address", || server.log().contains(&format!("serving the preview at {url} ")));
}
