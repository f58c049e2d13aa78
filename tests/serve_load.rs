//! A preview left open all day: 1,000 idle connections (half never sent anything, half asked
//! once and keep the connection) and 500 open event streams cost the server no thread each,
//! and a page is still answered at once. Under the thread-per-connection server this was
//! 1,500+ threads (and about 190 tabs made it fail).
//!
//! The preview runs in this process (`plansite::serve::start`), alone in this test binary, so
//! the process's thread count is the preview's (plus the test harness's, which does not change
//! while the test runs).
#![allow(clippy::disallowed_macros)] // a measurement's or a test's own report, not the program's lines

mod support;
use plansite::serve::{Outcome, ServeOptions};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use support::read_head;

/// The number of threads of this process (Linux).
fn threads() -> usize {
    std::fs::read_dir("/proc/self/task").unwrap().count()
}

#[test]
fn idle_connections_and_streams_cost_no_thread() {
    // Both ends of 1,500 connections are in this process.
    let _ = rlimit::increase_nofile_limit(8192);
    let t = support::SiteTest::fixture("other-city");
    let mut options = ServeOptions::for_root(t.root());
    options.port = 0;
    options.watch = false;
    options.index_delay = Duration::ZERO;
    let preview = plansite::serve::start(options, |_| {}).expect("the preview starts");
    assert!(preview.wait_for_index(Duration::from_secs(5)));
    let addr = preview.addr();
    let connect = || {
        let s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s
    };
    // The fixture is published at https://example.org/minato/: the preview serves it there.
    let mut first = connect();
    write!(first, "HEAD /minato/ja/ HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    assert!(read_head(&mut first).starts_with("HTTP/1.1 200"));
    let before = threads();
    let mut open = vec![first];
    for _ in 0..500 {
        open.push(connect());
    }
    for _ in 0..499 {
        let mut s = connect();
        write!(s, "HEAD /minato/ja/ HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
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
    let mut page = connect();
    write!(page, "GET /minato/ja/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    page.read_to_string(&mut answer).unwrap();
    let took = started.elapsed();
    println!("GET /ja/ with 1,000 idle connections and 500 event streams open: {:.1} ms", took.as_secs_f64() * 1000.0);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("/__plansite/live.js"));
    // The issue asks for under 1 s; the bound here is generous so a loaded machine does not
    // fail it, and the figure is printed above.
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let during = threads();
    println!("threads: {before} before, {during} with 1,500 connections open");
    assert!(during <= before + 4, "threads grew from {before} to {during}");
    // Every stream is live: an edit reaches the last one opened.
    t.edit("content/cases/north-harbour-salon.yaml", "漁港のふれあいサロン", "多数の接続");
    assert_eq!(preview.changed(&["content/cases/north-harbour-salon.yaml"]), Outcome::Rebuilt);
    let last = streams.last_mut().unwrap();
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
