//! Benchmark of the preview: the time from saving a one-word change in one case study to the
//! reload event reaching a connected client that shows that case study's page (as live.js says
//! it, so serve renders it ahead of the rest of the site), and to that client having the page
//! with the change, as `plansite serve` runs for an editor.
//!   cargo build --release && cargo run --release --example save_to_reload -- ROOT [RUNS] [GAP_MS] [PAGE_MB]
//! ROOT is a site root (it is edited: use a copy). GAP_MS is the pause between saves (default
//! 500: the search index, which waits for a quiet second, never runs; 2000: each save lands
//! while the index of the previous one is being made). PAGE_MB is given to serve as
//! `--page-memory` (default: serve's own). Prints each run, the median, serve's CPU time per save
//! (all its threads, steadier than wall times on a busy machine) and its peak memory.
#![allow(clippy::disallowed_macros)] // a measurement's or a test's own report, not the program's lines

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("usage: save_to_reload ROOT [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(9);
    let gap: u64 = args.next().and_then(|r| r.parse().ok()).unwrap_or(500);
    let page_memory: Option<String> = args.next();
    let exe = std::env::current_exe().expect("exe");
    let plansite = exe.parent().and_then(|p| p.parent()).expect("target dir").join("plansite");
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(&plansite)
        .args(["serve", "--root", root.to_str().unwrap(), "--port", &port.to_string()])
        .args(page_memory.iter().flat_map(|mb| ["--page-memory", mb.as_str()]))
        .stderr(Stdio::piped())
        .spawn()
        .expect("run plansite serve (build it first: cargo build --release)");
    let started = Instant::now();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let (log_tx, log_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = log_tx.send(line);
        }
    });
    loop {
        let line = log_rx.recv_timeout(Duration::from_secs(300)).expect("serve did not start");
        if line.contains("serving the preview") {
            break;
        }
    }
    println!("first build and start: {:.1} s", started.elapsed().as_secs_f64());
    // Let the first search index finish before measuring.
    loop {
        let line = log_rx.recv_timeout(Duration::from_secs(300)).expect("no search index");
        if line.contains("search index updated") {
            println!("{line}");
            break;
        }
    }
    let body = std::fs::read_dir(root.join("content/cases"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".ja.md"))
        .min()
        .expect("a case body");
    let slug = body.file_name().unwrap().to_string_lossy().trim_end_matches(".ja.md").to_string();
    let page = format!("/ja/cases/{slug}/");
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let shown = page.replace('/', "%2F");
    write!(s, "GET /__plansite/events?page={shown} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    // The answer's head comes once the server has subscribed this client.
    let mut events = BufReader::new(s);
    let mut line = String::new();
    while events.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
        line.clear();
    }
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in events.lines().map_while(Result::ok) {
            if line == "event: reload" {
                let _ = tx.send(Instant::now());
            }
        }
    });
    let original = std::fs::read_to_string(&body).unwrap();
    let cpu_before = cpu_seconds(child.id());
    let mut times = Vec::new();
    let mut with_page = Vec::new();
    let mut extra = 0;
    for run in 0..runs {
        while rx.try_recv().is_ok() {}
        let word = ["一語", "二語"][run % 2];
        let text = format!("{original}\n{word}\n");
        let t = Instant::now();
        std::fs::write(&body, text).unwrap();
        let got = rx.recv_timeout(Duration::from_secs(30)).expect("no reload");
        let ms = got.duration_since(t).as_secs_f64() * 1000.0;
        // As the tab does on the reload: the page, which must have the change.
        let html = get(port, &page);
        let loaded = t.elapsed().as_secs_f64() * 1000.0;
        assert!(html.contains(word), "the page has the change");
        // Wait for the whole rebuild (its log line), then count any further reload of the tab.
        let serve_said: Vec<String> = loop {
            let line = log_rx.recv_timeout(Duration::from_secs(30)).expect("no rebuild line");
            if line.contains("rendered anew") {
                break vec![line];
            }
        };
        std::thread::sleep(Duration::from_millis(50));
        extra += rx.try_iter().count();
        println!(
            "run {run}: {ms:.0} ms to the reload, {loaded:.0} ms to the page   [serve: {}]",
            serve_said.join("; ")
        );
        times.push(ms);
        with_page.push(loaded);
        std::thread::sleep(Duration::from_millis(gap));
    }
    // Serve's CPU time over the saves (all its threads): steadier than the wall times on a
    // busy machine, for comparing two binaries.
    if let (Some(before), Some(after)) = (cpu_before, cpu_seconds(child.id())) {
        println!("CPU of serve per save: {:.0} ms", (after - before) * 1000.0 / runs as f64);
    }
    std::fs::write(&body, original).unwrap();
    // The preview's peak resident memory, where the system tells (Linux).
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    if let Some(peak) = status.lines().find(|l| l.starts_with("VmHWM:")) {
        println!("peak of serve: {}", peak.trim_start_matches("VmHWM:").trim());
    }
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    with_page.sort_by(f64::total_cmp);
    println!("median save-to-reload: {:.0} ms over {runs} runs", times[times.len() / 2]);
    println!(
        "median save-to-page (the reload event, then the page with the change): {:.0} ms",
        with_page[with_page.len() / 2]
    );
    println!("reloads of the tab after the first, all runs: {extra}");
}

/// The body of a GET of `path` from the preview.
fn get(port: u16, path: &str) -> String {
    use std::io::Read;
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default()
}

/// The user and system CPU time of process `pid` so far, in seconds (Linux: `/proc/PID/stat`,
/// in clock ticks of 1/100 s).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name (which may hold spaces), from the third on.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    Some((ticks(11)? + ticks(12)?) as f64 / 100.0)
}
